"""`make bench`: runs every bench/bench_*.py against a throw-away database and prints its figures.

Each module defines ``run(report)``; it builds its own data and calls ``report(name, value, unit)``.
Benchmarks measure and print; they assert nothing (timed assertions belong nowhere).
DATABASE_URL picks the database, as for the test suite; the benchmark database is dropped afterwards.
"""

import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jomthong_site.settings.test")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_jomthong")


def main(selected=None):
    import django
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    django.setup()
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    results = []

    def report(name, value, unit=""):
        results.append((name, value, unit))
        print(f"  {name:<60} {value:>12} {unit}", flush=True)

    try:
        for path in sorted((ROOT / "bench").glob("bench_*.py")):
            if selected and path.stem not in selected:
                continue
            print(f"{path.stem}:", flush=True)
            started = time.perf_counter()
            importlib.import_module(f"bench.{path.stem}").run(report)
            print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)
    finally:
        runner.teardown_databases(old_config)
    return results


if __name__ == "__main__":
    main(sys.argv[1:] or None)
