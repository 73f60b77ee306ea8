"""The people of the organisation in site-wide search (registered by staff.apps when the app is ready)."""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_person())


def _person():

    def document(person):
        village = f"หมู่ที่ {person.village}" if person.village else ""
        return Document(
            title=person.full_name,
            text=f"{person.position_title} {person.unit.name} {village}",
            url=person.get_absolute_url(),
            date=None,  # people are not news: no date beside their name
        )

    return SearchKind(
        kind="person",
        label="บุคลากร",
        model="staff.Person",
        document=document,
        dependents={
            "staff.Unit": lambda unit: unit.people.all(),
            "staff.Position": lambda position: position.people.all(),
        },
    )
