"""Start-up checks of the project's own settings (run by `manage.py check`, migrate and runserver)."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def page_cache_generation_file_is_usable(app_configs, **kwargs):
    """Every worker must be able to map the page cache's generation file: a worker that could not would
    neither see the others' invalidations nor tell them of its own."""
    from core.page_cache import HostGeneration

    path = settings.PAGE_CACHE_GENERATION_FILE
    if not path or not settings.PAGE_CACHE_ENABLED:
        return []
    try:
        HostGeneration(path)
    except OSError as error:
        return [
            Error(
                f"The page cache's generation file {path} cannot be opened for writing: {error}.",
                hint="Set PAGE_CACHE_GENERATION_FILE to a file the site's user may write (README: The page "
                "cache), or to an empty value to keep the generation in Redis.",
                id="core.E001",
            )
        ]
    return []
