"""Live preview: `mkdocs serve` rebuilds on data, template and stylesheet changes, and survives bad data.

Runs the real `mkdocs serve` on a temporary copy of the project (mkdocs.yml,
docs/, hooks/, overrides/ and the fixture data), breaks a data file, and checks
that the terminal shows the same clear message as `tracker check`, that the
server keeps answering, and that the site comes back once the file is mended.
Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, ""


def wait_for(condition, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


class Server:
    """`mkdocs serve` in the background, its output collected as it comes."""

    def __init__(self, project: Path, port: int):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("TRACKER_DATA_DIR", None)
        self.url = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "-f",
             str(project / "mkdocs.yml")],
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


def test_bad_data_shows_the_error_keeps_serving_and_recovers(project, server):
    assert "School policies" in server.page(PAGE)[1]

    edit(project, REC_I, "decision: partially agreed", "decision: partialy agreed")
    wait_for(lambda: "'partialy agreed' is not a decision." in server.output, "the error in the terminal")
    out = server.output
    assert f"{REC_I}, line 10, column 13, field 'response.decision':" in out
    assert "Did you mean 'partially agreed'?" in out
    assert "Traceback" not in out
    # The server keeps running and keeps serving the last good site.
    assert server.process.poll() is None
    status, body = server.page(PAGE)
    assert status == 200 and "School policies" in body

    edit(project, REC_I, "decision: partialy agreed", "decision: partially agreed")
    edit(project, REC_I, "heading: School policies", "heading: School policies, mended")
    wait_for(lambda: "School policies, mended" in server.page(PAGE)[1], "the mended page")
    assert server.process.poll() is None
    assert "Traceback" not in server.output


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
