"""What the preview needs from the engine: a reload that reads only changed files, and which pages a change affects.

No MkDocs here: the MkDocs-facing preview (`tracker serve`) is in ``tracker.serve``.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .build import Build, output_collisions
from .load import REVIEW_FOLDERS, YAML_SUFFIXES, Loaded, _Loader
from .memo import ReviewMemo
from .model import Committee, Decision, Meeting, Owner, Review, Source
from .pages import Site
from .problems import INTERNAL, DataProblems, Location, Problem, relative
from .render import Renderer
from .validate import Builder
from .yamlfile import read as read_yaml


@dataclass
class _Read:
    """One data file as read last time: what reading it gave, kept while the file is unchanged."""

    stamp: tuple[int, int]
    """(modification time in ns, size): a save changes one or both."""
    parsed: object
    record: object | None
    problems: list
    where: dict


class FileCache:
    """Data files as last read, so a reload reads again only the files that were saved since; and what was
    worked out from each review, while the review is unchanged."""

    def __init__(self) -> None:
        self.files: dict[Path, _Read] = {}
        self.hits = 0
        self.misses = 0
        self.reviews: dict[Path, tuple[_Read, Review]] = {}
        """Review folder -> (its review.yml as read, the Review last loaded from the folder)."""
        self.checks = ReviewMemo()
        self.derived = ReviewMemo()
        self.folders: dict[Path, _Folder] = {}
        """Review folder (or data/council) -> what reading it did to the load, while nothing in it changed."""
        self.folder_hits = 0

    def forget(self, path: Path) -> None:
        """A file saved, added or removed: read it again, and the folders it is in."""
        key = Path(os.path.abspath(path))
        self.files.pop(key, None)
        for folder in key.parents:
            self.folders.pop(folder, None)


@dataclass
class _Folder:
    """What reading one folder's files added to a load, to add again while the folder is unchanged: replaying
    this is a few dictionary updates, where reading it again is some work for every file in it."""

    stamp: tuple
    """Every file and folder in it: (path, modification time, size, mode, inode), as _stamp gives them."""
    result: object = None
    """What the read returned: (review, stand-in) for a review folder; the records by field for data/council."""
    known: set = field(default_factory=set)
    problems: list = field(default_factory=list)
    where: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    raw_ids: dict = field(default_factory=dict)
    record_files: set = field(default_factory=set)
    id_at: dict = field(default_factory=dict)
    claims: dict = field(default_factory=dict)
    unread: dict = field(default_factory=dict)


class _Where(dict):
    """The load's ``Builder.where`` (record and field -> where it is written) for the preview: what unchanged
    folders wrote is looked up in their kept parts when a problem asks, not copied into one dictionary on every
    reload (300,000 entries at 5,000 recommendations). A problem is all that asks (``Builder.locate``)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[dict] = []

    def get(self, key, default=None):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        for part in reversed(self.parts):  # as updates in this order would have left it: the last one counts
            if key in part:
                return part[key]
        return default


def _stamp(folder: Path) -> tuple:
    """Everything in a folder as the file system describes it (no file is read): any save, new file, removal,
    rename or link in it changes this. Some 50 ms for every review at 5,000 recommendations."""
    found: list[tuple] = []
    pending = [str(folder)]
    while pending:
        current = pending.pop()
        try:
            entries = os.scandir(current)
        except OSError:
            found.append((current, None))
            continue
        with entries:
            for entry in entries:
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    found.append((entry.path, None))
                    continue
                found.append((entry.path, stat.st_mtime_ns, stat.st_size, stat.st_mode, stat.st_ino))
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    found.sort()
    return tuple(found)


class _CachedLoader(_Loader):
    """The ordinary loader, reading through a FileCache. Loading fills a review's lists with its records, so
    each load is given a fresh copy of a review; when the folder turns out unchanged (review.yml and the same
    record objects), the Review of the last load is used again, so what was worked out from it still holds."""

    def __init__(self, data_dir: Path, cache: FileCache):
        super().__init__(data_dir, None)
        self.builder.where = _Where()
        self.cache = cache
        self._folders: dict[Path, str] = {}
        self._review_reads: dict[int, _Read] = {}
        """id(fresh copy of a review) -> the review.yml read it was copied from."""
        self.check_memo = cache.checks

    def display(self, path: Path) -> str:
        # The folder's relative path is worked out once per folder, not once per file (a fifth of a load).
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = relative(path.parent, self.root)
        return f"{folder}/{path.name}"

    def read(self, path: Path, cls: type):
        key = Path(os.path.abspath(path))
        try:
            stat = key.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        cached = self.cache.files.get(key)
        if cached is None or stamp is None or cached.stamp != stamp or not isinstance(cached.record, cls):
            self.cache.misses += 1
            cached = self._read_fresh(path, cls, stamp)
            if stamp is not None:
                self.cache.files[key] = cached
        else:
            self.cache.hits += 1
        display = self.display(path)
        parsed = cached.parsed
        self.lines[display] = parsed.lines  # type: ignore[attr-defined]
        self.builder.problems.extend(parsed.problems)  # type: ignore[attr-defined]
        self.builder.problems.extend(cached.problems)
        record = cached.record
        if cls is Review and record is not None:
            record = dataclasses.replace(record, **{attr: [] for attr in REVIEW_FOLDERS.values()})
            self._review_reads[id(record)] = cached
            self._place(cached, record)
        else:
            self.builder.where.update(cached.where)
        if record is not None:
            self.files[id(record)] = display
        return record, parsed.node  # type: ignore[attr-defined]

    def _place(self, cached: _Read, review: Review, remove: Review | None = None) -> None:
        """Where review.yml's fields are written, for this copy of the review (its nested values are shared)."""
        template, where = id(cached.record), self.builder.where
        for (owner, name), location in cached.where.items():
            if owner == template:
                where[(id(review), name)] = location
                if remove is not None:
                    where.pop((id(remove), name), None)
            else:
                where[(owner, name)] = location

    # ----- a folder read, or what reading it did last time -----

    def _read_review(self, folder: Path, known_paths: set[Path]):
        key = Path(os.path.abspath(folder))
        stamp = _stamp(key)  # before reading: a file saved while it is read is read again next time
        kept = self._kept(key, stamp)
        if kept is not None:
            self._replay(kept, known_paths)
            return kept.result
        with self._recording(stamp) as effects:
            effects.result = self._read_review_files(folder, effects.known)
        self._replay(effects, known_paths)
        self.cache.folders[key] = effects
        return effects.result

    def _read_records(self, folder: Path, container: object, folders: dict[str, str],
                      claims: dict[str, list[str]], known_paths: set[Path]) -> None:
        if folders is REVIEW_FOLDERS:  # a review's: kept with its folder, by _read_review
            super()._read_records(folder, container, folders, claims, known_paths)
            return
        key = Path(os.path.abspath(folder))
        stamp = _stamp(key)
        kept = self._kept(key, stamp)
        if kept is None:
            with self._recording(stamp) as kept:
                records: dict[str, list[str]] = {}
                mine = type(container)()
                super()._read_records(folder, mine, folders, records, kept.known)
                kept.claims, kept.result = {"": records}, {attr: getattr(mine, attr) for attr in folders.values()}
            self.cache.folders[key] = kept
        for attr, records_of in kept.result.items():  # type: ignore[union-attr]
            getattr(container, attr).extend(records_of)
        for name, files in kept.claims[""].items():
            claims.setdefault(name, []).extend(files)
        self._replay(kept, known_paths)

    def _kept(self, key: Path, stamp: tuple) -> _Folder | None:
        kept = self.cache.folders.get(key)
        if kept is not None and kept.stamp == stamp:
            self.cache.folder_hits += 1
            return kept
        return None

    @contextmanager
    def _recording(self, stamp: tuple) -> Iterator[_Folder]:
        """Read with the load's collections swapped for empty ones: what is in them afterwards is the folder's part."""
        effects = _Folder(stamp)
        b = self.builder
        real = (b.problems, b.where, self.files, self.lines, self.raw_ids, self.record_files, self.id_at,
                self.claims, self.unread)
        (b.problems, b.where, self.files, self.lines, self.raw_ids, self.record_files, self.id_at, self.claims,
         self.unread) = (effects.problems, effects.where, effects.files, effects.lines, effects.raw_ids,
                         effects.record_files, effects.id_at, effects.claims, effects.unread)
        try:
            yield effects
        finally:
            (b.problems, b.where, self.files, self.lines, self.raw_ids, self.record_files, self.id_at, self.claims,
             self.unread) = real

    def _replay(self, kept: _Folder, known_paths: set[Path]) -> None:
        """Add what reading the folder added, as reading it would (copies: the load may add to its lists)."""
        b = self.builder
        known_paths |= kept.known
        b.problems.extend(kept.problems)
        b.where.parts.append(kept.where)
        self.files.update(kept.files)
        self.lines.update(kept.lines)
        self.raw_ids.update(kept.raw_ids)
        self.record_files |= kept.record_files
        self.id_at.update(kept.id_at)
        for scope, claims in kept.claims.items():
            if scope:
                mine = self.claims.setdefault(scope, {})
                for name, files in claims.items():
                    mine.setdefault(name, []).extend(files)
        for scope, names in kept.unread.items():
            self.unread.setdefault(scope, set()).update(names)

    def _strays(self, known_paths: set[Path]) -> list[Path]:
        # The scan has listed every file already: no second walk of the data folder.
        return sorted(path for path, is_dir in self.entries if not is_dir and path not in known_paths
                      and path.suffix.lower() in YAML_SUFFIXES and not path.is_symlink() and path.is_file())

    def _read_review_files(self, folder: Path, known_paths: set[Path]):
        review, stand_in = super()._read_review(folder, known_paths)
        cached = self._review_reads.pop(id(review), None) if review is not None else None
        if review is None or cached is None:
            return review, stand_in
        kept = self.cache.reviews.get(folder)
        if kept is not None and kept[0] is cached and _same_records(kept[1], review):
            old = kept[1]
            self.files[id(old)] = self.files.pop(id(review))
            self._place(cached, old, remove=review)
            return old, stand_in
        self.cache.reviews[folder] = (cached, review)
        return review, stand_in

    def _read_fresh(self, path: Path, cls: type, stamp) -> _Read:
        parsed = read_yaml(path, self.display(path))
        own = Builder()  # its own, so what building this one file found can be kept with it
        record = own.build(cls, parsed.node, "") if parsed.node is not None else None
        return _Read(stamp or (0, 0), parsed, record, own.problems, own.where)


def _same_records(old: Review, new: Review) -> bool:
    return all(len(a) == len(b) and all(x is y for x, y in zip(a, b))
               for a, b in ((getattr(old, attr), getattr(new, attr)) for attr in REVIEW_FOLDERS.values()))


def reload(data_dir: Path, cache: FileCache) -> Loaded:
    """Load the data as ``tracker.load.load`` does (same checks, same problems), reading only the files saved
    since the last reload through the same cache."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _CachedLoader(Path(data_dir), cache).run()
    finally:
        if collecting:
            gc.enable()


# ----- a build for the preview -----


def prepare(data_dir: Path, template_dir: Path, cache: FileCache, site_url: str = "",
            edit_url_base: str | None = None, previous: Build | None = None) -> Build:
    """``Build.prepare`` for the preview: the same pages, problems and checks, with the data read through the
    cache and the downloads left out (the preview writes them apart, in another process). With ``previous``,
    its templates are used again as compiled (Jinja still reloads any whose file was saved since)."""
    collecting = gc.isenabled()
    gc.disable()  # as load does: hundreds of thousands of long-lived objects, none in cycles
    try:
        site = Site(reload(data_dir, cache), edit_url_base, cache.derived)
        planned = list(site.pages)
        build = Build(site, _renderer(template_dir, site, site_url, previous), {p.src_uri: p for p in planned})
        build.made = {"downloads": {}, "redirects": build.redirects()}
        problems = output_collisions(site, planned, build.made["redirects"])
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise DataProblems(problems)
    return build


def _renderer(template_dir: Path, site: Site, site_url: str, previous: Build | None) -> Renderer:
    renderer = Renderer(template_dir, site, site_url)
    if previous is not None and previous.renderer.env.loader.searchpath == renderer.env.loader.searchpath:
        # Compiling the templates is most of the time a first render takes; the new site replaces the old
        # wherever the templates can see it (they read it from these two names only).
        env = previous.renderer.env
        env.globals["site"] = site
        env.filters["segments"] = site.abbreviations.segments
        renderer.env = env
    return renderer


# ----- which pages a change affects -----

def affected(old: Build, new: Build, changed: set[str]) -> set[str] | None:
    """The pages (by source path) whose content may differ after the data files ``changed`` (paths relative to
    the data folder, '/'-separated) were saved, or None when that cannot be worked out cheaply: every page.

    A review's records are shown on the review's own pages, on the pages that list or summarise records (the
    home page, the timeline, owners and committees), on the meetings and decisions that deal with the review, on
    the pages of the source documents they cite, and on the pages of records they relate to. Everything else is
    untouched."""
    if set(old.pages) != set(new.pages):
        return None  # a page was added or removed
    if (old.as_at_words, old.latest_words) != (new.as_at_words, new.latest_words):
        return None  # every page's footer says these
    reviews: set[str] = set()
    records: list[object] = []
    for path in changed:
        parts = path.split("/")
        if parts[0] == "reviews" and len(parts) >= 3:
            reviews.add(parts[1])
        elif parts[0] == "council" and len(parts) == 3 and parts[1] in ("meetings", "decisions"):
            for build in (old, new):
                record = _record_in(build, path)
                if record is not None:
                    records.append(record)
                    reviews.update(getattr(record, "reviews", []))
        else:
            return None  # site.yml, the glossary, owners, committees, sources: named on pages all over the site
    found: set[str] = set()
    for build in (old, new):
        ids = {id(r) for r in records}
        pages_of = _pages_by_record(build)
        # A changed meeting's or decision's own words too: the source documents it cites list it.
        named = _words_in([*records, *(r for review in build.site.tracker.reviews if review.id in reviews
                                       for attr in REVIEW_FOLDERS.values() for r in getattr(review, attr))])
        for page in build.pages.values():
            record = page.record
            if record is None or isinstance(record, Owner | Committee) or id(record) in ids:
                found.add(page.src_uri)
                continue
            if isinstance(record, Source):  # its page lists the records that cite it
                if record.id in named:
                    found.add(page.src_uri)
                continue
            review = build.site.review_of(record) if not isinstance(record, Meeting | Decision) else None
            if review is not None and review.id in reviews:
                found.add(page.src_uri)
            elif isinstance(record, Meeting | Decision) and (reviews.intersection(record.reviews)
                                                              or record.id in named):
                found.add(page.src_uri)
        # Records elsewhere that name, or are named by, a record of a changed review.
        for review in build.site.tracker.reviews:
            if review.id in reviews:
                for record in (r for attr in REVIEW_FOLDERS.values() for r in getattr(review, attr)):
                    for other in build.site.related(record):
                        found.update(pages_of.get(id(other), ()))
    return found


def _words_in(records) -> set[str]:
    """Every text in the records: a meeting or decision whose id is among them is shown on their pages."""
    found: set[str] = set()
    pending = list(records)
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            pending.extend(value)
        elif hasattr(value, "__dataclass_fields__"):
            pending.extend(getattr(value, name) for name in value.__dataclass_fields__)
    return found


def _record_in(build: Build, path: str) -> object | None:
    files = build.site.loaded.files
    return next((r for attr in ("meetings", "decisions") for r in getattr(build.site.tracker.council, attr)
                 if files.get(id(r), "").endswith("/" + path)), None)


def _pages_by_record(build: Build) -> dict[int, list[str]]:
    """id(record) -> the pages showing it, indexed once rather than scanned for every related record."""
    found: dict[int, list[str]] = {}
    for page in build.pages.values():
        if page.record is not None:
            found.setdefault(id(page.record), []).append(page.src_uri)
    return found


# ----- problems, as the preview words them -----

PREVIEW_FIX = "Fix this in the file named and save: the preview updates by itself."
"""The one sentence the preview prints, and shows, after its problems (with 'these' for several)."""


def fix_sentence(count: int) -> str:
    return PREVIEW_FIX if count == 1 else PREVIEW_FIX.replace("Fix this", "Fix these").replace("file named", "files named")


def what_has(problems: list[Problem]) -> str:
    """'the data has 2 problems', or 'there is a problem' when a template (or the tracker itself) has one."""
    return DataProblems(problems).headline("serve").removeprefix("The preview cannot show the site: ").rstrip(".")


def report(problems: list[Problem]) -> str:
    """The problems for the terminal while previewing: the same explanations and words as ``tracker check``'s
    report, worded for the preview (one definition: ``DataProblems.report``)."""
    return DataProblems(problems).report("serve")


def template_problem(error: Exception, project: Path) -> Problem:
    """A template that cannot be read or rendered, as a Problem with its file and line."""
    import jinja2

    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if filename is None:  # a rendering error: the deepest frame in a template says where
        tb = error.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename.endswith(".html") and Path(code.co_filename).exists():
                # Jinja rewrites a template's frames to carry the template's own file and line.
                filename, line = code.co_filename, _template_line(tb) or tb.tb_lineno
            tb = tb.tb_next
    where = Location(relative(Path(filename), project) if filename else "a template", line)
    line_text = None
    if filename and line:
        try:
            line_text = Path(filename).read_text(encoding="utf-8").split("\n")[line - 1]
        except (OSError, UnicodeDecodeError, IndexError):
            pass
    kind = "cannot be read" if isinstance(error, jinja2.TemplateSyntaxError) else "stopped while making a page"
    return Problem(where, "", f"The template {kind}: {getattr(error, 'message', None) or error}",
                   suggestion="Check the template's tags ({% ... %}, {{ ... }}) on this line and the lines above it.",
                   line_text=line_text)


_INTERNAL = INTERNAL


def internal_problem(src_uri: str, error: Exception) -> Problem:
    """A page that could not be made for a reason in the tracker itself, not in the data or a template."""
    return Problem(Location(src_uri), "", f"{_INTERNAL} while making this page: {type(error).__name__}: {error}",
                   suggestion="Undo the last change to see the site again, and tell whoever looks after the tracker.")


def _template_line(tb) -> int | None:
    # Jinja compiles a template to Python; its debug info maps the compiled line back to the template's.
    import jinja2

    template = tb.tb_frame.f_globals.get("__jinja_template__")
    if isinstance(template, jinja2.Template):
        return template.get_corresponding_lineno(tb.tb_lineno)
    return None


# ----- the downloads, made in a child process while the preview goes on -----


def write_downloads(data_dir: Path, site_dir: Path, site_url: str) -> int:
    """Write the downloads and feeds of the data as it is now into the preview's folder; each file is replaced
    whole (written beside it, then moved), so the preview never serves half of one."""
    from . import exports
    from .load import load

    try:
        site = Site(load(data_dir))
    except DataProblems:
        return 1  # the preview shows the problems; the downloads wait for mended data
    for path, content in exports.downloads(site, site_url.rstrip("/") + "/" if site_url else "").items():
        target = site_dir / path
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".preview-tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)
    return 0


if __name__ == "__main__":  # python -m tracker.preview downloads DATA SITE URL (started by `tracker serve`)
    import sys

    if len(sys.argv) == 5 and sys.argv[1] == "downloads":
        if hasattr(os, "nice"):
            os.nice(19)  # work nobody waits for: the preview's pages come first
        sys.exit(write_downloads(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]))
    sys.exit("usage: python -m tracker.preview downloads DATA_DIR SITE_DIR SITE_URL")
