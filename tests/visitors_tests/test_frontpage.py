"""The home page leads somewhere: banners between their dates, in the clerks' order, and the quick links."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_images import scene_jpeg
from frontpage.models import Banner, QuickLink

pytestmark = pytest.mark.django_db


def banner(title, *, starts=None, ends=None, order=0):
    now = timezone.now()
    item = Banner(
        title=title,
        alt=f"ภาพ {title}",
        link="/faq/",
        order=order,
        starts_at=now + datetime.timedelta(days=starts) if starts is not None else None,
        ends_at=now + datetime.timedelta(days=ends) if ends is not None else None,
    )
    item.image.save(f"{title}.jpg", ContentFile(scene_jpeg("outdoor", 1)), save=False)
    item.save()
    return item


def test_banners_show_between_their_dates_in_order_with_their_alt_text(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        banner("second", order=2, starts=-1, ends=1)
        banner("first", order=1)
        banner("future", starts=1)
        banner("past", starts=-5, ends=-1)
    content = client.get("/").content.decode()
    assert content.index(">first<") < content.index(">second<")
    assert ">future<" not in content and ">past<" not in content
    assert 'alt="ภาพ first"' in content


def test_quick_links_show_with_the_projects_icons(client):
    QuickLink.objects.create(title="ติดต่อเรา", url="/organisation/contact/", icon=QuickLink.Icon.CONTACT)
    QuickLink.objects.create(title="ซ่อน", url="/faq/", is_visible=False)
    content = client.get("/").content.decode()
    assert 'quick-links.svg#icon-contact"' in content
    assert "ซ่อน" not in content


def test_a_link_must_lead_to_this_site_or_the_web():
    with pytest.raises(ValidationError) as error:
        QuickLink(title="x", url="javascript:alert(1)").clean()
    assert error.value.error_dict["url"][0].code == "invalid_link"
