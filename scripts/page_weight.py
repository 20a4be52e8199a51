"""Page weight as a reader pays it: every page type's gzip size, and a first visit's bytes on the wire in Chromium.

Used by scripts/benchmark and tests/browser/test_page_weight.py. The site is served the way GitHub Pages
serves it: text files gzip-compressed (level 6, GitHub's), everything else as it is, with a cache lifetime
so a second page reuses the first one's files. "Bytes on the wire" are what Chromium's network layer
counts per response (``encodedDataLength``: compressed body plus headers), not sizes worked out from files.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".webmanifest")

PAGE_LIMIT = 100 * 1024
"""No page's HTML may exceed this, gzip-compressed, at any size of record (issue 11, item 3)."""
VISIT_LIMIT = 60 * 1024
"""A first visit to any page: everything the browser fetches, on the wire (issue 11, item 4)."""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class GzipLikePages(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages sends them: gzip for text, when the browser accepts it."""

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not ("gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on a free local port, gzip-serving; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipLikePages, directory=str(site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# ----- every page type's HTML -----


def kind_of(rel: str) -> str:
    """A page's type from its address: 'reviews/*/recommendations/*' for any recommendation, 'owners/*' for
    any owner's page, 'timeline/*' for any year of the timeline. Pages of a paginated list count with it."""
    parts = rel.split("/")[:-1]  # without index.html
    if not parts:
        return "home"
    if parts[0] == "reviews":
        return "/".join("*" if n in (1, 3) else p for n, p in enumerate(parts[:4])) + ("/…" if len(parts) > 4 else "")
    return parts[0] + ("/*" if len(parts) > 1 else "")


def _is_redirect(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return 'http-equiv="refresh"' in handle.read(2000)


@dataclass
class Kind:
    """The pages of one type: how many, and the heaviest."""

    kind: str
    pages: int = 0
    heaviest: str = ""
    """Its address, relative to the site root ('' for home)."""
    heaviest_gz: int = 0
    heaviest_raw: int = 0
    total_gz: int = 0


def page_kinds(site: Path) -> dict[str, Kind]:
    """Every page type of a built site with its heaviest page by gzip size (redirect stubs left out)."""
    kinds: dict[str, Kind] = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if _is_redirect(path):
            continue
        raw = path.read_bytes()
        size = gz(raw)
        kind = kinds.setdefault(kind_of(rel), Kind(kind_of(rel)))
        kind.pages += 1
        kind.total_gz += size
        if size > kind.heaviest_gz:
            kind.heaviest, kind.heaviest_gz, kind.heaviest_raw = rel[: -len("index.html")], size, len(raw)
    return dict(sorted(kinds.items()))


# ----- a first visit in Chromium -----


@dataclass
class Visit:
    """What a browser with an empty cache fetched to show one page."""

    page: str
    bytes: int = 0
    requests: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    """Bytes on the wire by resource type (Document, Stylesheet, Script, Font, Image, Fetch...)."""
    files: list[tuple[str, int]] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    elements: int = 0
    """Elements in the page once loaded."""
    dom_ready_s: float = 0.0
    """Seconds from the request to DOMContentLoaded (navigation timing), on this machine."""


def first_visits(site: Path, pages: list[str], width: int = 1280, browser=None) -> list[Visit]:
    """Open each page in a fresh browser context (an empty cache) and count every response's bytes on the wire
    until the network has been idle for half a second. Requests to any other host are blocked and listed.
    ``browser``: a Playwright browser already running (the tests' own: one sync Playwright per thread)."""
    from playwright.sync_api import sync_playwright

    visits: list[Visit] = []
    if browser is not None:
        with serve(site) as base:
            return [_visit(browser, base, page, width) for page in pages]
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page in pages:
                visits.append(_visit(browser, base, page, width))
        finally:
            browser.close()
    return visits


def _visit(browser, base: str, page: str, width: int) -> Visit:
    visit = Visit(page)
    context = browser.new_context(viewport={"width": width, "height": 900})

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            visit.other_hosts.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    seen: dict[str, tuple[str, str]] = {}  # requestId -> (url, type)
    cdp.on("Network.responseReceived", lambda e: seen.__setitem__(e["requestId"], (e["response"]["url"], e["type"])))

    def finished(event: dict) -> None:
        url, kind = seen.get(event["requestId"], ("?", "Other"))
        size = int(event["encodedDataLength"])
        visit.bytes += size
        visit.requests += 1
        visit.by_type[kind] = visit.by_type.get(kind, 0) + size
        visit.files.append((url.removeprefix(base), size))

    cdp.on("Network.loadingFinished", finished)
    tab.goto(base + page, wait_until="load")
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)  # a deferred script's own fetch, if any, lands here
    visit.elements, ready_ms = tab.evaluate("""() => [document.getElementsByTagName('*').length,
        performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]""")
    visit.dom_ready_s = round(ready_ms / 1000, 3)
    context.close()
    return visit
