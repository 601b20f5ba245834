# Short verbs for the README. Every target sets itself up: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?= fixtures/pdf/template_compliant.pdf

.PHONY: run test lint typecheck evaluate bench fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/crp-checker check $(SAMPLE)

test: $(STAMP)
	$(BIN)/ruff check crp_checker tests fixtures
	$(BIN)/ruff format --check crp_checker tests fixtures
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check crp_checker tests fixtures
	$(BIN)/ruff format --check crp_checker tests fixtures

typecheck: $(STAMP)
	$(BIN)/mypy

evaluate: $(STAMP)
	$(BIN)/crp-checker evaluate ../shared/real-crps/excerpts/labels.json
	$(BIN)/crp-checker evaluate ../shared/real-crps/more/labels.json

fixtures: $(STAMP)
	$(BIN)/python fixtures/make_fixtures.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
