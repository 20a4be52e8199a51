"""Real-browser harness: the site built once, served on 127.0.0.1, driven by
Debian's chromium through Playwright for Python.

Nothing here downloads a browser (`playwright install` is never run): the
browser is /usr/bin/chromium and the npm tools (axe-core, vnu-jar) are in
tools/node_modules, both put there by `bash scripts/setup-browser-tools`
(run by `make test`). If either is missing the tests FAIL, they do not skip:
a skipped accessibility suite reads as a passed one.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .browser_harness import (
    AXE_JS, CHROMIUM, CHROMIUM_ARGS, RECOMMENDATION, REVIEW, ROOT, VNU_JAR,
    SiteHandler, html_pages, keep_on_this_machine, require_chromium, require_node_tool,
)


# --- the site ---------------------------------------------------------------

@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site as `mkdocs build --strict` makes it, built once per session.

    SOURCE_DATE_EPOCH is unset so the "as at" date is today's, as on a real
    build; SITE_URL is unset so site_url keeps its default (the server root),
    which is where this harness serves the site, so the absolute links of
    404.html resolve too.
    """
    out = tmp_path_factory.mktemp("browser-site")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    found = html_pages(site_dir)
    assert len(found) > 10 and "" in found and REVIEW in found and RECOMMENDATION in found, found
    return found


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on before a file is sent (a page left mid-load) is no error of the site's."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def server(site_dir):
    """(base_url, host:port) of a threaded static server for the built site."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host}:{port}/", f"{host}:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server[0]


# --- the browser -------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(browser, server):
    """Make browsing contexts (fresh: no cookies, no storage, no cache) that can
    reach only the test server; all are closed after the test."""
    made = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        ctx = browser.new_context(**options)
        keep_on_this_machine(ctx, server[1])
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def context(new_context):
    """A desktop-sized browsing context (1280 x 900)."""
    return new_context()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return require_node_tool(AXE_JS).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    jar = require_node_tool(VNU_JAR)
    if shutil.which("java") is None:
        pytest.fail(f"java is missing (needed for {jar.name}): install a JRE, e.g. Debian's default-jre-headless",
                    pytrace=False)
    return jar
