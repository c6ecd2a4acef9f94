# Two entry points on a fresh machine: `make demo` and `make test`. Both build .venv first.
# Rule: `demo` installs the package with the [emulator] extra and no dev tool; `test`, `lint` and `bench`
# add the [dev] extras. Each install has its own stamp in .venv, remade when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_STAMP := $(VENV)/.installed-emulator
DEV_STAMP := $(VENV)/.installed-dev
PIP_INSTALL := $(BIN)/pip install --quiet --config-settings editable_mode=compat

.PHONY: demo test lint bench clean $(BIN)/lambda-runtime

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[emulator]'
	touch $@

# The dev install includes everything the demo install has, so it renews both stamps.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev]'
	touch $@ $(DEMO_STAMP)

# The development environment (what `make test` uses), under the console script's name.
$(BIN)/lambda-runtime: $(DEV_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/lambda-runtime demo

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(DEV_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
