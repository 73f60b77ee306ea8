"""The clerks' admin: moderation there goes through the same services and keeps counters exact."""

import pytest
from django.urls import reverse

from forum.models import Board, Post, Topic


@pytest.fixture
def admin_clerk(clerk):
    from django.contrib.auth.models import Permission

    views = Permission.objects.filter(content_type__app_label="forum", codename__startswith="view_")
    clerk.user_permissions.add(*views)
    return clerk


def test_a_clerk_hides_a_post_in_the_admin_with_a_reason(client, topic, admin_clerk):
    client.force_login(admin_clerk)
    post = topic.last_post
    url = reverse("admin:forum_post_change", args=[post.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"is_hidden": "on", "hidden_reason": "ข้อความซ้ำ"})
    assert response.status_code == 302
    post.refresh_from_db()
    topic.refresh_from_db()
    assert post.is_hidden and post.hidden_by == admin_clerk and post.hidden_at
    assert topic.reply_count == 1


def test_moving_a_topic_in_the_admin_recounts_both_boards(client, topic, other_board, admin_clerk):
    client.force_login(admin_clerk)
    url = reverse("admin:forum_topic_change", args=[topic.pk])
    posts = list(topic.posts.values_list("pk", flat=True))
    inline = {"posts-TOTAL_FORMS": len(posts), "posts-INITIAL_FORMS": len(posts)}
    for n, pk in enumerate(posts):
        inline |= {f"posts-{n}-id": pk, f"posts-{n}-topic": topic.pk}
    response = client.post(url, {"title": topic.title, "board": other_board.pk, "is_locked": "on", **inline})
    assert response.status_code == 302, response.content.decode()[:2000]
    other_board.refresh_from_db()
    assert Topic.objects.get(pk=topic.pk).board == other_board and other_board.post_count == 3
    assert Board.objects.get(pk=topic.board_id).post_count == 0


def test_admin_actions_pin_and_delete(client, topic, admin_clerk):
    client.force_login(admin_clerk)
    changelist = reverse("admin:forum_topic_changelist")
    client.post(changelist, {"action": "pin", "_selected_action": [topic.pk]})
    assert Topic.objects.get(pk=topic.pk).is_pinned
    client.post(changelist, {"action": "delete_selected", "_selected_action": [topic.pk], "post": "yes"})
    assert not Topic.objects.exists() and not Post.objects.exists()
    assert Board.objects.get(pk=topic.board_id).topic_count == 0


def test_admin_pages_answer(client, topic, admin_clerk):
    client.force_login(admin_clerk)
    for name in ("forum_board_changelist", "forum_topic_changelist", "forum_post_changelist", "forum_board_add"):
        assert client.get(reverse(f"admin:{name}")).status_code in (200, 403), name
    assert client.get(reverse("admin:forum_topic_changelist")).status_code == 200
