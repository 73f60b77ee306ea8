"""Members' plain text is escaped; only our own <p>, <br> and <a rel="nofollow ugc noopener"> tags appear."""

import re
from html.parser import HTMLParser

import pytest

from forum.text import render_plain_text

REL = 'rel="nofollow ugc noopener"'


class ElementCollector(HTMLParser):
    """What a browser would build from the HTML: every element with its attributes."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    return ElementCollector(html).elements


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"><svg onload=alert(1)>',
        "javascript:alert(1)",
        '<a href="javascript:alert(1)">คลิก</a>',
        'http://x.com/"onmouseover=alert(1)',
        "http://x.com/'onmouseover='alert(1)",
        "https://example.org/<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "&lt;script&gt; already escaped",
        "\u202eabc.exe https://evil.example/\u202e",
    ],
)
def test_hostile_text_gives_no_markup_of_its_own(text):
    html = render_plain_text(text)
    for tag, attributes in elements(html):
        assert tag in {"p", "br", "a"}, html
        if tag == "a":
            assert set(attributes) == {"href", "rel"}, html
            assert attributes["rel"] == "nofollow ugc noopener"
            assert re.match(r"https?://[A-Za-z0-9]", attributes["href"]), html
        else:
            assert attributes == {}, html


def test_a_quote_cannot_leave_the_href():
    html = render_plain_text('http://x.com/"onmouseover=alert(1)')
    assert html == f'<p><a href="http://x.com/" {REL}>http://x.com/</a>&quot;onmouseover=alert(1)</p>'


def test_web_addresses_become_links_and_sentence_punctuation_stays_outside():
    html = render_plain_text("ดูรายละเอียดที่ https://example.org/a?b=1&c=2. ขอบคุณครับ (www.example.com)")
    assert f'<a href="https://example.org/a?b=1&amp;c=2" {REL}>https://example.org/a?b=1&amp;c=2</a>. ขอบคุณ' in html
    assert f'(<a href="https://www.example.com" {REL}>www.example.com</a>)' in html


def test_thai_text_right_after_an_address_is_not_part_of_it():
    html = render_plain_text("ไปที่www.example.comนะครับ")
    assert f'<a href="https://www.example.com" {REL}>www.example.com</a>นะครับ' in html


def test_line_breaks_and_paragraphs_are_kept():
    assert render_plain_text("บรรทัดหนึ่ง\r\nบรรทัดสอง\n\n\nย่อหน้าใหม่") == "<p>บรรทัดหนึ่ง<br>บรรทัดสอง</p>\n<p>ย่อหน้าใหม่</p>"


def test_long_addresses_are_shortened_on_screen_but_not_in_the_link():
    url = "https://example.org/" + "a" * 100
    html = render_plain_text(url)
    assert f'href="{url}"' in html and "…</a>" in html


def test_a_bare_scheme_is_not_a_link():
    assert "<a" not in render_plain_text("https:// และ www. และ http://..")
