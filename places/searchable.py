"""The places of the map in site-wide search (registered by places.apps when the app is ready)."""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_place())


def _place():

    def document(place):
        village = f"หมู่ที่ {place.village_number}" if place.village_number else ""
        return Document(
            title=place.name,
            text=f"{place.get_kind_display()} {village} {place.description}",
            url=place.get_absolute_url(),
            date=None,  # a temple or a school is not news
        )

    return SearchKind(
        kind="place",
        label="สถานที่ในแผนที่ตำบล",
        model="places.Place",
        document=document,
    )
