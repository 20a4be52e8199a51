"""The preview's web server: pages built on demand, a live-reload script, and the error page while there are problems."""

from __future__ import annotations

import logging
import mimetypes
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from tracker import csp, preview
from tracker.problems import Problem

from .builder import QUIET, PreviewBuilder

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
WAIT_SECONDS = 20.0
"""How long a browser's request for news is held open before it asks again."""

PAGES_QUIET = 0.5
"""Seconds after a saved change or a page asked for before the background builds other pages: the page a clerk
is looking at is built first, with the processor to itself."""

_RELOAD = b'<script src="/_preview/reload.js" data-version="%d"></script>'


class Preview:
    """The state the web server, the watcher and the page builder share."""

    def __init__(self, builder: PreviewBuilder):
        self.builder = builder
        self.version = 0
        self.changed = threading.Condition()
        self.waiting = 0
        """Requests for pages in progress: the background builder steps aside for them."""
        self.stopping = threading.Event()
        self.active = time.monotonic()
        """When a change was last saved or a page last asked for (monotonic seconds)."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(builder.project / "overrides")),
                                 autoescape=True, trim_blocks=True, lstrip_blocks=True)
        self._error_template = lambda: env.get_template("preview-error.html")

    def touch(self) -> None:
        """Someone is waiting for the preview: the background waits a moment."""
        self.active = time.monotonic()

    def bump(self) -> None:
        """Tell every open page that the preview changed."""
        self.touch()
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, since: str) -> int:
        with self.changed:
            self.changed.wait_for(lambda: str(self.version) != since or self.stopping.is_set(), WAIT_SECONDS)
            return self.version

    def error_page(self, problems: list[Problem]) -> bytes:
        count = len(problems)
        html = self._error_template().render(
            heading=f"The preview cannot show the site: {preview.what_has(problems)}",
            summary="Until " + ("it is" if count == 1 else "they are") + " fixed, every page of the preview shows "
                    "this report instead.",
            problems=[_shown(p) for p in problems],
            fix=preview.fix_sentence(count),
            version=self.version,
        )
        return csp.protect(html).encode("utf-8")

    def background(self) -> None:
        """Build the pages still due, one at a time, whenever no one is waiting for a page."""
        while not self.stopping.is_set():
            if self.waiting or time.monotonic() - self.active < PAGES_QUIET:
                time.sleep(0.02)
                continue
            if time.monotonic() - self.active >= QUIET or self.builder.collect_due():
                self.builder.collect()
            self.builder.downloads_if_quiet()
            due = self.builder.next_due()
            if due is None:
                self.builder.finish_index()
                self.stopping.wait(0.1)
                continue
            if not self.builder.ensure(due):
                self.report_problems()


    def report_problems(self) -> None:
        with self.builder.lock:
            problems = list(self.builder.problems)
        if problems and getattr(self, "_reported", None) != problems:
            self._reported = problems
            print("\n" + preview.report(problems), flush=True)  # noqa: T201 - the clerk watches the terminal
            self.bump()


def _shown(problem: Problem) -> dict:
    return {
        "where": str(problem.where), "field": problem.field, "message": problem.message, "found": problem.found,
        "expected": problem.expected, "suggestion": problem.suggestion,
        # The same excerpt and caret as the terminal shows, without the terminal's indent (a phone is narrow).
        "excerpt": "\n".join(line[4:] for line in problem._excerpt()),  # noqa: SLF001
    }


class Handler(BaseHTTPRequestHandler):
    """One request: a page (built first if it is due), a file of the site, or the preview's own files."""

    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        preview_ = self.server.preview
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == "/_preview/wait":
            since = parse_qs(parts.query).get("since", [""])[0]
            return self._send(HTTPStatus.OK, str(preview_.wait(since)).encode(), "text/plain; charset=utf-8")
        if path in ("/_preview/reload.js", "/_preview/error.css"):
            kind = "text/javascript" if path.endswith(".js") else "text/css"
            return self._send(HTTPStatus.OK, (HERE / path.rsplit("/", 1)[1]).read_bytes(), kind + "; charset=utf-8")
        builder = preview_.builder
        src_uri = builder.src_uri_for(path)
        if src_uri is not None:
            preview_.touch()
            preview_.waiting += 1
            try:
                built = builder.ensure(src_uri)
            finally:
                preview_.waiting -= 1
            if not built:
                preview_.report_problems()
        problems = builder.problems
        target = _file(builder.site_dir, path)
        is_page = src_uri is not None or (target is not None and target.suffix == ".html") or path.endswith("/")
        if problems and is_page:
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, preview_.error_page(problems), "text/html; charset=utf-8")
        if target is None:
            missing = builder.site_dir / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"Not found"
            return self._send(HTTPStatus.NOT_FOUND, self._live(body), "text/html; charset=utf-8")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        body = target.read_bytes()
        if kind == "text/html":
            body, kind = self._live(body), "text/html; charset=utf-8"
        return self._send(HTTPStatus.OK, body, kind)

    def _live(self, body: bytes) -> bytes:
        # A script file of the preview's own, which the page's Content Security Policy ('self') allows.
        end = body.rfind(b"</body>")
        script = _RELOAD % self.server.preview.version
        return body + script if end < 0 else body[:end] + script + body[end:]

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        log.debug("%s - %s", self.address_string(), format % args)


def _file(site_dir: Path, path: str) -> Path | None:
    """The built file at a site path, never outside the site's folder."""
    relative = path.lstrip("/")
    candidate = (site_dir / relative).resolve()
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        candidate.relative_to(site_dir.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview_: Preview):
        self.preview = preview_
        super().__init__(address, Handler)

    def handle_error(self, request, client_address) -> None:
        # A browser that went away before its answer (a reload, a closed tab) is not a fault worth a traceback.
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        log.warning("The preview could not answer a request.", exc_info=True)
