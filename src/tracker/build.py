"""The engine's front door: load the data and plan the site, in one call."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from unicodedata import normalize

from . import forked
from .load import load
from .pages import Page, Site, url_of
from .problems import DataProblems, Location, Problem
from .render import Renderer
from .validate import name_key


@dataclass
class Build:
    """One build's worth of computed state. Made anew for every build."""

    site: Site
    renderer: Renderer
    pages: dict[str, Page]
    """src_uri -> generated page."""
    made: dict[str, dict[str, bytes]] = field(default_factory=dict, repr=False)
    """The downloads and the redirects (site path -> content), made once by prepare to check their paths."""
    rendered: dict[str, str] = field(default_factory=dict, repr=False)
    """Page contents rendered ahead of MkDocs asking for them (src_uri -> HTML), by :meth:`render_ahead`."""

    @classmethod
    def prepare(cls, data_dir: Path, template_dir: Path, site_url: str = "", edit_url_base: str | None = None,
                ahead: bool = False) -> "Build":
        """Load the data and plan the site. ``edit_url_base`` is used when site.yml gives none. ``ahead``: render
        every page now, on every core (:meth:`render_ahead`), for a build of the whole site."""
        site = Site(load(data_dir), edit_url_base)
        planned = list(site.pages)
        build = cls(site, Renderer(template_dir, site, site_url), {p.src_uri: p for p in planned})
        if ahead:
            build.render_ahead()
        build.made = {"downloads": build.downloads(), "redirects": build.redirects()}  # kept if made ahead
        problems = output_collisions(site, planned, {**build.made["downloads"], **build.made["redirects"]})
        if problems:
            raise DataProblems(problems)
        return build

    def front_matter(self, page: Page) -> str:
        """The Markdown source MkDocs sees for a generated page: its metadata only."""
        import html

        import yaml

        # Material puts page titles and descriptions into its templates unescaped
        # (a title may be HTML there), so data text must arrive already escaped.
        meta: dict = {"title": html.escape(page.title), "description": html.escape(page.description)}
        if not page.searchable:
            meta["search"] = {"exclude": True}
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when there: ten times faster
        return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False) + "---\n"

    def content(self, src_uri: str) -> str | None:
        if src_uri in self.rendered:
            return self.rendered.pop(src_uri)  # each page is asked for once a build
        page = self.pages.get(src_uri)
        return self.renderer.render(page) if page else None

    def render_ahead(self, processes: int | None = None) -> None:
        """Render every page's content now, and make the downloads, this process and forked copies of it
        taking the pages one at a time from a shared count until none is left (the first copy makes the
        downloads first): as fast as the cores are free, whatever other work shares them.

        Forked copies share the loaded record without copying it; only HTML and bytes come back. Where there is
        no fork (Windows), or one core, the pages are rendered one by one as MkDocs asks. A page that fails is
        left to be rendered so too, and the downloads are made again here if a copy fails, so an error is raised
        where and as it always was."""
        processes = processes or _cores()
        uris = list(self.pages)
        if processes < 2 or not forked.available() or len(uris) < 2 * processes:
            return
        import multiprocessing

        self.site.views.address(self.renderer.site_url)  # as the downloads would, had they been made first
        done: dict[str, str] = {}
        for uri in uris:  # a page of each template before forking, so no copy compiles a template again
            if all(self.pages[uri].template != self.pages[other].template for other in done):
                _render_into(self, uri, done)
        rest = [uri for uri in uris if uri not in done]
        taken = multiprocessing.get_context("fork").Value("l", 0)  # in memory the copies share
        children = [forked.start(_unwarned(lambda first=(n == 0): _share(self, rest, taken, first)))
                    for n in range(processes - 1)]
        done.update(_share(self, rest, taken, False)[1])
        for child in children:
            made, rendered = child() or ({}, {})
            done.update(rendered)
            self.made.update(made)
        self.rendered = done

    def downloads(self) -> dict[str, bytes]:
        """Files published beside the pages: data downloads, schemas and feeds (site path -> bytes)."""
        from . import exports

        if "downloads" in self.made:
            return self.made["downloads"]
        return exports.downloads(self.site, self.renderer.site_url)

    def redirects(self) -> dict[str, bytes]:
        """Pages at the addresses meetings and decisions had when they were kept inside a review's folder
        (reviews/<review>/meetings/<id>/), each pointing to where the record now lives, so links people
        saved still work."""
        from html import escape

        from .csp import protect
        from .pages import href

        if "redirects" in self.made:
            return self.made["redirects"]
        found: dict[str, bytes] = {}
        for folder, records in (("meetings", self.site.tracker.council.meetings),
                                ("decisions", self.site.tracker.council.decisions)):
            for record in records:
                for review_id in record.reviews:
                    old = f"reviews/{review_id}/{folder}/{record.id}/"
                    target = href(old, self.site.url(record))
                    title = escape(self.site.label(record))
                    found[old + "index.html"] = protect(  # the same Content Security Policy as every page
                        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                        f'<meta http-equiv="refresh" content="0; url={escape(target)}">'
                        f'<link rel="canonical" href="{escape(target)}"><meta name="robots" content="noindex"></head>'
                        f'<body><p>This record has moved to <a href="{escape(target)}">{title}</a>.</p></body></html>\n'
                    ).encode()
        return found

    @property
    def as_at_words(self) -> str:
        return self.site.as_at_words

    @property
    def latest_words(self) -> str | None:
        """The site-wide 'latest information' date, for every page's footer."""
        return self.site.latest.words() if self.site.latest else None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def _render_into(build: Build, uri: str, done: dict[str, str]) -> None:
    try:
        done[uri] = build.renderer.render(build.pages[uri])
    except Exception:  # noqa: BLE001 - rendered again as MkDocs asks, which raises the error as it always did
        pass


def _share(build: Build, uris: list[str], taken, downloads: bool) -> tuple[dict, dict[str, str]]:
    """Pages rendered until every one is taken (the downloads first, if asked): (made, rendered)."""
    made = {"downloads": build.downloads()} if downloads else {}
    done: dict[str, str] = {}
    while True:
        with taken.get_lock():
            at = taken.value
            taken.value += 1
        if at >= len(uris):
            return made, done
        _render_into(build, uris[at], done)


def _unwarned(work: Callable[[], object]) -> Callable[[], object]:
    """``work``, failing if it logs a warning: in a forked copy a warning would not reach MkDocs' count of them
    (--strict), so the parent does that work again itself."""
    def run() -> object:
        warned = _Warned()
        logging.getLogger().addHandler(warned)
        result = work()
        if warned.seen:
            raise RuntimeError("a warning was logged")
        return result

    return run


class _Warned(logging.Handler):
    """Notes whether anything was logged at warning level or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def output_collisions(site: Site, pages: list[Page], files: dict[str, bytes]) -> list[Problem]:
    """Every published file whose path is another's, or differs from another's only in capital letters or in how
    an accent is stored (Windows and Mac computers, and the zip a reviewer downloads, take such paths for one), or
    is a folder of another path: checked before anything is written, so no page silently replaces another."""
    outputs: list[tuple[str, object]] = [(url_of(p.src_uri) + "index.html", p) for p in pages]
    outputs += [(path, path) for path in files]
    seen: dict[str, tuple[str, object]] = {}
    folders: dict[str, tuple[str, object]] = {}
    problems: list[Problem] = []
    for path, what in outputs:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault(name_key("/".join(parts[:depth])), (path, what))
    for path, what in outputs:
        key = name_key(path)
        if key in seen:
            other_path, other = seen[key]
            how = "the same address as" if other_path == path else "the same address, apart from " + (
                "how an accented letter is stored" if normalize("NFC", path) == normalize("NFC", other_path)
                else "capital letters") + ", as"
            problems.append(_collision(site, what, other, path, f"would be published at {_address(path)}, "
                                       f"{how} {_describe(site, other)}"))
            continue
        seen[key] = (path, what)
        if key in folders and folders[key][0] != path:
            problems.append(_collision(site, what, folders[key][1], path, f"would be published at "
                                       f"{_address(path)}, a file where {_describe(site, folders[key][1])} needs a "
                                       "folder of that name"))
    return problems


def _address(path: str) -> str:
    shown = path[: -len("index.html")] if path.endswith("index.html") else path
    return f"'{shown or '/'}'"


def _describe(site: Site, what: object) -> str:
    if isinstance(what, Page):
        if what.record is not None:
            return f"the page of {site.label(what.record)} ({site.loaded.file_of(what.record) or 'the data'})"
        return f"the site's own page '{what.title}'"
    return f"the file '{what}'"


def _collision(site: Site, what: object, other: object, path: str, words: str) -> Problem:
    """The problem, placed at the record whose id makes the clash (a record's rather than the site's own)."""
    record = next((w.record for w in (what, other) if isinstance(w, Page) and w.record is not None), None)
    where = None
    if record is not None:
        where = site.loaded.builder.locate(record, "id") or Location(site.loaded.file_of(record) or "data")
    subject = f"The page of {site.label(what.record)}" if isinstance(what, Page) and what.record is not None \
        else f"The site's own page '{what.title}'" if isinstance(what, Page) else f"The file '{what}'"
    line_text = None
    if where is not None and where.line:
        try:
            line_text = (site.loaded.data_dir.parent / where.file).read_text(encoding="utf-8-sig").split("\n")[
                where.line - 1]
        except (OSError, UnicodeDecodeError, IndexError):
            pass
    return Problem(
        where or Location("data"),
        "id" if record is not None else "",
        f"{subject} {words}. One would silently replace the other.",
        suggestion="Give the record an id of its own that no page of the site uses (not 'index'), and rename its "
        "file to match." if record is not None else "This is a fault in the tracker itself: please report it.",
        line_text=line_text,
    )


def page_collisions(loaded) -> list[Problem]:
    """The same check for `tracker check`, on the pages and redirects only: the downloads' paths are fixed
    names that no data can clash with, and making them would double the time a check takes."""
    site = Site(loaded)
    planned = list(site.pages)
    return output_collisions(site, planned, _redirects_of(site))


def _redirects_of(site: Site) -> dict[str, bytes]:
    return Build(site, None, {}).redirects()  # type: ignore[arg-type] - redirects need no renderer
