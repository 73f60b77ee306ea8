"""collectstatic gathers what the site serves, and leaves out CKEditor's translations the editor never loads
(whitenoise keeps every collected file in each worker's memory)."""

from django.apps import apps
from django.contrib.staticfiles.utils import matches_patterns


def ignored(path):
    return matches_patterns(path, apps.get_app_config("staticfiles").ignore_patterns)


def test_the_thai_and_english_translations_of_the_editor_and_its_plugins_are_collected():
    for path in (
        "ckeditor/ckeditor/lang/th.js",
        "ckeditor/ckeditor/lang/en.js",
        "ckeditor/ckeditor/plugins/image2/lang/th.js",
        "ckeditor/ckeditor/plugins/a11yhelp/dialogs/lang/en.js",
    ):
        assert not ignored(path), path


def test_the_other_languages_are_not():
    for path in (
        "ckeditor/ckeditor/lang/de.js",
        "ckeditor/ckeditor/lang/zh-cn.js",
        "ckeditor/ckeditor/plugins/image2/lang/fr.js",
        "ckeditor/ckeditor/plugins/a11yhelp/dialogs/lang/ja.js",
    ):
        assert ignored(path), path


def test_nothing_else_is_left_out():
    for path in (
        "ckeditor/ckeditor/ckeditor.js",
        "ckeditor/ckeditor/plugins/image2/plugin.js",
        "admin/js/core.js",
        "vendor/sarabun/sarabun.css",
        "css/site.css",
    ):
        assert not ignored(path), path


def test_production_storage_gives_each_file_s_hashed_url_and_works_it_out_once(tmp_path, settings):
    import json

    from core.static_files import ManifestStaticFilesStorage

    settings.DEBUG = False
    manifest = {"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = ManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    storage.hashed_files["css/site.css"] = "css/site.changed.css"  # the manifest never changes while a process runs
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"
    assert storage.url("css/site.css", force=True) == "/static/css/site.changed.css"  # collectstatic's own
