# The two set-up commands of the README: `make run` and `make test`.
# Everything installs into .venv with the versions pinned in requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
LOCK   := requirements.lock
PORT   ?= 8501

.PHONY: run test install install-test lint format browser bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade "pip==26.3"

$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(PIP) install -q -c $(LOCK) -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: install

## Install, build the graph from the shipped data (embedded store) and start the app.
run: install
	$(BIN)/netwerkkaart build
	$(BIN)/netwerkkaart app --port $(PORT)

## Install what the tests need and run the whole suite (Neo4j and Chromium tests included).
test: install browser
	$(BIN)/python -m pytest

## Debian's Chromium for the browser tests (installed when running as root with apt).
browser:
	@scripts/ensure-chromium

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
