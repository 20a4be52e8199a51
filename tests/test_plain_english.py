"""The public pages speak plain English: no field names, file names, record ids or data-format words.

The real site is built once; every page a resident might read is reduced to the text they see (and the
text a screen reader announces), and searched for the record's internal vocabulary. The data dictionary
and the downloads page are left out: field names are their subject. So are the small pages that say a
record has moved (they only point elsewhere).
"""

from __future__ import annotations

import dataclasses
import re
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest

import tracker.model as model

ROOT = Path(__file__).resolve().parents[1]
EXEMPT = ("data-dictionary/", "downloads/")
REDIRECT = re.compile(r"^reviews/[^/]+/(meetings|decisions)/[^/]+/$")

# Words about how the record is stored, never for the public pages.
FORBIDDEN_WORDS = ("EDTF", "machine date", "landmark", "TRANSCRIPTION.md", ".yml", "data/reviews", "data/council",
                   "accepted date forms", "Not stated;", "(inferred)", "parser", "Expansion not given")
SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]+\.txt\b")
# A record id: lower-case words joined by two or more hyphens, standing as a word (not inside an address).
RECORD_ID = re.compile(r"(?<![\w/#.-])[a-z0-9]+(?:-[a-z0-9]+){2,}(?![\w/-])")


def underscored_field_names() -> set[str]:
    names = set()
    for value in vars(model).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__:
            names.update(f.name for f in dataclasses.fields(value) if "_" in f.name)
    return names


FIELD_NAMES = underscored_field_names()
FIELD_NAME = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, FIELD_NAMES), key=len, reverse=True))
                        + r")(?![\w])")


def field_settings() -> re.Pattern:
    """A field written with its value, as in a data file: "state: complete", "basis: unknown"."""
    pairs = set()
    for value in vars(model).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__:
            for name, hint in typing.get_type_hints(value).items():
                for part in (hint, *typing.get_args(hint)):
                    if typing.get_origin(part) is typing.Literal:
                        pairs.update((name, str(choice)) for choice in typing.get_args(part))
    names = "|".join(sorted({re.escape(n) for n, _ in pairs}, key=len, reverse=True))
    values = "|".join(sorted({re.escape(v) for _, v in pairs}, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names}): ?(?:{values})(?![\w-])")


FIELD_SETTING = field_settings()


def record_ids() -> set[str]:
    """The ids of the real records (each is its file's or folder's name), so that a hyphenated phrase in a
    source's own words is not mistaken for one."""
    data = ROOT / "data"
    ids = {path.stem for path in data.rglob("*.yml")} | {path.name for path in (data / "reviews").iterdir()}
    return {i for i in ids if i.count("-") >= 2}


class _Visible(HTMLParser):
    """The words a reader sees on the page, and those a screen reader announces (alt, title, aria-label)."""

    HIDDEN = ("script", "style", "template")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
            return
        if not self.hidden:
            for name, value in attrs:
                if name in ("alt", "title", "aria-label", "placeholder") and value:
                    self.parts.append(f" {value} ")
        self.parts.append(" " if tag not in ("a", "abbr", "strong", "em", "span", "time", "code", "b", "i") else "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        self.parts.append(" " if tag not in ("a", "abbr", "strong", "em", "span", "time", "code", "b", "i") else "")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def visible_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.text


def public_pages(site: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix()
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        if url.startswith(EXEMPT):
            continue
        if REDIRECT.match(url) and "This record has moved" in path.read_text(encoding="utf-8"):
            continue
        pages[url or "/"] = visible_text(path)
    return pages


def jargon(text: str, ids: set[str]) -> list[str]:
    hits = []
    lowered = text.lower()
    hits += [word for word in FORBIDDEN_WORDS if word.lower() in lowered]
    hits += sorted(set(FIELD_NAME.findall(text)))
    hits += sorted(set(FIELD_SETTING.findall(text)))
    hits += sorted(set(SEED_FILE.findall(text)))
    hits += sorted({found for found in RECORD_ID.findall(text) if found in ids})
    return hits


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    from conftest import mkdocs_build

    site_dir = tmp_path_factory.mktemp("plain-english") / "site"
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    return public_pages(site_dir)


def test_the_vocabulary_is_collected():
    assert {"as_written", "shares_response_with", "dates_in_text", "decision_words"} <= FIELD_NAMES
    assert "cyp-scrutiny-review-of-cases" in record_ids()
    assert FIELD_SETTING.search("state: complete") and FIELD_SETTING.search("basis: unknown")
    assert not FIELD_SETTING.search("That the committee: Recommends") and not FIELD_SETTING.search("Progress: Complete")


def test_the_checker_finds_what_it_should():
    ids = {"cyp-scrutiny-review-of-cases"}
    text = ("The as_written date (EDTF 2020-22) is in 000_145cc6d922265d36.txt; see TRANSCRIPTION.md and "
            "data/reviews/x/review.yml; the meeting cyp-scrutiny-review-of-cases is a Landmark, state: complete.")
    assert set(jargon("Not stated; between June 2020 and September 2020 (inferred). The accepted date forms have "
                      "no season.", ids)) == {"Not stated;", "(inferred)", "accepted date forms"}
    assert set(jargon(text, ids)) >= {"as_written", "EDTF", "000_145cc6d922265d36.txt", "TRANSCRIPTION.md",
                                      "data/reviews", ".yml", "cyp-scrutiny-review-of-cases", "landmark",
                                      "state: complete"}
    # An address is not prose: an id inside it is not a hit, and neither is a hyphenated phrase of a source.
    assert jargon("Printed from https://example.org/meetings/cyp-scrutiny-review-of-cases/ about "
                  "peer-on-peer abuse", ids) == []


def test_every_public_page_is_in_plain_english(pages):
    assert len(pages) > 30  # the record pages are all there
    ids = record_ids()
    problems = {url: hits for url, text in pages.items() if (hits := jargon(text, ids))}
    assert not problems, "Internal vocabulary on public pages:\n" + "\n".join(
        f"  {url}: {', '.join(hits)}" for url, hits in sorted(problems.items()))
