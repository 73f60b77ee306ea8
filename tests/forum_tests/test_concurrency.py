"""On PostgreSQL, twenty members replying to one topic at the same moment leave exact counters."""

import threading

import pytest
from django.db import connection, connections

from forum import services
from forum.models import Board, Post, Topic

from .conftest import make_clerk, make_member, start_topic

THREADS = 20

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SQLite serialises every write)"
)


def test_twenty_simultaneous_replies_make_twenty_posts_and_exact_counters(transactional_db):
    board = Board.objects.create(title="ประชุมสภา", slug="council")
    opener = make_member("opener")
    topic = start_topic(board, opener)
    members = [make_member(f"concurrent{n}") for n in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors = []

    def reply(member):
        try:
            start.wait(timeout=30)
            services.post_reply(topic=Topic.objects.get(pk=topic.pk), author=member, body=f"ตอบพร้อมกัน {member.pk}")
        except Exception as error:  # reported below: a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reply, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    replies = Post.objects.filter(topic=topic).exclude(author=opener)
    assert replies.count() == THREADS
    assert set(replies.values_list("author_id", flat=True)) == {m.pk for m in members}
    topic.refresh_from_db()
    last = Post.objects.filter(topic=topic).order_by("-created_at", "-pk").first()
    assert (topic.post_count, topic.reply_count) == (THREADS + 1, THREADS)
    assert topic.last_post == last
    assert (topic.last_post_at, topic.last_post_author_id) == (last.created_at, last.author_id)
    board.refresh_from_db()
    assert (board.topic_count, board.post_count, board.last_post_at) == (1, THREADS + 1, last.created_at)


ROUNDS = 50


def test_fifty_rounds_of_opposite_topic_moves_finish_without_a_deadlock(transactional_db):
    """Two moderators move topics between two boards in opposite directions at the same moment."""
    west = Board.objects.create(title="ถาม-ตอบ", slug="questions")
    east = Board.objects.create(title="ประชุมสภา", slug="council")
    author = make_member("author")
    moderators = [make_clerk("moderator1"), make_clerk("moderator2")]
    going_east = start_topic(west, author, title="ย้ายไปทางตะวันออก")
    going_west = start_topic(east, author, title="ย้ายไปทางตะวันตก")
    start = threading.Barrier(2)
    errors = []

    def move(moderator, topic_pk, boards):
        try:
            for number in range(ROUNDS):
                start.wait(timeout=30)
                target = boards[number % 2]
                services.topic_move(topic=Topic.objects.get(pk=topic_pk), moderator=moderator, board=target)
        except Exception as error:  # a deadlock surfaces here as OperationalError (or a broken barrier)
            errors.append(error)
            start.abort()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=move, args=(moderators[0], going_east.pk, [east, west])),
        threading.Thread(target=move, args=(moderators[1], going_west.pk, [west, east])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    # Round 50 moved each topic back home; the counters of both boards are exact.
    assert Topic.objects.get(pk=going_east.pk).board == west
    assert Topic.objects.get(pk=going_west.pk).board == east
    for board in (west, east):
        board.refresh_from_db()
        assert (board.topic_count, board.post_count) == (1, 1)
