# Two commands for a fresh Debian machine: `make run` and `make test`.
# Everything they need (virtualenv, Python packages, OS packages, database, translations)
# is set up here; a second run only does what changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

# OS packages: CJK fonts and the fast font subsetter for WeasyPrint (the printed reports'
# GB/T 9704 faces: .ci/fonts.sh), gettext for the
# translations; poppler (pdftotext) and Chromium for the tests only; the PostgreSQL client
# (pg_dump, pg_restore) for the backup test (production on PostgreSQL needs it for backups).
RUN_DEBS := fonts-noto-cjk libharfbuzz-subset0 gettext
TEST_DEBS := $(RUN_DEBS) poppler-utils chromium postgresql-client

.PHONY: run test bench bench-pg loadtest setup test-setup lint messages clean

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Lint and the import layering first (seconds), then every test.
test: test-setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest $(PYTEST_ARGS)

# Every list page beside Django admin's changelist and a bare 50-row page, the roster import,
# the reminder sweep and the work reports, over SCALE generated proposals (half as many
# deputies). On SQLite (bench.sqlite3, fresh each run) unless BENCH_DATABASE_URL names another
# database, where the generated township is kept and grown to SCALE; `make bench-pg` keeps one
# PostgreSQL database per scale (renda_bench_SCALE), built on its first run.
SCALE ?= 10000
RUNS ?= 20
BENCH_PG_URL := postgres://postgres@127.0.0.1:5432/renda_bench_$(SCALE)

bench: setup
	@[ -n "$${BENCH_DATABASE_URL:-}" ] || rm -f $(CURDIR)/bench.sqlite3
	DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3} $(PY) manage.py migrate --noinput -v 0
	DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3} $(PY) -W ignore::UserWarning manage.py bench --scale $(SCALE) --runs $(RUNS)

bench-pg:
	@psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'renda_bench_$(SCALE)'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres renda_bench_$(SCALE)
	$(MAKE) bench BENCH_DATABASE_URL=$(BENCH_PG_URL)

# gunicorn on PostgreSQL with the bench township (SCALE proposals, built once and kept in
# LOADTEST_DATABASE_URL), driven by Locust: LOADTEST_USERS users for LOADTEST_TIME; prints each
# page's requests per second, p50/p95/p99 and failures (loadtest/run.py; README, Load test).
loadtest: test-setup
	$(PY) loadtest/run.py

lint: test-setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

setup: $(VENV)/.installed
	@DEBS="$(RUN_DEBS)" sh .ci/sysdeps.sh
	@sh .ci/fonts.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0

test-setup: $(VENV)/.installed-dev
	@DEBS="$(TEST_DEBS)" sh .ci/sysdeps.sh
	@sh .ci/fonts.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# xstatic-bootstrap builds with pkg_resources, gone from setuptools 81.
	echo 'setuptools<81' > $(VENV)/build-constraints.txt
	PIP_BUILD_CONSTRAINT=$(CURDIR)/$(VENV)/build-constraints.txt $(PY) -m pip install -q -r requirements.txt
	touch $@

# Test, lint and benchmark tools on top of the runtime (production installs skip them).
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	PIP_BUILD_CONSTRAINT=$(CURDIR)/$(VENV)/build-constraints.txt $(PY) -m pip install -q -r requirements-dev.txt
	touch $@

messages: setup
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --no-obsolete --add-location=file

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3 bench.sqlite3 .loadtest
