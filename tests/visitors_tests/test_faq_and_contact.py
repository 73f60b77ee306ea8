"""The FAQ (a disclosure list that works without JavaScript, searchable) and the contact page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from faq.models import FaqTopic, Question
from staff.models import Unit


def make_questions(count):
    topic = FaqTopic.objects.create(title=f"หัวข้อ {count}")
    for number in range(count):
        Question.objects.create(topic=topic, question=f"คำถามที่ {number} เรื่องขยะ", answer="<p>คำตอบ</p>")


@pytest.mark.django_db
def test_the_faq_is_a_disclosure_list_grouped_by_topic(client):
    make_questions(2)
    Question.objects.create(topic=FaqTopic.objects.get(), question="ยังไม่เผยแพร่", answer="<p>x</p>", is_published=False)
    content = client.get("/faq/").content.decode()
    assert content.count('<details class="faq__item"') == 2
    assert "<summary" in content and "ยังไม่เผยแพร่" not in content


@pytest.mark.django_db
def test_the_faq_search_narrows_and_opens_the_answers(client):
    make_questions(2)
    FaqTopic.objects.create(title="ภาษี").questions.create(question="จ่ายภาษีที่ไหน", answer="<p>กองคลัง</p>")
    content = client.get("/faq/", {"q": "ภาษี"}).content.decode()
    assert "จ่ายภาษีที่ไหน" in content and "เรื่องขยะ" not in content
    assert "open>" in content


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 40])
def test_the_faq_runs_the_same_queries_for_few_or_many_questions(client, count):
    make_questions(count)
    with CaptureQueriesContext(connection) as queries:
        client.get("/faq/")
    assert len(queries) <= 4


@pytest.mark.django_db(transaction=True)
def test_site_search_finds_a_question(client):
    make_questions(1)
    content = client.get("/search/", {"q": "ขยะ"}).content.decode()
    assert f'href="/faq/#q-{Question.objects.get().pk}"' in content


def test_the_contact_page_dials_the_office_and_every_unit(demo_content, client):
    response = client.get("/organisation/contact/")
    content = response.content.decode()
    assert 'href="tel:055000000"' in content
    assert 'href="mailto:contact@example.org"' in content
    assert 'href="/map/"' in content
    for unit in Unit.objects.published().exclude(phone=""):
        assert unit.name in content
    assert 'href="/services/"' in content  # the question form of the resident services


@pytest.mark.django_db
@pytest.mark.parametrize("units", [1, 30])
def test_the_contact_page_runs_the_same_queries_for_few_or_many_units(client, units):
    for number in range(units):
        Unit.objects.create(name=f"ส่วน {number}", slug=f"unit-{number}", side="permanent", phone="0 5500 0000")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/organisation/contact/").status_code == 200
    assert len(queries) <= 3
