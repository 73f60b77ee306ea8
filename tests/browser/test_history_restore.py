"""A clerk undoes two mistakes in a real Chromium: the vision page overwritten today goes back to
yesterday's version, and an announcement deleted by mistake comes back from the recycle bin with its
gallery and its attachment."""

import datetime

import pytest
import reversion
from django.contrib.auth.models import User
from django.utils import timezone
from reversion.models import Version

from core.templatetags.thai_dates import thai_datetime
from pages.models import Page
from tests.conftest import screenshot
from tests.history_tests.conftest import CLERK_PASSWORD, make_clerk
from tests.pages_tests.builders import announcement, attachment, gallery_image

pytestmark = pytest.mark.browser

MISTAKE = "ข้อความทดลองที่พิมพ์ทับหน้าวิสัยทัศน์โดยไม่ตั้งใจ"


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", CLERK_PASSWORD)
    page.locator("#login-form input[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/")


def test_a_clerk_restores_yesterdays_vision_page_and_a_deleted_announcement(live_demo, new_page):
    clerk = make_clerk("history_clerk")
    boss = User.objects.create_superuser("director", password="x-unused-x-2569")

    # Yesterday's vision page, then today's mistake.
    vision = Page.objects.get(slug="vision-mission")
    yesterdays_body = vision.body
    yesterday = Version.objects.get_for_object(vision).first()
    yesterday.revision.date_created = timezone.now() - datetime.timedelta(days=1)
    yesterday.revision.save()
    vision.body = f"<p>{MISTAKE}</p>"
    vision.save()

    # An announcement with a gallery and an attachment, deleted by mistake.
    news = announcement(title="มอบทุนการศึกษาเด็กนักเรียนตำบล", days_ago=2)
    gallery_image(news, order=1, caption="พิธีมอบทุน")
    gallery_image(news, order=2, caption="ถ่ายภาพร่วมกัน")
    attachment(news, name="รายชื่อผู้ได้รับทุน.pdf", title="รายชื่อผู้ได้รับทุน")
    news_url = news.get_absolute_url()
    with reversion.create_revision():
        reversion.set_user(boss)
        news.delete()

    page = new_page(1366, 900)
    log_in(page, live_demo.url, clerk.username)

    # The vision page's history: yesterday's version, compared with today's, then restored.
    page.goto(f"{live_demo.url}/admin/pages/page/{vision.pk}/change/")
    page.locator("a.historylink").click()
    page.wait_for_load_state()
    assert "/admin/history/contentversion/" in page.url
    row = page.locator("#result_list tbody tr", has_text=thai_datetime(yesterday.revision.date_created))
    row.get_by_role("link", name="เทียบกับฉบับปัจจุบัน").click()
    page.wait_for_load_state()
    assert page.locator(".history-diff ins", has_text=MISTAKE).count() == 1
    screenshot(page, "history-compare-vision")
    page.get_by_role("link", name="กู้คืนฉบับนี้").click()
    page.locator("input[name=restore]").click()
    page.wait_for_selector(".messagelist .success")
    assert "กู้คืน" in page.locator(".messagelist .success").inner_text()

    public = new_page(360, 800)
    public.goto(live_demo.url + vision.get_absolute_url())
    assert MISTAKE not in public.content()
    assert public.locator(".rich-text").inner_text().strip() != ""
    vision.refresh_from_db()
    assert vision.body == yesterdays_body

    # The recycle bin: the announcement, deleted by the director, restored with its gallery and attachment.
    page.goto(live_demo.url + "/admin/")
    page.get_by_role("link", name="ถังขยะ (กู้คืนรายการที่ลบ)").click()
    page.wait_for_load_state()
    row = page.locator("#result_list tbody tr", has_text="มอบทุนการศึกษาเด็กนักเรียนตำบล")
    assert "director" in row.inner_text()
    screenshot(page, "history-recycle-bin")
    row.get_by_role("link", name="กู้คืน").click()
    page.locator("input[name=restore]").click()
    page.wait_for_selector(".messagelist .success")

    response = public.goto(live_demo.url + news_url)
    assert response.status == 200
    assert public.locator(".gallery__item").count() == 2
    link = public.locator(".attachments a", has_text="รายชื่อผู้ได้รับทุน").first
    assert public.request.get(live_demo.url + link.get_attribute("href")).status == 200
    images = public.locator(".gallery__item img")
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
    public.wait_for_load_state("networkidle")
    assert all(images.nth(i).evaluate("img => img.naturalWidth > 0") for i in range(images.count()))
    screenshot(public, "history-restored-announcement")
