"""Every view, three ways: anonymous, logged in without the role, logged in with it."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Post, Topic

LOGIN_URL = "/accounts/login/"


@pytest.fixture
def people(member, other_member, reader, clerk):
    return {"anonymous": None, "reader": reader, "member": member, "other_member": other_member, "clerk": clerk}


def visit(client, people, who, method, url, data=None):
    if people[who] is not None:
        client.force_login(people[who])
    return client.post(url, data or {}) if method == "post" else client.get(url)


PUBLIC_VIEWS = [
    ("forum:index", lambda t: {}),
    ("forum:board", lambda t: {"slug": t.board.slug}),
    ("forum:topic", lambda t: {"pk": t.pk}),
    ("forum:board_feed", lambda t: {"slug": t.board.slug}),
    ("forum:feed", lambda t: {}),
]


@pytest.mark.parametrize("who", ["anonymous", "reader", "member", "clerk"])
@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_VIEWS)
def test_everybody_reads(client, people, topic, who, name, kwargs):
    response = visit(client, people, who, "get", reverse(name, kwargs=kwargs(topic)))
    assert response.status_code == 200
    assert topic.title in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "reader", "member"])
def test_links_to_the_last_post_and_to_a_post_redirect_to_its_page(client, people, topic, who):
    last = topic.last_post
    response = visit(client, people, who, "get", reverse("forum:topic_last", kwargs={"pk": topic.pk}))
    assert response.status_code == 302 and response["Location"] == f"/forum/topic/{topic.pk}/#post-{last.pk}"
    response = visit(client, people, who, "get", reverse("forum:post", kwargs={"pk": last.pk}))
    assert response["Location"] == f"/forum/topic/{topic.pk}/#post-{last.pk}"


MEMBER_VIEWS = [
    ("forum:topic_create", lambda t: {"slug": t.board.slug}),
    ("forum:reply", lambda t: {"pk": t.pk}),
    ("forum:post_edit", lambda t: {"pk": t.last_post_id}),  # the member's own post
]


@pytest.mark.parametrize(("name", "kwargs"), MEMBER_VIEWS)
def test_member_views_send_anonymous_readers_to_the_thai_login(client, people, topic, name, kwargs):
    url = reverse(name, kwargs=kwargs(topic))
    response = visit(client, people, "anonymous", "get", url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN_URL}?next=")
    assert "เข้าสู่ระบบ" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("name", "kwargs"), MEMBER_VIEWS)
def test_member_views_refuse_a_resident_without_the_role_in_thai(client, people, topic, name, kwargs):
    for method in ("get", "post"):
        response = visit(client, people, "reader", method, reverse(name, kwargs=kwargs(topic)), {"body": "x"})
        assert response.status_code == 403
        assert "เฉพาะสมาชิกสภาและเจ้าหน้าที่" in response.content.decode()
    assert Post.objects.count() == 3


@pytest.mark.parametrize(("name", "kwargs"), MEMBER_VIEWS)
def test_member_views_open_for_a_member(client, people, topic, name, kwargs):
    response = visit(client, people, "member", "get", reverse(name, kwargs=kwargs(topic)))
    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()


def test_a_member_cannot_edit_someone_elses_post(client, people, topic):
    url = reverse("forum:post_edit", kwargs={"pk": topic.last_post_id})
    response = visit(client, people, "other_member", "post", url, {"body": "แก้ของคนอื่น"})
    assert response.status_code == 403
    assert "แก้ไขได้เฉพาะข้อความของตนเอง" in response.content.decode()
    assert Post.objects.get(pk=topic.last_post_id).body != "แก้ของคนอื่น"


MODERATOR_ACTIONS = [
    ("get", "forum:post_hide", lambda t: {"pk": t.last_post_id}, {}, 200),
    ("post", "forum:post_hide", lambda t: {"pk": t.last_post_id}, {"reason": "ข้อความซ้ำ"}, 302),
    ("post", "forum:post_restore", lambda t: {"pk": t.last_post_id}, {}, 302),
    ("post", "forum:topic_pin", lambda t: {"pk": t.pk}, {"value": "1"}, 302),
    ("post", "forum:topic_lock", lambda t: {"pk": t.pk}, {"value": "1"}, 302),
    ("get", "forum:topic_move", lambda t: {"pk": t.pk}, {}, 200),
    ("post", "forum:topic_move", lambda t: {"pk": t.pk}, None, 302),
    ("get", "forum:topic_delete", lambda t: {"pk": t.pk}, {}, 200),
    ("post", "forum:topic_delete", lambda t: {"pk": t.pk}, {}, 302),
]


def snapshot(topic):
    return list(Topic.objects.values_list("pk", "board_id", "is_pinned", "is_locked")) + list(
        Post.objects.values_list("pk", "is_hidden")
    )


@pytest.mark.parametrize(("method", "name", "kwargs", "data", "status"), MODERATOR_ACTIONS)
def test_moderation_three_ways(client, people, topic, other_board, method, name, kwargs, data, status):
    url = reverse(name, kwargs=kwargs(topic))
    data = {"board": other_board.pk} if data is None else data
    if name == "forum:post_restore":
        # Something to restore: otherwise a restore that did nothing would pass unnoticed.
        services.post_hide(post=Post.objects.get(pk=topic.last_post_id), moderator=people["clerk"], reason="ทดสอบ")
    before = snapshot(topic)

    response = visit(client, people, "anonymous", method, url, data)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
    for who in ("reader", "member"):
        client.logout()
        response = visit(client, people, who, method, url, data)
        assert response.status_code == 403, who
        assert "เฉพาะเจ้าหน้าที่ผู้ดูแลกระดาน" in response.content.decode()
    assert snapshot(topic) == before, "a refused request changed something"

    client.logout()
    response = visit(client, people, "clerk", method, url, data)
    assert response.status_code == status
    if method == "post":
        assert snapshot(topic) != before, "the clerk's action changed nothing"
    if name == "forum:post_restore":
        assert not Post.objects.get(pk=topic.last_post_id).is_hidden


def test_moderation_buttons_are_posted_forms_shown_only_to_clerks(client, people, topic):
    url = reverse("forum:topic", kwargs={"pk": topic.pk})
    for who in ("anonymous", "reader", "member"):
        client.logout()
        html = visit(client, people, who, "get", url).content.decode()
        assert "เครื่องมือผู้ดูแล" not in html and "ซ่อนข้อความ" not in html
    client.logout()
    html = visit(client, people, "clerk", "get", url).content.decode()
    assert "เครื่องมือผู้ดูแล" in html
    assert f'action="/forum/topic/{topic.pk}/lock/"' in html
    assert html.count("csrfmiddlewaretoken") >= 6


def test_moderator_actions_refuse_get_where_they_change_things(client, people, topic):
    client.force_login(people["clerk"])
    for name in ("forum:topic_pin", "forum:topic_lock"):
        assert client.get(reverse(name, kwargs={"pk": topic.pk})).status_code == 405
    assert client.get(reverse("forum:post_restore", kwargs={"pk": topic.last_post_id})).status_code == 405


def test_every_form_needs_its_csrf_token(people, topic):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["member"])
    response = client.post(reverse("forum:reply", kwargs={"pk": topic.pk}), {"body": "ไม่มีโทเคน"})
    assert response.status_code == 403
    assert not Post.objects.filter(body="ไม่มีโทเคน").exists()


def test_staff_without_forum_permissions_posts_but_does_not_moderate(client, topic, django_user_model):
    staff = django_user_model.objects.create_user("office", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("forum:reply", kwargs={"pk": topic.pk})).status_code == 200
    assert client.post(reverse("forum:topic_pin", kwargs={"pk": topic.pk}), {"value": "1"}).status_code == 403
