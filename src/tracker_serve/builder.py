"""MkDocs kept loaded in this process: every page built once, then only the pages a change affects, on demand."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from tracker import preview
from tracker.build import Build
from tracker.problems import DataProblems, Problem

log = logging.getLogger(__name__)

HOOK = "hooks/pages.py"
"""The hook the project's mkdocs.yml lists: the preview hands it each new Build."""

COLLECT_EVERY = 10
"""Updates after which the old builds' leftovers are collected even while the clerk is still saving (at 5,000
recommendations each update leaves some 50 MB in reference cycles; a collection takes some 2.5 s)."""

QUIET = 5.0
"""Seconds without a saved change before the work nobody waits for is done: the downloads written again (at
5,000 recommendations some 15 s of processor time, which would otherwise compete with every page a clerk is
waiting for), and what old builds left in memory collected."""


@dataclass(frozen=True)
class Change:
    """What one batch of saved files did to the preview."""

    pages: int | None
    """How many pages must be built again (None: every page)."""
    problems: list[Problem]
    """Empty when the site can be shown."""


class PreviewBuilder:
    """One MkDocs site, built into ``site_dir`` page by page. Not thread-safe by itself: callers hold ``lock``."""

    def __init__(self, config_file: Path, site_dir: Path, site_url: str, data_dir: Path | None = None):
        self.config_file = config_file.resolve()
        self.project = self.config_file.parent
        self.site_dir = site_dir
        self.site_url = site_url
        self.data_dir = (data_dir or self.project / "data").resolve()
        self.cache = preview.FileCache()
        self.lock = threading.RLock()
        self.renders: Counter[str] = Counter()
        """Source path -> how many times the page was built (the tests count them)."""
        self.stale: dict[str, None] = {}
        """Pages to build before they are next shown, in the order they are due (an ordered set)."""
        self.problems: list[Problem] = []
        self.pending: set[str] = set()
        """Data files saved while the data had problems: the next good load must account for them."""
        self.indexed = False
        self._downloads: subprocess.Popen | None = None
        self._downloads_due: float | None = None
        """When the data the downloads were last written from changed (monotonic seconds); None: up to date."""
        self._environ_before = os.environ.get("TRACKER_DATA_DIR")
        self._uncollected = 0
        """Updates since the last full collection of the old builds (see ``collect``)."""

    # ----- the whole site -----

    def full(self) -> Change:
        """Load mkdocs.yml and the data afresh, copy the theme's files and plan every page (built on demand)."""
        with self.lock:
            os.environ["TRACKER_DATA_DIR"] = str(self.data_dir)
            config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
            config.site_url = self.site_url
            hooks = config["hooks"][HOOK]
            hooks.previewing = self._prepare
            self.cache = preview.FileCache()
            self.problems = []
            try:
                config.plugins.on_startup(command="serve", dirty=False)
                config = config.plugins.on_config(config)
            except hooks._DataAbort as stopped:
                return self._failed(stopped.problems)
            config.plugins.on_pre_build(config=config)
            self.site_dir.mkdir(parents=True, exist_ok=True)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages():
                if file.page is None:
                    Page(None, file, config)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files()
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            self.config, self.files, self.nav, self.env, self.hooks = config, files, nav, env, hooks
            self.build: Build = hooks._build
            # Pages in the navigation first: their titles are read as they are built.
            in_nav = [p.file.src_uri for p in nav.pages]
            self.stale = dict.fromkeys([*in_nav, *(f.src_uri for f in self.doc_files())])
            self.indexed = False
            self.start_downloads()
            self._freeze()
            return Change(None, [])

    def _prepare(self, config: MkDocsConfig) -> Build:
        """What the hook's on_config does while previewing: the cached load, without the downloads."""
        return preview.prepare(self.data_dir, Path(config.theme.custom_dir) / "records", self.cache,
                               config.site_url or "", os.environ.get("TRACKER_EDIT_URL_BASE"),
                               getattr(self, "build", None))

    def doc_files(self) -> list[File]:
        return self.files.documentation_pages()

    # ----- one change -----

    def update(self, changed: set[Path]) -> Change:
        """Account for saved files: reload the data, mark the pages they affect, copy a stylesheet..."""
        with self.lock:
            if not hasattr(self, "build"):
                return self.full()  # the data was wrong from the start: try the whole site again
            data = {p for p in changed if _inside(p, self.data_dir)}
            rest = changed - data
            overrides = Path(self.config.theme.custom_dir).resolve()
            if any(not _inside(p, overrides) for p in rest):
                return self.full()  # mkdocs.yml, docs/, hooks/: worked out again from the start
            if self.problems and not data and any(p.suffix == ".html" for p in rest):
                self.problems = []  # a template was mended: try again
            marked = 0 if data or rest else None
            for path in sorted(rest):
                marked = _add(marked, self._theme_file(path, overrides))
            if data:
                marked = _add(marked, self._data(data))
            if rest and not self.problems and self.stale:
                self._try_first()  # a broken template shows at once, not on the next visit
            self._freeze()
            return Change(marked, self.problems)

    def _data(self, data: set[Path]) -> int | None:
        self.pending |= {p.relative_to(self.data_dir).as_posix() for p in data}
        for path in data:
            self.cache.forget(path)
        try:
            new = self._prepare(self.config)
        except DataProblems as problems:
            self._failed(problems.problems)
            return 0
        self.problems = []
        old, self.build = self.build, new
        affected = preview.affected(old, new, self.pending)
        self.pending = set()
        self.hooks._build = new
        self.config.extra["tracker_as_at"] = new.as_at_words
        self.config.extra["tracker_latest"] = new.latest_words
        if set(old.pages) != set(new.pages):
            self._replan(old, new)
        for path, content in new.redirects().items():
            _write(self.site_dir / path, content)
        self.start_downloads()
        return self._mark(affected)

    def _replan(self, old: Build, new: Build) -> None:
        """Pages added and removed: their files join or leave MkDocs' list of files."""
        for src_uri in set(old.pages) - set(new.pages):
            file = self.files.src_uris.get(src_uri)
            if file is not None:
                self.files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
            self.stale.pop(src_uri, None)
        for src_uri in sorted(set(new.pages) - set(old.pages)):
            file = File.generated(self.config, src_uri, content=new.front_matter(new.pages[src_uri]))
            self.files.append(file)
            Page(None, file, self.config)

    def _theme_file(self, path: Path, overrides: Path) -> int | None:
        relative = path.relative_to(overrides).as_posix()
        if path.suffix != ".html":
            target = self.site_dir / relative  # a stylesheet, script or image: copied as it is
            if path.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            return 0
        if relative.startswith("records/"):
            name = relative[len("records/"):]
            using = [uri for uri, page in self.build.pages.items() if page.template == name]
            return self._mark(using if using else None)  # a shared macro file: every generated page
        # The theme's own templates (main.html, partials): MkDocs' environment is made again.
        self.env = self.config.plugins.on_env(self.config.theme.get_env(), config=self.config, files=self.files)
        for template in self.config.theme.static_templates:
            mkdocs_build._build_theme_template(template, self.env, self.files, self.config, self.nav)
        return self._mark(None)

    def _mark(self, pages) -> int | None:
        if pages is None:
            self.stale.update(dict.fromkeys(f.src_uri for f in self.doc_files()))
            return None
        self.stale.update(dict.fromkeys(pages))
        return len(pages)

    def _try_first(self) -> None:
        self.ensure(next(iter(self.stale)))

    def _failed(self, problems: list[Problem]) -> Change:
        self.problems = list(problems)
        return Change(0, self.problems)

    # ----- building pages -----

    def ensure(self, src_uri: str) -> bool:
        """Build the page now if it is due. False when a template problem stopped it (see ``problems``)."""
        with self.lock:
            if src_uri not in self.stale or self.problems:
                return not self.problems
            file = self.files.src_uris.get(src_uri)
            if file is None or file.page is None:
                self.stale.pop(src_uri, None)
                return True
            generated = self.build.pages.get(src_uri)
            if generated is not None:
                file.content_string = self.build.front_matter(generated)
            try:
                mkdocs_build._populate_page(file.page, self.config, self.files)
                mkdocs_build._build_page(file.page, self.config, self.doc_files(), self.nav, self.env)
            except jinja2.TemplateError as error:
                self.problems = [preview.template_problem(error, self.project)]
                return False
            except Exception as error:  # noqa: BLE001 - shown to the clerk as a problem, never a traceback
                log.debug("Building %s failed", src_uri, exc_info=True)
                self.problems = [preview.internal_problem(src_uri, error)]
                return False
            self.stale.pop(src_uri, None)
            self.renders[src_uri] += 1
            return True

    def flush(self) -> bool:
        """Build every page that is due, now (the tests and `finish_index` use it). False on a template problem."""
        while (due := self.next_due()) is not None:
            if not self.ensure(due):
                return False
        return not self.problems

    def next_due(self) -> str | None:
        with self.lock:
            return next(iter(self.stale), None) if not self.problems else None

    def finish_index(self) -> None:
        """Once every page has been built: the search index (and anything else written after a build). Made once,
        when the preview starts; outside the lock, so a saved change or a page asked for does not wait for it."""
        with self.lock:
            if self.indexed or self.stale or self.problems:
                return
            self.indexed = True
            config = self.config
        try:
            config.plugins.on_post_build(config=config)
        except Exception:  # noqa: BLE001 - the preview goes on without a search index
            log.warning("The preview's search index could not be made; the search box will find nothing.",
                        exc_info=log.isEnabledFor(logging.DEBUG))

    def src_uri_for(self, url_path: str) -> str | None:
        """The page shown at a site path ('reviews/x/'), if it is a page."""
        path = url_path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        with self.lock:
            return self._by_dest().get(path) if hasattr(self, "files") else None

    def _by_dest(self) -> dict[str, str]:
        files = self.files
        if getattr(self, "_dest_for", (None,))[0] is not files or len(self._dest_for[1]) != len(files):
            self._dest_for = (files, {f.dest_uri: f.src_uri for f in files if f.is_documentation_page()})
        return self._dest_for[1]

    # ----- memory: collected when nobody is waiting -----

    def _freeze(self) -> None:
        """Set what is loaded aside from Python's cycle collector: with millions of long-lived objects at 5,000
        recommendations, a collection that happened to fall in an update took 2-3 s of it, one update in three.
        The leftovers of old builds are collected by ``collect`` instead, when the preview is quiet."""
        self._uncollected += 1
        gc.freeze()

    def collect_due(self) -> bool:
        return self._uncollected >= COLLECT_EVERY

    def collect(self) -> None:
        """Collect what earlier builds left in reference cycles (seconds at 5,000 recommendations: call it when no
        one is waiting), then set the rest aside again."""
        with self.lock:
            if not self._uncollected:
                return
            self._uncollected = 0
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    # ----- downloads, in another process -----

    def start_downloads(self) -> None:
        """The downloads and feeds are out of date: stop a child still writing older ones, and write them again
        once the preview has been quiet for ``QUIET`` seconds (``downloads_if_quiet``)."""
        self._stop_downloads()
        self._downloads_due = time.monotonic()

    def downloads_if_quiet(self, quiet: float = QUIET) -> bool:
        """Start writing the downloads if they are due and nothing was saved for ``quiet`` seconds. True if started."""
        with self.lock:
            due = self._downloads_due
            if due is None or self.problems or time.monotonic() - due < quiet:
                return False
            self._downloads_due = None
            # The child lowers its own priority (os.nice): it takes only what the pages leave of the processor.
            self._downloads = subprocess.Popen(
                [sys.executable, "-m", "tracker.preview", "downloads", str(self.data_dir), str(self.site_dir),
                 self.site_url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env={**os.environ, "TRACKER_DATA_DIR": str(self.data_dir)})
            return True

    def write_downloads(self, timeout: float = 120) -> int | None:
        """Write the downloads now and wait for them (the tests): the child's exit status."""
        self.downloads_if_quiet(quiet=0)
        return self._downloads.wait(timeout=timeout) if self._downloads is not None else None

    def _stop_downloads(self) -> None:
        if self._downloads is not None and self._downloads.poll() is None:
            self._downloads.kill()
            self._downloads.wait()

    def close(self) -> None:
        # The hook reads the data folder from the environment: leave it as it was before the preview.
        if self._environ_before is None:
            os.environ.pop("TRACKER_DATA_DIR", None)
        else:
            os.environ["TRACKER_DATA_DIR"] = self._environ_before
        self._stop_downloads()
        gc.unfreeze()  # in a test's process, the preview's objects go when it does


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


def _add(total: int | None, more: int | None) -> int | None:
    return None if total is None or more is None else total + more


def _write(path: Path, content: bytes) -> None:
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
