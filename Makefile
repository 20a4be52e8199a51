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

# Reproducible builds: unless SOURCE_DATE_EPOCH is set, date the build by the last commit,
# so two builds of one commit are byte-identical (sitemap dates, gzip header, "as at" date).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

build: setup
	$(if $(SOURCE_DATE_EPOCH),SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) )NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

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
