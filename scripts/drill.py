"""`make drill`: the site under load while PostgreSQL restarts, on production settings, and what visitors got.

1. creates a throw-away database `jomthong_drill` on the local PostgreSQL, migrates it and loads the samples;
2. starts gunicorn with gunicorn.conf.py and production settings on a free port on 127.0.0.1;
3. sends 64 concurrent connections for 60 s across the public page types (taken from the sitemap);
4. restarts PostgreSQL once, 20 s in (`pg_ctlcluster <version> main restart`);
5. prints the requests, the non-2xx answers by status, the longest stretch with no page served, and the 5xx
   answered after PostgreSQL was back (the target is 0); then stops gunicorn and drops the database.

It RESTARTS the local PostgreSQL server: every other connection to it (other test runs) is cut for a few
seconds. Run it on a development or staging machine, never on the production server. Traffic goes only
to 127.0.0.1. Settings: DRILL_CONNECTIONS, DRILL_SECONDS, DRILL_RESTART_AT, DRILL_PG_URL, DRILL_KEEP_DB.
"""

import asyncio
import collections
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATABASE = "jomthong_drill"
PG_URL = os.environ.get("DRILL_PG_URL", "postgres://postgres@127.0.0.1:5432")
CONNECTIONS = int(os.environ.get("DRILL_CONNECTIONS", "64"))
SECONDS = float(os.environ.get("DRILL_SECONDS", "60"))
RESTART_AT = float(os.environ.get("DRILL_RESTART_AT", "20"))
REQUEST_TIMEOUT = 35


def say(message):
    print(f"[drill {time.strftime('%H:%M:%S')}] {message}", flush=True)


def admin_connection():
    connection = psycopg2.connect(f"{PG_URL}/postgres")
    connection.autocommit = True
    return connection


def create_database():
    with closing(admin_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        # Thai search needs a UTF-8 character type (pg_trgm finds nothing for Thai under LC_CTYPE C).
        cursor.execute(
            f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )


def drop_database():
    with closing(admin_connection()) as connection, connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def cluster_version():
    versions = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".") if p.isdigit()])
    return versions[-1]


def restart_postgresql():
    command = ["pg_ctlcluster", cluster_version(), "main", "restart"]
    if not Path("/run/systemd/system").exists():
        command.insert(1, "--skip-systemctl-redirect")  # no systemd here (a container): pg_ctl directly
    return subprocess.run(command, capture_output=True, text=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jomthong_site.settings.prod",
        "DATABASE_URL": f"{PG_URL}/{DATABASE}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
        "FORUM_POST_MIN_INTERVAL_SECONDS": "0",
        "GUNICORN_ACCESS_LOG": str(workdir / "access.log"),
    }


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def http_get(base, path):
    with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:  # noqa: S310 - 127.0.0.1 only
        return response.status, response.read().decode("utf-8", "replace")


def wait_until_up(base, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if http_get(base, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not start")


def public_paths(base):
    """A few addresses of every kind of public page, from the sitemap, plus the lists and a search."""
    _status, sitemap = http_get(base, "/sitemap.xml")
    by_kind = collections.defaultdict(list)
    for url in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urlsplit(url).path
        kind = path.strip("/").split("/")[0] or "home"
        depth = path.strip("/").count("/")
        by_kind[(kind, depth)].append(path)
    paths = {"/", "/search/?q=%E0%B8%AD%E0%B8%9A%E0%B8%95", "/forum/", "/map/"}
    for _kind, found in sorted(by_kind.items()):
        paths.update(found[:3])
    return sorted(paths)


async def fetch(port, path):
    """One GET on a fresh connection (gunicorn's sync workers close each): (status, has Retry-After)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        await reader.read()
    finally:
        writer.close()
    status = int(head.split(b" ", 2)[1])
    return status, b"\r\nretry-after:" in head.lower()


async def load(port, paths, started, stop_at, results):
    async def client(number):
        index = number
        while time.monotonic() < stop_at:
            path = paths[index % len(paths)]
            index += CONNECTIONS
            begin = time.monotonic()
            try:
                status, retry_after = await asyncio.wait_for(fetch(port, path), REQUEST_TIMEOUT)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                status, retry_after = "no answer", False
                await asyncio.sleep(0.05)
            results.append((begin - started, time.monotonic() - started, status, retry_after, path))

    await asyncio.gather(*(client(number) for number in range(CONNECTIONS)))


async def restart_later(started, delay, events):
    if delay < 0:  # DRILL_RESTART_AT=-1: a dry run of the load alone
        return
    await asyncio.sleep(delay)
    events["restart_begun"] = time.monotonic() - started
    say("restarting PostgreSQL")
    outcome = await asyncio.to_thread(restart_postgresql)
    events["restart_done"] = time.monotonic() - started
    events["restart_output"] = (outcome.returncode, outcome.stdout + outcome.stderr)
    say(f"PostgreSQL back ({events['restart_done'] - events['restart_begun']:.1f} s, exit {outcome.returncode})")


async def run_load(port, paths):
    results, events = [], {}
    started = time.monotonic()
    await asyncio.gather(
        load(port, paths, started, started + SECONDS, results),
        restart_later(started, RESTART_AT, events),
    )
    return results, events


def longest_outage(results):
    """The longest stretch (seconds) in which no request was answered with a page (status below 400)."""
    served = sorted(end for _begin, end, status, _retry, _path in results if isinstance(status, int) and status < 400)
    if not served:
        return SECONDS, (0.0, SECONDS)
    gaps = [(b - a, (a, b)) for a, b in zip(served, served[1:], strict=False)]
    return max(gaps) if gaps else (0.0, (served[0], served[0]))


def report(results, events, paths, log_path):
    statuses = collections.Counter(status for _b, _e, status, _r, _p in results)
    non_2xx = {status: count for status, count in statuses.items() if not (isinstance(status, int) and status < 300)}
    back = events.get("restart_done", SECONDS)
    after = [r for r in results if r[0] >= back]
    errors_after = collections.Counter(r[2] for r in after if not isinstance(r[2], int) or r[2] >= 500)
    fivexx = [r for r in results if isinstance(r[2], int) and r[2] >= 500]
    without_retry_after = sum(1 for r in results if r[2] == 503 and not r[3])
    outage, (outage_from, outage_to) = longest_outage(results)
    latencies = sorted(end - begin for begin, end, status, _r, _p in results if status == 200)
    log_text = log_path.read_text(errors="replace")

    print()
    print("== make drill: gunicorn (gunicorn.conf.py) + production settings + PostgreSQL, restarted once")
    print(f"connections             {CONNECTIONS} for {SECONDS:.0f} s, {len(paths)} public addresses")
    print(f"requests                {len(results)} ({len(results) / SECONDS:.0f}/s)")
    print(f"2xx                     {sum(c for s, c in statuses.items() if isinstance(s, int) and s < 300)}")
    print(f"non-2xx by status       {dict(sorted(non_2xx.items(), key=str)) or 'none'}")
    print(f"503 without Retry-After {without_retry_after}")
    print(
        f"PostgreSQL restart      from {events.get('restart_begun', 0):.1f} s to {back:.1f} s "
        f"({back - events.get('restart_begun', back):.1f} s)"
    )
    print(f"longest outage          {outage:.2f} s (no page served from {outage_from:.1f} s to {outage_to:.1f} s)")
    print(f"5xx in all              {len(fivexx)}")
    print(f"5xx after recovery      {sum(errors_after.values())} {dict(errors_after) or ''} (target 0)")
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"latency of 200s         median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(
        f"error log written       {len(log_text.encode())} bytes, {log_text.count('Traceback')} traceback(s) "
        "(gunicorn and Django, access log apart)"
    )
    code, output = events.get("restart_output", (None, ""))
    if code:
        print(f"pg_ctlcluster said: {output.strip()}")
    return sum(errors_after.values())


def main():
    if not shutil.which("pg_ctlcluster") or not Path("/etc/postgresql").is_dir():
        raise SystemExit("make drill needs a local PostgreSQL cluster managed by pg_ctlcluster (Debian's postgresql)")
    workdir = Path(tempfile.mkdtemp(prefix="jomthong-drill-"))
    env = site_environment(workdir)
    gunicorn = None
    try:
        say(f"creating the throw-away database {DATABASE}, migrating, loading the samples, collecting static files")
        create_database()
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        port = free_port()
        log_path = workdir / "gunicorn.log"
        say(f"starting gunicorn on 127.0.0.1:{port} (log: {log_path})")
        with open(log_path, "wb") as log:
            gunicorn = subprocess.Popen(
                [str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        paths = public_paths(base)
        for path in paths:  # warm every worker's caches a little, and check each address answers
            http_get(base, path)
        say(f"{CONNECTIONS} connections for {SECONDS:.0f} s over {len(paths)} addresses; restart at {RESTART_AT:.0f} s")
        results, events = asyncio.run(run_load(port, paths))
        failures_after_recovery = report(results, events, paths, log_path)
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=40)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        if not os.environ.get("DRILL_KEEP_DB"):
            for _attempt in range(10):
                try:
                    drop_database()
                    break
                except psycopg2.OperationalError:
                    time.sleep(1)
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failures_after_recovery else 0)


if __name__ == "__main__":
    main()
