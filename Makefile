# Two entry points for a fresh machine: `make run` and `make test`.
# Both create .venv and install the project into it; nothing is installed globally.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,chart,poster,redis]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot run

check: $(STAMP)
	$(PY) -m bot check --strict --stale-days 365

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m mypy

test: $(STAMP) lint
	$(PY) -m bot check --strict --stale-days 365
	$(PY) -m pytest -q
