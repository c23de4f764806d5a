# launchgeo: two commands from a fresh clone.
#   make demo   set up .venv and write the Sunan 2023-09-13 report (out/)
#   make test   set up .venv and run lint, type checks and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup lint bench data data-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/sunan_2023_09_13.py --out out

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Run every benchmark and regenerate docs/benchmarks.md from their Markdown sections
# (benchmarks/run_all.py; one script: .venv/bin/python benchmarks/run_all.py --only NAME).
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# The zone data build runs in its own venv with the pinned toolchain (pyproject's "data" extra).
DATA_VENV := .venv-data
DATA_STAMP := $(DATA_VENV)/.installed

$(DATA_STAMP): pyproject.toml
	$(PYTHON) -m venv $(DATA_VENV)
	$(DATA_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DATA_VENV)/bin/python -m pip install --quiet -e ".[data]"
	touch $(DATA_STAMP)

# Rebuild the embedded zone data from pinned sources (needs npm; developers only; ~10 min).
data: $(DATA_STAMP)
	nice $(DATA_VENV)/bin/python scripts/build_zones.py

# Rebuild into a temporary folder and check the shipped files are reproduced byte for byte.
data-check: $(DATA_STAMP)
	nice $(DATA_VENV)/bin/python scripts/build_zones.py --check

clean:
	rm -rf $(VENV) $(DATA_VENV) out .pytest_cache .mypy_cache .ruff_cache
