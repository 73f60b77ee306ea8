"""A deleted item goes to the recycle bin for 30 days with its gallery and attachments, files kept in
storage, and comes back under its old link; the purge command empties entries older than that."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from history.models import DeletedItem
from history.versioning import RestoreRefused, restore_deleted
from pages.models import Announcement, Page
from tests.pages_tests.builders import announcement, attachment, gallery_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def news():
    item = announcement(title="งานลอยกระทง", cover=True)
    photos = [gallery_image(item, order=n, caption=f"ภาพที่ {n}") for n in (1, 2)]
    file = attachment(item, title="กำหนดการ")
    return item, photos, file


def test_deleting_an_announcement_puts_it_in_the_bin_with_its_gallery_and_attachments(news):
    item, photos, file = news
    item.delete()
    entry = DeletedItem.objects.get()
    assert (entry.title, entry.child_count) == ("งานลอยกระทง", 3)
    assert entry.purge_after - entry.deleted_at == datetime.timedelta(days=30)
    for stored in [item.cover_image, *(p.image for p in photos), file.file]:
        assert stored.storage.exists(stored.name), "files stay in storage while the item is in the bin"


def test_restoring_brings_the_item_back_under_its_old_link_with_its_gallery_and_files(news, history_clerk):
    item, photos, file = news
    pk, url = item.pk, item.get_absolute_url()
    item.delete()
    restored = restore_deleted(entry=DeletedItem.objects.get(), user=history_clerk)
    assert (restored.pk, restored.get_absolute_url()) == (pk, url)
    assert sorted(restored.gallery.values_list("caption", flat=True)) == ["ภาพที่ 1", "ภาพที่ 2"]
    assert list(restored.attachments.values_list("title", flat=True)) == ["กำหนดการ"]
    assert restored.gallery.first().image.storage.exists(restored.gallery.first().image.name)
    assert not DeletedItem.objects.exists()


def test_a_restore_whose_link_was_taken_meanwhile_is_refused_in_thai(history_clerk):
    page = Page.objects.create(title="ประวัติ", slug="history", status=Page.Status.PUBLISHED)
    page.delete()
    Page.objects.create(title="ประวัติ (ใหม่)", slug="history", status=Page.Status.PUBLISHED)
    with pytest.raises(RestoreRefused) as refused:
        restore_deleted(entry=DeletedItem.objects.get(), user=history_clerk)
    assert refused.value.code == "restore_conflict" and "กรุณา" in refused.value.message
    assert DeletedItem.objects.count() == 1, "the entry stays in the bin"


def test_the_purge_removes_entries_older_than_thirty_days_and_their_files_only(news):
    item, photos, file = news
    kept = announcement(title="ข่าวที่ลบเมื่อวาน")
    item.delete()
    kept.delete()
    old = DeletedItem.objects.get(title="งานลอยกระทง")
    old.deleted_at = timezone.now() - datetime.timedelta(days=31)
    old.save()
    call_command("purge_recycle_bin", stdout=io.StringIO())
    assert list(DeletedItem.objects.values_list("title", flat=True)) == ["ข่าวที่ลบเมื่อวาน"]
    assert not photos[0].image.storage.exists(photos[0].image.name)
    assert not file.file.storage.exists(file.file.name)


def test_a_deleted_announcement_is_no_longer_public_until_restored(news, client, history_clerk):
    item, _, _ = news
    pk, url = item.pk, item.get_absolute_url()
    item.delete()
    assert client.get(url).status_code == 404
    restore_deleted(entry=DeletedItem.objects.get(), user=history_clerk)
    assert client.get(url).status_code == 200
    assert Announcement.objects.filter(pk=pk).exists()
