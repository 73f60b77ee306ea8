"""The pager of every list (news, the board, search, documents): numbered links that keep the list's other
query parameters, and nothing at all for a list of one page."""

import re

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

PAGER = Template('{% load site_tags %}{% pager page_obj label="เลือกหน้าข่าว" count_label="เรื่อง" %}')


def pager_for(items, per_page, number, query=""):
    request = RequestFactory().get(f"/news/?{query}")
    page_obj = Paginator(range(items), per_page).get_page(number)
    return PAGER.render(Context({"request": request, "page_obj": page_obj}))


def test_a_list_of_one_page_has_no_pager():
    assert pager_for(items=7, per_page=10, number=1) == ""


def test_a_longer_list_links_its_pages_and_keeps_the_other_parameters():
    html = pager_for(items=95, per_page=10, number=5, query="q=%E0%B8%96%E0%B8%99%E0%B8%99&kind=news&page=5")
    assert 'aria-label="เลือกหน้าข่าว"' in html
    assert "หน้า 5 จาก 10 (ทั้งหมด 95 เรื่อง)" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert all("q=%E0%B8%96%E0%B8%99%E0%B8%99" in link and "kind=news" in link for link in links)
    numbers = [re.search(r"page=(\d+)", link).group(1) for link in links]
    assert numbers == ["4", "1", "4", "6", "10", "6"]  # previous, the first, the neighbours, the last, next
    assert '<span class="pager__link is-current" aria-current="page">5</span>' in html
    assert html.count('<span class="pager__gap">…</span>') == 2


def test_the_first_page_has_no_link_back_and_the_last_none_forward():
    first, last = pager_for(items=30, per_page=10, number=1), pager_for(items=30, per_page=10, number=3)
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_what_a_visitor_typed_in_the_address_stays_inert_in_the_links():
    html = pager_for(items=30, per_page=10, number=1, query='q=<script>alert("x")</script>&page=1')
    assert "<script>" not in html and "%3Cscript%3E" in html


def test_numbers_show_as_the_templates_show_them(settings):
    assert "(ทั้งหมด 12345 เรื่อง)" in pager_for(items=12345, per_page=10, number=1)
    settings.USE_THOUSAND_SEPARATOR = True
    html = pager_for(items=12345, per_page=10, number=1)
    assert "(ทั้งหมด 12,345 เรื่อง)" in html and "จาก 1,235" in html
