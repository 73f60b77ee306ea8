"""RSS of the latest topics, per board and for the whole board."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from .conftest import start_topic


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_a_board_feed_lists_its_newest_topics_first_with_their_opening_text(client, board, other_board, member):
    start_topic(board, member, title="เรื่องแรก", body="ข้อความแรก <b>ไม่ใช่ HTML</b>")
    start_topic(board, member, title="เรื่องที่สอง")
    start_topic(other_board, member, title="ห้องอื่น")
    channel, entries = items(client, reverse("forum:board_feed", kwargs={"slug": board.slug}))
    assert "ถาม-ตอบ" in channel.findtext("title")
    assert [e.findtext("title") for e in entries] == ["เรื่องที่สอง", "เรื่องแรก"]
    # Readers decode the description as HTML: the member's text arrives escaped, so it shows as typed.
    assert entries[1].findtext("description") == "<p>ข้อความแรก &lt;b&gt;ไม่ใช่ HTML&lt;/b&gt;</p>"
    assert entries[0].findtext("link").startswith("http://testserver/forum/topic/")


def test_the_forum_feed_covers_every_board_and_pages_link_to_it(client, board, other_board, member):
    start_topic(board, member, title="ก")
    start_topic(other_board, member, title="ข")
    _, entries = items(client, reverse("forum:feed"))
    assert {e.findtext("title") for e in entries} == {"ก", "ข"}
    html = client.get(reverse("forum:board", kwargs={"slug": board.slug})).content.decode()
    assert f'type="application/rss+xml" title="ถาม-ตอบ (RSS)" href="/forum/{board.slug}/rss/"' in html


def test_an_unknown_board_feed_is_404(client, db):
    assert client.get("/forum/no-such-board/rss/").status_code == 404
