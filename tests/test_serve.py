"""Live preview: `tracker serve` (what `make serve` runs) shows data, template and stylesheet changes, and mistakes.

Runs the real `tracker serve` on a temporary copy of the project (mkdocs.yml,
docs/, hooks/, overrides/ and the fixture data), breaks a data file, and checks
that within 2 seconds every page of the preview is the error page, with the same
file, line, column, message and fix as the terminal, that the terminal shows the
same clear message as `tracker check`, and that the site comes back by itself once
the file is mended. Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from test_validation import FIXTURE, ROOT

REC_I = "data/reviews/sample-review-2020/recommendations/i.yml"
PAGE = "reviews/sample-review-2020/recommendations/i/"
WAIT = 60.0
"""The longest any one step may take, in seconds."""
SHOWN_WITHIN = 2.0
"""How soon after a save the browser must show the error page, or the site again (issue 13)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, ""


def wait_for(condition, what: str, timeout: float = WAIT, poll: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Server:
    """`tracker serve` in the background (the command `make serve` runs), its output collected as it comes."""

    def __init__(self, project: Path, port: int):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("TRACKER_DATA_DIR", None)
        self.url = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "tracker"), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def page(self, path: str = "") -> tuple[int, str]:
        return fetch(self.url + path)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl+C, as a clerk stops it
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self._reader.join(timeout=5)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path


@pytest.fixture
def server(project: Path):
    server = Server(project, free_port())
    try:
        wait_for(lambda: server.page(PAGE)[0] == 200 or server.process.poll() is not None, "the first build")
        assert server.process.poll() is None, server.output
        yield server
    finally:
        server.stop()


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def shown_within(server: Server, what: str, condition) -> float:
    """Seconds until a page fetched as the browser would fetch it meets the condition (polled every 50 ms)."""
    saved = time.monotonic()
    wait_for(condition, what, poll=0.05)
    return time.monotonic() - saved


def test_bad_data_shows_the_error_page_and_recovers(project, server):
    assert "School policies" in server.page(PAGE)[1]

    edit(project, REC_I, "decision: partially agreed", "decision: partialy agreed")
    took = shown_within(server, "the error page", lambda: "cannot show the site" in server.page(PAGE)[1])
    assert took <= SHOWN_WITHIN, f"the error page took {took:.2f} s"
    status, body = server.page(PAGE)
    assert status == 500
    body = body.replace("<wbr>", "")  # where a long path may wrap
    # Every page is the error page, at the site's own address: the page, the home page, a missing one.
    assert all("cannot show the site" in server.page(path)[1] for path in ("", "reviews/", "timeline/"))
    # The same file, line, column, field, message and fix as the terminal.
    assert f"{REC_I}, line 10, column 13, field 'response.decision'" in body
    assert "&#39;partialy agreed&#39; is not a decision." in body
    assert "Did you mean &#39;partially agreed&#39;?" in body
    assert "Fix this in the file named and save: the preview updates by itself." in body
    # For a screen reader: a language, a real heading, the problems as a list.
    assert '<html lang="en">' in body and "<h1>" in body and '<ol class="problems">' in body and "<li>" in body
    assert "http://" not in body.replace(server.url, "") and "https://" not in body  # nothing from elsewhere

    wait_for(lambda: "'partialy agreed' is not a decision." in server.output, "the error in the terminal")
    out = server.output
    assert f"{REC_I}, line 10, column 13, field 'response.decision':" in out
    assert "Did you mean 'partially agreed'?" in out
    assert "Fix this in the file named and save: the preview updates by itself." in out
    assert "run the command again" not in out and "rebuilds by itself" not in out
    assert "Traceback" not in out
    assert server.process.poll() is None

    edit(project, REC_I, "decision: partialy agreed", "decision: partially agreed")
    edit(project, REC_I, "heading: School policies", "heading: School policies, mended")
    took = shown_within(server, "the mended page", lambda: "School policies, mended" in server.page(PAGE)[1])
    assert took <= SHOWN_WITHIN, f"the site took {took:.2f} s to come back"
    assert server.page(PAGE)[0] == 200
    assert server.process.poll() is None
    assert "Traceback" not in server.output


def test_the_live_reload_script_is_served_and_allowed(server):
    status, body = server.page(PAGE)
    assert status == 200
    assert '<script src="/_preview/reload.js" data-version="' in body
    assert "script-src 'self'" in body  # a file of the site's own: the page's policy lets it run
    assert server.page("_preview/reload.js")[0] == 200


def test_template_and_stylesheet_changes_rebuild(project, server):
    edit(project, "overrides/records/recommendation.html", "{% from", "<!-- template marker 7f3a -->\n{% from")
    wait_for(lambda: "template marker 7f3a" in server.page(PAGE)[1], "the template change")
    css = project / "overrides" / "assets" / "stylesheets" / "tracker.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* stylesheet marker 9c1e */\n", encoding="utf-8")
    wait_for(lambda: "stylesheet marker 9c1e" in server.page("assets/stylesheets/tracker.css")[1],
             "the stylesheet change")


def test_a_new_data_file_appears(project, server):
    new = project / "data/reviews/second-review-2021/recommendations/2.yml"
    new.write_text((project / "data/reviews/second-review-2021/recommendations/1.yml").read_text(encoding="utf-8")
                   .replace('id: "1"', 'id: "2"').replace("heading: Done already", "heading: A brand new one"),
                   encoding="utf-8")
    wait_for(lambda: "A brand new one" in server.page("reviews/second-review-2021/recommendations/2/")[1],
             "the new record's page")
