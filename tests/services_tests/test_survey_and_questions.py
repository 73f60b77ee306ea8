"""The satisfaction survey (after a finished request, and the yearly one) with results per fiscal year;
published, anonymised questions and answers, searchable."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from core.fiscal_year import fiscal_year_of
from services.models import PublishedQuestion, Status, SurveyQuestion, SurveyResponse
from services.spam import started_token
from tests.services_tests.conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(db):
    return [
        SurveyQuestion.objects.create(text="ความรวดเร็ว", scope=SurveyQuestion.Scope.BOTH, order=1),
        SurveyQuestion.objects.create(text="ความชัดเจนของคำตอบ", scope=SurveyQuestion.Scope.AFTER_REQUEST, order=2),
        SurveyQuestion.objects.create(text="ภาพรวมทั้งปี", scope=SurveyQuestion.Scope.YEARLY, order=3),
    ]


def answers(questions, score, **extra):
    return {**{f"q_{q.pk}": score for q in questions}, "website": "", "form_started": started_token(time.time() - 10),
            **extra}  # fmt: skip


def test_the_survey_after_a_request_opens_when_it_is_done_and_is_answered_once(client, complaint_kind, questions):
    item = make_request(complaint_kind)
    url = reverse("services:survey_after_request", kwargs={"code": item.tracking_code})
    assert client.get(url).status_code == 302  # not finished yet
    item.status = Status.DONE
    item.save()
    page = client.get(url)
    assert page.status_code == 200
    assert "ความชัดเจนของคำตอบ" in page.content.decode() and "ภาพรวมทั้งปี" not in page.content.decode()
    assert client.post(url, answers(questions[:2], 5, comment="ดีมาก")).status_code == 302
    assert client.post(url, answers(questions[:2], 1)).status_code == 302
    response = SurveyResponse.objects.get()
    assert response.request == item and response.fiscal_year == fiscal_year_of(timezone.localdate())
    assert sorted(response.answers.values_list("score", flat=True)) == [5, 5]


def test_the_yearly_survey_and_its_results_page(client, questions):
    url = reverse("services:survey")
    yearly = [questions[0], questions[2]]
    missing = client.post(url, {"website": "", "form_started": started_token(time.time() - 10)})
    assert missing.status_code == 400 and "กรุณาเลือกคะแนน" in missing.content.decode()
    assert client.post(url, answers(yearly, 4)).status_code == 302
    assert client.post(url, answers(yearly, 2)).status_code == 302
    results = client.get(reverse("services:survey_results")).content.decode()
    assert "ภาพรวมทั้งปี" in results and "3.00" in results and "ผู้ตอบ 2 คน" in results


def test_the_survey_is_protected_like_every_form(client, questions):
    response = client.post(reverse("services:survey"), answers(questions, 5, website="spam"))
    assert response.status_code == 400 and not SurveyResponse.objects.exists()


def test_only_published_questions_are_listed_and_the_list_is_searchable(client):
    PublishedQuestion.objects.create(question="ขอรถบรรทุกน้ำเสียเงินไหม", answer="ไม่เสียค่าใช้จ่าย", is_published=True)
    PublishedQuestion.objects.create(question="ชำระภาษีป้ายที่ไหน", answer="ที่กองคลัง", is_published=True)
    draft = PublishedQuestion.objects.create(question="ร่างคำถามลับ", answer="ยังไม่ตอบ")
    page = client.get(reverse("services:questions")).content.decode()
    assert "ขอรถบรรทุกน้ำ" in page and "ชำระภาษีป้าย" in page and "ร่างคำถามลับ" not in page
    found = client.get(reverse("services:questions"), {"q": "ภาษี"}).content.decode()
    assert "ชำระภาษีป้าย" in found and "ขอรถบรรทุกน้ำ" not in found
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_site_search_finds_a_published_answer_and_never_a_draft(django_capture_on_commit_callbacks):
    from search.engine import search
    from search.models import SearchEntry

    def found(query):
        entries = SearchEntry.objects.filter(pk__in=search(query).ids, kind="service_question")
        return set(entries.values_list("object_id", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        item = PublishedQuestion.objects.create(question="ขอรถบรรทุกน้ำ", answer="ยื่นคำร้องล่วงหน้า 3 วัน")
    assert found("บรรทุกน้ำ") == set()
    with django_capture_on_commit_callbacks(execute=True):
        item.is_published = True
        item.save()
    assert found("บรรทุกน้ำ") == {item.pk}
