# One command each: `make serve` (set up and preview), `make build`, `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve check test browser-tools bench audit clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

build: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

serve: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

check: setup
	$(BIN)/tracker check

browser-tools:
	bash scripts/setup-browser-tools

test: setup browser-tools
	$(BIN)/pytest

clean:
	rm -rf site .venv tools/node_modules
