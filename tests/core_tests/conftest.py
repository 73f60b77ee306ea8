import pytest

from core import page_cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache (off for the rest of the suite: settings/test.py), empty at the start and the end."""
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    yield
    page_cache.clear()
