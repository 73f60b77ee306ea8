from django.db.models import Q
from django.shortcuts import render

from core.compiled import compiled
from faq.models import Question

QUERY_MAX_LENGTH = 100


def index(request):
    """Every published question, grouped by topic, as <details> that open without JavaScript; ?q= narrows it."""
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    words = tuple(query.split())

    def build():
        questions = Question.objects.published().select_related("topic")
        for word in words:
            questions = questions.filter(
                Q(question__icontains=word) | Q(answer__icontains=word) | Q(topic__title__icontains=word)
            )
        return questions.order_by("topic__order", "topic__title", "order", "pk")

    groups = {}
    # Compiled once per words searched (core/compiled.py), as the directory's search is.
    for question in compiled(("faq.questions", words), build):
        groups.setdefault(question.topic, []).append(question)
    return render(
        request,
        "faq/index.html",
        {"groups": list(groups.items()), "query": query, "breadcrumbs": [("คำถามที่พบบ่อย", None)]},
    )
