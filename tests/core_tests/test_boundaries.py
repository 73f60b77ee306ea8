"""The platform's parts, by their names: every section stands on `core` and `accounts`, not on each other.

- Only `core` and `accounts` are imported by more than one app (plans → staff stays: a project's
  responsible unit is an organisation unit).
- `search` knows no other app: apps declare their kinds in `core.searchable`.
- No app reaches into another app's private names (a module or a name beginning with "_").
- Settings import no app code: they are read before any app is loaded.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PLATFORM = {"core", "accounts"}
DOMAIN_APPS = sorted(
    path.parent.name
    for path in ROOT.glob("*/apps.py")
    if path.parent.name not in PLATFORM and (path.parent / "__init__.py").exists()
)
OUR_PACKAGES = {*PLATFORM, *DOMAIN_APPS, "jomthong_site"}
ALLOWED_CROSS_IMPORTS = {("plans", "staff")}


def imports_of(package):
    """(importing file, imported dotted name) for every import in a package, migrations left out."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found += [(path, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def other_apps_imported(package):
    return {name.split(".")[0] for _, name in imports_of(package)} & (OUR_PACKAGES - {package})


def test_the_domain_apps_are_found():
    assert {"pages", "places", "staff", "plans", "forum", "search"} <= set(DOMAIN_APPS)


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_a_section_imports_only_the_platform_and_its_own_code(app):
    others = other_apps_imported(app) - PLATFORM - {target for source, target in ALLOWED_CROSS_IMPORTS if source == app}
    assert not others, f"{app} imports {sorted(others)}: move what they share into core or accounts"


def test_search_knows_no_other_app():
    assert other_apps_imported("search") <= {"core"}


@pytest.mark.parametrize("package", ["core", "accounts"])
def test_the_platform_stands_on_no_section(package):
    assert other_apps_imported(package) <= PLATFORM


@pytest.mark.parametrize("package", sorted(OUR_PACKAGES))
def test_no_app_imports_another_apps_private_names(package):
    private = [
        f"{path.relative_to(ROOT)}: {name}"
        for path, name in imports_of(package)
        if name.split(".")[0] in OUR_PACKAGES - {package} and any(part.startswith("_") for part in name.split(".")[1:])
    ]
    assert not private


def test_settings_import_no_app_code():
    for path, name in imports_of("jomthong_site"):
        if "settings" in path.parts:
            assert name.split(".")[0] not in OUR_PACKAGES - {"jomthong_site"}, f"{path.name} imports {name}"
