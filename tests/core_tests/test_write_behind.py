"""A page rendered afresh reaches the shared cache after its response, from a thread of the worker's own
(core/write_behind.py): production's way, off for the rest of the suite (settings/test.py)."""

import logging
import multiprocessing
import threading

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from core import page_cache, write_behind
from core.models import MenuItem, SiteProfile
from core.write_behind import WriteBehind

HIT = page_cache.HIT_HEADER


@pytest.fixture
def writing_behind(settings):
    settings.PAGE_CACHE_WRITE_BEHIND = True
    yield
    page_cache.wait_for_writes()


@pytest.fixture
def site(db, page_cache_on, writing_behind):
    SiteProfile.objects.create(name="องค์การบริหารส่วนตำบลทดสอบ", short_name="อบต.ทดสอบ")
    MenuItem.objects.create(title="ข่าวสาร", url="/news/", order=1)
    caches["pages"].clear()  # page_cache.clear() leaves other tests' copies there, out of date


def shared_copy(path):
    key = page_cache._entry_key(RequestFactory().get(path))
    return key, caches["pages"].get(key)


class TestAPageKeptAfterItsResponse:
    def test_reaches_the_shared_cache_and_its_mark_changes_after_the_write(self, client, site):
        key, _ = shared_copy("/news/")
        mark_before = page_cache._host_page_mark(key)

        assert client.get("/news/")[HIT] == "miss"
        assert page_cache.wait_for_writes()

        key, kept = shared_copy("/news/")
        assert kept is not None and "ข่าวสาร" in b"".join(p for p in kept["pieces"] if isinstance(p, bytes)).decode()
        # The other workers of the host are told to look for it only now that it is there.
        assert page_cache._host_page_mark(key) != mark_before
        assert page_cache._LOCAL.get(key)["mark"] == page_cache._host_page_mark(key)

    def test_this_worker_serves_it_from_its_own_memory_at_once(self, client, site):
        release = threading.Event()
        page_cache._WRITES.submit(release.wait)  # the writer busy: the page's own write waits behind it
        try:
            assert client.get("/news/")[HIT] == "miss"
            assert shared_copy("/news/")[1] is None
            assert client.get("/news/")[HIT] == "hit"
        finally:
            release.set()
        assert page_cache.wait_for_writes()
        assert shared_copy("/news/")[1] is not None

    def test_with_writing_behind_off_it_is_there_when_the_request_returns(self, client, site, settings):
        settings.PAGE_CACHE_WRITE_BEHIND = False
        made_in = []
        page_cache._WRITES.submit(lambda: made_in.append(threading.current_thread()))
        assert made_in == [threading.current_thread()]
        client.get("/news/")
        assert shared_copy("/news/")[1] is not None


@pytest.fixture
def writer(settings):
    settings.PAGE_CACHE_WRITE_BEHIND = True
    return WriteBehind("test-writes")


class TestTheWriter:
    def test_makes_the_writes_in_the_order_they_came(self, writer):
        made = []
        for number in range(50):
            writer.submit(lambda number=number: made.append(number))
        assert writer.wait()
        assert made == list(range(50))

    def test_a_write_that_fails_is_logged_and_the_next_ones_are_made(self, writer, caplog):
        made = []

        def failing():
            raise ValueError("Redis answered something unexpected")

        with caplog.at_level(logging.ERROR, logger="core.write_behind"):
            writer.submit(failing)
            writer.submit(lambda: made.append("after"))
            assert writer.wait()
        assert made == ["after"]
        assert "failed" in caplog.text and "Redis answered something unexpected" in caplog.text

    def test_while_the_queue_is_full_a_write_is_made_at_once(self, writer, monkeypatch):
        monkeypatch.setattr(write_behind, "WAITING_WRITES", 1)
        release, made = threading.Event(), []
        writer.submit(release.wait)  # taken by the thread, which waits
        while writer._queue.qsize():
            pass
        writer.submit(lambda: made.append("queued"))  # fills the queue of one
        writer.submit(lambda: made.append("at once"))
        assert made == ["at once"]
        release.set()
        assert writer.wait()
        assert made == ["at once", "queued"]

    def test_wait_gives_up_after_its_timeout(self, writer):
        release = threading.Event()
        writer.submit(release.wait)
        assert writer.wait(timeout=0.05) is False
        release.set()
        assert writer.wait()

    def test_a_forked_worker_starts_a_writer_of_its_own(self, writer):
        writer.submit(lambda: None)  # the parent's thread, which a fork does not copy
        assert writer.wait()
        made = multiprocessing.get_context("fork").Queue()

        def in_the_worker():
            writer.submit(lambda: made.put("made in the worker"))
            raise SystemExit(0 if writer.wait(timeout=5) else 1)

        worker = multiprocessing.get_context("fork").Process(target=in_the_worker)
        worker.start()
        worker.join(10)
        assert worker.exitcode == 0
        assert made.get(timeout=5) == "made in the worker"
