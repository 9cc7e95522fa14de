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

.PHONY: run test bench bench-pg loadtest setup test-setup lint messages requirements guide-screenshots clean

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
# page's requests per second, p50/p95/p99 and failures (loadtest/run.py; docs/benchmarks.md,
# Load test).
loadtest: test-setup
	$(PY) loadtest/run.py

lint: test-setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# Media in a bucket (MEDIA_STORAGE=s3, or a bucket named, as congress/settings/media.py reads
# them) need the S3 packages too: `make setup` adds requirements-s3.txt when the environment
# asks for it.
S3_ASKED := $(filter s3 S3,$(MEDIA_STORAGE))$(strip $(AWS_STORAGE_BUCKET_NAME))
S3_MEDIA := $(if $(S3_ASKED),$(VENV)/.installed-s3)

setup: $(VENV)/.installed $(S3_MEDIA)
	@DEBS="$(RUN_DEBS)" sh .ci/sysdeps.sh
	@sh .ci/fonts.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0

test-setup: $(VENV)/.installed-dev
	@DEBS="$(TEST_DEBS)" sh .ci/sysdeps.sh
	@sh .ci/fonts.sh
	$(PY) manage.py compilemessages --ignore=.venv -v 0

# The pinned requirements*.txt are compiled from the requirements*.in (`make requirements`).
BUILD_CONSTRAINTS := $(VENV)/build-constraints.txt
PIP_INSTALL = PIP_BUILD_CONSTRAINT=$(CURDIR)/$(BUILD_CONSTRAINTS) $(PY) -m pip install -q

# xstatic-bootstrap builds with pkg_resources, gone from setuptools 81.
$(BUILD_CONSTRAINTS):
	mkdir -p $(VENV)
	echo 'setuptools<81' > $@

$(VENV)/.installed: requirements.txt $(BUILD_CONSTRAINTS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-s3: $(VENV)/.installed requirements-s3.txt
	$(PIP_INSTALL) -r requirements.txt -r requirements-s3.txt
	touch $@

# Test, lint and import-layering tools on top of the runtime, with the optional groups the tests
# exercise (S3 media, the load test); production installs skip them.
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	touch $@

# Recompile every requirements*.txt from its .in with pip-tools, kept in a virtualenv of its own
# so that it never changes what the app runs on. Existing pins stay unless asked to move:
# `make requirements PIP_COMPILE_ARGS="--upgrade-package celery"` (or `--upgrade`). The groups
# build on requirements.txt (`-c`), so they compile after it, and requirements-dev last.
PIP_TOOLS := $(VENV)/pip-tools
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make requirements" \
	PIP_BUILD_CONSTRAINT=$(CURDIR)/$(BUILD_CONSTRAINTS) $(PIP_TOOLS)/bin/pip-compile --quiet \
	--strip-extras --no-emit-index-url --no-emit-find-links $(PIP_COMPILE_ARGS)

$(PIP_TOOLS)/bin/pip-compile:
	$(PYTHON) -m venv $(PIP_TOOLS)
	$(PIP_TOOLS)/bin/pip install -q pip-tools==7.7.0

requirements: $(PIP_TOOLS)/bin/pip-compile $(BUILD_CONSTRAINTS)
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-s3.txt requirements-s3.in
	$(PIP_COMPILE) -o requirements-loadtest.txt requirements-loadtest.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

# The user guide's screenshots (docs/guide/img), taken by its browser walk on the demo year;
# `make test` takes them too, into a temporary folder, and fails when a page or a button the
# guide names is gone.
guide-screenshots: test-setup
	GUIDE_SCREENSHOTS=1 $(BIN)/pytest -n 0 tests/test_guide_browser.py

# The catalog, then its 乡 dialect written from it (congress/wording.py), then both compiled.
messages: test-setup
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --no-obsolete --add-location=file
	$(PY) manage.py township_wording
	$(PY) manage.py compilemessages --ignore=.venv -v 0

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3 bench.sqlite3 .loadtest
