"""The site's search: a Pagefind index of every page a resident searches, written beside the built site.

One index record per page, made from two things: the page's text as it was written (so a result's
excerpt is words the reader will find on the page), and what the model knows about the record (its
kind, review, progress and owners, which become Pagefind's filters and the line under each result).
Reference pages (guides, lists, the glossary) are their own group, searched after the records, so
they can never crowd the records out.

The index is split into small files: a reader's browser fetches only the parts a search needs, and
nothing at all until the search box is used (overrides/partials/search.html). Plain Python, no MkDocs:
the hook (hooks/pages.py) calls :func:`index` once MkDocs has written the site.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Commitment, Committee, Decision, Event, Meeting, Owner, Recommendation, Resolution, Review
from .pages import Page, Site, url_of

log = logging.getLogger(__name__)

FOLDER = "search"
"""Where the index is published, under the site's top."""

LANGUAGE = "en"

CHUNK_SIZE = 4000
"""Word places in each part of the word index (Pagefind's default is 20,000; see _Pagefind)."""

# The groups results are shown in, in order; a page's group is also a Pagefind filter ("group").
RECORDS = "Records"
"""What the council was asked and decided, and what was done: one page per item."""
PEOPLE = "Reviews, owners and committees"
"""A page that gathers records: a review, a post or team that owns actions, a committee."""
GUIDES = "About this site"
"""Guides, lists and reference pages (how to read the site, abbreviations, sources)."""
GROUPS = (RECORDS, PEOPLE, GUIDES)

KINDS: dict[type, tuple[str, str]] = {
    Recommendation: ("Recommendation", RECORDS),
    Resolution: ("Resolution", RECORDS),
    Commitment: ("Commitment", RECORDS),
    Decision: ("Decision", RECORDS),
    Meeting: ("Meeting", RECORDS),
    Event: ("Event", RECORDS),
    Review: ("Review", PEOPLE),
    Owner: ("Who is responsible", PEOPLE),
    Committee: ("Committee", PEOPLE),
}
"""A record's kind in words, and its group."""

# The files Pagefind writes that the site does not use: its worker (search.js searches in the page, which
# saves fetching a second copy of the search code), its ready-made interfaces (the site has its own, in
# Material's style), the playground, and the WebAssembly for pages in no known language.
UNUSED = ("pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
          "wasm.unknown.pagefind", "playground")


@dataclass(frozen=True)
class Entry:
    """One page's record in the index."""

    url: str
    """Site-relative, as the site links it ("reviews/x/recommendations/i/")."""
    title: str
    text: str
    """The page's words, as a reader finds them on it (navigation and repeated blocks left out)."""
    kind: str
    group: str
    reviews: tuple[str, ...] = ()
    status: str | None = None
    """Progress in words ("Past due"), for items that asked for action."""
    owners: tuple[str, ...] = ()

    def meta(self) -> dict[str, str]:
        """What a result shows: Pagefind indexes these words too, and ranks by them (search.js weights them)."""
        found = {"title": self.title, "kind": self.kind}
        if self.reviews:
            found["review"] = "; ".join(self.reviews)
        if self.status:
            found["status"] = self.status
        if self.owners:
            found["owner"] = "; ".join(self.owners)
        return found

    def filters(self) -> dict[str, list[str]]:
        """The filters a reader can narrow a search by, and "group", which search.js orders results with.

        Only the few pages that are not records carry a group (records are the pages with none): a search
        fetches the group filter's file, which then lists hundreds of pages, not every page of the site."""
        found = {"kind": [self.kind]}
        if self.group != RECORDS:
            found["group"] = [self.group]
        if self.reviews:
            found["review"] = list(self.reviews)
        if self.status:
            found["status"] = [self.status]
        if self.owners:
            found["owner"] = list(self.owners)
        return found


@dataclass
class Summary:
    """What one indexing did, for the build's log and the benchmark."""

    pages: int = 0
    seconds: float = 0.0
    files: int = 0
    bytes: int = 0


# ----- what each page holds ------------------------------------------------------------------------


def entries(site: Site, site_dir: Path, docs_dir: Path | None = None) -> Iterator[Entry]:
    """Every page a resident searches: the records first, then the pages that gather them, then the guides
    (each group in the plan's order), each page read only when it is its turn: a page's group is known from its
    record before it is read, so the index can take each page while the next one is being read."""
    names = review_names(site)
    for group in GROUPS:
        for page in site.pages:
            if page.searchable and KINDS.get(type(page.record), ("Page", GUIDES))[1] == group:
                written = _read(site_dir, page.url)
                if written is not None:
                    yield _entry(site, page, written, names)
    yield from _hand_written(site_dir, docs_dir)


def _hand_written(site_dir: Path, docs_dir: Path | None) -> Iterator[Entry]:
    for path in sorted(docs_dir.rglob("*.md")) if docs_dir and docs_dir.is_dir() else ():
        url = url_of(path.relative_to(docs_dir).as_posix())
        written = _read(site_dir, url)
        if written is not None:
            yield Entry(url, _title(written) or url, once(page_text(written)), "Page", GUIDES)


def _read(site_dir: Path, url: str) -> str | None:
    path = site_dir / url / "index.html"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def review_names(site: Site) -> dict[int, str]:
    """How search names each review (by ``id()``): its title, with its date where another review has the same title
    (a council holds its budget scrutiny every year), so the review filter can tell them apart."""
    reviews = site.tracker.reviews
    repeated = {title for title, n in Counter(r.title for r in reviews).items() if n > 1}

    def dated(review: Review) -> str:
        when = review.date.parsed.words() if review.date and review.date.parsed else review.date.words() if review.date else ""
        return f"{review.title} ({when})" if when else review.title

    return {id(r): dated(r) if r.title in repeated else r.title for r in reviews}


def _entry(site: Site, page: Page, written: str, names: dict[int, str]) -> Entry:
    record = page.record
    kind, group = KINDS.get(type(record), ("Page", GUIDES))
    reviews: list[Review] = []
    status = None
    owners: list[Owner] = []
    if isinstance(record, Review):
        reviews = [record]
    elif isinstance(record, Recommendation | Resolution | Commitment):
        follow = site.follow_up(record)
        reviews = [follow.review] if follow.review else []
        status, owners = follow.progress.status.label, follow.owners
    elif isinstance(record, Decision):
        reviews = site.reviews_of(record)
        owners = [o for part in record.parts for o in site.follow_up(part).owners]
    elif isinstance(record, Meeting):
        reviews = site.reviews_of(record)
    elif isinstance(record, Event):
        reviews = [r for r in [site.review_of(record)] if r]
    elif isinstance(record, Owner):
        owners = [record]
        reviews = [f.review for f in site.items_of(record) if f.review]
    elif isinstance(record, Committee):
        reviews = site.records_of(record)["reviews"]
    return Entry(page.url, page.title, once(page_text(written)), kind, group,
                 reviews=tuple(dict.fromkeys(names.get(id(r), r.title) for r in reviews)), status=status,
                 owners=tuple(dict.fromkeys(o.name for o in owners)))


# The page's own words are in Material's <article>; the rest (header, navigation, footer) is the same
# on every page. Inside it, anything marked data-search-exclude is left out: the breadcrumbs, and
# blocks that repeat what other pages hold (a shared response, the sources and related-records lists).
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_OPEN_ARTICLE = '<article class="md-content__inner'
# Possessive quantifiers: the same tags as the plain pattern, matched without backtracking (a third faster).
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>", re.S)
_TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_LEVEL = {f"h{n}": n for n in range(1, 7)}
"""Heading elements and their levels."""
_HIDDEN = {"script", "style", "svg", "template", "noscript", "button", "select", "textarea"}
"""Elements whose text is not the page's words (a drawing's labels repeat the table beside it)."""
_LEFT_OUT = {"tk-hint", "tk-reason", "tk-stale", "tk-latest", "tk-gloss",
             "tk-reading", "tk-worked-out", "tk-date-note", "tk-note-link", "tk-missed",
             "tk-update-source", "tk-view-table", "tk-resolutions", "tk-commitments"}
"""Classes of the sentences the site writes about a record on every page of its kind (how a status is
worked out, how long since the last update, what an abbreviation stands for, how a date was read from its
source, which document an update comes from): the same words on thousands of pages make every search for
them fetch more and rank by nothing. The status itself stays. And the lists of records on the pages that
gather them (an owner's or a committee's table of items, a meeting's resolutions and commitments): each
record is a page of its own, found by its own words, and a list of hundreds of titles would make every
result for the gathering page fetch them all."""
_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
_INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
           "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
_GAP = dict.fromkeys(_INLINE, "")
"""What stands between the words either side of a tag: nothing for an inline element, a space otherwise."""
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE = re.compile(r"\s+")


def page_text(written: str) -> str:
    """A written page's own words, in order, as plain text."""
    body = _article(written)
    words: list[str] = []
    keep, gap, level_of = words.append, _GAP.get, _LEVEL.get  # looked up once: this runs for every tag of every page
    skipping: list[str] = []  # the open elements being left out, innermost last
    section: int | None = None  # the level of an excluded heading whose section is being left out
    at = 0
    for tag in _TAG.finditer(body):
        closing, name, attributes = tag.groups()
        if not skipping and section is None:
            keep(body[at:tag.start()])
        at = tag.end()
        if name is None:
            continue  # a comment
        name = name.lower()
        level = level_of(name)
        if level and not closing and section is not None and level <= section:
            section = None  # the next section of the same or a higher level is the page's again
        if skipping:
            if name == skipping[-1]:
                if closing:
                    skipping.pop()
                elif name not in _VOID and not attributes.rstrip().endswith("/"):
                    skipping.append(name)
            continue
        if closing or name in _VOID:
            keep(gap(name, " "))
            continue
        excluded = bool(attributes) and ("data-search-exclude" in attributes
                                         or ("tk-" in attributes and _left_out(attributes)))
        if excluded and level:
            section = level
        elif excluded or name in _HIDDEN:
            skipping.append(name)
        keep(gap(name, " "))
    if not skipping and section is None:
        keep(body[at:])
    return _SPACE.sub(" ", html.unescape("".join(words))).strip()


def _article(written: str) -> str:
    """What is inside Material's <article> (the page's own words), or the whole page if it has none."""
    start = written.find(_OPEN_ARTICLE)  # finding the tag first saves running the pattern over the whole page
    found = _ARTICLE.match(written, start) if start >= 0 else None
    if found is None:
        found = _ARTICLE.search(written)
    return found.group(1) if found else written


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SHORT = 40
"""Sentences shorter than this ("Agreed.", "Not started.") stay however often they come: they are the record's."""


def once(text: str) -> str:
    """The text with each long sentence kept only the first time it comes on the page.

    Pagefind keeps every place a word stands on a page, and a search fetches them all: a sentence a page
    repeats (the same update under several actions, a summary quoted twice) adds nothing to what finds the
    page, only to what every search for its words downloads."""
    seen: set[str] = set()
    kept = []
    for sentence in _SENTENCE.split(text):
        if len(sentence) >= _SHORT:
            if sentence in seen:
                continue
            seen.add(sentence)
        kept.append(sentence)
    return " ".join(kept)


def _left_out(attributes: str) -> bool:
    found = _CLASS.search(attributes)
    return bool(found and _LEFT_OUT.intersection(found.group(1).split()))


def _title(written: str) -> str | None:
    found = _TITLE.search(written)
    return _SPACE.sub(" ", html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))).strip() if found else None


# ----- writing the index -----------------------------------------------------------------------------


def index(site_dir: Path, site: Site, docs_dir: Path | None = None) -> Summary:
    """Index the written site into ``site_dir/search/``, replacing any index already there.

    Takes a few seconds for a council's decade of records; the preview may skip it (the search box then
    says search is not available on this copy of the site)."""
    started = time.perf_counter()
    summary = Summary()
    with _Pagefind() as pagefind:
        # In the plan's order within each group: the index comes out the same for the same pages, and each
        # group's pages are numbered together, which keeps the "group" filter's file small. Pagefind takes
        # its messages in the order they are sent, one after another, so each page is sent without waiting
        # for the last one's answer: it indexes one page while this reads and trims the next.
        for entry in entries(site, site_dir, docs_dir):
            pagefind.add(entry)
            summary.pages += 1
        made = settle(pagefind.files())
    out = site_dir / FOLDER
    if out.exists():
        shutil.rmtree(out)
    for name, content in sorted(made.items()):
        if name.split("/")[0] in UNUSED:
            continue
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        summary.files += 1
        summary.bytes += len(content)
    summary.seconds = time.perf_counter() - started
    log.debug("Indexed %d pages for search in %.2f s (%d files, %d bytes)", summary.pages, summary.seconds,
              summary.files, summary.bytes)
    return summary


class IndexingFailed(RuntimeError):
    """Pagefind could not make the index (its message says why)."""


class _Pagefind:
    """Pagefind's indexer (the binary the pagefind-bin wheel carries), run as a service on a pipe.

    The messages are the ones Pagefind's own Python package sends; that package waits for each answer
    (and a tenth of a second before reading it), which would make a 5,000-recommendation site take a
    quarter of an hour to index. Pagefind reads its input on a thread of its own and handles the messages
    strictly in turn, so here the pages are sent one after another without waiting, and their answers
    are read (and checked) when the files are asked for: the same index, with no wait between pages."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._sent = 0
        self._index = 0
        self._answered = 0
        self._pending = bytearray()  # what Pagefind has written that is not yet a whole answer
        self._pages: dict[int, str] = {}  # message number -> the page it added, to name one Pagefind refuses

    def __enter__(self) -> "_Pagefind":
        from pagefind.service import get_executable  # only the build needs Pagefind, not `tracker check`

        binary = get_executable()
        if binary is None:
            raise IndexingFailed("Pagefind is not installed (the pagefind-bin package carries it)")
        # Smaller parts of the word index than Pagefind's default (20,000 word places a part): a search
        # fetches the parts holding its words, and a large record's parts would otherwise hold many words
        # besides. The setting is Pagefind's own, read from its environment.
        environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)}
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
        self._index = self._send({"type": "NewIndex", "config": {"force_language": LANGUAGE}})["index_id"]
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process is not None
        self._process.stdin.close()  # type: ignore[union-attr] - the service exits at the end of its input
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()  # type: ignore[union-attr]

    def add(self, entry: Entry) -> None:
        """Send one page; its answer is read later, by the next :meth:`_send`."""
        number = self._write({"type": "AddRecord", "index_id": self._index, "url": entry.url, "content": entry.text,
                              "language": LANGUAGE, "meta": entry.meta(), "filters": entry.filters(), "sort": None})
        self._pages[number] = entry.url

    def files(self) -> dict[str, bytes]:
        """Every file of the index (path under search/ -> bytes), made in memory and written by the caller:
        Pagefind's own writing can still be under way when it answers, and it stops at the end of its input."""
        answer = self._send({"type": "GetFiles", "index_id": self._index})
        return {f["path"]: base64.b64decode(f["content"]) for f in answer["files"]}

    def _send(self, payload: dict) -> dict:
        """Send a message and wait for its answer, reading (and checking) the answers to every page sent before it."""
        number = self._write(payload)
        while True:
            reply = self._answer()
            if self._answered == number:
                return reply

    def _write(self, payload: dict) -> int:
        assert self._process is not None and self._process.stdin
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return self._sent

    def _answer(self) -> dict:
        """The next answer, in the order the messages were sent; a refusal stops the indexing, naming the page."""
        assert self._process is not None and self._process.stdin and self._process.stdout
        self._process.stdin.flush()
        while (end := self._pending.find(b",")) < 0:
            chunk = self._process.stdout.read1(1 << 20)  # type: ignore[attr-defined]
            if not chunk:
                raise IndexingFailed("Pagefind stopped before it answered")
            self._pending += chunk
        answer = json.loads(base64.b64decode(bytes(self._pending[:end])))
        del self._pending[:end + 1]
        self._answered += 1
        reply = answer["payload"]
        if reply.get("type") == "Error":
            page = self._pages.get(answer.get("message_id") or self._answered)
            words = reply.get("message") or "Pagefind could not index the site"
            raise IndexingFailed(f"{words} (the page {page})" if page else words)
        return reply


# ----- the same pages, the same bytes -------------------------------------------------------------


SIGNATURE = b"pagefind_dcd"
"""What every Pagefind index file starts with, once ungzipped."""


def settle(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's files (path -> bytes) with its filter files rewritten so the same pages give the same files.

    Pagefind 1.5.2 writes each filter's values in the order of a hash map, which changes from run to run
    (its source says so: "TODO: Change filter indexes to BTree to give them a stable hash"), and names
    the files by their bytes, so every build would publish differently named files. Here each filter's
    values are sorted, each file is named by its new bytes, and the index's metadata file, which lists
    them, is rewritten (and renamed) to match. Nothing else changes: the search reads the same filters."""
    files = dict(files)
    entry = json.loads(files["pagefind-entry.json"].decode("utf-8"))
    for language, about in entry["languages"].items():
        meta = _decode(files.pop(f"pagefind.{about['hash']}.pf_meta"))
        filters = []
        for name, old in meta[3]:
            filter_name, values = _decode(files.pop(f"filter/{old}.pf_filter"))
            values = sorted([value, sorted(pages)] for value, pages in values)
            new, content = _named(language, 7, [filter_name, values])
            files[f"filter/{new}.pf_filter"] = content
            filters.append([name, new])
        meta[3] = sorted(filters)
        about["hash"], content = _named(language, 10, meta)
        files[f"pagefind.{about['hash']}.pf_meta"] = content
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def _named(language: str, length: int, value: object) -> tuple[str, bytes]:
    """One index file's name, from a hash of its bytes as Pagefind names them ("en_1a2b3c4"), and its bytes."""
    data = SIGNATURE + _encode(value)
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}", gzip.compress(data, mtime=0)


def _decode(compressed: bytes) -> object:
    """A Pagefind index file's value (gzip, the signature, then CBOR of arrays, strings and numbers)."""
    data = gzip.decompress(compressed)
    if not data.startswith(SIGNATURE):
        raise IndexingFailed("Pagefind wrote an index file this version of the tracker cannot read")
    value, end = _cbor(data, len(SIGNATURE))
    if end != len(data):
        raise IndexingFailed("Pagefind wrote an index file this version of the tracker cannot read")
    return value


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item from ``data`` at ``at``: only the kinds Pagefind's files hold (RFC 8949 major types 0-4)."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        count = info
    elif info <= 27:
        width = 1 << (info - 24)
        count = int.from_bytes(data[at:at + width], "big")
        at += width
    else:
        raise IndexingFailed("Pagefind wrote an index file this version of the tracker cannot read")
    if major == 0:
        return count, at
    if major == 2:
        return bytes(data[at:at + count]), at + count
    if major == 3:
        return data[at:at + count].decode("utf-8"), at + count
    if major == 4:
        items = []
        for _ in range(count):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    raise IndexingFailed("Pagefind wrote an index file this version of the tracker cannot read")


def _encode(value: object) -> bytes:
    """CBOR for what :func:`_cbor` reads, each number in its shortest form (as Pagefind writes them)."""
    def head(major: int, count: int) -> bytes:
        if count < 24:
            return bytes([major << 5 | count])
        for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if count < 1 << (8 * width):
                return bytes([major << 5 | info]) + count.to_bytes(width, "big")
        raise ValueError(count)

    if isinstance(value, bool) or not isinstance(value, int | str | bytes | list):
        raise TypeError(value)
    if isinstance(value, int):
        return head(0, value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(3, len(raw)) + raw
    return head(4, len(value)) + b"".join(_encode(item) for item in value)
