"""Every save of a tracked item keeps a version; a clerk sees who changed what when, compares two versions
and restores one, gallery and attachments included."""

import datetime

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from reversion.models import Version

from core.models import SiteProfile
from history.versioning import restore_version
from pages.models import Page
from search.models import SearchEntry
from staff.models import Person
from tests.core_tests.admin_forms import form_data
from tests.pages_tests.builders import announcement, attachment, gallery_image

pytestmark = pytest.mark.django_db


def versions_of(item):
    return Version.objects.get_for_object(item).select_related("revision")


def test_a_save_outside_the_admin_keeps_a_version():
    page = Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>ฉบับแรก</p>", status=Page.Status.PUBLISHED)
    page.body = "<p>ฉบับที่สอง</p>"
    page.save()
    assert [v.field_dict["body"] for v in versions_of(page)] == ["<p>ฉบับที่สอง</p>", "<p>ฉบับแรก</p>"]


@pytest.mark.parametrize("label", ["staff.Person", "core.SiteProfile", "plans.Project"])
def test_people_projects_and_the_profile_are_tracked(label):
    from django.apps import apps

    assert reversion.is_registered(apps.get_model(label))


def test_the_organisation_profile_keeps_versions():
    profile = SiteProfile.objects.create(name="องค์การบริหารส่วนตำบลทดสอบ", short_name="อบต.ทดสอบ")
    profile.phone = "055-000000"
    profile.save()
    assert versions_of(profile).count() == 2


def test_a_change_in_the_admin_is_one_version_with_the_clerks_name_and_what_changed(history_clerk, client):
    page = Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>เดิม</p>", status=Page.Status.PUBLISHED)
    client.force_login(history_clerk)
    change = f"/admin/pages/page/{page.pk}/change/"
    data = form_data(client.get(change))
    data["body"] = "<p>ใหม่</p>"
    assert client.post(change, data).status_code == 302
    latest = versions_of(page).first()
    assert latest.revision.user == history_clerk
    assert latest.field_dict["body"] == "<p>ใหม่</p>"
    assert latest.revision.get_comment()  # the admin's own words, e.g. "เปลี่ยนแปลง เนื้อหา"


def test_restoring_yesterdays_version_of_a_page_brings_its_text_back_and_is_itself_a_version(history_clerk):
    page = Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>ของเมื่อวาน</p>", status=Page.Status.PUBLISHED)
    yesterday = versions_of(page).first()
    yesterday.revision.date_created = timezone.now() - datetime.timedelta(days=1)
    yesterday.revision.save()
    page.body = "<p>เขียนทับโดยไม่ตั้งใจ</p>"
    page.save()
    restore_version(version=yesterday, user=history_clerk)
    page.refresh_from_db()
    assert page.body == "<p>ของเมื่อวาน</p>"
    assert versions_of(page).count() == 3
    assert versions_of(page).first().revision.user == history_clerk


def test_restoring_an_announcements_version_brings_back_its_gallery_and_attachments(history_clerk):
    item = announcement(title="งานวันเด็ก")
    photo = gallery_image(item, order=1, caption="เด็กเล่นเกม")
    file = attachment(item, title="กำหนดการ")
    complete = versions_of(item).first()
    assert {v.object_repr for v in complete.revision.version_set.all()} >= {str(photo), str(file)}
    photo_pk, file_pk = photo.pk, file.pk
    photo.delete()
    file.delete()
    item.title = "งานวันเด็ก (แก้ไข)"
    item.save()
    restore_version(version=complete, user=history_clerk)
    item.refresh_from_db()
    assert item.title == "งานวันเด็ก"
    assert list(item.gallery.values_list("pk", "caption")) == [(photo_pk, "เด็กเล่นเกม")]
    assert list(item.attachments.values_list("pk", flat=True)) == [file_pk]


def test_restoring_an_older_version_removes_gallery_images_added_since(history_clerk):
    item = announcement(title="ประชุมประชาคม")
    before = versions_of(item).first()
    gallery_image(item, order=1)
    restore_version(version=before, user=history_clerk)
    assert item.gallery.count() == 0


def test_a_restored_item_is_indexed_again(history_clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.create(title="ข้อมูลทั่วไป", slug="general", body="<p>แม่น้ำน่าน</p>", status="published")
    first = versions_of(page).first()
    with django_capture_on_commit_callbacks(execute=True):
        page.body = "<p>ข้อความอื่น</p>"
        page.save()
    with django_capture_on_commit_callbacks(execute=True):
        restore_version(version=first, user=history_clerk)
    assert "แม่น้ำน่าน" in SearchEntry.objects.get(kind="page", object_id=page.pk).text


class TestTheAdminPages:
    def test_the_history_button_of_a_page_lists_its_versions_with_who_and_when(self, history_clerk, client):
        page = Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>ก</p>", status=Page.Status.PUBLISHED)
        client.force_login(history_clerk)
        response = client.get(f"/admin/pages/page/{page.pk}/history/", follow=True)
        assert response.status_code == 200
        ct = ContentType.objects.get_for_model(Page)
        assert response.redirect_chain[-1][0].endswith(f"?content_type__id__exact={ct.pk}&object_id={page.pk}")
        assert "วิสัยทัศน์" in response.content.decode()

    def test_the_compare_page_shows_the_words_removed_and_added(self, history_clerk, client):
        page = Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>ตำบลน่าอยู่</p>", status="published")
        first = versions_of(page).first()
        page.body = "<p>ตำบลสะอาด</p>"
        page.save()
        second = versions_of(page).first()
        client.force_login(history_clerk)
        body = client.get(f"/admin/history/contentversion/{first.pk}/compare/", {"with": second.pk}).content.decode()
        assert "<del>ตำบลน่าอยู่</del>" in body and "<ins>ตำบลสะอาด</ins>" in body
        assert "กู้คืนฉบับนี้" in body

    def test_a_clerk_restores_a_version_by_posting_the_confirmation(self, history_clerk, client):
        fields = _person_fields()
        person = Person.objects.create(**fields)
        first = versions_of(person).first()
        person.first_name = "ชื่อผิด"
        person.save()
        client.force_login(history_clerk)
        url = f"/admin/history/contentversion/{first.pk}/restore/"
        assert "ยืนยันการกู้คืน" in client.get(url).content.decode()
        assert client.post(url).status_code == 302
        person.refresh_from_db()
        assert person.first_name == fields["first_name"]


def _person_fields():
    from staff.models import Unit

    unit = Unit.objects.create(slug="office", name="สำนักปลัด", side=Unit.Side.PERMANENT, kind=Unit.Kind.OTHER)
    return {"unit": unit, "first_name": "สมชาย", "last_name": "ใจดี", "title": "นาย"}
