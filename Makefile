# The two set-up commands of the README: `make run` and `make test`.
# Everything installs into .venv with the versions pinned in requirements.lock; `make test-newest`
# runs the same suite in .venv-newest against the newest versions pyproject.toml allows.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
LOCK   := requirements.lock
PORT   ?= 8501
# Two pytest-xdist workers (the machine's two cores); tests sharing Neo4j or Chromium stay on one
# worker (tests/conftest.py). WORKERS=0 runs everything in one process.
WORKERS ?= 2
PYTEST  := -m pytest -n $(WORKERS) --dist loadgroup
NEWEST  := .venv-newest

.PHONY: run test test-newest install install-newest install-test lint format browser nginx bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade "pip==26.3"

$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(PIP) install -q -c $(LOCK) -e ".[test]"
	touch $@

install: $(VENV)/.installed

## The newest versions pyproject.toml allows (no lock), in a second venv; upgraded on every call.
install-newest:
	test -x $(NEWEST)/bin/python || $(PYTHON) -m venv $(NEWEST)
	$(NEWEST)/bin/python -m pip install -q --upgrade "pip==26.3"
	$(NEWEST)/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e ".[test]"
	$(NEWEST)/bin/python -m pip freeze --exclude-editable

install-test: install

## Install, build the graph from the shipped data (embedded store) and start the app.
run: install
	$(BIN)/netwerkkaart build
	$(BIN)/netwerkkaart app --port $(PORT)

## Install what the tests need and run the whole suite (Neo4j, Chromium and nginx tests included).
test: install browser nginx
	$(BIN)/python $(PYTEST)

## The whole suite against the newest allowed versions (CI runs both).
test-newest: install-newest browser nginx
	$(NEWEST)/bin/python $(PYTEST)

## Debian's Chromium for the browser tests (installed when running as root with apt).
browser:
	@scripts/ensure-chromium

## Debian's nginx-light for the reverse-proxy test (installed when running as root with apt).
nginx:
	@scripts/ensure-nginx

## Formatting and style (ruff), types (mypy, settings in pyproject.toml) and the layers (import-linter).
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(NEWEST) .pytest_cache .ruff_cache .mypy_cache .hypothesis
