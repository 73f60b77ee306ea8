"""Every RSS feed of the site hands plain text to feed readers as text, never as live HTML.

A reader decodes the XML (once), then renders an item's description, and often its title, as HTML. So
hostile text typed into any field that reaches a feed must arrive escaped in the description (the reader
shows "<IMG SRC=x OnErRoR=alert(1)>" as those very characters) and without markup in titles, categories
and names. The checks below read each feed as a reader does: ElementTree for the XML, then the standard
library's HTML parser for the decoded values.
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from core.models import SiteProfile
from forum.models import Board
from tests.forum_tests.conftest import make_member, start_topic
from tests.pages_tests.builders import announcement, category

pytestmark = pytest.mark.django_db

HOSTILE = "<IMG SRC=x OnErRoR=alert(1)>"
MORE_HOSTILE = '"><script>alert(2)</script><a href="javascript:alert(3)">คลิก</a><svg onload=alert(4)>'
UNCLOSED = "<img src=x onerror=alert(5)"  # a tag left open swallows the markup of the reader's page around it

# What a description may hold once a reader parses it: formatting, links to web pages, pictures.
FORMATTING_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "a", "img"}
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


class ReaderView(HTMLParser):
    """A decoded feed value as a reader renders it: its elements and the text a person sees."""

    def __init__(self, value):
        super().__init__(convert_charrefs=True)
        self.elements, self.text_parts = [], []
        self.feed(value or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self):
        return "".join(self.text_parts)


def problems_in_html(value):
    """Anything in a description that a reader would turn into something other than formatted text."""
    problems = []
    for tag, attrs in ReaderView(value).elements:
        if tag not in FORMATTING_TAGS:
            problems.append(f"<{tag}> survives")
        for name, attr_value in attrs:
            attr_value = (attr_value or "").strip().lower()
            if name.startswith("on"):
                problems.append(f"<{tag} {name}>")
            if "javascript:" in re.sub(r"\s", "", attr_value):
                problems.append(f"<{tag} {name}={attr_value}>")
            if tag == "a" and name == "href" and urlsplit(attr_value).scheme not in ("http", "https"):
                problems.append(f"<a href={attr_value}>")
            if tag == "img" and name == "src" and urlsplit(attr_value).scheme not in ("http", "https", ""):
                problems.append(f"<img src={attr_value}>")
    return problems


def assert_plain_text(value, *, words=()):
    """A title, category or name: no markup at all, as text or as HTML, and its words still there."""
    assert not re.search(r"<[A-Za-z/!?]", value or ""), value
    view = ReaderView(value)
    assert view.elements == [], value
    for word in words:
        assert word in view.text


@pytest.fixture
def hostile_content():
    """Hostile text in every field that reaches a feed: the site's name, categories, announcements, boards,
    topics, posts and members' names."""
    SiteProfile.objects.create(pk=1, name="องค์การบริหารส่วนตำบลจอมทอง", short_name=f"อบต.จอมทอง {HOSTILE}")
    news = category(slug="news", title=f"ข่าวประชาสัมพันธ์ {HOSTILE}", description=f"ข่าวล่าสุด {HOSTILE}")
    announcement(news, f"ตลาดนัดชุมชน {HOSTILE} {UNCLOSED}", summary=f"สรุปข่าวตลาดนัด {HOSTILE}\n{MORE_HOSTILE}")
    announcement(
        news,
        f"{HOSTILE}",
        days_ago=2,
        # What CKEditor stores when a clerk types the hostile text, and markup pasted through its source view.
        body=f"<p>เนื้อหาข่าวประปา {escape(HOSTILE)}</p><script>alert(6)</script><img src=x onerror=alert(7)>",
    )
    board = Board.objects.create(
        title=f"ถาม-ตอบ {HOSTILE}", slug="questions", description=f"คำถามทั่วไป {HOSTILE}", order=1
    )
    member = make_member("member", last_name=HOSTILE)
    start_topic(
        board, member, title=f"น้ำประปาไม่ไหล {HOSTILE} {UNCLOSED}", body=f"ข้อความเปิดกระทู้ {HOSTILE}\n{MORE_HOSTILE}"
    )
    from tests.documents_tests.builders import document

    document(f"ประกาศผลการสอบ {HOSTILE} {UNCLOSED}", summary=f"สรุปเอกสาร {HOSTILE}\n{MORE_HOSTILE}")
    return {"category": news.slug, "board": board.slug}


FEEDS = {
    "pages:feed": lambda content: reverse("pages:feed"),
    "pages:category_feed": lambda content: reverse("pages:category_feed", kwargs={"category": content["category"]}),
    "forum:feed": lambda content: reverse("forum:feed"),
    "forum:board_feed": lambda content: reverse("forum:board_feed", kwargs={"slug": content["board"]}),
    "documents:feed": lambda content: reverse("documents:feed"),
}
# The Thai words each item's description must still show.
DESCRIPTION_WORDS = ("สรุปข่าวตลาดนัด", "เนื้อหาข่าวประปา", "ข้อความเปิดกระทู้", "สรุปเอกสาร")


def site_feeds(patterns=None, namespace=""):
    """The route name of every Feed in the site's URLconf."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= site_feeds(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and isinstance(pattern.callback, Feed):
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_feed_of_the_site_is_checked():
    assert site_feeds() == set(FEEDS)


@pytest.mark.parametrize("feed", FEEDS)
def test_a_reader_sees_hostile_text_as_text_in_every_feed(client, hostile_content, feed):
    response = client.get(FEEDS[feed](hostile_content))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")

    assert_plain_text(channel.findtext("title"), words=["อบต.จอมทอง"])
    assert problems_in_html(channel.findtext("description")) == []
    items = channel.findall("item")
    assert items
    for item in items:
        assert_plain_text(item.findtext("title"))
        for element in item.findall("category") + item.findall(DC_CREATOR):
            assert_plain_text(element.text)

        description = item.findtext("description")
        assert problems_in_html(description) == [], description
        shown = ReaderView(description).text
        assert HOSTILE in shown, shown  # the characters the person typed, shown as typed
        assert any(word in shown for word in DESCRIPTION_WORDS), shown

    titles = " ".join(item.findtext("title") for item in items)
    if feed.startswith("pages:"):
        assert "ตลาดนัดชุมชน" in titles and "IMG SRC=x" in titles  # a title made only of markup keeps its words
        assert {element.text for item in items for element in item.findall("category")} == {"ข่าวประชาสัมพันธ์"}
    elif feed.startswith("documents:"):
        assert "ประกาศผลการสอบ" in titles
    else:
        assert "น้ำประปาไม่ไหล" in titles
        assert {element.text for item in items for element in item.findall("category")} == {"ถาม-ตอบ"}


def test_a_members_post_keeps_its_paragraphs_and_links_in_the_feed(client, db):
    board = Board.objects.create(title="ถาม-ตอบ", slug="questions", order=1)
    start_topic(
        board, make_member("member"), title="ถนน", body="บรรทัดแรก\nดูที่ https://www.example.go.th/road\n\nย่อหน้าสอง"
    )
    description = ET.fromstring(client.get(reverse("forum:feed")).content).find("channel/item/description").text
    assert problems_in_html(description) == []
    assert [tag for tag, _ in ReaderView(description).elements] == ["p", "br", "a", "p"]
    assert ("href", "https://www.example.go.th/road") in ReaderView(description).elements[2][1]
