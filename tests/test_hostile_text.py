"""Pasted or hostile text stays inert: HTML, Markdown link tricks and template syntax show as typed.

Every free-text field of the fixture gets the same hostile text appended; the
site is built, and every page, its <title>, its meta description and the
search index are read back with an HTML parser: no element, attribute, script
or link may come from the data, and the words must show exactly as typed.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import ruamel.yaml

from test_validation import FIXTURE, ROOT, mkdocs_build, output, tracker

HOSTILE = (
    "<script>alert('XSS-1')</script> <u>XSS-2</u> <p onclick=\"alert('XSS-3')\">x</p> "
    "<img src=x onerror=alert('XSS-4')> [click](javascript:alert('XSS-5')) {{ 'XSS-6' * 2 }} "
    "{% if true %}XSS-7{% endif %} &lt;b&gt;XSS-8&lt;/b&gt; \"><script>XSS-9</script> "
    "</title><script>XSS-10</script> <!-- XSS-11 --> ${XSS-12} **XSS-13** <a href=\"javascript:x\">XSS-14</a>"
)
"""Appended to every free-text field. Each XSS-n marks one trick."""

PLAIN = {"id", "source", "meeting", "related", "shares_response_with", "edtf", "url", "edit_url_base", "as_at",
         "basis", "decision", "state", "addressed_to", "term", "record", "resolution", "reviews",
         "key", "value", "outcome", "tone", "nation"}
"""Fields that are ids, references, vocabularies or machine values, checked by validation instead. (Names of
owners and committees, and their aliases, are poisoned alike wherever they are written, so that references
by name still resolve.)"""


def poison(data_dir: Path) -> int:
    """Append HOSTILE to every free-text value in every data file; returns how many."""
    y = ruamel.yaml.YAML()
    y.width = 4096
    count = 0

    def walk(value):
        nonlocal count
        if isinstance(value, dict):
            for key in list(value):
                if isinstance(value[key], str) and key not in PLAIN:
                    value[key] = f"{value[key].rstrip()} {HOSTILE}"
                    count += 1
                elif isinstance(value[key], list) and key in ("success_criteria", "aliases"):
                    value[key] = [f"{item} {HOSTILE}" for item in value[key]]
                    count += len(value[key])
                elif key not in PLAIN:
                    walk(value[key])
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(data_dir.rglob("*.yml")):
        data = y.load(path.read_text(encoding="utf-8"))
        walk(data)
        with path.open("w", encoding="utf-8") as out:
            y.dump(data, out)
    return count


class Page(HTMLParser):
    """What a browser would make of a page: its elements, scripts, title and visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.script_types: list[str] = []
        self.title = ""
        self.text: list[str] = []
        self.comments: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title", "style"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append("")
                self.script_types.append(dict(attrs).get("type") or "")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        where = self._in[-1] if self._in else None
        if where == "script":
            self.scripts[-1] += data
        elif where == "title":
            self.title += data
        elif where is None:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURE, root / "data")
    assert poison(root / "data") > 40
    checked = tracker("check", "--data", "data", cwd=root)
    assert checked.returncode == 0, output(checked)  # hostile text is still valid text
    built = mkdocs_build(root, root / "site")
    assert built.returncode == 0, output(built)
    return root / "site"


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 10
    return found


def test_no_element_attribute_or_script_comes_from_the_data(hostile_site):
    for path in pages(hostile_site):
        page = read_page(path)
        for tag, attrs in page.tags:
            assert tag not in ("u", "img"), (path, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                if name in ("href", "src", "action"):
                    assert not (value or "").strip().lower().startswith("javascript:"), (path, tag, value)
                if name not in ("content", "title", "aria-label", "data-owners", "data-owner-name", "alt"):
                    assert "XSS" not in (value or ""), (path, tag, name, value)
        for script, kind in zip(page.scripts, page.script_types):
            if "XSS" in script:
                # Data may only be inside a JSON block (structured data), escaped so it cannot end the script.
                assert kind in ("application/ld+json", "application/json"), (path, kind)
                assert "<" not in script, path
                json.loads(script)
        assert not any("XSS" in c for c in page.comments), path


def test_templates_in_the_data_are_never_evaluated(hostile_site):
    for path in pages(hostile_site):
        raw = path.read_text(encoding="utf-8")
        assert "XSS-6XSS-6" not in raw, path
        if "XSS-7" in raw:
            assert "{% if true %}XSS-7{% endif %}" in html.unescape(raw), path


def test_hostile_text_shows_exactly_as_typed(hostile_site):
    page = read_page(hostile_site / "reviews" / "sample-review-2020" / "recommendations" / "i" / "index.html")
    words = " ".join("".join(page.text).split())
    assert f"That the executive promotes stand-alone policies to all schools; {HOSTILE}" in words
    assert f"Write to every school. {HOSTILE}" in words
    assert f"Letters sent {HOSTILE}" in words
    assert f"Work has started. {HOSTILE}" in words
    # The <title> holds the heading as typed: the text ends the title only where the page does.
    assert page.title.startswith(f"Recommendation i: School policies {HOSTILE} - ")


def test_meta_description_is_an_attribute_holding_the_text(hostile_site):
    page = read_page(hostile_site / "reviews" / "sample-review-2020" / "recommendations" / "i" / "index.html")
    meta = [attrs for tag, attrs in page.tags if tag == "meta" and attrs.get("name") == "description"]
    assert len(meta) == 1
    assert meta[0]["content"].startswith("That the executive promotes stand-alone policies to all schools; <script>")


def test_the_search_index_holds_the_data_as_text(hostile_site):
    # The index (Pagefind's, tests/test_search_index.py) holds each page's words as plain text: search.js
    # shows titles and meta with textContent, and Pagefind escapes the text before it marks the matches.
    from test_search_index import fragments

    records = fragments(hostile_site)
    record = next(r for url, r in records.items() if url.endswith("recommendations/i/"))
    assert record["meta"]["title"] == f"Recommendation i: School policies {HOSTILE}"
    assert HOSTILE in record["content"], "the hostile text is not in the page's words as typed"


def test_hostile_text_in_the_real_data_builds_inert(tmp_path):
    """The same, on a copy of the real record (a much larger set of templates' paths)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    poison(tmp_path / "data")
    built = mkdocs_build(tmp_path, tmp_path / "site")
    assert built.returncode == 0, output(built)
    for path in pages(tmp_path / "site"):
        page = read_page(path)
        assert not any(tag in ("u", "img") for tag, _ in page.tags), path
        assert not any("XSS" in s and ("<" in s or "json" not in t) for s, t in zip(page.scripts, page.script_types)), path
        assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs), path
