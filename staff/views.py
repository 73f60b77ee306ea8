"""Public pages of the organisation. Each runs a fixed number of queries however many people there are."""

import copy
from itertools import groupby

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject

from core.compiled import compiled, get_or_404
from core.models import can_preview, without_bookkeeping
from core.reversing import reverse
from staff.forms import DirectoryFilterForm
from staff.models import NAME_FIELDS, Person, Position, Unit

CHART_TITLE = "โครงสร้างองค์กร"


def _breadcrumbs(title):
    return [(CHART_TITLE, reverse("staff:chart")), (title, None)]


def positions_with_holders(positions, which, *, everyone=False, names_only=False):
    """The positions ``positions()`` builds, ``which`` naming them (a key of core.compiled: the units they are
    in), each with its people in office as `active_people`: two queries for any number of rows, each compiled
    to SQL once per shape. ``everyone``: the people of hidden units too (a clerk's preview of one).
    ``names_only``: the people's names alone are read, and the positions without their unit (the chart shows
    nothing else of them)."""
    positions = list(
        compiled(
            ("staff.positions", names_only, *which),
            lambda: (
                without_bookkeeping(positions())
                if names_only
                else without_bookkeeping(positions().select_related("unit"), "unit")
            ),
        )
    )
    seats = tuple(position.pk for position in positions)

    def people():  # built only when its shape is compiled: building it cost as much as running it
        found = without_bookkeeping(Person.objects.filter(is_active=True) if everyone else Person.objects.published())
        if names_only:
            found = found.only("position", *NAME_FIELDS)
        return found.filter(position__in=seats).order_by("village", "order", "first_name", "last_name")

    holders = {position.pk: [] for position in positions}
    for person in compiled(("staff.holders", everyone, names_only, seats), people):
        holders[person.position_id].append(person)
    for position in positions:
        # Each person's position as a prefetch would give it (a card showing the title reads no more), but a copy
        # without its people and its unit, which no card shows: a person card's memo (core/memo.py) is keyed by
        # all that its person holds, and through the position every other holder's state would be in every
        # card's key, and an edit of the unit (its phone) would render every card of it again.
        seen_from_its_people = copy.copy(position)
        seen_from_its_people._state.fields_cache.pop("unit", None)
        position.active_people = holders[position.pk]
        for person in position.active_people:
            person.position = seen_from_its_people
    return positions


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
    units = _published_units()
    _attach_positions(units, _positions_in(units, names_only=True))
    by_pk = {unit.pk: unit for unit in units}
    for unit in units:
        unit.child_units = [child for child in units if child.parent_id == unit.pk]
        # What its box shows, as plain values: the box is kept by them (core/memo.py), not by the unit, whose
        # state holds its branch below and its people whole.
        unit.box = {
            "name": unit.name,
            "url": unit.get_absolute_url(),
            "kind": unit.kind,
            "leading": [
                (position.title, person and person.full_name)
                for position in unit.leading_positions
                for person in position.seat_list
            ],
            "members": [
                (position.title, len(position.active_people), position.vacancies) for position in unit.member_positions
            ],
        }
    # A unit whose parent is hidden or on the other side starts its own branch, so nobody drops off the chart.
    roots = [u for u in units if u.parent_id not in by_pk or by_pk[u.parent_id].side != u.side]
    sides = [
        {"key": value, "label": label, "roots": [u for u in roots if u.side == value]}
        for value, label in Unit.Side.choices
    ]
    return [side for side in sides if side["roots"]]


def _published_units():
    return list(compiled(("staff.units",), lambda: without_bookkeeping(Unit.objects.published())))


def _positions_in(units, names_only=False):
    ids = tuple(unit.pk for unit in units)
    return positions_with_holders(lambda: Position.objects.filter(unit__in=ids), ("units", ids), names_only=names_only)


def _kind_page(kind, title, prepare=lambda units: None):
    """The units of one kind with their positions and people, read while the page's content renders."""

    def units():
        found = [unit for unit in _published_units() if unit.kind == kind]
        _attach_positions(found, _positions_in(found))
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
    units = _published_units()
    form = DirectoryFilterForm(request.GET or None, units=units)
    chosen_unit, words = "", ()
    if form.is_valid():
        chosen_unit, words = form.cleaned_data["unit"], tuple(form.cleaned_data["q"].split())

    def build():
        people = without_bookkeeping(Person.objects.published().select_related("position", "unit"), "position", "unit")
        if chosen_unit:
            people = people.filter(unit__slug=chosen_unit)
        for word in words:
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(title__icontains=word)
                | Q(position__title__icontains=word)
                | Q(unit__name__icontains=word)
            )
        return people.order_by("position__rank", "village", "order", "first_name", "last_name")

    people = compiled(("staff.directory", chosen_unit, words), build)

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
    preview = can_preview(request.user, Unit)
    unit = get_or_404(
        ("staff.unit", preview),
        lambda slug: Unit.objects.visible_to(request.user).select_related("parent").filter(slug=slug),
        slug,
    )
    if unit.kind in (Unit.Kind.EXECUTIVE, Unit.Kind.COUNCIL):
        return redirect(unit.get_absolute_url())
    # A clerk previewing a hidden unit sees its people in office; published() would hide them with the unit.
    people = Person.objects.published() if unit.is_active else Person.objects.filter(is_active=True)
    positions = SimpleLazyObject(
        lambda: positions_with_holders(
            lambda: Position.objects.filter(unit_id=unit.pk), ("unit", unit.pk), everyone=not unit.is_active
        )
    )
    # Read while the page's content renders, not before: kept rendered (core/parts.py), they are not read at all.
    return render(
        request,
        "staff/unit_detail.html",
        {
            "unit": unit,
            "heads": SimpleLazyObject(lambda: [p for p in positions if p.role == Position.Role.HEAD]),
            "other_positions": SimpleLazyObject(lambda: [p for p in positions if p.role != Position.Role.HEAD]),
            # People without a position are staff of the unit all the same.
            "unassigned": compiled(
                ("staff.unassigned", unit.is_active),
                lambda pk: without_bookkeeping(
                    people.filter(unit_id=pk, position__isnull=True).select_related("unit", "position"),
                    "unit",
                    "position",
                ),
                unit.pk,
            ),
            "child_units": compiled(
                ("staff.children",),
                lambda pk: without_bookkeeping(Unit.objects.published().filter(parent_id=pk)),
                unit.pk,
            ),
            "breadcrumbs": _breadcrumbs(unit.name),
        },
    )


# The resident-services app's question form (another section: linked by its address, never imported).
QUESTION_FORM_URL = "/services/"


def contact(request):
    """ติดต่อเรา: the office (from the organisation profile, in a part of its own: templates/staff/contact.html)
    and the phone of each unit that has one. One query of its own."""
    units = compiled(
        ("staff.contact_units",),
        lambda: Unit.objects.published().exclude(phone="").only("name", "slug", "kind", "phone"),
    )
    return render(
        request,
        "staff/contact.html",
        {"units": units, "question_form_url": QUESTION_FORM_URL, "breadcrumbs": [("ติดต่อเรา", None)]},
    )
