"""Standing pages a clerk adds sit in a section of the menu, in the clerk's order."""

import pytest
from django.test import Client

from core.models import MenuItem
from pages.models import Page

pytestmark = pytest.mark.django_db


def section_with_pages(count, title="ข้อมูลทั่วไป"):
    section = MenuItem.objects.create(title=title, url="/pages/about/", order=1)
    pages = [
        Page.objects.create(
            title=f"หน้าที่ {number}",
            slug=f"about-{number}",
            section=section,
            order=count - number,
            status=Page.Status.PUBLISHED,
            body="<p>เนื้อหา</p>",
        )  # fmt: skip
        for number in range(count)
    ]
    return section, pages


def test_a_page_of_a_section_links_to_its_neighbours_in_the_clerks_order_and_shows_the_section_in_breadcrumbs():
    section, pages = section_with_pages(3)
    Page.objects.create(title="ร่างในหมวด", slug="draft-1", section=section, status=Page.Status.DRAFT)
    body = Client().get("/pages/about-0/").content.decode()
    nav = body[body.index('class="section-pages"') :]
    assert nav.index("หน้าที่ 2") < nav.index("หน้าที่ 1") < nav.index("หน้าที่ 0")  # order 0, 1, 2
    assert '<span aria-current="page">หน้าที่ 0</span>' in nav
    assert "ร่างในหมวด" not in body
    crumbs = body[body.index('class="breadcrumbs"') :]
    assert crumbs.index("ข้อมูลทั่วไป") < crumbs.index("หน้าที่ 0")


def test_the_site_map_lists_each_page_under_its_section():
    section_with_pages(2)
    Page.objects.create(title="หน้าลอย", slug="loose", status=Page.Status.PUBLISHED)
    body = Client().get("/sitemap/").content.decode()
    assert body.index("ข้อมูลทั่วไป") < body.index("หน้าที่ 1") < body.index("หน้าที่ 0") < body.index("หน้าเนื้อหาอื่น")
    assert body.index("หน้าเนื้อหาอื่น") < body.index("หน้าลอย")


@pytest.mark.parametrize("count", [2, 12])
def test_a_section_page_runs_the_same_queries_however_many_pages_the_section_holds(count, django_assert_num_queries):
    section_with_pages(count)
    Client().get("/pages/about-0/")  # warm the site profile and menu
    with django_assert_num_queries(4):
        assert Client().get("/pages/about-0/").status_code == 200


def test_a_page_with_a_cover_shares_its_cover_as_the_open_graph_image():
    from tests.pages_tests.builders import png_upload

    page = Page(title="ประวัติ", slug="history", status=Page.Status.PUBLISHED, cover_alt="ภาพเก่า")
    page.cover_image = png_upload("old.png", size=(900, 500))
    page.save()
    body = Client().get("/pages/history/").content.decode()
    assert '<meta property="og:image" content="http://testserver/media/renditions/pages/old' in body
