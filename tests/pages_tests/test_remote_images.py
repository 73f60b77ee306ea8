"""Rich text keeps only pictures stored on this site: the public CSP (img-src 'self') blocks the others.

A clerk who pastes a picture linked from another site, or one pasted into the editor but never uploaded
(a data: URL), gets a Thai message in the admin telling her to upload it, and her text stays in the form.
A body saved any other way (the shell, load_demo) loses those pictures instead of storing them.
Checked for every model with a rich-text field, in every app.
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from core.richtext import SanitizedRichTextField, sanitize_html
from faq.models import FaqTopic, Question
from pages.models import Page
from staff.models import Unit
from tests.pages_tests.builders import announcement
from tests.staff_tests.builders import unit

pytestmark = pytest.mark.django_db

# Every model with a rich-text field: (field name, a saved row to edit).
RICH_TEXT_MODELS = {
    "pages.page": (
        "body",
        lambda: Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>เดิม</p>", status="published"),
    ),
    "pages.announcement": ("body", lambda: announcement(title="ตลาดนัดชุมชน", body="<p>เดิม</p>")),
    "staff.unit": ("duties", lambda: unit("finance", "กองคลัง", kind=Unit.Kind.DIVISION, duties="<p>เดิม</p>")),
    "faq.question": (
        "answer",
        lambda: Question.objects.create(
            topic=FaqTopic.objects.create(title="ภาษี"), question="จ่ายภาษีที่ไหน", answer="<p>เดิม</p>"
        ),
    ),
}

CLERKS_TEXT = "ประชาสัมพันธ์การประชุมประชาคมหมู่ 4 บ้านปากโทก"
OWN_PICTURE = '<img src="/media/uploads/2569/01/hall.jpg" alt="ศาลาประชาคม">'
REMOTE_PICTURE = '<img src="https://news.example.com/photos/meeting.jpg" alt="ภาพข่าว">'
PASTED_PICTURE = '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="ภาพที่วาง">'  # noqa: E501


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src"))


def image_sources(html):
    parser = _Images()
    parser.feed(html)
    return parser.sources


class _AdminForm(HTMLParser):
    """What a browser sends back for the admin's change form, unchanged (inlines included)."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def change_form_data(client, url):
    reader = _AdminForm()
    reader.feed(client.get(url).content.decode())
    reader.data.pop("csrfmiddlewaretoken", None)
    return {**reader.data, "_save": "บันทึก"}


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(User.objects.create_superuser("admin", password="x-unused-x"))
    return client


@pytest.fixture(params=sorted(RICH_TEXT_MODELS))
def row(request):
    field, build = RICH_TEXT_MODELS[request.param]
    obj = build()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return obj, field, url


def test_every_model_with_rich_text_is_checked():
    found = {
        model._meta.label_lower
        for model in apps.get_models()
        for field in model._meta.fields
        if isinstance(field, SanitizedRichTextField) or "richtext" in type(field).__name__.lower()
    }
    assert found == set(RICH_TEXT_MODELS)


# --- The admin refuses them, in Thai, and keeps the clerk's text ---


@pytest.mark.parametrize(
    ("picture", "code", "words"),
    [
        (REMOTE_PICTURE, "remote_image", ["ภาพจากเว็บไซต์อื่นแสดงบนเว็บไซต์นี้ไม่ได้", "news.example.com", "อัปโหลด"]),
        ('<img src="//news.example.com/a.jpg">', "remote_image", ["ภาพจากเว็บไซต์อื่น", "อัปโหลด"]),
        (PASTED_PICTURE, "pasted_image", ["ยังไม่ได้อัปโหลด", "อัปโหลดด้วยปุ่ม"]),
    ],
    ids=["another site", "another site without a scheme", "pasted, never uploaded"],
)
def test_the_admin_refuses_a_picture_the_public_page_cannot_show_and_keeps_the_text(
    admin_client, row, picture, code, words
):
    obj, field, url = row
    before = getattr(obj, field)
    body = f"<p>{CLERKS_TEXT}</p><p>{picture}</p>"
    data = change_form_data(admin_client, url)
    assert field in data
    data[field] = body

    response = admin_client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    (error,) = form.errors.as_data()[field]
    assert error.code == code
    message = form.errors[field][0]
    for word in words:
        assert word in message
    html = response.content.decode()
    assert escape(message) in html  # shown on the page, next to the field
    assert form[field].value() == body  # her text is still in the editor
    assert CLERKS_TEXT in html
    obj.refresh_from_db()
    assert getattr(obj, field) == before  # nothing saved


def test_full_clean_refuses_them_too(row):
    obj, field, _ = row
    setattr(obj, field, f"<p>{CLERKS_TEXT}</p>{REMOTE_PICTURE}{PASTED_PICTURE}")
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert [error.code for error in refused.value.error_dict[field]] == ["remote_image", "pasted_image"]


def test_pictures_uploaded_to_this_site_pass_the_admin(admin_client, row):
    obj, field, url = row
    data = change_form_data(admin_client, url)
    data[field] = f"<p>{CLERKS_TEXT}</p><p>{OWN_PICTURE}</p><p><img src='/static/img/emblem.png' alt='ตรา'></p>"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    obj.refresh_from_db()
    assert image_sources(getattr(obj, field)) == ["/media/uploads/2569/01/hall.jpg", "/static/img/emblem.png"]


# --- Saved outside a form: dropped, never stored ---


def test_saving_outside_a_form_drops_them_and_keeps_the_rest(row):
    obj, field, _ = row
    setattr(
        obj,
        field,
        f"<p>{CLERKS_TEXT}</p>{REMOTE_PICTURE}<figure>{OWN_PICTURE}<figcaption>ศาลา</figcaption></figure>"
        f"{PASTED_PICTURE}<p><a href='https://news.example.com/'>ที่มา</a></p>",
    )
    obj.save()

    obj.refresh_from_db()
    stored = getattr(obj, field)
    assert image_sources(stored) == ["/media/uploads/2569/01/hall.jpg"]
    assert CLERKS_TEXT in stored and "ศาลา" in stored
    assert 'href="https://news.example.com/"' in stored  # links to other sites are fine; only pictures go
    assert "news.example.com/photos" not in stored and "data:" not in stored


OTHER_SITES = {
    "https": "https://news.example.com/a.jpg",
    "http in capitals": "HTTP://NEWS.EXAMPLE.COM/a.jpg",
    "no scheme": "//news.example.com/a.jpg",
    "three slashes": "///news.example.com/a.jpg",
    "a backslash": "/\\news.example.com/a.jpg",
    "a tab inside": "/\t/news.example.com/a.jpg",
    "spaces around": "  //news.example.com/a.jpg ",
    "a look-alike host": "https://testserver.example.com/media/a.jpg",
    "data: PNG": "data:image/png;base64,iVBORw0KGgo=",
    "data: SVG": "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
}


@pytest.mark.parametrize("source", OTHER_SITES.values(), ids=OTHER_SITES)
def test_every_way_of_pointing_elsewhere_is_dropped(source):
    body = sanitize_html(f'<p>ข้อความ</p><img src="{source}" alt="ภาพ">')
    assert body == "<p>ข้อความ</p>"


@pytest.mark.parametrize(
    "source",
    ["/media/uploads/2569/a.jpg", "/static/img/emblem.png", "uploads/a.jpg", "http://testserver/media/a.jpg"],
)
def test_pictures_on_this_site_are_kept(source):
    assert image_sources(sanitize_html(f'<img src="{source}" alt="ภาพ">')) == [source]
