# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
# Both create their own virtualenv in .venv and install the project into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501
# Only this machine can reach `make run`; ADDRESS=0.0.0.0 opens it to the network (put it
# behind HTTPS then: docs/security.md).
ADDRESS ?= 127.0.0.1

CHROMIUM ?= /usr/bin/chromium

# Python may keep compiled modules (and pytest its rewritten tests) in __pycache__ (git-ignored):
# an environment that forbids it makes every run and every test worker compile them again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test check lock test-lowest fuzz lint format demo-data bench bench-dashboard bench-report clean browser office

# The exact versions to install; .ci/lock.py re-resolves them when pyproject.toml's
# dependency lists change (`make lock` does it on request).
LOCK := .ci/constraints.txt

# The reference for Gwet's AC1 in tests/scoring/test_agreement.py. irrCAC pins pandas below 3
# and scipy 1.12 (so numpy 1), which this project cannot install; its formulas need none of
# that, so it is installed without its pins, and the tests name its categories (under
# pandas 3 it would otherwise sort missing ratings among them).
IRRCAC := irrCAC==0.4.4

# `make run` installs what the app needs (RUN_STAMP); `make test` adds the test tools (STAMP).
RUN_STAMP := $(VENV)/.installed-run

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PYTHON) .ci/lock.py ensure
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PYTHON) .ci/lock.py ensure
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps '$(IRRCAC)'
	touch $(STAMP) $(RUN_STAMP)

$(LOCK):
	$(PYTHON) .ci/lock.py ensure

lock:
	$(PYTHON) .ci/lock.py refresh

# Ctrl+C stops the app; the database stays in data/ for the next start.
run: $(RUN_STAMP)
	$(BIN)/mystery-audit init
	$(BIN)/mystery-audit demo --if-empty
	$(BIN)/streamlit run server.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true

# Two worker processes: the machines this runs on have two cores (pytest-xdist; `-n 0`
# in PYTEST_ARGS runs the tests one by one, which is what a debugger wants).
PYTEST_ARGS ?= -n 2 --dist worksteal

test: $(STAMP) lint browser office
	$(BIN)/pytest $(PYTEST_ARGS)

# What to run before each commit: lint and every test but the browser and PostgreSQL tiers
# (under two minutes). `make test` still runs everything.
check: $(STAMP) lint office
	FUZZ_EXAMPLES=100 $(BIN)/pytest $(PYTEST_ARGS) --hypothesis-profile=check \
	  -m "not e2e and not postgres"

# The fast tests (all but the browser tests) on the lowest versions pyproject.toml declares,
# in a virtualenv of their own: a floor that no longer works fails here, not on a user's
# machine. CI runs it after `make test`.
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed

$(LOWEST_STAMP): pyproject.toml .ci/lowest-versions.txt
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST)/bin/python -m pip install --quiet -c .ci/lowest-versions.txt -e '.[dev]'
	$(LOWEST)/bin/python -m pip install --quiet --no-deps '$(IRRCAC)'
	touch $(LOWEST_STAMP)

test-lowest: $(LOWEST_STAMP) office
	$(LOWEST)/bin/python -m pip list --format=freeze | grep -iE '^(pandas|numpy|sqlalchemy|plotly|streamlit)=='
	$(LOWEST)/bin/pytest $(PYTEST_ARGS) -m "not e2e"

# The fuzzers' long run: FUZZ_EXAMPLES new inputs per door (make test runs 300, always the
# same ones). Hypothesis prints any input that escapes, to be added as a test of its own.
FUZZ_EXAMPLES ?= 10000
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/security/test_fuzz.py --hypothesis-show-statistics

# The browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@test -x $(CHROMIUM) || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "Chromium is missing: run 'sudo apt-get install -y chromium'"; exit 1; }

# The report tests open the workbook in LibreOffice (PDF) and read the pages with pdftotext.
office:
	@{ command -v soffice && command -v pdftotext; } >/dev/null \
	  || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null; } \
	  || { echo "LibreOffice is missing: run 'sudo apt-get install -y libreoffice-calc-nogui poppler-utils'"; exit 1; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the committed demo chain (deterministic: the output only changes with the code).
demo-data: $(STAMP)
	$(BIN)/python -m sample_data.generate

# Scoring benchmark (README "Performance"); DuckDB is installed only for this comparison.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/score.py $(BENCH_ARGS)

# Dashboard timings on 100k generated visits in SQLite and PostgreSQL (README "Performance").
bench-dashboard: $(STAMP)
	$(BIN)/python -m bench.dashboard $(BENCH_ARGS)

# The Excel gap report on 100k generated visits in SQLite and PostgreSQL (README "Performance").
bench-report: $(STAMP)
	$(BIN)/python -m bench.report $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(LOWEST) .pytest_cache .ruff_cache
