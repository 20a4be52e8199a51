"""Constants and helpers shared by the browser tests and their fixtures
(tests/browser/conftest.py), kept in a module of their own so test modules can
import them (`from .browser_harness import ...`) without touching conftest."""

from __future__ import annotations

import http.server
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
TOOLS = ROOT / "tools"
NODE_MODULES = TOOLS / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SETUP_HINT = "run `bash scripts/setup-browser-tools` (make test does) to install it"

# Pages the individual tests visit.
REVIEW = "reviews/peer-on-peer-abuse-2019/"
RECOMMENDATION = "reviews/peer-on-peer-abuse-2019/recommendations/i/"
OWNER = "owners/director-for-children-and-families/"
MOVED_MEETING = "reviews/peer-on-peer-abuse-2019/meetings/cyp-scrutiny-review-of-cases/"


def require_chromium() -> None:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} is missing (Debian package 'chromium'): {SETUP_HINT}", pytrace=False)


def require_node_tool(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing (tools/node_modules not installed): {SETUP_HINT}",
                    pytrace=False)
    return path


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path relative to the root
    ('' for the home page, 'reviews/' for reviews/index.html, '404.html').

    404.html is included: it is a page people see (the server below answers
    every missing address with it), and it passes the same checks. The stubs
    left at old addresses (reviews/<review>/meetings/<id>/, which now redirect
    to meetings/<id>/) are not: nobody stays on them.
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if _is_redirect(path):
            continue  # a stub at an old address that sends the browser on to the record
        if rel == "index.html":
            pages.append("")
        elif rel.endswith("/index.html"):
            pages.append(rel[: -len("index.html")])
        else:
            pages.append(rel)
    return pages


def _is_redirect(path: Path) -> bool:
    with path.open(encoding="utf-8") as handle:
        return 'http-equiv="refresh"' in handle.read(2000)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        # Like a static host: a missing address gets the site's own 404 page.
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def open_page(page, url: str, wait_until: str = "load"):
    """Go to url and check the server answered it with a page (not a 404)."""
    response = page.goto(url, wait_until=wait_until)
    assert response is not None, f"no response for {url}"
    assert response.status == 200, f"{url} answered HTTP {response.status}"
    return response


def keep_on_this_machine(context, host: str) -> None:
    """Abort every request that is not for the test server (host is "127.0.0.1:PORT"),
    so no test ever sends traffic off the machine. Playwright still reports such a
    request to "request" listeners before it is aborted, so the privacy test sees it."""
    def handle(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or (parts.scheme == "http" and parts.netloc == host):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", handle)
