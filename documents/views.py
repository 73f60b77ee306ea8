from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.compiled import CompiledPaginator, compiled, get_or_404
from core.document_files import checked_file_response, preview_image_response
from core.fiscal_year import current_fiscal_year
from core.models import can_preview
from core.reversing import reverse
from core.segment import tokens
from documents import services
from documents.forms import DocumentFilterForm, unit_model
from documents.models import AssessmentYear, Document, DocumentFile, DocumentType

PAGE_SIZE = 20
MAX_TERMS = 8


def thai_search(documents, text):
    """Every typed term must appear (as typed, or each of its words) in the title, the summary or the type."""
    for term in text.split()[:MAX_TERMS]:
        match = Q(title__icontains=term) | Q(summary__icontains=term) | Q(doc_type__name__icontains=term)
        # A Thai run split into words ("แผนพัฒนาบุคลากร" → แผน, พัฒนา, บุคลากร), so words typed without spaces
        # still find a title that has them in another order: the site search's segmenter, over its lean word
        # list (PyThaiNLP's default dictionary would build a 75 MiB trie in the worker on the first search).
        words = tokens(term)
        if len(words) > 1:
            every_word = Q()
            for word in words:
                every_word &= Q(title__icontains=word) | Q(summary__icontains=word)
            match |= every_word
        documents = documents.filter(match)
    return documents


def document_list(request, slug=None):
    """The document centre (ศูนย์ข้อมูลข่าวสาร): every published document, filtered by type, fiscal year, unit
    and words; a type's own page is the same list with the type fixed."""
    # Every query here is read with SQL compiled once per shape: the filters chosen name it (core/compiled.py).
    doc_type = (
        get_or_404(("documents.type",), lambda slug: DocumentType.objects.filter(slug=slug), slug) if slug else None
    )
    published = Document.objects.published
    years = compiled(("documents.years",), lambda: published().values_list("fiscal_year", flat=True))
    years = sorted(set(years), reverse=True)
    units = compiled(
        ("documents.units",),
        lambda: unit_model().objects.filter(pk__in=published().values("issuing_unit")).order_by("order", "name"),
    )
    types = compiled(("documents.types",), lambda: DocumentType.objects.all())
    form = DocumentFilterForm(request.GET or None, years=years, units=units, types=types)
    chosen = form.chosen() if request.GET else {}

    def build():
        documents = published().for_lists()
        if doc_type is not None:
            documents = documents.filter(doc_type=doc_type)
        elif chosen.get("type"):
            documents = documents.filter(doc_type=chosen["type"])
        if chosen.get("year"):
            documents = documents.filter(fiscal_year=chosen["year"])
        if chosen.get("unit"):
            documents = documents.filter(issuing_unit=chosen["unit"])
        if chosen.get("q"):
            documents = thai_search(documents, chosen["q"])
        return documents.order_by("-issue_date", "-pk")

    filters = tuple(sorted((name, getattr(value, "pk", value)) for name, value in chosen.items()))
    page = CompiledPaginator(("documents.list", doc_type and doc_type.pk, filters), build, PAGE_SIZE)
    page = page.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    title = doc_type.name if doc_type else "ศูนย์ข้อมูลข่าวสาร"
    breadcrumbs = [(title, None)]
    if doc_type:
        breadcrumbs.insert(0, ("ศูนย์ข้อมูลข่าวสาร", reverse("documents:index")))
    return render(
        request,
        "documents/document_list.html",
        {
            "title": title,
            "doc_type": doc_type,
            "types": types,
            "form": form,
            "has_filters": bool(chosen),
            "page_obj": page,
            "documents": page.object_list,
            "query": query.urlencode(),
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
            "breadcrumbs": breadcrumbs,
        },
    )


def document_detail(request, pk):
    document = get_or_404(
        ("documents.document", can_preview(request.user, Document)),
        lambda pk: Document.objects.visible_to(request.user).select_related("doc_type", "issuing_unit").filter(pk=pk),
        pk,
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "files": compiled(
                ("documents.files",), lambda pk: DocumentFile.objects.filter(document_id=pk), document.pk
            ),
            "breadcrumbs": [
                ("ศูนย์ข้อมูลข่าวสาร", reverse("documents:index")),
                (document.doc_type.name, document.doc_type.get_absolute_url()),
                (document.title, None),
            ],
        },
    )


def _visible_file(request, pk):
    return get_object_or_404(
        DocumentFile.objects.select_related("document"),
        pk=pk,
        document__in=Document.objects.visible_to(request.user),
    )


@require_safe
def file_download(request, pk):
    item = _visible_file(request, pk)
    return checked_file_response(
        item.file, title=item.display_title, fallback_stem=f"document-{item.pk}", public=item.document.is_public
    )


@require_safe
def file_preview(request, pk):
    item = _visible_file(request, pk)
    if not item.preview:
        raise Http404("ไม่มีภาพตัวอย่าง")
    return preview_image_response(item.preview, public=item.document.is_public)


def ita_index(request):
    """/ita/ (the menu's entry): the current fiscal year's hub if it is published, else the latest published one,
    shown here with its own address as the canonical one."""
    years = list(
        compiled(("documents.ita_years",), lambda: AssessmentYear.objects.published().values_list("year", flat=True))
    )
    if not years:
        return render(request, "documents/ita_index.html", {"breadcrumbs": [("ITA", None)]})
    current = current_fiscal_year()
    return ita_year(request, current if current in years else years[0])


def ita_year(request, year):
    """Every item of a year's list with the links behind it, in a fixed number of queries."""
    years_shown = can_preview(request.user, AssessmentYear)
    assessment = get_or_404(
        ("documents.ita_year", years_shown),
        lambda year: AssessmentYear.objects.visible_to(request.user).filter(year=year),
        year,
    )
    preview = can_preview(request.user, Document)
    items = services.items_with_links(assessment, public=not preview)
    other_years = compiled(
        ("documents.ita_other_years", years_shown),
        lambda pk: AssessmentYear.objects.visible_to(request.user).exclude(pk=pk).values_list("year", flat=True),
        assessment.pk,
    )
    return render(
        request,
        "documents/ita_year.html",
        {
            "assessment": assessment,
            "groups": services.item_groups(items),
            "items": items,
            "missing": sum(1 for item in items if not item.public_links),
            "other_years": list(other_years),
            "is_preview": preview,
            "breadcrumbs": [("ITA", reverse("documents:ita_index")), (f"ปีงบประมาณ {assessment.year}", None)],
        },
    )
