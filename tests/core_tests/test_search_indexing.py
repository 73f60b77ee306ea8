"""The search index is updated once per changed item, after the transaction commits.

An announcement saved through the admin with its gallery and files, or a reply that updates its topic's
counters, is indexed once; a save whose update_fields touch nothing searchable is not indexed at all.
"""

from collections import Counter

import pytest
from django.db import transaction

from forum import services as forum_services
from search import registry
from search.models import SearchEntry
from tests.core_tests.admin_forms import form_data
from tests.forum_tests.conftest import make_member, start_topic
from tests.pages_tests.builders import announcement, gallery_image

# Indexing waits for a real commit: these tests run in autocommit mode, as the site does.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def indexed(monkeypatch):
    """Counts index_object calls per (kind, pk): a spy on our own function, the database stays real."""
    counts = Counter()
    original = registry.index_object

    def counting(kind, obj):
        counts[(kind.kind, obj.pk)] += 1
        return original(kind, obj)

    monkeypatch.setattr(registry, "index_object", counting)
    return counts


def test_an_announcement_saved_with_its_gallery_in_one_transaction_is_indexed_once(indexed):
    with transaction.atomic():
        item = announcement(title="งานวันเด็กแห่งชาติ")
        for order in (1, 2, 3):
            gallery_image(item, order=order, caption=f"ภาพที่ {order}")
        item.title = "งานวันเด็กแห่งชาติ 2569"
        item.save()
        assert indexed == Counter(), "nothing is indexed before the commit"
    assert indexed == Counter({("announcement", item.pk): 1})
    assert SearchEntry.objects.get(kind="announcement", object_id=item.pk).title == "งานวันเด็กแห่งชาติ 2569"


def test_saving_an_announcement_through_the_admin_indexes_it_once(indexed, admin_client):
    item = announcement(title="ประชุมประชาคมหมู่บ้าน")
    gallery_image(item, order=1)
    indexed.clear()
    change = f"/admin/pages/announcement/{item.pk}/change/"
    data = form_data(admin_client.get(change))
    data["title"] = "ประชุมประชาคมหมู่บ้าน ครั้งที่ 2"
    response = admin_client.post(change, data)
    assert response.status_code == 302
    assert indexed == Counter({("announcement", item.pk): 1})


def test_a_forum_reply_indexes_the_new_post_only_not_its_topic(indexed):
    member = make_member("member")
    topic = start_topic(_board(), member, replies=2)
    indexed.clear()
    before = SearchEntry.objects.count()
    reply = forum_services.post_reply(topic=topic, author=member, body="คำตอบเรื่องถนนลูกรังหมู่ 6").post
    assert indexed == Counter({("forum_post", reply.pk): 1})
    assert SearchEntry.objects.count() == before + 1
    entry = SearchEntry.objects.get(kind="forum_post", object_id=reply.pk)
    assert (entry.title, entry.text, entry.url) == (topic.title, "คำตอบเรื่องถนนลูกรังหมู่ 6", f"/forum/post/{reply.pk}/")
    assert "ถนนลูกรัง" not in SearchEntry.objects.get(kind="forum_topic", object_id=topic.pk).text


def test_renaming_a_topic_renames_the_documents_of_its_posts(indexed):
    member = make_member("member")
    topic = start_topic(_board(), member, title="ชื่อเดิม", replies=2)
    indexed.clear()
    topic.title = "ชื่อใหม่ของกระทู้"
    topic.save()
    posts = set(topic.posts.values_list("pk", flat=True))
    assert indexed == Counter({("forum_topic", topic.pk): 1, **{("forum_post", pk): 1 for pk in posts}})
    assert set(SearchEntry.objects.filter(kind="forum_post", object_id__in=posts).values_list("title", flat=True)) == {
        "ชื่อใหม่ของกระทู้"
    }


def test_a_save_that_touches_nothing_searchable_is_not_indexed(indexed):
    item = announcement(title="ข่าวปักหมุด")
    indexed.clear()
    item.is_pinned = True
    item.save(update_fields=["is_pinned"])
    assert indexed == Counter()


def test_a_rolled_back_save_leaves_the_index_as_it_was(indexed):
    item = announcement(title="ข่าวเดิม")
    with pytest.raises(RuntimeError), transaction.atomic():
        item.title = "ข่าวที่ไม่ได้บันทึก"
        item.save()
        raise RuntimeError
    assert SearchEntry.objects.get(kind="announcement", object_id=item.pk).title == "ข่าวเดิม"


def _board():
    from forum.models import Board

    return Board.objects.create(title="ถาม-ตอบ", slug="questions", order=1)
