"""The discussion board in a real Chromium on a 360 px phone: hostile text stays inert, and the whole
life of a reply (write, correct, hide) looks right to a member, a clerk and an anonymous reader."""

import re

import pytest
from django.contrib.auth.models import User

from forum.models import Post, Topic
from tests.conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORDS = {"council_demo1": "browser-member-2569", "clerk_demo": "browser-clerk-2569"}
TOPIC_TITLE = "วาระการประชุมสภาสมัยสามัญ สมัยที่ 4 (ตัวอย่าง)"
HOSTILE_INPUTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<svg onload="alert(1)"></svg>',
    "javascript:alert(document.cookie)",
    '<a href="javascript:alert(1)">คลิกที่นี่</a>',
    'http://x.com/"onmouseover=alert(1)',
    "http://x.com/'onmouseover='alert(1)'",
    "</textarea></div></article><script>alert(2)</script><h1>หน้าเสีย</h1>",
    "ก" * 3000,
    "ข้อความ\u202eกลับด้าน ปกติ",
    "\u200bซ่อน\u200bอักษร\u200b",
]


@pytest.fixture
def accounts(live_demo):
    # load_demo under test settings gives the demo accounts unusable passwords: set ours for the browser.
    for username, password in PASSWORDS.items():
        user = User.objects.get(username=username)
        user.set_password(password)
        user.save()
    return live_demo


def log_in(page, base_url, username, password=None):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password or PASSWORDS[username])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/forum/"), page.url


def open_demo_topic(page):
    page.get_by_role("link", name="ประชุมสภา", exact=True).first.click()
    page.get_by_role("link", name=TOPIC_TITLE).click()
    page.wait_for_selector("h1.forum-topic-title")


def post_reply(page, text):
    page.fill("#reply-form textarea[name=body]", text)
    page.locator("#reply-form button[type=submit]").click()
    page.wait_for_selector(".messages")
    return int(re.search(r"#post-(\d+)$", page.url).group(1))


def test_hostile_inputs_posted_by_a_member_render_inert(accounts, new_page):
    page = new_page(360, 800)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, accounts.url, "council_demo1")
    open_demo_topic(page)
    topic_url = page.url.split("#")[0]
    for text in HOSTILE_INPUTS:
        post_reply(page, text)

    page.goto(topic_url)
    bodies = page.locator(".forum-post__body")
    shown = bodies.evaluate_all("nodes => nodes.map(n => n.innerText)")
    for text in HOSTILE_INPUTS[:8]:
        assert any(text in body for body in shown), f"not shown as text: {text}"
    injected = page.locator(
        ".forum-post__body script, .forum-post__body img, .forum-post__body svg, .forum-post__body h1,"
        " .forum-post__body [onerror], .forum-post__body [onload], .forum-post__body [onmouseover]"
    )
    assert injected.count() == 0
    hrefs = page.locator(".forum-post__body a").evaluate_all("as => as.map(a => [a.href, a.rel])")
    assert hrefs and all(href.startswith("http") and rel == "nofollow ugc noopener" for href, rel in hrefs)
    for link in page.locator(".forum-post__body a").all():
        link.hover()
    # The page is whole: every post, the reply form and the footer after them; nothing sticks out sideways.
    assert page.locator("article.forum-post").count() == 4 + len(HOSTILE_INPUTS)
    assert page.locator("#reply-form textarea").is_visible()
    assert page.locator("footer.site-footer").count() == 1 and page.locator("main h1").count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "a long word widens the page on a phone"
    screenshot(page, "forum-hostile-inputs-360x800")
    assert dialogs == []
    assert [e for e in page.console_errors if "Content Security Policy" in e or "Refused" in e] == []
    assert page.console_errors == []


def test_a_member_replies_and_corrects_a_clerk_hides_an_anonymous_reader_no_longer_sees(accounts, new_page):
    member = new_page(360, 800)
    log_in(member, accounts.url, "council_demo1")
    screenshot(member, "forum-index-member-360x800")
    open_demo_topic(member)
    topic_url = member.url.split("#")[0]
    post_pk = post_reply(member, "เสนอให้เพิ่มวาระเรื่องถนนเลียบแม่น้ำครับ\nรายละเอียด https://example.org/road")
    reply = member.locator(f"#post-{post_pk}")
    assert reply.get_by_role("link", name="https://example.org/road").get_attribute("rel") == "nofollow ugc noopener"
    screenshot(member, "forum-reply-posted-360x800")

    reply.get_by_role("link", name="แก้ไข").click()
    member.fill("textarea[name=body]", "เสนอให้เพิ่มวาระเรื่องถนนเลียบแม่น้ำน่านครับ (แก้ไขชื่อแม่น้ำ)")
    screenshot(member, "forum-edit-form-360x800")
    member.get_by_role("button", name="บันทึกการแก้ไข").click()
    reply = member.locator(f"#post-{post_pk}")
    reply.wait_for()
    assert "แก้ไขชื่อแม่น้ำ" in reply.inner_text()
    edited = reply.locator(".forum-post__edited").inner_text()
    assert edited.startswith("แก้ไขล่าสุด") and re.search(r"25[6-9]\d", edited), edited
    assert Post.objects.get(pk=post_pk).edited_at is not None

    clerk = new_page(360, 800)
    log_in(clerk, accounts.url, "clerk_demo")
    clerk.goto(f"{topic_url}#post-{post_pk}")
    reply = clerk.locator(f"#post-{post_pk}")
    reply.locator("summary", has_text="ซ่อนข้อความ").click()
    reply.get_by_label("เหตุผลที่ซ่อน").fill("ทดสอบการซ่อนข้อความ")
    reply.get_by_role("button", name="ซ่อน", exact=True).click()
    reply = clerk.locator(f"#post-{post_pk}")
    reply.wait_for()
    text = reply.inner_text()
    assert "ข้อความนี้ถูกซ่อนโดยผู้ดูแล" in text and "ทดสอบการซ่อนข้อความ" in text and "แก้ไขชื่อแม่น้ำ" in text
    screenshot(clerk, "forum-hidden-clerk-view-360x800")

    reader = new_page(360, 800)
    reader.goto(topic_url)
    reply = reader.locator(f"#post-{post_pk}")
    assert "ข้อความนี้ถูกซ่อนโดยผู้ดูแล" in reply.inner_text()
    assert "ถนนเลียบแม่น้ำ" not in reader.content() and "ทดสอบการซ่อนข้อความ" not in reader.content()
    assert reader.locator("#reply-form textarea").count() == 0
    screenshot(reader, "forum-hidden-anonymous-view-360x800")
    topic = Topic.objects.get(title=TOPIC_TITLE)
    assert topic.reply_count == 3 and topic.last_post_id != post_pk
    for page in (member, clerk, reader):
        assert page.console_errors == []


def test_the_forum_works_without_javascript(accounts, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, accounts.url, "council_demo1")
        open_demo_topic(page)
        post_pk = post_reply(page, "ตอบได้แม้ปิดจาวาสคริปต์")
        assert "ตอบได้แม้ปิดจาวาสคริปต์" in page.locator(f"#post-{post_pk}").inner_text()
    finally:
        context.close()


LONG_TITLE = "W" * 150  # the longest title the form accepts, with nowhere to break
LONG_WORD = "ก" * 400 + "https://example.org/" + "x" * 300


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_long_unbroken_words_never_widen_the_page_on_a_phone(live_server, transactional_db, new_page):
    """A title, a board name, a member's name or a post with no space to break at wraps inside a 360 px screen."""
    from django.contrib.auth.models import Group

    from accounts.roles import MEMBER_GROUP
    from forum import services
    from forum.models import Board

    group = Group.objects.get_or_create(name=MEMBER_GROUP)[0]
    member = User.objects.create_user("longname", password="long-words-2569", first_name="ส" * 80, last_name="L" * 60)
    writer_account = User.objects.create_user("writer", password="long-words-2569", first_name="ผู้ตอบ")
    for user in (member, writer_account):
        user.groups.add(group)
    clerk = User.objects.create_user("clerk_long", password="long-words-2569", is_staff=True, is_superuser=True)
    board = Board.objects.create(title="B" * 100, slug="long-board", description="D" * 400, order=1)
    Board.objects.create(title="M" * 100, slug="other-long-board", order=2)
    topic = services.topic_create(board=board, author=member, title=LONG_TITLE, body=LONG_WORD).post.topic
    quoted = services.post_reply(topic=topic, author=member, body=LONG_WORD, rate_limit=False).post
    services.post_reply(topic=topic, author=member, body="อ้างถึง", quoted_post=quoted, rate_limit=False)
    services.post_hide(post=quoted, moderator=clerk, reason="R" * 300)

    pages = {
        "index": "/forum/",
        "board": f"/forum/{board.slug}/",
        "topic": f"/forum/topic/{topic.pk}/",
    }
    reader = new_page(360, 800)
    for name, path in pages.items():
        reader.goto(live_server.url + path)
        assert LONG_TITLE in reader.locator("main").inner_text(), name
        assert horizontal_overflow(reader) <= 0, f"{name} scrolls sideways on a phone"
    screenshot(reader, "forum-long-words-topic-360x800")

    writer = new_page(360, 800)
    log_in(writer, live_server.url, "writer", "long-words-2569")
    for path in (f"/forum/topic/{topic.pk}/", f"/forum/topic/{topic.pk}/reply/?quote={topic.last_post_id}"):
        writer.goto(live_server.url + path)
        assert horizontal_overflow(writer) <= 0, path
    moderator = new_page(360, 800)
    log_in(moderator, live_server.url, "clerk_long", "long-words-2569")
    for path in (
        f"/forum/topic/{topic.pk}/",
        f"/forum/post/{topic.last_post_id}/hide/",
        f"/forum/topic/{topic.pk}/move/",
        f"/forum/topic/{topic.pk}/delete/",
    ):
        moderator.goto(live_server.url + path)
        assert horizontal_overflow(moderator) <= 0, path
    screenshot(moderator, "forum-long-words-moderator-360x800")
    for page in (reader, writer, moderator):
        assert page.console_errors == []
