"""The topic list and a topic page run the same number of SQL queries however many posts they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from forum.models import Post, Topic

from .conftest import make_member, start_topic

# Pinned so that a new per-row query shows: session, user, group or permissions, site profile, menu,
# the board or topic, the paginator count, the rows (with authors and quotes joined).
EXPECTED = {
    ("board", "anonymous"): 5,
    ("board", "member"): 8,
    ("topic", "anonymous"): 5,
    ("topic", "member"): 8,
    ("board", "clerk"): 9,
    ("topic", "clerk"): 10,
}


def build(size, board, clerk):
    """`size` posts: topics for the list, or one topic's posts with quotes and a hidden post."""
    members = [make_member(f"m{size}-{n}") for n in range(4)]
    for n in range(size):
        start_topic(board, members[n % 4], title=f"กระทู้ {n}")
    topic = start_topic(board, members[0], title="ยาว", replies=size - 1, repliers=members)
    posts = list(topic.posts.all())
    for n, post in enumerate(posts[1:], start=1):
        if n % 3 == 0:
            Post.objects.filter(pk=post.pk).update(quoted_post=posts[n - 1])
    services.post_hide(post=posts[2], moderator=clerk, reason="ทดสอบ")
    return topic, members[0]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "member", "clerk"])
@pytest.mark.parametrize("page", ["board", "topic"])
def test_same_queries_with_5_and_with_100_posts(client, django_db_blocker, board, other_board, clerk, page, who):
    counts = []
    for size, target in ((5, board), (100, other_board)):
        topic, author = build(size, target, clerk)
        client.logout()
        if who == "member":
            client.force_login(author)
        elif who == "clerk":
            client.force_login(clerk)
        url = reverse("forum:board", kwargs={"slug": target.slug}) if page == "board" else topic.get_absolute_url()
        client.get(url)  # warm caches that are not queries (templates, renditions)
        counts.append(count(client, url))
    assert counts[0] == counts[1], counts
    assert counts[0] == EXPECTED[(page, who)], counts


def spread_topics(total, boards, authors):
    """`total` topics started by different members across the boards, each with a reply by someone else."""
    for n in range(total):
        topic = start_topic(boards[n % len(boards)], authors[n % len(authors)], title=f"กระทู้ที่ {n}")
        services.post_reply(topic=topic, author=authors[(n + 1) % len(authors)], body="ตอบ")


LIST_PAGES = {
    "index": lambda board: reverse("forum:index"),
    "board": lambda board: reverse("forum:board", kwargs={"slug": board.slug}),
    "feed": lambda board: reverse("forum:feed"),
    "board_feed": lambda board: reverse("forum:board_feed", kwargs={"slug": board.slug}),
}


@pytest.mark.parametrize("who", ["anonymous", "clerk"])
@pytest.mark.parametrize("page", LIST_PAGES)
def test_every_topic_list_runs_the_same_queries_with_3_and_with_30_topics(client, board, other_board, clerk, page, who):
    """Each row shows its author and its last replier: they come joined, not one query per row."""
    authors = [make_member(f"author-{n}") for n in range(5)]
    if who == "clerk":
        client.force_login(clerk)
    url = LIST_PAGES[page](board)
    counts, rows = [], []
    for total in (3, 30):
        spread_topics(total - Topic.objects.count(), [board, other_board], authors)
        client.get(url)
        counts.append(count(client, url))
        rows.append(client.get(url).content.decode().count("กระทู้ที่ "))
    assert counts[0] == counts[1], counts
    assert rows[0] < rows[1], "the longer list is really on the page"
