"""Search finds only what the public may see: one test for each kind of hidden item.

Each test first shows the item is found while visible, so that "not found" afterwards means hidden,
not merely unindexed.
"""

import datetime

import pytest
from django.test import Client

from forum import services as forum_services
from pages.models import Announcement, Page
from plans.models import Plan, Project
from search.engine import search
from search.models import SearchEntry
from staff.models import Person
from tests.forum_tests.conftest import make_clerk, make_member, start_topic
from tests.pages_tests.builders import announcement, attachment, gallery_image
from tests.places_tests.builders import Status as PlaceStatus
from tests.places_tests.builders import place
from tests.plans_tests.builders import build_plan
from tests.staff_tests.builders import small_organisation

# Indexing happens when a transaction commits, as on the real site: each test runs in autocommit mode.
pytestmark = pytest.mark.django_db(transaction=True)


def found(query, kind):
    entries = SearchEntry.objects.filter(pk__in=search(query).ids, kind=kind)
    return set(entries.values_list("object_id", flat=True))


def results_page(query):
    return Client().get("/search/", {"q": query}).content.decode()


class TestPages:
    def test_a_draft_page_is_not_found_and_appears_once_published(self):
        page = Page.objects.create(title="ระเบียบการใช้ห้องประชุม", slug="rules", status=Page.Status.DRAFT)
        assert found("ห้องประชุม", "page") == set()
        page.status = Page.Status.PUBLISHED
        page.save()
        assert found("ห้องประชุม", "page") == {page.pk}


class TestAnnouncements:
    def test_a_draft_is_not_found(self):
        item = announcement(title="รับสมัครอาสาสมัครดับเพลิง")
        assert found("ดับเพลิง", "announcement") == {item.pk}
        Announcement.objects.filter(pk=item.pk).update(status=Announcement.Status.DRAFT)
        assert found("ดับเพลิง", "announcement") == set()
        assert "รับสมัครอาสาสมัครดับเพลิง" not in results_page("ดับเพลิง")

    def test_a_scheduled_item_is_found_only_once_its_hour_has_come(self):
        item = announcement(title="ประกาศผลสอบคัดเลือกพนักงานจ้าง", days_ago=-1)
        assert found("ผลสอบ", "announcement") == set()
        Announcement.objects.filter(pk=item.pk).update(publish_at=item.publish_at - datetime.timedelta(days=2))
        assert found("ผลสอบ", "announcement") == {item.pk}

    def test_gallery_captions_and_attachment_titles_are_found_with_their_item(self):
        item = announcement(title="งานบุญประจำปี")
        gallery_image(item, caption="ขบวนแห่เทียนพรรษา")
        attachment(item, title="กำหนดการงานบุญ")
        assert found("แห่เทียน", "announcement") == {item.pk}
        assert found("กำหนดการ", "announcement") == {item.pk}

    def test_a_deleted_item_leaves_the_index(self):
        item = announcement(title="ปิดถนนชั่วคราว")
        item.delete()
        assert SearchEntry.objects.filter(kind="announcement").count() == 0


class TestPeople:
    def test_a_person_who_left_office_is_not_found(self):
        org = small_organisation()
        engineer = Person.objects.create(
            position=org["engineer"], unit=org["works"], title="นาย", first_name="วิศิษฐ์", last_name="ค้นพบง่าย"
        )
        assert found("ค้นพบง่าย", "person") == {engineer.pk}
        Person.objects.filter(pk=engineer.pk).update(is_active=False)  # as the admin action does
        assert found("ค้นพบง่าย", "person") == set()
        assert "ไม่พบผลการค้นหา" in results_page("ค้นพบง่าย")

    def test_people_of_a_hidden_unit_are_not_found(self):
        org = small_organisation()
        assert found("รองหนึ่ง", "person") == {org["deputy"].pk}
        org["executives"].is_active = False
        org["executives"].save()
        assert found("รองหนึ่ง", "person") == set()

    def test_a_renamed_position_is_found_by_its_new_title(self):
        org = small_organisation()
        org["engineer"].title = "นายช่างสำรวจ"
        org["engineer"].save()
        person = Person.objects.create(position=org["engineer"], unit=org["works"], first_name="สมหมาย")
        org["engineer"].title = "วิศวกรสำรวจ"
        org["engineer"].save()
        assert found("วิศวกรสำรวจ", "person") == {person.pk}


class TestPlanProjects:
    def test_projects_of_a_draft_plan_are_not_found(self):
        built = build_plan(2, status=Plan.Status.DRAFT)
        project = Project.objects.filter(strategy__plan=built.plan).first()
        word = project.name.split()[0]
        assert found(word, "plan_project") == set()
        built.plan.status = Plan.Status.IN_FORCE
        built.plan.save()
        assert project.pk in found(word, "plan_project")


class TestForumTopics:
    def test_a_hidden_post_is_not_found_but_its_topic_still_is_by_its_title(self, board):
        author = make_member("writer")
        topic = start_topic(board, author, title="ถามเรื่องรถขยะ", body="รถขยะมาวันไหน")
        reply = forum_services.post_reply(topic=topic, author=author, body="ขายที่ดินราคาถูก ติดต่อ 08x").post
        # Each post is found on its own, leading to its permalink.
        assert found("ขายที่ดิน", "forum_post") == {reply.pk}
        forum_services.post_hide(post=reply, moderator=make_clerk(), reason="โฆษณา")
        assert found("ขายที่ดิน", "forum_post") == set()
        # The topic still shows, once: as its opening post, which holds the word in its title and its text.
        opening = topic.posts.order_by("created_at", "pk").first()
        assert found("รถขยะ", "forum_post") == {opening.pk}
        assert found("รถขยะ", "forum_topic") == set()
        assert "ขายที่ดิน" not in results_page("รถขยะ")

    def test_a_topic_whose_title_alone_matches_shows_once_as_the_topic(self, board):
        author = make_member("writer")
        topic = start_topic(board, author, title="ถามเรื่องรถขยะ", body="มาวันไหนครับ", replies=3)
        assert found("รถขยะ", "forum_topic") == {topic.pk}
        assert found("รถขยะ", "forum_post") == set()
        assert results_page("รถขยะ").count('class="search-result"') == 1

    def test_a_topic_with_many_matching_posts_shows_once_as_its_best_post(self, board):
        author = make_member("writer")
        topic = start_topic(board, author, title="ถามเรื่องน้ำประปา", body="น้ำไม่ไหล")
        for number in range(5):
            forum_services.post_reply(topic=topic, author=author, body=f"ถนนหมู่ {number} ก็น้ำไม่ไหลเหมือนกัน")
        page = results_page("ไม่ไหล")
        assert page.count('class="search-result"') == 1
        assert "/forum/post/" in page

    def test_a_topic_whose_every_post_is_hidden_is_not_found(self, board):
        author = make_member("writer")
        topic = start_topic(board, author, title="กระทู้ก่อกวนทดสอบ", body="ข้อความก่อกวน")
        assert found("ก่อกวน", "forum_post") == {topic.posts.get().pk}
        forum_services.post_hide(post=topic.posts.get(), moderator=make_clerk(), reason="ก่อกวน")
        assert found("ก่อกวน", "forum_topic") == set()
        assert found("ก่อกวน", "forum_post") == set()


class TestPlaces:
    def test_a_draft_place_is_not_found_and_a_published_one_leads_to_its_entry_on_the_map_page(self):
        temple = place("วัดป่าเรไรทดสอบ", status=PlaceStatus.DRAFT)
        assert found("เรไร", "place") == set()
        temple.status = PlaceStatus.PUBLISHED
        temple.save()
        assert found("เรไร", "place") == {temple.pk}
        assert f'href="/map/#place-{temple.pk}"' in results_page("เรไร")


@pytest.fixture
def board(db):
    from forum.models import Board

    return Board.objects.create(title="ถาม-ตอบ", slug="questions", order=1)
