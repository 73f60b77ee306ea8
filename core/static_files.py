"""django.contrib.staticfiles as the site installs it (INSTALLED_APPS names SiteStaticFilesConfig)."""

from importlib.resources import files

from django.contrib.staticfiles.apps import StaticFilesConfig
from whitenoise.storage import CompressedManifestStaticFilesStorage

# CKEditor's own translations (its core's and each plugin's lang/ folder), of which the editor loads the one
# of its `language` (CKEDITOR_CONFIGS: Thai) and English, its fallback.
CKEDITOR_LANGUAGES_USED = {"th.js", "en.js"}


def ckeditor_translations_not_used():
    """collectstatic patterns for the other languages' files (about 3,000 of django-ckeditor's 4,400)."""
    names = set()
    for folder in files("ckeditor").joinpath("static", "ckeditor", "ckeditor").glob("**/lang"):
        names.update(entry.name for entry in folder.iterdir() if entry.is_file())
    return sorted(f"ckeditor/*/lang/{name}" for name in names - CKEDITOR_LANGUAGES_USED)


class SiteStaticFilesConfig(StaticFilesConfig):
    """django.contrib.staticfiles, without CKEditor's translations into languages the editor never loads:
    whitenoise keeps an entry for every collected file in each worker's memory (about 1 KB each, so 6 MiB
    for the 5,000 files that were collected), and the files only made deployments slower."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, *ckeditor_translations_not_used()]


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage (compressed, with hashed names from the manifest), each file's URL worked out once:
    the manifest is read as the process starts and never changes while it runs, and a page rendered afresh
    asks for the same few URLs (the stylesheets, the icons) every time, each a manifest look-up, a join and a
    quoting. collectstatic (``force``) works them out afresh."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
