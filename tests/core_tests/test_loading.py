"""Rows are loaded into instances that are the same as Model.__init__ makes them (core/loading.py)."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import FileField
from django.db.models.signals import pre_init

from core import loading
from core.loading import QuicklyLoaded
from staff.models import Person


@pytest.fixture
def demo_content(demo_content_per_module, db):
    """The sample site, loaded once for the module."""


def our_models():
    return [model for model in apps.get_models() if issubclass(model, QuicklyLoaded)]


def loaded_both_ways(model, names, values):
    quick = model.from_db(connection.alias, names, values)
    by_django = super(QuicklyLoaded, model).from_db(connection.alias, names, values)
    return quick, by_django


def held(instance):
    """What the instance holds, its files read (a file's name is what Model.__init__ leaves)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, FileField) and field.attname in instance.__dict__:
            getattr(instance, field.attname)  # wrapped as a field file, either way
    values = {
        name: value.name if hasattr(value, "storage") else value
        for name, value in vars(instance).items()
        if name != "_state"
    }
    return values, instance._state.adding, instance._state.db, dict(instance._state.fields_cache)


def test_every_model_of_the_project_is_loaded_without_its_init_where_that_is_the_same(demo_content):
    assert our_models()
    assert [model for model in our_models() if loading._plan(model) is None] == []


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_a_row_loads_into_the_instance_that_model_init_makes(demo_content, model):
    names = [field.attname for field in model._meta.concrete_fields]
    rows = list(model._base_manager.values_list(*names)[:3])
    if not rows:
        pytest.skip("no row of it in the samples")
    for values in rows:
        quick, by_django = loaded_both_ways(model, names, values)
        assert type(quick) is model
        assert held(quick) == held(by_django)
        assert quick == by_django


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_a_row_read_in_part_leaves_the_same_fields_to_read_later(demo_content, model):
    names = [field.attname for field in model._meta.concrete_fields][:2]  # the id and one more
    row = model._base_manager.values_list(*names).first()
    if row is None:
        pytest.skip("no row of it in the samples")
    quick, by_django = loaded_both_ways(model, names, row)
    assert held(quick) == held(by_django)
    assert quick.get_deferred_fields() == by_django.get_deferred_fields() != set()


def test_a_query_reads_instances_that_save_and_compare_as_ever(demo_content):
    person = Person.objects.published().select_related("position", "unit").order_by("pk").first()
    assert person._state.adding is False and person._state.db == connection.alias
    person.first_name = "ทดสอบการบันทึก"
    person.save()
    assert Person.objects.get(pk=person.pk).first_name == "ทดสอบการบันทึก"
    assert person.photo.name and person.photo_width  # the photo and its stored size, as loaded


def test_an_image_without_its_stored_size_is_measured_as_django_measures_it(demo_content):
    person = Person.objects.exclude(photo="").order_by("pk").first()
    width = person.photo_width
    Person.objects.filter(pk=person.pk).update(photo_width=None, photo_height=None)

    reloaded = Person.objects.get(pk=person.pk)

    assert reloaded.photo_width == width  # read from the file by the image field, at load


def test_a_model_with_a_pre_init_receiver_is_loaded_through_its_init(demo_content):
    seen = []

    def receiver(sender, **kwargs):
        seen.append(sender)

    pre_init.connect(receiver, sender=Person)
    loading._PLANS.clear()
    try:
        Person.objects.order_by("pk").first()
    finally:
        pre_init.disconnect(receiver, sender=Person)
        loading._PLANS.clear()
    assert seen == [Person]
