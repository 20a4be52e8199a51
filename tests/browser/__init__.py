# A package, so this directory's conftest.py is imported as browser.conftest and
# does not shadow tests/conftest.py (which other test modules import as `conftest`).
