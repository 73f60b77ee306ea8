"""Small builders for the map tests: places, map images and a clerk who may edit them."""

from decimal import Decimal

from django.contrib.auth.models import Permission, User

from places.models import MapSheet, Place
from tests.pages_tests.builders import png_upload

Kind = Place.Kind
Status = Place.Status


def place(name="วัดทดสอบ", kind=Kind.TEMPLE, *, village=None, latitude="16.910000", longitude="100.260000",
          status=Status.PUBLISHED, photo=False, **extra):  # fmt: skip
    item = Place(
        name=name, kind=kind, village_number=village, latitude=Decimal(latitude), longitude=Decimal(longitude),
        status=status, **extra,
    )  # fmt: skip
    if photo:
        item.photo = png_upload(f"{name}.png", size=(320, 200))
        item.photo_alt = f"ภาพถ่าย {name}"
    item.save()
    return item


def map_sheet(title="แผนที่ตำบลทดสอบ", *, status=Status.PUBLISHED, size=(900, 600), order=0):
    return MapSheet.objects.create(
        title=title, image=png_upload("map.png", size=size), alt=f"ภาพ {title}", status=status, order=order
    )


def clerk(username="map-clerk"):
    """A staff member who may add and change places and map images in the admin, and nothing else."""
    user = User.objects.create_user(username, password="clerk-password-2569", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="places"))
    return user
