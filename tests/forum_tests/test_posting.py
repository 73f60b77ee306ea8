"""Posting through the pages: what a member types is kept, refused with a Thai message, or shown escaped."""

import io
import uuid
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from PIL import Image

from forum import services
from forum.models import BODY_MAX_LENGTH, Board, Post, Topic

HOSTILE_INPUTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    '<a href="javascript:alert(1)">คลิกที่นี่</a>',
    'http://x.com/"onmouseover=alert(1)',
    "ก" * 3000,  # one very long word
    "ข้อความ\u202eกลับด้าน\u202c ปกติ",  # RTL override
    "}}{{ request }}{% csrf_token %}",
    "</textarea><script>alert(2)</script>",
]


def reply_url(topic):
    return reverse("forum:reply", kwargs={"pk": topic.pk})


def topic_page(client, topic, page=None):
    url = reverse("forum:topic", kwargs={"pk": topic.pk}) + (f"?page={page}" if page else "")
    return client.get(url).content.decode()


def form_error_codes(response, field="body"):
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


@pytest.mark.parametrize("text", HOSTILE_INPUTS)
def test_hostile_text_is_stored_as_typed_and_shown_escaped(client, topic, other_member, text):
    client.force_login(other_member)
    response = client.post(reply_url(topic), {"body": text, "token": uuid.uuid4()})
    assert response.status_code == 302
    post = Post.objects.get(author=other_member)
    assert post.body == text

    client.logout()
    html = topic_page(client, topic)
    body_html = html.split(f'id="post-{post.pk}"')[1].split('class="forum-post__body">')[1].split("</div>")[0]
    assert unescape(strip_tags(body_html)) == text, "the reader sees exactly what was typed, as text"
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript' not in html.lower()
    assert "onmouseover=alert(1)" not in html.replace("&quot;onmouseover=alert(1)", "")


def test_a_hostile_reply_form_keeps_the_text_escaped_when_shown_again(client, topic, other_member):
    client.force_login(other_member)
    text = "</textarea><script>alert(1)</script>" + "x" * BODY_MAX_LENGTH
    response = client.post(reply_url(topic), {"body": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert escape(text) in html


BLANK_INPUTS = ["", "   ", "\n\n\t  \n", "\u200b\u200b", "\u200b \u2060 \ufeff\u200d", "\u202e\u202c"]


@pytest.mark.parametrize("text", BLANK_INPUTS)
def test_empty_whitespace_or_invisible_text_is_refused_in_thai(client, topic, other_member, text):
    client.force_login(other_member)
    response = client.post(reply_url(topic), {"body": text})
    assert response.status_code == 200
    assert set(form_error_codes(response)) <= {"required", "body_blank"} and form_error_codes(response)
    assert "กรุณาพิมพ์ข้อความ" in response.content.decode()
    assert Post.objects.filter(author=other_member).count() == 0


def test_a_hundred_thousand_characters_are_refused_and_kept_in_the_form(client, topic, other_member):
    client.force_login(other_member)
    text = "ยาว" * 33_334  # ≈ 100,000 characters
    response = client.post(reply_url(topic), {"body": text})
    assert response.status_code == 200
    assert form_error_codes(response) == ["max_length"]
    html = response.content.decode()
    assert "ยาวเกิน 10,000 ตัวอักษร" in html
    assert text in html, "the member must not lose what they typed"
    assert not Post.objects.filter(author=other_member).exists()


def test_an_empty_title_is_refused(client, board, member):
    client.force_login(member)
    url = reverse("forum:topic_create", kwargs={"slug": board.slug})
    response = client.post(url, {"title": " \u200b ", "body": "x"})
    assert response.status_code == 200
    assert form_error_codes(response, "title") == ["title_blank"]
    assert not Topic.objects.exists()


def test_a_member_starts_a_topic(client, board, member):
    client.force_login(member)
    response = client.post(
        reverse("forum:topic_create", kwargs={"slug": board.slug}),
        {"title": "  เรื่อง   ถนน  ", "body": "ถนนหมู่ 3 เป็นหลุม", "token": uuid.uuid4()},
    )
    topic = Topic.objects.get()
    assert response["Location"] == f"/forum/topic/{topic.pk}/"
    assert topic.title == "เรื่อง ถนน"
    assert "ตั้งกระทู้เรียบร้อยแล้ว" in client.get(response["Location"]).content.decode()


def test_posting_too_fast_shows_a_thai_message_and_keeps_everything_typed(client, topic, other_member, settings):
    settings.FORUM_POST_MIN_INTERVAL_SECONDS = 15
    client.force_login(other_member)
    assert client.post(reply_url(topic), {"body": "ข้อความแรก", "token": uuid.uuid4()}).status_code == 302
    second = "ข้อความที่สอง\nบรรทัดสองที่พิมพ์มายาว ๆ"
    response = client.post(reply_url(topic), {"body": second, "token": uuid.uuid4()})
    assert response.status_code == 429
    html = response.content.decode()
    assert "กรุณารออีก" in html and "ข้อความที่พิมพ์ไว้ยังอยู่" in html
    assert escape(second) in html
    assert Post.objects.filter(author=other_member).count() == 1


def test_posting_too_fast_keeps_the_new_topic_title_too(client, board, member, settings):
    settings.FORUM_POST_MIN_INTERVAL_SECONDS = 15
    client.force_login(member)
    url = reverse("forum:topic_create", kwargs={"slug": board.slug})
    client.post(url, {"title": "เรื่องแรก", "body": "หนึ่ง", "token": uuid.uuid4()})
    response = client.post(url, {"title": "เรื่องที่สอง", "body": "สอง", "token": uuid.uuid4()})
    assert response.status_code == 429
    assert 'value="เรื่องที่สอง"' in response.content.decode()


def test_a_double_click_makes_one_post(client, topic, other_member):
    client.force_login(other_member)
    data = {"body": "กดสองครั้ง", "token": str(uuid.uuid4())}
    first = client.post(reply_url(topic), data)
    second = client.post(reply_url(topic), data)
    assert first["Location"] == second["Location"]
    assert Post.objects.filter(body="กดสองครั้ง").count() == 1
    topic.refresh_from_db()
    assert topic.reply_count == 3


def test_each_form_shown_carries_a_fresh_token(client, topic, other_member):
    client.force_login(other_member)
    first = client.get(reply_url(topic)).context["form"]["token"].value()
    second = client.get(reply_url(topic)).context["form"]["token"].value()
    assert first and second and first != second


@pytest.mark.parametrize("form_url", ["reply", "topic_create"])
def test_a_tampered_token_is_named_in_thai_and_nothing_typed_is_lost(client, topic, other_member, form_url):
    client.force_login(other_member)
    url = reply_url(topic) if form_url == "reply" else reverse("forum:topic_create", kwargs={"slug": topic.board.slug})
    data = {"title": "หัวข้อที่พิมพ์ไว้", "body": "ข้อความที่พิมพ์ไว้ยาว ๆ", "token": "not-a-token"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    alert = html.split('class="form-errors" role="alert">')[1].split("</div>")[0]
    assert "แบบฟอร์มนี้ส่งมาไม่ครบหรือถูกแก้ไข" in alert
    assert "ข้อความที่พิมพ์ไว้ยาว ๆ" in html
    assert Post.objects.filter(body="ข้อความที่พิมพ์ไว้ยาว ๆ").count() == 0
    # The form shown again carries a fresh token, so sending it once more goes through.
    token = response.context["form"]["token"].value()
    assert str(uuid.UUID(str(token))) in html
    resent = client.post(url, {**data, "token": token})
    assert resent.status_code == 302
    assert Post.objects.filter(body="ข้อความที่พิมพ์ไว้ยาว ๆ").count() == 1


def test_a_reply_quotes_another_post(client, topic, other_member):
    quoted = topic.posts.first()
    client.force_login(other_member)
    form_page = client.get(reply_url(topic) + f"?quote={quoted.pk}").content.decode()
    assert "อ้างอิงข้อความของ" in form_page and f'name="quote" value="{quoted.pk}"' in form_page
    client.post(reply_url(topic), {"body": "เห็นด้วย", "quote": quoted.pk, "token": uuid.uuid4()})
    reply = Post.objects.get(body="เห็นด้วย")
    assert reply.quoted_post == quoted
    html = topic_page(client, topic)
    assert "เขียนว่า" in html and quoted.body in html


class TestEditing:
    def test_the_author_edits_within_thirty_minutes_and_readers_see_when(self, client, topic, member):
        post = topic.last_post
        client.force_login(member)
        response = client.post(reverse("forum:post_edit", kwargs={"pk": post.pk}), {"body": "แก้แล้ว"})
        assert response.status_code == 302
        post.refresh_from_db()
        assert post.body == "แก้แล้ว" and post.edited_at
        client.logout()
        html = topic_page(client, topic)
        year = timezone.localtime(post.edited_at).year + 543
        assert "แก้ไขล่าสุด" in html and str(year) in html

    def test_after_thirty_minutes_the_edit_is_refused_in_thai(self, client, topic, member):
        post = topic.last_post
        Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
        client.force_login(member)
        url = reverse("forum:post_edit", kwargs={"pk": post.pk})
        assert "ภายใน 30 นาที" in client.get(url).content.decode()
        response = client.post(url, {"body": "สายไป"})
        assert response.status_code == 403
        assert Post.objects.get(pk=post.pk).body != "สายไป"
        assert f"/forum/post/{post.pk}/edit/" not in topic_page(client, topic)

    def test_the_edit_link_shows_only_on_ones_own_fresh_posts(self, client, topic, member, other_member):
        client.force_login(other_member)
        assert "/edit/" not in topic_page(client, topic)
        client.force_login(member)
        assert f"/forum/post/{topic.last_post_id}/edit/" in topic_page(client, topic)


class TestRefusals:
    def test_a_locked_topic_shows_why_and_no_reply_form(self, client, topic, other_member, clerk):
        services.topic_set_flags(topic=topic, moderator=clerk, is_locked=True)
        client.force_login(other_member)
        html = topic_page(client, topic)
        assert "กระทู้นี้ถูกล็อกโดยผู้ดูแล" in html and 'name="body"' not in html and "อ้างอิงข้อความนี้" not in html
        response = client.post(reply_url(topic), {"body": "ขอตอบ"})
        assert response.status_code == 403 and "กระทู้นี้ถูกล็อกโดยผู้ดูแล" in response.content.decode()
        assert not Post.objects.filter(body="ขอตอบ").exists()

    def test_a_closed_board_shows_why_and_refuses_topics_and_replies(self, client, topic, other_member):
        Board.objects.filter(pk=topic.board_id).update(is_closed=True)
        client.force_login(other_member)
        board_html = client.get(reverse("forum:board", kwargs={"slug": topic.board.slug})).content.decode()
        assert "ห้องนี้ปิดแล้ว" in board_html and "ตั้งกระทู้ใหม่" not in board_html
        assert 'name="body"' not in topic_page(client, topic)
        url = reverse("forum:topic_create", kwargs={"slug": topic.board.slug})
        response = client.post(url, {"title": "t", "body": "b"})
        assert response.status_code == 403 and "ห้องนี้ปิดแล้ว" in response.content.decode()
        assert client.post(reply_url(topic), {"body": "ขอตอบ"}).status_code == 403

    def test_anonymous_readers_are_invited_to_log_in_instead_of_a_form(self, client, topic):
        html = topic_page(client, topic)
        assert 'name="body"' not in html and "กรุณาเข้าสู่ระบบก่อน" in html


class TestHiddenPosts:
    @pytest.fixture
    def hidden(self, topic, clerk):
        post = topic.last_post
        Post.objects.filter(pk=post.pk).update(body="ข้อความลับที่ไม่เหมาะสม")
        services.post_hide(post=post, moderator=clerk, reason="พาดพิงบุคคล")
        return post

    def test_the_public_and_members_see_a_placeholder_without_the_text(self, client, topic, hidden, other_member):
        for user in (None, other_member):
            if user:
                client.force_login(user)
            html = topic_page(client, topic)
            assert "ข้อความนี้ถูกซ่อนโดยผู้ดูแล" in html
            assert "ข้อความลับ" not in html and "พาดพิงบุคคล" not in html

    def test_moderators_see_the_text_and_the_reason(self, client, topic, hidden, clerk):
        client.force_login(clerk)
        html = topic_page(client, topic)
        assert "ข้อความนี้ถูกซ่อนโดยผู้ดูแล" in html and "ข้อความลับที่ไม่เหมาะสม" in html and "พาดพิงบุคคล" in html
        assert "แสดงข้อความอีกครั้ง" in html

    def test_a_quote_of_a_hidden_post_hides_too(self, client, topic, hidden, other_member, clerk):
        services.post_restore(post=hidden, moderator=clerk)
        services.post_reply(topic=topic, author=other_member, body="อ้างถึง", quoted_post=hidden)
        services.post_hide(post=hidden, moderator=clerk, reason="พาดพิงบุคคล")
        html = topic_page(client, topic)
        assert "ข้อความที่อ้างถึงถูกซ่อนโดยผู้ดูแล" in html and "ข้อความลับ" not in html

    def test_a_hidden_post_never_reaches_a_feed(self, client, board, member, clerk):
        topic = services.topic_create(board=board, author=member, title="ไม่ควรเห็น", body="ความลับ").post.topic
        services.post_hide(post=topic.posts.get(), moderator=clerk, reason="ลบ")
        assert "ความลับ" not in client.get(reverse("forum:feed")).content.decode()
        assert client.get(reverse("forum:topic", kwargs={"pk": topic.pk})).status_code == 404


class TestPages:
    def test_twenty_posts_a_page_and_a_link_to_the_last(self, client, board, member):
        from .conftest import start_topic

        topic = start_topic(board, member, replies=44)
        html = topic_page(client, topic)
        assert html.count('class="forum-post"') == 20 and "หน้า 1 จาก 3" in html
        assert f'href="/forum/topic/{topic.pk}/last/"' in html
        last = client.get(reverse("forum:topic_last", kwargs={"pk": topic.pk}))
        assert last["Location"] == f"/forum/topic/{topic.pk}/?page=3#post-{topic.last_post_id}"
        assert topic_page(client, topic, page=3).count('class="forum-post"') == 5


def test_one_image_per_post_checked_like_every_upload(client, topic, other_member):
    client.force_login(other_member)
    fake = SimpleUploadedFile("evil.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = client.post(reply_url(topic), {"body": "ภาพ", "image": fake, "image_alt": "ภาพ"})
    assert response.status_code == 200 and response.context["form"].errors["image"]

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(buffer, "JPEG")
    image = SimpleUploadedFile("field.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(reply_url(topic), {"body": "ภาพแปลงนา", "image": image, "image_alt": ""})
    assert form_error_codes(response, "image_alt") == ["alt_required"]

    image.seek(0)
    response = client.post(reply_url(topic), {"body": "ภาพแปลงนา", "image": image, "image_alt": "แปลงนาสีเขียว"})
    assert response.status_code == 302
    post = Post.objects.get(body="ภาพแปลงนา")
    assert (post.image_width, post.image_height) == (640, 480)
    html = topic_page(client, topic)
    assert 'alt="แปลงนาสีเขียว"' in html and "<picture" in html


def test_removing_an_image_while_editing_deletes_the_file(client, topic, member, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    Image.new("RGB", (100, 80), "blue").save(buffer, "PNG")
    post = services.post_reply(
        topic=topic, author=member, body="มีภาพ", image=SimpleUploadedFile("a.png", buffer.getvalue()), image_alt="ฟ้า"
    ).post
    storage, name = post.image.storage, post.image.name
    assert storage.exists(name)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forum:post_edit", kwargs={"pk": post.pk}), {"body": "ไม่มีภาพแล้ว", "remove_image": "on"}
        )
    assert response.status_code == 302
    post.refresh_from_db()
    assert not post.image and not storage.exists(name)
