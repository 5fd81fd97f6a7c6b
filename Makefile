# SIB-guiden task runner. `make run` installs everything and starts the server; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run install serve test test-fast lint check index bench browser clean

run: install
	$(BIN)/sibguide serve

install: $(STAMP)

# torch first, pinned to the CPU wheel (other versions pull multi-GB CUDA builds), then the project itself.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Quick loop while developing: unit and HTTP tests only (no real model, no browser).
test-fast: install
	$(BIN)/pytest -q

serve: install
	$(BIN)/sibguide serve

check: install
	$(BIN)/sibguide check

index: install
	$(BIN)/sibguide index

browser:
	bash scripts/install-test-tools.sh

lint: install
	$(BIN)/ruff check kb assistant web tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install browser lint
	$(BIN)/sibguide check
	$(BIN)/pytest -m "" -q

bench: install
	$(BIN)/python bench/search_quality.py
	$(BIN)/python bench/search_speed.py

clean:
	rm -rf $(VENV) index .data .pytest_cache .mypy_cache .ruff_cache
