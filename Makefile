# Short verbs for the README. Every target sets itself up: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?= fixtures/pdf/template_compliant.pdf
# The sample plan was signed off in August 2025: judge it as at its procurement date.
ifeq ($(SAMPLE),fixtures/pdf/template_compliant.pdf)
CHECK_DATE ?= 2025-09-01
endif

.PHONY: run check-sample test lint typecheck evaluate bench bench-ocr bench-fairuse soak fuzz fixtures wheel-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The web app on http://127.0.0.1:8000 (CRP_PORT to change), with an SQLite database in var/.
run: $(STAMP)
	$(BIN)/crp-checker serve

# One plan on the command line. Exit codes 1 (not compliant) and 2 (needs review) are results.
check-sample: $(STAMP)
	$(BIN)/crp-checker check $(SAMPLE) $(if $(CHECK_DATE),--check-date $(CHECK_DATE)) \
		|| [ $$? -le 2 ]

test: $(STAMP)
	$(BIN)/ruff check crp_checker tests fixtures benchmarks setup.py
	$(BIN)/ruff format --check crp_checker tests fixtures benchmarks setup.py
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check crp_checker tests fixtures benchmarks setup.py
	$(BIN)/ruff format --check crp_checker tests fixtures benchmarks setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

# Accuracy on the shared labelled plans, per set and per half (tuning / held out).
# EVALUATE_ARGS="--misses tuning" lists each disagreement of the tuning half.
evaluate: $(STAMP)
	$(BIN)/crp-checker evaluate $(EVALUATE_ARGS)

# Speed and scale figures, written to benchmarks/RESULTS.md; BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Scanned plans: seconds per OCR'd page, resolution against accuracy, the largest scan checked
# within the default limits; written into benchmarks/RESULTS.md.
bench-ocr: $(STAMP)
	$(BIN)/python -m benchmarks.ocr

# The starvation attack of issue 17 on a real server: two slow anonymous scans, thirty 20 MB
# anonymous uploads, one signed-in upload; prints its status, seconds and the server's memory.
bench-fairuse: $(STAMP)
	$(BIN)/python -m benchmarks.fairuse

# Mutated fixture files through ingest; crash reproducers go to var/fuzz/.
# FUZZ_ARGS="--seconds 300 --seed 1" for a longer or different run; exits 1 on a crash.
fuzz: $(STAMP)
	$(BIN)/python fixtures/fuzz_ingest.py $(FUZZ_ARGS)

# Load and crash test of the real server on 127.0.0.1 (minutes, not part of CI): figures to
# docs/reliability.md; SOAK_ARGS=--quick for a short run, --database-url for PostgreSQL.
soak: $(STAMP)
	$(BIN)/python -m benchmarks.soak $(SOAK_ARGS)

# Build the wheel from a clean clone, install it outside the checkout and check the SSG plan.
wheel-check:
	.ci/check-wheel

fixtures: $(STAMP)
	$(BIN)/python fixtures/make_fixtures.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
