"""`make bench-render`: the first render of each page type after an edit, against the code of the day the
performance issue was filed, measured in the same run on the same machine.

The code of that day (BENCH_BASELINE, a git revision: `26c4219^`, the last commit before the issue's work)
is checked out in a throw-away git worktree. Each tree gets a throw-away SQLite database with its own demo
content and production settings (the page cache in Redis when it answers on 127.0.0.1:6379, with a key
prefix of its own, as in production; else in files), and one process that renders
pages in-process with Django's test client, as `make bench-http` does (templates warm, start-up objects
frozen out of the collector's reach). The two processes take turns page by page and round by round, so
whatever else the machine does touches both alike. For each page type it prints the median of
BENCH_ROUNDS (default 11) requests:

- before: the page rendered by the code of that day (it had no page cache);
- render: today's code with the page cache off (everything rendered);
- content: the first request after an edit of what the page shows: one row of every table its render read
  changed (a text field and its times, as a clerk's save changes them), but the profile's and the menu's,
  which the shell shows;
- one: the first request after an edit of one row of one of those tables alone (what one save in the admin
  changes), for each table in turn: the median of the costliest table, named at the end of the line;
- profile: the first request after an edit of the organisation's profile, which every page shows;
- news: the first request after an edit of a news item (pages that show no news are served as they were);

each edit made right after the page was served (so it and its parts are kept, as they are on a site whose
visitors keep asking for it), so that what is measured is what that one edit costs;

and the ratios of content, one, profile and news to before (to render for the page types that did not exist then):
each time of today's is divided by a render of the code of then made right before it, and a ratio is the
median of those (for "one", of the costliest table's), so that the machine's other work, which comes and goes
within seconds, touches both times of a ratio alike.
Figures are printed; nothing is asserted. BENCH_PAGES (URL names, comma-separated) picks page types.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from http_throughput import environment as http_environment
from http_throughput import forget_redis_keys, redis_is_up  # bench/ is on the path: this file's own folder

ROOT = Path(__file__).resolve().parent.parent
BASELINE = os.environ.get("BENCH_BASELINE", "26c4219^")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))


def environment(folder, redis_prefix):
    # make bench-http's, with a generation file of each tree's own: the two must not see each other's edits.
    return {**http_environment(folder, redis_prefix), "PAGE_CACHE_GENERATION_FILE": str(folder / "generation")}


def set_up(tree, folder, redis_prefix):
    env = environment(folder, redis_prefix)
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL
        )
    return env


class Renderer:
    """A process of one tree's code answering render requests (see worker())."""

    def __init__(self, tree, env):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(ROOT)],
            cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait(30)


def worker(current_root):
    """Runs in the tree's own directory: renders what it is asked, one JSON line in, one out."""
    import gc

    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    sys.path.append(current_root)  # the edits below, today's code only
    user_agent = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36"
    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT=user_agent)
    frozen = False
    shown = {}  # path -> the tables its render read (today's code only)
    for line in sys.stdin:
        command = json.loads(line)
        if command["do"] == "warm":
            for _ in range(3):
                status = client.get(command["path"]).status_code
            if command.get("reads"):
                shown[command["path"]] = tables_read(client, command["path"])
            answer = {"status": status, "tables": shown.get(command["path"], [])}
        elif command["do"] == "freeze":
            if not frozen:  # as gunicorn.conf.py does before forking
                gc.collect()
                gc.freeze()
                frozen = True
            answer = {}
        elif command["do"] == "edit":
            from bench.http_throughput import edit_news, edit_one_row_of_each, edit_something

            if command["what"] == "content":
                edit_one_row_of_each(shown[command["path"]])
            elif command["what"] == "table":
                edit_one_row_of_each([command["table"]])
            else:
                {"profile": edit_something, "news": edit_news}[command["what"]]()
            answer = {}
        else:
            settings.PAGE_CACHE_ENABLED = command["cache"]
            began = time.perf_counter()
            status = client.get(command["path"]).status_code
            answer = {"ms": (time.perf_counter() - began) * 1000, "status": status}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def tables_read(client, path):
    """The tables of the project's models the page's render reads, but the shell's (the profile, the menu)."""
    from django.apps import apps

    from core import page_cache

    reads = []
    original = page_cache.RequestReads.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        reads.append(self)

    page_cache.RequestReads.__init__ = remember
    try:
        page_cache.clear()
        client.get(path)
    finally:
        page_cache.RequestReads.__init__ = original
    models = {model._meta.db_table.lower(): model for model in apps.get_models(include_auto_created=True)}
    shell = {"core_siteprofile", "core_menuitem"}
    return sorted(table for table in reads[0].tables if table in models and table not in shell)


def page_types(env):
    """Today's page types (as make bench-http picks them)."""
    code = (
        "import django, json; django.setup(); "
        "from bench.http_throughput import page_types; print(json.dumps(page_types()))"
    )
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)},
                           check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(found.stdout.strip().splitlines()[-1])


def main():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        raise SystemExit("bench-render needs the project's git history (a clone, not an export)")
    folder = Path(tempfile.mkdtemp(prefix="jomthong-bench-render-"))
    baseline_tree = folder / "baseline"
    renderers, redis_prefix = [], ""
    try:
        started = time.time()
        print(f"Checking out {BASELINE} and setting up two throw-away databases in {folder} ...", flush=True)
        subprocess.run(["git", "worktree", "add", "--detach", str(baseline_tree), BASELINE], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        (folder / "now").mkdir()
        (folder / "then").mkdir()
        redis_prefix = f"bench-render-{uuid.uuid4().hex[:8]}" if redis_is_up() else ""
        now_env = set_up(ROOT, folder / "now", redis_prefix)
        then_env = set_up(baseline_tree, folder / "then", redis_prefix and redis_prefix + "-then")
        pages = page_types(now_env)
        only = {name for name in os.environ.get("BENCH_PAGES", "").split(",") if name}
        pages = [(name, path) for name, path in pages if not only or name in only]
        now, then = Renderer(ROOT, now_env), Renderer(baseline_tree, then_env)
        renderers = [now, then]
        existed, shown = {}, {}
        for name, path in pages:
            shown[name] = now.ask(do="warm", path=path, reads=True)["tables"]
            existed[name] = then.ask(do="warm", path=path)["status"] == 200
        now.ask(do="freeze")
        then.ask(do="freeze")
        edits = ("content", "one", "profile", "news")
        times = {name: {"before": [], "render": [], **{what: [] for what in edits}} for name, _ in pages}
        one_table = {name: {table: [] for table in shown[name]} for name, _ in pages}
        # Each time of today's is taken right after a render of the code of then (or, for a page type that did
        # not exist then, of today's with the cache off), and its ratio is to that render: the machine's other
        # work comes and goes within seconds, and touches both times of a pair alike.
        ratios = {name: {what: [] for what in edits} for name, _ in pages}
        one_ratios = {name: {table: [] for table in shown[name]} for name, _ in pages}

        def reference(name, path):
            if existed[name]:
                return then.ask(do="get", path=path, cache=False)["ms"]
            return now.ask(do="get", path=path, cache=False)["ms"]

        def after_edit(path, **edit):
            now.ask(do="get", path=path, cache=True)  # the page and its parts kept, as before any edit
            now.ask(do="edit", path=path, **edit)
            return now.ask(do="get", path=path, cache=True)["ms"]

        for _ in range(ROUNDS):
            for name, path in pages:
                page = times[name]
                if existed[name]:
                    page["before"].append(then.ask(do="get", path=path, cache=False)["ms"])
                page["render"].append(now.ask(do="get", path=path, cache=False)["ms"])
                for what in edits:
                    if what == "one":
                        continue
                    base = reference(name, path)
                    page[what].append(after_edit(path, what=what))
                    ratios[name][what].append(page[what][-1] / base)
                for table, kept in one_table[name].items():
                    base = reference(name, path)
                    kept.append(after_edit(path, what="table", table=table))
                    one_ratios[name][table].append(kept[-1] / base)
        took = time.time() - started
        print(f"{len(pages)} page types, {ROUNDS} rounds; baseline {BASELINE}; set-up and run {took:.0f} s")
        columns = ("before", "render", *edits)
        header = f"{'page type':<26} " + " ".join(f"{column:>7}" for column in columns) + " | "
        above = f"{'(milliseconds, medians; the ratios are medians of pairs, see above)':<{len(header)}}" + " ".join(
            f"{what:>8}" for what in edits
        )
        header += " ".join(f"{'/before':>8}" for _ in edits)
        print(above)
        print(header)
        print("-" * len(header))
        worst, costliest = dict.fromkeys(edits, 0.0), {}
        for name, _path in pages:
            by_table = {table: statistics.median(values) for table, values in one_ratios[name].items()}
            costliest[name] = max(by_table, key=by_table.get) if by_table else None
            # A page that reads none but the shell's tables has nothing of its own to edit: as for "content".
            if by_table:
                times[name]["one"] = [statistics.median(one_table[name][costliest[name]])]
                ratios[name]["one"] = [by_table[costliest[name]]]
            else:
                times[name]["one"], ratios[name]["one"] = times[name]["content"], ratios[name]["content"]
            median = {key: statistics.median(values) if values else None for key, values in times[name].items()}
            page_ratios = [statistics.median(ratios[name][what]) for what in edits]
            for what, ratio in zip(edits, page_ratios, strict=True):
                worst[what] = max(worst[what], ratio)
            before = f"{median['before']:>7.1f}" if median["before"] else f"{'-':>7}"
            mark = f"  {costliest[name] or '-'}" + ("" if median["before"] else " (new: to today's render)")
            edited = " ".join(f"{median[what]:>7.1f}" for what in edits)
            print(f"{name:<26} {before} {median['render']:>7.1f} {edited} | "
                  + " ".join(f"{ratio:>7.2f}x" for ratio in page_ratios) + mark)  # fmt: skip
        print("Highest ratio to before of a first request after an edit: "
              + ", ".join(f"{what} {ratio:.2f}x" for what, ratio in worst.items()))  # fmt: skip
    finally:
        for renderer in renderers:
            renderer.close()
        subprocess.run(["git", "worktree", "remove", "--force", str(baseline_tree)], cwd=ROOT, capture_output=True)
        if redis_prefix:
            forget_redis_keys(redis_prefix)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2])
    else:
        main()
