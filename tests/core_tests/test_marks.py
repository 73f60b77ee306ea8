"""The marks that parts leave in a page (core/parts.py), found without a regular expression."""

import pytest

from core.page_cache import HOLE, marks, replace_marks


def marked(name, inner):
    return f"{HOLE}{name}{HOLE}{inner}{HOLE}/{HOLE}"


PAGE = f"<p>ก่อน</p>{marked('base.html|nav', '<nav>เมนู</nav>')}<main>เนื้อหา</main>{marked('base.html|footer', '')}ท้าย"


@pytest.mark.parametrize("kind", [str, bytes])
def test_each_mark_is_found_in_order_with_its_name_its_html_and_where_it_lies(kind):
    content = PAGE if kind is str else PAGE.encode()
    found = list(marks(content))

    assert [(mark.name, mark.inner) for mark in found] == [
        (kind_of(kind, "base.html|nav"), kind_of(kind, "<nav>เมนู</nav>")),
        (kind_of(kind, "base.html|footer"), kind_of(kind, "")),
    ]
    assert content[found[0].start : found[0].end] == kind_of(kind, marked("base.html|nav", "<nav>เมนู</nav>"))
    assert content[found[1].end :] == kind_of(kind, "ท้าย")


def kind_of(kind, text):
    return text if kind is str else text.encode()


@pytest.mark.parametrize("kind", [str, bytes])
def test_replacing_the_marks_keeps_everything_between_them(kind):
    content = PAGE if kind is str else PAGE.encode()

    assert replace_marks(content, lambda mark: mark.inner) == kind_of(
        kind, "<p>ก่อน</p><nav>เมนู</nav><main>เนื้อหา</main>ท้าย"
    )


def test_a_page_without_marks_or_with_one_left_open_has_none_to_replace():
    assert list(marks("<p>ไม่มี</p>")) == []
    left_open = f"<p>{HOLE}base.html|nav{HOLE}<nav>"
    assert list(marks(left_open)) == []
    assert replace_marks(left_open, lambda mark: "x") == left_open
