"""Public pages of the organisation. Each runs a fixed number of queries however many people there are."""

from itertools import groupby

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from staff.forms import DirectoryFilterForm
from staff.models import Person, Position, Unit

CHART_TITLE = "โครงสร้างองค์กร"


def _breadcrumbs(title):
    return [(CHART_TITLE, reverse("staff:chart")), (title, None)]


def positions_with_holders(positions=None, people=None):
    """Positions with their people in office as `active_people` (two queries for any number of rows)."""
    positions = Position.objects.all() if positions is None else positions
    people = Person.objects.published() if people is None else people
    people = people.select_related("unit").order_by("village", "order", "first_name", "last_name")
    return positions.select_related("unit").prefetch_related(
        Prefetch("people", queryset=people, to_attr="active_people")
    )


def _attach_positions(units, positions):
    by_unit = {}
    for position in positions:
        by_unit.setdefault(position.unit_id, []).append(position)
    for unit in units:
        unit.position_list = by_unit.get(unit.pk, [])
        unit.leading_positions = [p for p in unit.position_list if p.is_leading]
        unit.member_positions = [p for p in unit.position_list if not p.is_leading]
        unit.people_count = sum(len(p.active_people) for p in unit.position_list)


def chart(request):
    # Read while the page's content renders, not before: kept rendered (core/parts.py), it is not read at all.
    return render(
        request,
        "staff/chart.html",
        {"sides": SimpleLazyObject(_chart_sides), "breadcrumbs": [(CHART_TITLE, None)]},
    )


def _chart_sides():
    units = list(Unit.objects.published())
    positions = positions_with_holders(Position.objects.filter(unit__in=[u.pk for u in units]))
    _attach_positions(units, positions)
    by_pk = {unit.pk: unit for unit in units}
    for unit in units:
        unit.child_units = [child for child in units if child.parent_id == unit.pk]
    # A unit whose parent is hidden or on the other side starts its own branch, so nobody drops off the chart.
    roots = [u for u in units if u.parent_id not in by_pk or by_pk[u.parent_id].side != u.side]
    sides = [
        {"key": value, "label": label, "roots": [u for u in roots if u.side == value]}
        for value, label in Unit.Side.choices
    ]
    return [side for side in sides if side["roots"]]


def _kind_page(kind, title, prepare=lambda units: None):
    """The units of one kind with their positions and people, read while the page's content renders."""

    def units():
        found = list(Unit.objects.published().filter(kind=kind))
        _attach_positions(found, positions_with_holders(Position.objects.filter(unit__in=[u.pk for u in found])))
        prepare(found)
        return found

    return {"units": SimpleLazyObject(units), "title": title, "breadcrumbs": _breadcrumbs(title)}


def executives(request):
    return render(request, "staff/executives.html", _kind_page(Unit.Kind.EXECUTIVE, "ผู้บริหาร"))


def council(request):
    return render(request, "staff/council.html", _kind_page(Unit.Kind.COUNCIL, "สภา", _group_by_village))


def _group_by_village(units):
    for unit in units:
        members = [person for p in unit.member_positions for person in p.active_people]
        members.sort(key=lambda person: (person.village or 0, person.order, person.first_name))
        unit.villages = [(village, list(group)) for village, group in groupby(members, key=lambda m: m.village)]
        unit.member_vacancies = sum(p.vacancies for p in unit.member_positions)
        unit.member_count = len(members)


def directory(request):
    units = list(Unit.objects.published())
    form = DirectoryFilterForm(request.GET or None, units=units)
    people = Person.objects.published().select_related("position", "unit")
    if form.is_valid():
        if form.cleaned_data["unit"]:
            people = people.filter(unit__slug=form.cleaned_data["unit"])
        for word in form.cleaned_data["q"].split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(title__icontains=word)
                | Q(position__title__icontains=word)
                | Q(unit__name__icontains=word)
            )
    people = people.order_by("position__rank", "village", "order", "first_name", "last_name")

    def grouped():
        by_unit = {}
        for person in people:
            by_unit.setdefault(person.unit_id, []).append(person)
        return [(unit, by_unit[unit.pk]) for unit in units if unit.pk in by_unit]

    # Read while the page's content renders, not before: kept rendered (core/parts.py), it is not read at all.
    groups = SimpleLazyObject(grouped)
    return render(
        request,
        "staff/directory.html",
        {
            "form": form,
            "groups": groups,
            "result_count": SimpleLazyObject(lambda: sum(len(members) for _, members in groups)),
            "is_filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            "breadcrumbs": _breadcrumbs("ทำเนียบบุคลากร"),
        },
    )


def unit_detail(request, slug):
    # Clerks may look at a hidden unit's page before showing it; everyone else sees only published units.
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("parent"), slug=slug)
    if unit.kind in (Unit.Kind.EXECUTIVE, Unit.Kind.COUNCIL):
        return redirect(unit.get_absolute_url())
    # A clerk previewing a hidden unit sees its people in office; published() would hide them with the unit.
    people = Person.objects.published() if unit.is_active else Person.objects.filter(is_active=True)
    positions = SimpleLazyObject(lambda: list(positions_with_holders(unit.positions.all(), people)))
    # Read while the page's content renders, not before: kept rendered (core/parts.py), they are not read at all.
    return render(
        request,
        "staff/unit_detail.html",
        {
            "unit": unit,
            "heads": SimpleLazyObject(lambda: [p for p in positions if p.role == Position.Role.HEAD]),
            "other_positions": SimpleLazyObject(lambda: [p for p in positions if p.role != Position.Role.HEAD]),
            # People without a position are staff of the unit all the same.
            "unassigned": people.filter(unit=unit, position__isnull=True).select_related("unit", "position"),
            "child_units": unit.children.published(),
            "breadcrumbs": _breadcrumbs(unit.name),
        },
    )


# The resident-services app's question form (another section: linked by its address, never imported).
QUESTION_FORM_URL = "/services/"


def contact(request):
    """ติดต่อเรา: the office (from the organisation profile, read by the page's own context) and the phone of
    each unit that has one. One query of its own."""
    units = Unit.objects.published().exclude(phone="").only("name", "slug", "kind", "phone")
    return render(
        request,
        "staff/contact.html",
        {"units": units, "question_form_url": QUESTION_FORM_URL, "breadcrumbs": [("ติดต่อเรา", None)]},
    )
