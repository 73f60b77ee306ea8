"""Fixtures shared by the whole suite: sample content, and a real Chromium driven by Playwright."""

import contextlib
import hashlib
import io
import os
import shutil
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from that thread
# are still synchronous and safe, so allow them (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TEST_OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Pictures made from the samples' files, by the bytes of their source: the same sample image gives the same
# renditions and the same PDF the same preview, so a test process encodes each of them once, not once per test
# that loads the samples (about half of what a load costs). Tests of renditions and previews themselves never
# go through this: it is on only while the fixtures below load the samples.
_RENDITIONS: dict[tuple[str, tuple[int, ...]], dict[tuple[int, str], bytes]] = {}
_PREVIEWS: dict[str, bytes] = {}


def _stored_bytes(storage, name):
    with storage.open(name, "rb") as stored:
        return stored.read()


@contextlib.contextmanager
def samples_encoded_once():
    from core import images
    from core.document_files import pdf_first_page_png
    from documents.models import documents

    make_renditions = images.make_renditions

    def remembered_renditions(storage, name, widths):
        key = (hashlib.sha256(_stored_bytes(storage, name)).hexdigest(), tuple(widths))
        if key not in _RENDITIONS:
            make_renditions(storage, name, widths)
            _RENDITIONS[key] = {
                (width, extension): _stored_bytes(storage, images.rendition_name(name, width, extension))
                for width in widths
                for extension in ("webp", "jpg")
            }
            return
        for width in widths:
            for extension in ("webp", "jpg"):
                data = _RENDITIONS[key][width, extension]
                images._replace(storage, images.rendition_name(name, width, extension), data)

    def remembered_preview(field_file):
        with field_file.open("rb") as stored:
            key = hashlib.sha256(stored.read()).hexdigest()
        if key not in _PREVIEWS:
            png = pdf_first_page_png(field_file)
            if png is None:  # no pdftoppm, or too slow this time: nothing to remember
                return None
            _PREVIEWS[key] = png.read()
        return ContentFile(_PREVIEWS[key])

    with (
        mock.patch.object(images, "make_renditions", remembered_renditions),
        mock.patch.object(documents, "pdf_first_page_png", remembered_preview),
    ):
        yield


@pytest.fixture
def demo_content(db, django_capture_on_commit_callbacks):
    """The sample content that `make run` loads, for tests that look at the real site.

    What a commit would set off (search indexing, image renditions) runs as it would on a real site.
    """
    with samples_encoded_once(), django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_content_per_module(django_db_setup, django_db_blocker):
    """The samples loaded once for a whole module, in a transaction rolled back after its last test.

    For a module whose tests read the samples, or change them inside their own test transaction (rolled
    back to the samples after each test): a module overrides `demo_content` with it. Every test of the
    module that uses the database then sees the samples, so a test that needs an empty database belongs
    in another module (or class, with demo_content_per_class).
    """
    yield from _samples_in_an_outer_transaction(django_db_blocker)


@pytest.fixture(scope="class")
def demo_content_per_class(django_db_setup, django_db_blocker):
    """The same as demo_content_per_module, once for each test class."""
    yield from _samples_in_an_outer_transaction(django_db_blocker)


def _samples_in_an_outer_transaction(django_db_blocker):
    from django.db import transaction
    from django.test import TestCase

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            with samples_encoded_once(), TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo", stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def live_demo(transactional_db, live_server):
    """The live server, filled with the sample content (for browser tests)."""
    with samples_encoded_once():
        call_command("load_demo", stdout=io.StringIO())
    return live_server


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium fonts-thai-tlwg)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Opens pages at a given viewport; collects console errors (CSP violations included)."""
    contexts = []

    def open_page(width=1366, height=768):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH")
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name):
    """Saves a full-page screenshot under test-output/screenshots/ (ignored by git)."""
    folder = TEST_OUTPUT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
