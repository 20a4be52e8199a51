# One command each: `make serve` (set up and preview), `make build`, `make test`.
# The Python that makes .venv: python3 if it is 3.11-3.13, else the newest of those installed
# (override with `make PYTHON=/path/to/python3.12 ...`).
SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
PYTHON ?= $(firstword $(foreach p,python3 python3.13 python3.12 python3.11,$(shell $(p) -c '$(SUPPORTED)' 2>/dev/null && echo $(p))))
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve check test browser-tools bench audit clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is needed (none found as python3, python3.13, python3.12 or python3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	touch $@

# The "as at" date is the day of the build unless data/site.yml sets one. Set
# SOURCE_DATE_EPOCH to reproduce a build byte for byte (sitemap dates, gzip header, "as at").

build: setup
	$(BIN)/mkdocs build --strict

# The preview (tracker serve): shows a saved change within a second, and any problem on every page.
serve: setup
	$(BIN)/tracker serve

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
