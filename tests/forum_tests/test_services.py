"""Counters are written in one place and always match the posts; moderation and posting rules hold."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from forum import services
from forum.models import Board, Post, Topic
from forum.services import ForumRefusal, PostingTooFast

from .conftest import make_member, start_topic


def assert_counters_match_posts(topic):
    topic.refresh_from_db()
    visible = list(Post.objects.published().filter(topic=topic).order_by("created_at", "pk"))
    first = Post.objects.filter(topic=topic).order_by("created_at", "pk").first()
    assert topic.post_count == len(visible)
    assert topic.reply_count == len([p for p in visible if p.pk != first.pk])
    assert topic.last_post == (visible[-1] if visible else None)
    assert topic.last_post_at == (visible[-1].created_at if visible else None)
    assert topic.last_post_author == (visible[-1].author if visible else None)
    board = Board.objects.get(pk=topic.board_id)
    board_topics = Topic.objects.filter(board=board)
    assert board.topic_count == board_topics.published().count()
    assert board.post_count == Post.objects.published().filter(topic__board=board).count()


class TestCounters:
    def test_a_new_topic_counts_its_opening_post_but_no_reply(self, board, member):
        topic = start_topic(board, member)
        assert (topic.post_count, topic.reply_count) == (1, 0)
        assert topic.last_post_author == member
        assert_counters_match_posts(topic)

    def test_replies_move_the_last_post_and_the_counts(self, board, member, other_member):
        topic = start_topic(board, member, replies=3, repliers=[other_member])
        assert (topic.post_count, topic.reply_count) == (4, 3)
        assert topic.last_post_author == other_member
        assert_counters_match_posts(topic)

    def test_hiding_and_restoring_a_post_recounts(self, topic, clerk):
        last = topic.last_post
        services.post_hide(post=last, moderator=clerk, reason="ข้อความซ้ำ")
        topic.refresh_from_db()
        assert topic.reply_count == 1 and topic.last_post != last
        assert_counters_match_posts(topic)
        services.post_restore(post=last, moderator=clerk)
        topic.refresh_from_db()
        assert topic.reply_count == 2 and topic.last_post == last
        assert_counters_match_posts(topic)

    def test_a_topic_whose_every_post_is_hidden_leaves_the_public_list(self, board, member, clerk):
        topic = start_topic(board, member)
        services.post_hide(post=topic.posts.get(), moderator=clerk, reason="ไม่เหมาะสม")
        assert not Topic.objects.published().filter(pk=topic.pk).exists()
        assert Board.objects.get(pk=board.pk).topic_count == 0
        assert_counters_match_posts(topic)

    def test_moving_a_topic_recounts_both_boards(self, topic, other_board, clerk):
        old_board = topic.board
        services.topic_move(topic=topic, moderator=clerk, board=other_board)
        old_board.refresh_from_db()
        other_board.refresh_from_db()
        assert (old_board.topic_count, old_board.post_count) == (0, 0)
        assert (other_board.topic_count, other_board.post_count) == (1, 3)
        assert_counters_match_posts(topic)

    def test_deleting_a_topic_deletes_its_posts_and_recounts_the_board(
        self, topic, clerk, django_capture_on_commit_callbacks
    ):
        board = topic.board
        with django_capture_on_commit_callbacks(execute=True):
            services.topic_delete(topic=topic, moderator=clerk)
        board.refresh_from_db()
        assert not Post.objects.filter(topic_id=topic.pk).exists()
        assert (board.topic_count, board.post_count, board.last_post_at) == (0, 0, None)


class TestPostingRules:
    def test_the_same_form_sent_twice_makes_one_post(self, topic, other_member):
        token = uuid.uuid4()
        first = services.post_reply(topic=topic, author=other_member, body="ตอบครั้งเดียว", token=token)
        second = services.post_reply(topic=topic, author=other_member, body="ตอบครั้งเดียว", token=token)
        assert first.created and not second.created
        assert first.post == second.post
        assert Post.objects.filter(body="ตอบครั้งเดียว").count() == 1
        assert_counters_match_posts(topic)

    def test_posting_faster_than_the_rate_is_refused_in_thai(self, topic, other_member, settings):
        settings.FORUM_POST_MIN_INTERVAL_SECONDS = 15
        services.post_reply(topic=topic, author=other_member, body="ข้อความแรก")
        with pytest.raises(PostingTooFast) as refusal:
            services.post_reply(topic=topic, author=other_member, body="ข้อความที่สอง")
        assert refusal.value.code == "posting_too_fast"
        assert "กรุณารออีก" in refusal.value.message and 1 <= refusal.value.seconds_left <= 15
        Post.objects.filter(author=other_member).update(created_at=timezone.now() - timedelta(seconds=16))
        services.post_reply(topic=topic, author=other_member, body="ข้อความที่สอง")

    def test_locked_topics_and_closed_boards_refuse_replies(self, topic, other_member, clerk):
        services.topic_set_flags(topic=topic, moderator=clerk, is_locked=True)
        with pytest.raises(ForumRefusal, match="ล็อก"):
            services.post_reply(topic=topic, author=other_member, body="ตอบไม่ได้")
        services.topic_set_flags(topic=topic, moderator=clerk, is_locked=False)
        Board.objects.filter(pk=topic.board_id).update(is_closed=True)
        with pytest.raises(ForumRefusal, match="ปิดแล้ว"):
            services.post_reply(topic=topic, author=other_member, body="ตอบไม่ได้")
        with pytest.raises(ForumRefusal, match="ปิดแล้ว"):
            services.topic_create(board=topic.board, author=other_member, title="ใหม่", body="ใหม่")

    def test_a_resident_without_the_role_cannot_post(self, topic, reader):
        with pytest.raises(ForumRefusal):
            services.post_reply(topic=topic, author=reader, body="ขอตอบบ้าง")

    def test_an_author_edits_within_the_window_only(self, topic, member, other_member):
        post = topic.posts.first()
        edited = services.post_edit(post=post, editor=member, body="แก้คำผิดแล้ว")
        assert edited.body == "แก้คำผิดแล้ว" and edited.edited_at is not None
        with pytest.raises(ForumRefusal):
            services.post_edit(post=post, editor=other_member, body="แก้ของคนอื่น")
        Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
        with pytest.raises(ForumRefusal, match="30 นาที"):
            services.post_edit(post=Post.objects.get(pk=post.pk), editor=member, body="สายเกินไป")
        assert Post.objects.get(pk=post.pk).body == "แก้คำผิดแล้ว"

    def test_only_moderators_moderate(self, topic, member):
        with pytest.raises(ForumRefusal):
            services.post_hide(post=topic.last_post, moderator=member, reason="ลองซ่อน")
        with pytest.raises(ForumRefusal):
            services.topic_set_flags(topic=topic, moderator=member, is_pinned=True)

    def test_hiding_needs_a_reason(self, topic, clerk):
        with pytest.raises(ForumRefusal) as refusal:
            services.post_hide(post=topic.last_post, moderator=clerk, reason="   ")
        assert refusal.value.code == "hidden_reason_required"

    def test_a_quote_must_be_a_visible_post_of_the_same_topic(self, board, topic, other_member):
        elsewhere = start_topic(board, make_member("member3"), title="อีกกระทู้")
        reply = services.post_reply(
            topic=topic, author=other_member, body="อ้างผิดกระทู้", quoted_post=elsewhere.posts.first()
        ).post
        assert reply.quoted_post is None


class TestPublishedQuerySets:
    def test_hidden_posts_are_not_published(self, topic, clerk):
        services.post_hide(post=topic.last_post, moderator=clerk, reason="สแปม")
        assert Post.objects.published().filter(topic=topic).count() == 2
        assert Post.objects.filter(topic=topic).count() == 3

    def test_topics_list_pinned_first_then_by_last_activity(self, board, member, other_member, clerk):
        old = start_topic(board, member, title="เก่า")
        pinned = start_topic(board, member, title="ปักหมุด")
        new = start_topic(board, member, title="ใหม่")
        services.post_reply(topic=old, author=other_member, body="ปลุกกระทู้เก่า")
        Post.objects.filter(topic=new).update(created_at=timezone.now() - timedelta(days=1))
        services.topic_recount(topic=new)
        services.topic_set_flags(topic=pinned, moderator=clerk, is_pinned=True)
        titles = list(Topic.objects.filter(board=board).in_list_order().values_list("title", flat=True))
        assert titles == ["ปักหมุด", "เก่า", "ใหม่"]
