# One Makefile for the whole project: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py
# The suite runs in parallel, one pytest-xdist worker per core (one on a one-core machine);
# `make test PYTEST_WORKERS=0` runs it in a single process, e.g. to debug with pdb.
# `--dist load` hands tests out in pytest-django's order, so each worker runs its database tests before its
# transactional ones (whose flush empties what migrations filled in, e.g. the groups); work stealing
# (`--dist worksteal`) breaks that order.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist load

.DEFAULT_GOAL := help
.PHONY: help install migrate demo run serve drill test test-postgres lint format bench bench-http bench-render vendor check-deploy clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the sample content (safe to run again)
	$(MANAGE) load_demo

run: demo ## Set up everything and serve on http://127.0.0.1:$(PORT) (make run PORT=8123)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: install ## Serve with gunicorn.conf.py and production settings: migrate and collectstatic only, no demo content
	DJANGO_SETTINGS_MODULE=jomthong_site.settings.prod DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3} \
	SECRET_KEY=$${SECRET_KEY:-local-serve-only-not-secret-$$(hostname)-0123456789abcdefghij} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	sh -c '$(MANAGE) migrate --noinput && $(MANAGE) collectstatic --noinput --verbosity 0 && \
	exec $(BIN)/gunicorn -c gunicorn.conf.py --bind 127.0.0.1:$(PORT)'

drill: install ## Fault drill: gunicorn + PostgreSQL under load while PostgreSQL restarts once (restarts the local server!)
	$(BIN)/python scripts/drill.py

test: install ## Set up everything and run the whole test suite (DATABASE_URL picks the database)
	$(PYTEST)

test-postgres: install ## The whole suite on the local PostgreSQL
	DATABASE_URL=$${PG_URL:-postgres://postgres@127.0.0.1:5432/jomthong} $(PYTEST)

lint: install ## ruff lint and format check, and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: install ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install ## Django's deployment checklist under production settings
	DJANGO_SETTINGS_MODULE=jomthong_site.settings.prod SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=example.org DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3} $(MANAGE) check --deploy --fail-level WARNING

bench: install ## Query-count and latency benchmarks, then bench-render and bench-http (figures printed, nothing asserted)
	$(BIN)/python bench/run.py
	$(MAKE) bench-render
	$(MAKE) bench-http

bench-http: install ## Every public page type under gunicorn (production settings) against a bare Django ceiling, with wrk
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/http_throughput.py

bench-render: install ## The first render after an edit, per page type, against the code of the day the performance issue was filed
	$(BIN)/python bench/render_after_edit.py

vendor: ## Refresh static/vendor/ from the npm packages pinned in package.json
	npm ci --no-audit --no-fund
	node scripts/vendor.mjs

clean: ## Remove the virtualenv, caches and test output
	rm -rf $(VENV) .pytest_cache test-output staticfiles
