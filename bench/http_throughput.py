"""`make bench-http`: every public page type under gunicorn with production settings, against a ceiling.

In one run: a throw-away SQLite database with the demo content, the site under gunicorn (gunicorn.conf.py:
preloaded, WEB_CONCURRENCY workers) and bare Django answering a fixed 20 KB page (bench/ceiling.py) under
the same gunicorn settings; `wrk` loads the ceiling, then each page type in turns with the ceiling (BENCH_ROUNDS
turns of BENCH_SECONDS each, the ceiling after each turn). For each page type it prints requests per second,
p50, p99, the ratio to the ceiling (the median of its turns', with the lowest and highest) and non-2xx answers,
warm (served from the page cache) and right after an edit (the edit draws a new generation, so the first
requests render again); the SQL queries and the time of one request in-process: rendered (cache off), the
first after an edit of the organisation's profile ("edit ms": every page shows it; the shell's parts are
rendered again, the page's own content comes from its part: core/parts.py), the first after an edit of a
news item ("news ms": the content of the pages that show news is rendered again, the rest from its parts)
and from the cache; and each worker's memory from /proc (RSS, PSS, USS), after the load. wrk sends a phone
browser's User-Agent, so every request is counted as a visit, as a resident's would be.

The page cache is Redis when Redis answers on 127.0.0.1:6379 (a database and a key prefix of its own,
removed afterwards), as in production, else files. Figures are printed; nothing is asserted.
Environment: BENCH_SECONDS (per turn, default 2), BENCH_ROUNDS (turns per page, 3), BENCH_CONNECTIONS (16),
BENCH_THREADS (2), WEB_CONCURRENCY (4), BENCH_REDIS_DB (12), BENCH_PAGES (URL names, comma-separated: only
those page types).
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "4"))
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "12"))
SEARCH_QUERY = "ถนน"
MIB = 1024 * 1024


def redis_is_up():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def forget_redis_keys(prefix, db=REDIS_DB):
    """Remove what a run left in Redis under its own key prefix."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=db)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(folder, redis_prefix):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jomthong_site.settings.prod",
        "SECRET_KEY": "bench-http-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "PAGE_CACHE_DIR": str(folder / "page-cache"),
        "WEB_CONCURRENCY": str(WORKERS),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if redis_prefix:
        env["REDIS_URL"] = f"redis://127.0.0.1:6379/{REDIS_DB}"
        env["PAGE_CACHE_KEY_PREFIX"] = redis_prefix
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_gunicorn(env, app, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,  # the access log: written, not shown
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"gunicorn ({app}) did not answer on port {port}")


def stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)


def _duration_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


# A resident's phone: the site counts the visit (visitors/), as it does for every real visitor; without a
# browser's User-Agent wrk would pass for a bot and skip that work.
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


def wrk(url, seconds=SECONDS):
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-H", f"User-Agent: {USER_AGENT}",
         url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _duration_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _duration_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "non2xx": int(bad.group(1)) if bad else 0,
        "errors": sum(map(int, errors.groups())) if errors else 0,
    }


def combined_turns(turns):
    """One page's warm figures from its turns, each (wrk's figures, the ceiling's req/s around it)."""
    ratios = sorted((run["rps"] / ceiling, run) for run, ceiling in turns)
    ratio, median_run = ratios[len(ratios) // 2]
    return {
        "rps": median_run["rps"],
        "ratio": ratio,
        "lowest": ratios[0][0],
        "highest": ratios[-1][0],
        "p50": median_run["p50"],
        "p99": max(run["p99"] for run, _ in turns),
        "non2xx": sum(run["non2xx"] for run, _ in turns),
        "errors": sum(run["errors"] for run, _ in turns),
    }


def workers_memory(master_pid):
    """(RSS, PSS, USS) in MiB of each worker (a child of the gunicorn master)."""
    rows = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) != master_pid:
                continue
            fields = {
                line.split(":")[0]: int(line.split()[1])
                for line in (entry / "smaps_rollup").read_text().splitlines()[1:]
                if line.split()[-1] == "kB"
            }
        except (OSError, ValueError, IndexError):
            continue
        uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        rows.append((fields["Rss"] / 1024, fields["Pss"] / 1024, uss / 1024))
    return rows


def memory_line(label, rows):
    if not rows:
        return f"  {label}: no workers found"
    rss, pss, uss = zip(*rows, strict=True)
    return (
        f"  {label}: {len(rows)} workers, RSS max {max(rss):.0f} MiB (mean {statistics.mean(rss):.0f}), "
        f"PSS max {max(pss):.0f} MiB, USS max {max(uss):.0f} MiB"
    )


def page_types():
    """One address per kind of public page (by URL name): the sitemap's and the menu's, the home page and a
    search. A new app's pages appear here by themselves once it lists them in the sitemap or the menu."""
    import xml.etree.ElementTree as ElementTree

    from django.test import Client
    from django.urls import Resolver404, resolve

    from core.models import MenuItem

    client = Client(HTTP_HOST="127.0.0.1")
    sitemap = client.get("/sitemap.xml")
    locations = ElementTree.fromstring(sitemap.content).iterfind(
        "sm:url/sm:loc", {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    paths = {urlsplit(loc.text).path for loc in locations}
    paths |= {item.url for item in MenuItem.objects.visible() if item.url.startswith("/")}
    chosen = {"pages:home": "/", "search:results": f"/search/?q={quote(SEARCH_QUERY)}"}
    for path in sorted(paths, key=lambda p: (len(p), p)):
        try:
            name = resolve(urlsplit(path).path).view_name
        except Resolver404:
            continue
        chosen.setdefault(name, path)
    only = {name for name in os.environ.get("BENCH_PAGES", "").split(",") if name}
    return sorted((name, path) for name, path in chosen.items() if not only or name in only)


def in_process(pages):
    """SQL queries and time of one request in-process: rendered with the page cache off (templates warm),
    the first request after an edit with the cache on (the page and the shell's fragments rendered
    afresh, as a visitor after a clerk's save gets it), and from the cache."""
    import gc

    from django.conf import settings
    from django.test import Client

    from bench.measure import queries_for

    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT=USER_AGENT)
    for _name, path in pages:
        client.get(path)  # templates compiled, code imported
    # As gunicorn.conf.py does before forking: what start-up loaded is never scanned by the collector.
    gc.collect()
    gc.freeze()
    figures = {}
    for name, path in pages:
        settings.PAGE_CACHE_ENABLED = False
        rendered, queries = [], 0
        request = lambda path=path: client.get(path)  # noqa: E731
        for _ in range(5):
            began = time.perf_counter()
            _, queries = queries_for(request)
            rendered.append((time.perf_counter() - began) * 1000)
        settings.PAGE_CACHE_ENABLED = True
        after_edit, after_news_edit = [], []
        for edit, timings in ((edit_something, after_edit), (edit_news, after_news_edit)):
            for _ in range(5):
                edit()
                began = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - began) * 1000)
        response, cached_queries = queries_for(request)
        figures[name] = {
            "render_ms": statistics.median(rendered),
            "after_edit_ms": statistics.median(after_edit),
            "after_news_edit_ms": statistics.median(after_news_edit),
            "queries": queries,
            "cached_queries": cached_queries,
            "hit": response.get("X-Page-Cache", "-"),
        }
    return figures


def first_requests(base, pages):
    """Milliseconds of the first request of each page over HTTP (right after an edit: a fresh render)."""
    times = {}
    for name, path in pages:
        began = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
        times[name] = (time.perf_counter() - began) * 1000
    return times


def edit_news():
    """The edit a clerk makes most: a news item's title (the shell's profile and menu stay as they were)."""
    from pages.models import Announcement

    item = Announcement.objects.order_by("pk").first()
    Announcement.objects.filter(pk=item.pk).update(title=f"{item.title.split(' #')[0]} #{time.time_ns()}")


def edit_something():
    """What a clerk does a few times a day: the organisation's phone number changes (every page shows it)."""
    from core.models import SiteProfile

    profile = SiteProfile.current()
    profile.phone = f"0 5500 {int(time.time()) % 10000:04d}"
    profile.save()


def edit_one_row_of_each(tables):
    """A clerk's edit of one row of each table: its first text field changes (a full stop added, or taken
    off again) and its auto_now times are set to now, as a save in the admin sets them; a table with
    neither (an m2m link) gets the write alone. What a page keeps by the values it shows (core/memo.py)
    sees the change; the page cache sees the writes."""
    from django.apps import apps
    from django.db import models
    from django.utils import timezone

    by_table = {model._meta.db_table.lower(): model for model in apps.get_models(include_auto_created=True)}
    for table in tables:
        model = by_table[table]
        row = model._base_manager.order_by("pk").first()
        if row is None:
            continue
        changes = {
            field.name: timezone.now()
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateTimeField) and field.auto_now
        }
        for field in model._meta.concrete_fields:
            if type(field) in (models.CharField, models.TextField) and not field.unique and not field.choices:
                text = getattr(row, field.attname) or ""
                changes[field.name] = text[:-1] if text.endswith(".") else text + "."
                break
        if changes:
            model._base_manager.filter(pk=row.pk).update(**changes)
        else:
            write_one_row_of_each([table])


def write_one_row_of_each(tables):
    """An UPDATE of one row of each table that changes nothing: the write a clerk's save makes, as the page
    cache sees it (core/page_cache.py's WriteWatcher)."""
    from django.apps import apps
    from django.db import connection

    models = {model._meta.db_table.lower(): model for model in apps.get_models(include_auto_created=True)}
    with connection.cursor() as cursor:
        for table in tables:
            meta = models[table]._meta
            name, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
            cursor.execute(f"UPDATE {name} SET {pk} = {pk} WHERE {pk} IN (SELECT MIN({pk}) FROM {name})")


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench-http does it)")
    folder = Path(tempfile.mkdtemp(prefix="jomthong-bench-http-"))
    redis_prefix = f"bench-http-{uuid.uuid4().hex[:8]}" if redis_is_up() else ""
    env = environment(folder, redis_prefix)
    processes = []
    try:
        started = time.time()
        print(f"Setting up a throw-away database in {folder} ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import bench.measure  # noqa: F401  (fails early if bench/ moved)

        pages = page_types()
        cache_kind = f"Redis db {REDIS_DB}" if redis_prefix else "files"
        print(
            f"{len(pages)} page types; gunicorn {WORKERS} sync workers, preload; wrk -t{THREADS} -c{CONNECTIONS} "
            f"-d{SECONDS}s; page cache: {cache_kind}; {os.cpu_count()} CPUs; set-up {time.time() - started:.0f} s",
            flush=True,
        )
        site_port, ceiling_port = free_port(), free_port()
        site = start_gunicorn(env, "jomthong_site.wsgi", site_port)
        processes.append(site)
        ceiling = start_gunicorn(env, "bench.ceiling:application", ceiling_port)
        processes.append(ceiling)
        base = f"http://127.0.0.1:{site_port}"

        # The page and the ceiling are loaded in turns, a few seconds each, ROUNDS times per page: each turn of
        # the page is compared with the two turns of the ceiling around it, and the page's ratio is the median
        # of its turns'. The machine's other work comes in bursts of a few seconds (on a shared 2-core machine
        # the ceiling alone moves by a third from one run to the next): a burst spoils one turn, not the page.
        ceiling_runs = [wrk(f"http://127.0.0.1:{ceiling_port}/")]
        warm = {}
        for name, path in pages:
            urllib.request.urlopen(base + path, timeout=30).read()  # into the cache
            turns = []
            for _ in range(ROUNDS):
                run = wrk(base + path)
                ceiling_runs.append(wrk(f"http://127.0.0.1:{ceiling_port}/"))
                turns.append((run, statistics.mean(ceiling["rps"] for ceiling in ceiling_runs[-2:])))
            warm[name] = combined_turns(turns)
        ceiling_rps = statistics.mean(run["rps"] for run in ceiling_runs)

        edit_something()
        first_after_edit = first_requests(base, pages)
        edit_something()
        after_edit = {name: wrk(base + path, SECONDS) for name, path in pages}

        site_memory = workers_memory(site.pid)
        ceiling_memory = workers_memory(ceiling.pid)
        figures = in_process(pages)

        print()
        rates = [run["rps"] for run in ceiling_runs]
        first = ceiling_runs[0]
        print(f"ceiling (bare Django, fixed 20 KB page): {len(rates)} runs, one before the first page and one after "
              f"each turn of a page: mean {ceiling_rps:.0f} req/s, lowest {min(rates):.0f}, highest {max(rates):.0f}; "
              f"first run p50 {first['p50']:.1f} ms, p99 {first['p99']:.1f} ms. Warm: {ROUNDS} turns of {SECONDS} s "
              f"per page, each to the two ceiling runs around it; req/s, ratio and p50 the median turn's, p99 the "
              f"highest, 'turns' the lowest and highest ratio; after an edit: to the mean")  # fmt: skip
        header = (
            f"{'page type':<26} {'req/s':>7} {'ratio':>6} {'turns':>11} {'p50 ms':>7} {'p99 ms':>7} {'non2xx':>6} | "
            f"{'after edit: req/s':>17} {'ratio':>6} {'p99 ms':>7} {'non2xx':>6} {'1st ms':>7} | "
            f"{'SQL/req':>7} {'cached':>6} {'render ms':>9} {'edit ms':>7} {'news ms':>7}"
        )
        print(header)
        print("-" * len(header))
        for name, _path in pages:
            w, a, f = warm[name], after_edit[name], figures[name]
            print(
                f"{name:<26} {w['rps']:>7.0f} {w['ratio']:>5.2f}x {w['lowest']:>5.2f}-{w['highest']:.2f}x "
                f"{w['p50']:>7.1f} {w['p99']:>7.1f} "
                f"{w['non2xx'] + w['errors']:>6} | {a['rps']:>17.0f} {a['rps'] / ceiling_rps:>5.2f}x {a['p99']:>7.1f} "
                f"{a['non2xx'] + a['errors']:>6} {first_after_edit[name]:>7.1f} | "
                f"{f['queries']:>7} {f['cached_queries']:>6} {f['render_ms']:>9.1f} {f['after_edit_ms']:>7.1f} "
                f"{f['after_news_edit_ms']:>7.1f}"
            )
        print()
        print("Worker memory after the load (from /proc/<pid>/smaps_rollup):")
        print(memory_line("site", site_memory))
        print(memory_line("ceiling", ceiling_memory))
        print()
        print("Addresses:", ", ".join(path for _, path in pages))
        worst = min(warm[name]["ratio"] for name, _ in pages)
        bad = sum(warm[name]["non2xx"] + warm[name]["errors"] for name, _ in pages)
        print(f"Lowest warm ratio to the ceiling: {worst:.2f}x; non-2xx or errors, warm: {bad}; "
              f"total time {time.time() - started:.0f} s")  # fmt: skip
    finally:
        for process in processes:
            stop(process)
        if redis_prefix:
            forget_redis_keys(redis_prefix)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
