"""`load_demo` fills an empty site and is idempotent: a second run changes nothing."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=False)

OUR_APPS = ("pages", "places", "staff", "plans", "forum", "documents", "procurement")


def snapshot():
    rows = {}
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rows


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    assert any(first.values())
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_load_demo_keeps_a_clerks_edits():
    from pages.models import Page

    call_command("load_demo", stdout=io.StringIO())
    Page.objects.filter(slug="vision-mission").update(title="วิสัยทัศน์ (แก้ไขโดยเจ้าหน้าที่)")
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.get(slug="vision-mission").title == "วิสัยทัศน์ (แก้ไขโดยเจ้าหน้าที่)"


def paragraphs_of(html):
    """The text of each <p> of the article, as a reader sees it."""
    article = html[html.index("<article") : html.index("</article>")]
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<p[^>]*>(.*?)</p>", article, re.S)]


def test_the_general_information_page_keeps_its_sentences_and_paragraphs_apart(client, demo_content):
    paragraphs = paragraphs_of(client.get("/pages/general-information/").content.decode())
    text = " ".join(paragraphs)
    assert "สามองค์องค์การ" not in text and "ตารางกิโลเมตรเป็น" not in text
    assert 'ชื่อตำบลมาจาก "บ้านกระออมทอง" ตามตำนานว่ามีผู้ขุดพบกระออมทองคำใกล้เจดีย์เก่าสามองค์' in paragraphs
    assert "องค์การบริหารส่วนตำบลจอมทองจัดตั้งเมื่อวันที่ 16 ธันวาคม 2539" in paragraphs
    assert any(paragraph.endswith("35.8 ตารางกิโลเมตร") for paragraph in paragraphs)


def test_the_demo_texts_written_here_keep_each_paragraph_on_one_line():
    # _ensure_page joins a wrapped line to the one before it with nothing (Thai puts no space between words),
    # which is right for the client's hard-wrapped original and wrong for a sentence that ends at a line break.
    from pages.demo import GENERAL_INFORMATION

    lines = GENERAL_INFORMATION.strip().splitlines()
    assert all(line.startswith("<") for line in lines), [line for line in lines if not line.startswith("<")]
