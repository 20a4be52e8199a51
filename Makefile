# One command each: `make serve` (set up and preview), `make build`, `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve check test browser-tools bench audit clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	touch $@

# The "as at" date is the day of the build unless data/site.yml sets one. Set
# SOURCE_DATE_EPOCH to reproduce a build byte for byte (sitemap dates, gzip header, "as at").

build: setup
	$(BIN)/mkdocs build --strict

serve: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

check: setup
	$(BIN)/tracker check

browser-tools:
	bash scripts/setup-browser-tools

test: setup browser-tools
	$(BIN)/pytest

bench: setup
	$(BIN)/python scripts/benchmark

audit: setup browser-tools
	$(BIN)/python scripts/audit

clean:
	rm -rf site .venv tools/node_modules
