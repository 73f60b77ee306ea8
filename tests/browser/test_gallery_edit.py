"""A clerk corrects the title of an announcement that has a cover and a gallery, in a real Chromium, and saves:
the admin says it is saved (it used to answer HTTP 500, issue 15), the new title is on the public page, and
the cover, every gallery picture and every attachment are the same files as before."""

import pytest
from django.core.files.storage import default_storage

from pages.models import Announcement
from tests.pages_tests.builders import clerk

pytestmark = pytest.mark.browser

PASSWORD = "clerk-password-2569"  # tests.pages_tests.builders.clerk's password
OLD_TITLE = "ปลูกต้นไม้ริมแม่น้ำน่าน เฉลิมพระเกียรติ"
NEW_TITLE = "ปลูกต้นไม้ริมแม่น้ำน่าน เฉลิมพระเกียรติ ปี ๒๕๖๙"


def stored_files(item):
    return {
        "cover": (item.cover_image.name, item.cover_width, item.cover_height),
        "gallery": [
            (image.image.name, image.width, image.height, image.alt, image.caption, image.order)
            for image in item.gallery.all()
        ],
        "attachments": [
            (attachment.file.name, attachment.title, attachment.file_size) for attachment in item.attachments.all()
        ],
    }


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form input[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/")


def test_a_clerk_renames_an_announcement_with_a_gallery_and_its_pictures_stay(live_demo, new_page):
    clerk("gallery-clerk")
    item = Announcement.objects.get(title=OLD_TITLE)
    before = stored_files(item)
    assert before["cover"][0] and len(before["gallery"]) >= 2

    page = new_page(1366, 900)
    log_in(page, live_demo.url, "gallery-clerk")
    page.goto(f"{live_demo.url}/admin/pages/announcement/{item.pk}/change/")
    assert page.locator(".inline-group").first.locator("img").count() >= len(before["gallery"])
    page.fill("#id_title", NEW_TITLE)
    with page.expect_navigation() as navigation:
        page.locator("input[name=_save]").last.click()
    assert navigation.value.status == 200  # after the admin's redirect, not an error page
    assert page.url.endswith("/admin/pages/announcement/")
    assert NEW_TITLE in page.locator(".messagelist .success").inner_text()
    assert page.console_errors == []

    item.refresh_from_db()
    assert item.title == NEW_TITLE
    assert stored_files(item) == before
    names = (
        [before["cover"][0]] + [image[0] for image in before["gallery"]] + [file[0] for file in before["attachments"]]
    )
    assert all(default_storage.exists(name) for name in names)

    page.goto(live_demo.url + item.get_absolute_url())
    assert page.locator("h1").inner_text() == NEW_TITLE
    assert page.locator(".gallery__link img").count() == len(before["gallery"])
