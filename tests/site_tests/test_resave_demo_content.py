"""A clerk who opens any record of the demo site in the admin and presses Save without changing anything gets
"saved", never an error page: pictures, attachments and signed PDFs already stored are not read again (issue 15).

Every model registered in the admin, every one of its demo records: the change page is fetched, its form sent
back exactly as a browser would send it untouched (inline formsets included, no file chosen), and the admin
must redirect, with the record as it was.
"""

import io
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse

from tests.pages_tests.builders import pdf_bytes

ADMIN_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the whole module and rolled back after it (each test runs in a
    savepoint inside this transaction, as Django's TestCase does with setUpTestData)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


class UntouchedForm(HTMLParser):
    """The fields of one <form>, as a browser sends them when nothing was changed: text and hidden inputs,
    checked boxes, selected options, textareas; no file chosen; not the empty rows that inlines clone."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.found = self.inside = False
        self.data = {}
        self.select = self.option = self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            self.found = self.found or self.inside
            return
        name = attrs.get("name") or ""
        if not self.inside or "disabled" in attrs or "__prefix__" in name:
            return
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value") or "on")
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "chosen": [], "first": None}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "text": [], "selected": "selected" in attrs}
        elif tag == "textarea" and name:
            self.textarea = (name, [])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)
        elif self.option is not None:
            self.option["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "option" and self.option is not None:
            option, self.option = self.option, None
            value = option["value"] if option["value"] is not None else "".join(option["text"]).strip()
            if self.select["first"] is None:
                self.select["first"] = value
            if option["selected"]:
                self.select["chosen"].append(value)
        elif tag == "select" and self.select is not None:
            select, self.select = self.select, None
            chosen = select["chosen"] or ([] if select["multiple"] or select["first"] is None else [select["first"]])
            for value in chosen:
                self.add(select["name"], value)
        elif tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            self.textarea = None
            text = "".join(parts)
            self.add(name, text[1:] if text.startswith("\n") else text)  # as browsers drop it


def untouched_form_data(response, model):
    form = UntouchedForm(f"{model._meta.model_name}_form")
    form.feed(response.content.decode())
    assert form.found, f"no change form on {response.wsgi_request.path}"
    return {**form.data, "_save": ["บันทึก"]}


def editable_values(record):
    """What the clerk's form could change: the audit fields (updated_at, updated_by) may move on a save."""
    record.refresh_from_db()
    values = model_to_dict(record)
    for field in record._meta.concrete_fields:
        if getattr(field, "auto_now", False) or field.name in ("updated_by", "last_login"):
            values.pop(field.name, None)
        elif field.name in values and hasattr(values[field.name], "name"):
            values[field.name] = values[field.name].name  # a stored file: the same file, by its name
    return values


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model._meta.label)
def test_every_demo_record_saves_again_unchanged_through_its_admin_page(demo_site, db, client, model):
    superuser = User.objects.create_superuser("resave-admin", password="not-used-2569")
    client.force_login(superuser)
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = superuser
    records = [record for record in model._default_manager.all() if model_admin.has_change_permission(request, record)]
    if not records:
        pytest.skip(f"the demo has no {model._meta.label} that the admin lets anyone change")

    failures = []
    for record in records:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
        page = client.get(url)
        assert page.status_code == 200, url
        before = editable_values(record)
        response = client.post(url, untouched_form_data(page, model))
        if response.status_code != 302:
            errors = response.context["errors"] if response.context else response.status_code
            failures.append((str(record), url, errors))
        elif editable_values(record) != before:
            failures.append((str(record), url, "changed by a save without changes"))
    assert failures == []


# Every model field whose new files are checked by content: pictures, attachments, the signed plan.
CHECKED_FILE_FIELDS = [
    ("pages.Announcement", "cover_image"),
    ("pages.GalleryImage", "image"),
    ("pages.Attachment", "file"),
    ("staff.Person", "photo"),
    ("places.Place", "photo"),
    ("plans.Plan", "document"),
    ("documents.DocumentFile", "file"),
    ("procurement.Notice", "file"),
    ("procurement.BudgetOrdinance", "file"),
]


def closed_after_measuring(field_file):
    """What ImageField leaves behind when it measures a stored picture: a file opened, then closed."""
    field_file.open("rb")
    field_file.close()


def missing_from_storage(field_file):
    """A restore without media, or a clerk's clean-up of the media folder (the demo's own files stay)."""
    field_file.name = f"gone/{field_file.name}"
    assert not field_file.storage.exists(field_file.name)


@pytest.mark.parametrize("stored_file", [closed_after_measuring, missing_from_storage])
@pytest.mark.parametrize(("label", "field_name"), CHECKED_FILE_FIELDS)
def test_full_clean_in_the_shell_does_not_read_a_stored_file_again(demo_site, db, label, field_name, stored_file):
    model = apps.get_model(label)
    if label == "plans.Plan":  # the demo plan has no signed PDF
        model.objects.first().document.save("signed.pdf", ContentFile(pdf_bytes()))
    record = model.objects.get(pk=model.objects.exclude(**{field_name: ""}).values_list("pk", flat=True).first())
    field_file = getattr(record, field_name)
    stored_file(field_file)
    setattr(record, field_name, field_file)  # as the admin's form does with a file left unchanged
    record.full_clean()
