# The README's commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8000
UV_VERSION := 0.13.9

.PHONY: run setup install install-test test lint format check messages bench-import bench-search search-quality bench-page bench-publications load-test fault-test fuzz crawl backup restore install-chromium clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) pip install --quiet --python $(PY) -r requirements/main.txt

install-test: $(UV)
	$(UV) pip install --quiet --python $(PY) -r requirements/test.txt
	@command -v chromium >/dev/null 2>&1 || $(MAKE) --no-print-directory install-chromium

# Browser tests use Debian's chromium; nothing downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
install-chromium:
	@echo "Installing Debian's chromium for the browser tests"
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_site

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/  (beheer: http://127.0.0.1:$(PORT)/admin/)"
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# One pytest-xdist worker per core, each with its own test database; whole files go to one worker,
# so content a module builds once is built once, the slowest first (tests/schedule.py).
# PYTEST_ARGS="-n 0" runs in one process (debugging). Compiled bytecode is kept in var/pycache,
# also when the environment says not to write any, so the workers don't compile everything anew.
PYTEST_WORKERS ?= auto
test: install-test
	@start=$$(date +%s); status=0; \
	env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(CURDIR)/var/pycache \
	  $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=15 $(PYTEST_ARGS) || status=$$?; \
	echo "make test took $$(( $$(date +%s) - start )) s"; exit $$status

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-test
	DJANGO_SETTINGS_MODULE=kennisbank.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=kennisbank.settings.test $(PY) manage.py makemigrations --check --dry-run

# Regenerate the Dutch and English catalogues after changing UI strings.
messages: install-test
	$(PY) manage.py makemessages -l nl -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

# Import speed: 10,000 generated practices into a throwaway database (BENCH_DATABASE_URL to use PostgreSQL),
# then the same practices through a plain add_child/save_revision/publish loop (PLAIN=… practices),
# a re-import with CHANGED=… practices changed, and the embeddings of EMBED=… practices (timed apart:
# a background task makes them after an import). The last line is a row for the README table.
# Background tasks (search and reference index) run inline, so both timings include all their work.
# SIZES=1000,10000,50000 grows one database to each size in turn (importing only the difference)
# and prints a table row per size instead.
BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-import.sqlite3
bench-import: install-test
	$(if $(filter sqlite:///%,$(BENCH_DATABASE_URL)),rm -f $(patsubst sqlite:///%,%,$(BENCH_DATABASE_URL)))
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) TASKS_BACKEND=immediate $(PY) manage.py bench_import --count $${COUNT:-10000} $${PLAIN:+--plain $$PLAIN} $${CHANGED:+--changed $$CHANGED} $${EMBED:+--embed $$EMBED} $${SIZES:+--sizes $$SIZES}

# Search speed: faceted search API against a plain Wagtail search listing, on N generated practices
# (BENCH_SEARCH_DATABASE_URL=postgres://… for PostgreSQL; the database is reused between runs).
# SIZES=1000,10000,50000: cost curves, one table row per size, growing the database in turn
# (importing only the difference): import time, search p50/p95 on the database and on the engine
# path (an osmem-server process started for the run), facet index build time and memory.
BENCH_SEARCH_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-search.sqlite3
bench-search: install-test
	DATABASE_URL=$(BENCH_SEARCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_SEARCH_DATABASE_URL) TASKS_BACKEND=database $(PY) manage.py bench_search --count $${COUNT:-10000} --queries $${QUERIES:-300} $${SIZES:+--sizes $$SIZES}

# Search quality: recall@5 and MRR of the evaluation set (tests/search/evaluation/) on the database
# (SQLite, or PostgreSQL with DATABASE_URL) and on the engine; Django's log lines are left out.
search-quality: install-test
	$(PY) -m pytest tests/search/test_search_quality.py tests/search/engine/test_engine_quality.py -q -s -p no:cacheprovider 2>/dev/null

# Practice page cost: its SQL queries, and p50/p95 through gunicorn (production settings) with and
# without the page cache, next to a static file of the same size from the same server.
BENCH_PAGE_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-page.sqlite3
bench-page: install-test
	rm -f var/bench-page.sqlite3
	DATABASE_URL=$(BENCH_PAGE_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_PAGE_DATABASE_URL) $(PY) manage.py bench_page --requests $${REQUESTS:-400}

# Publications: upload check, text reading, analysis and page lookup for a generated report of N pages.
bench-publications: install-test
	$(PY) manage.py bench_publications --pages $${PAGES:-200}

# Operations runs (README, Operations): gunicorn with production settings on 127.0.0.1 against a
# PostgreSQL cluster of the scripts' own (port 5434, created once with pg_createcluster).
# PRACTICES=1000 for a quicker run (its database is generated once and reused); LOAD_DATABASE to
# name the database, OPS_PG_EXTERNAL=1 OPS_PG_PORT=5432 to use a running PostgreSQL instead.
load-test: install-test
	$(PY) scripts/load_test.py --practices $${PRACTICES:-10000} --seconds $${SECONDS_PER_LEVEL:-30} $${LOAD_DATABASE:+--database $$LOAD_DATABASE}

fault-test: install-test
	$(PY) scripts/fault_test.py all --seconds $${SECONDS_PER_PHASE:-12}

fuzz: install-test
	$(PY) scripts/fuzz.py

# Crawl a running site (`make run` in another terminal) in headless Chromium: every page, feed and
# download reachable from the home pages; prints what a visitor would run into (CRAWL_URL to choose).
crawl: install-test
	$(PY) scripts/crawl_site.py $${CRAWL_URL:-http://127.0.0.1:$(PORT)}

# Backup of the database and uploads into BACKUP_DIR (default var/backups), keeping BACKUP_KEEP (14);
# restore replaces the database and MEDIA_ROOT with one: make restore BACKUP=var/backups/20261203T…
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=var/backups/<folder>" && exit 2)
	$(PY) manage.py restore "$(BACKUP)"

clean:
	rm -rf $(VENV) var
