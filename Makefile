# Lào Cai industrial output: one traceable series, models and reports.
# `make reports` and `make test` set up everything they need on a machine with Python 3.11 and make.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
KERNEL := laocai

.DEFAULT_GOAL := help
.PHONY: help setup reports test test-fast lab bench clean-reports clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (laocai)" >/dev/null
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv, install the project and register the Jupyter kernel

reports: $(STAMP) ## Run every notebook in reports.yaml and write reports/index.html
	$(BIN)/laocai reports

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Run the tests that build no notebook or report
	$(BIN)/python -m pytest -m "not slow and not browser"

# Jupyter refuses to start as root (containers, some CI images) unless told it may.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(STAMP) ## Open JupyterLab on the notebooks with the project's kernel (adds --allow-root as root)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ROOT_FLAG) $(LAB_ARGS)

bench: $(STAMP) ## Run the benchmarks in bench/ and print their figures
	$(BIN)/python bench/forecast_bench.py
	$(BIN)/python bench/reports_bench.py

clean-reports: ## Remove built reports and the build cache
	rm -rf reports/*.html reports/runs reports/.cache

clean: clean-reports ## Also remove the virtual environment
	rm -rf $(VENV)
