"""Find the data files, validate them into a Tracker, and check how records refer to each other."""

from __future__ import annotations

import gc
import os
import typing
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import Iterator

from . import dates
from .model import Council, DateValue, Glossary, Review, Site, Tracker
from .problems import DataProblems, Location, Problem, relative
from .validate import ID_PATTERN, Builder, how_names_differ, name_key, windows_reason
from .yamlfile import Node, read as read_yaml, symlink_problem

def _folders(container: type) -> dict[str, str]:
    """Sub-folder -> the container's field its records go in."""
    return {f.metadata["folder"]: f.name for f in fields(container) if f.metadata.get("folder")}


REVIEW_FOLDERS = _folders(Review)
"""Sub-folder of a review -> the Review field its records go in."""

COUNCIL_FOLDERS = _folders(Council)
"""Sub-folder of data/council/ -> the Council field its records go in."""

YAML_SUFFIXES = (".yml", ".yaml")


@cache  # asked for every folder of every review: typing.get_type_hints is slow
def _item_type(attr: str, container: type = Review) -> type:
    return typing.get_args(typing.get_type_hints(container)[attr])[0]


COUNCIL_TYPES: dict[str, type] = {attr: _item_type(attr, Council) for attr in COUNCIL_FOLDERS.values()}
REVIEW_TYPES: dict[str, type] = {attr: _item_type(attr) for attr in REVIEW_FOLDERS.values()}

RECORD_KINDS: dict[str, type] = {
    "site": Site,
    "glossary": Glossary,
    "review": Review,
    **{cls.__name__.lower(): cls for cls in (*COUNCIL_TYPES.values(), *REVIEW_TYPES.values())},
}
"""Each kind of data file -> the record it holds. Also the names of the JSON Schemas."""

RECORD_FIELDS: dict[type, str] = {**{cls: attr for attr, cls in COUNCIL_TYPES.items()},
                                  **{cls: attr for attr, cls in REVIEW_TYPES.items()}}
"""Each kind of record kept one to a file -> the field (and sub-folder) that holds it."""

COUNCIL_RECORDS = tuple(COUNCIL_TYPES.values())
"""The kinds of record kept once for the whole council, in data/council/."""

FOLDER_KINDS = {folder: _item_type(attr).__name__.lower() for folder, attr in REVIEW_FOLDERS.items()}
"""Sub-folder of a review -> the kind of record its files hold."""

COUNCIL_FOLDER_KINDS = {folder: _item_type(attr, Council).__name__.lower() for folder, attr in COUNCIL_FOLDERS.items()}
"""Sub-folder of data/council/ -> the kind of record its files hold."""


@dataclass
class Loaded:
    """A validated tracker, with where each record came from."""

    tracker: Tracker
    as_at: date
    data_dir: Path
    builder: Builder
    files: dict[int, str] = field(default_factory=dict)
    """id(record) -> its data file, relative to the data folder."""
    warnings: list[Problem] = field(default_factory=list)
    """What the data says that is allowed but worth a clerk's look (a stated date that differs from the
    worked-out one): reported, never a reason to stop publishing."""

    def file_of(self, record: object) -> str | None:
        return self.files.get(id(record))


def build_date() -> date:
    """The day of the build: SOURCE_DATE_EPOCH when set, so rebuilds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def data_files(data_dir: Path) -> Iterator[Path]:
    """Every YAML file under the data folder, in a stable order (hidden files left out). Symbolic links are
    never followed, nor listed: the loader reports them instead of reading them."""
    found = []
    for folder, dirs, files in os.walk(data_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(_HIDDEN)]
        for name in files:
            path = Path(folder) / name
            if path.suffix.lower() in YAML_SUFFIXES and not name.startswith(_HIDDEN) and not path.is_symlink() \
                    and path.is_file():
                found.append(path)
    yield from sorted(found)


def linked(path: Path, data_dir: Path) -> bool:
    """Whether ``path``, or a folder it is in below ``data_dir``, is a symbolic link (then it is never read)."""
    path, top = Path(os.path.abspath(path)), Path(os.path.abspath(data_dir))
    while path != top and top in path.parents:
        if path.is_symlink():
            return True
        path = path.parent
    return False


def kind_of(path: Path, data_dir: Path) -> str | None:
    """The kind of record a data file holds, from where it is: 'site', 'review', 'recommendation'..."""
    try:
        parts = Path(path).resolve().relative_to(Path(data_dir).resolve()).parts
    except ValueError:
        return None
    if not parts or Path(parts[-1]).suffix not in YAML_SUFFIXES:
        return None
    if len(parts) == 1 and parts[0] in ("site.yml", "glossary.yml"):
        return parts[0][: -len(".yml")]
    if len(parts) == 3 and parts[0] == "council" and parts[1] in COUNCIL_FOLDER_KINDS:
        return COUNCIL_FOLDER_KINDS[parts[1]]
    if len(parts) == 3 and parts[0] == "reviews" and parts[2] == "review.yml":
        return "review"
    if len(parts) == 4 and parts[0] == "reviews" and parts[2] in FOLDER_KINDS:
        return FOLDER_KINDS[parts[2]]
    return None


def load(data_dir: Path, today: date | None = None, replace: dict[Path, Path] | None = None) -> Loaded:
    """Load and check all the data. Raises DataProblems listing every problem found.

    ``replace`` maps a data file to another file read in its place (under the data file's own name): a command
    that changes a file checks the data with the change, written to a temporary file, before putting it in place."""
    # Loading makes hundreds of thousands of small objects that all live on, and
    # none of them in cycles: the cyclic collector would only scan them over and
    # over (40% of the time at 5,000 recommendations).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Loader(Path(data_dir), today, replace).run()
    finally:
        if collecting:
            gc.enable()


class _Loader:
    """One load of a data folder: reads every file, then checks across them."""

    def __init__(self, data_dir: Path, today: date | None, replace: dict[Path, Path] | None = None):
        self.data_dir = data_dir
        self.replace = {Path(os.path.abspath(k)): Path(v) for k, v in (replace or {}).items()}
        self.root = data_dir.parent
        self.today = today
        self.builder = Builder()
        self.files: dict[int, str] = {}
        self.lines: dict[str, list[str]] = {}
        """file -> its lines, to show the clerk the line a problem is on."""
        self.id_at: dict[str, Location] = {}
        """file -> where its id is written."""
        self.claims: dict[str, dict[str, list[str]]] = {}
        """'council' or a review folder -> id -> the files that claim it, valid or not (so one bad
        file does not make every reference to it look wrong too)."""
        self.unread: dict[str, set[str]] = {}
        """'council' or a review folder -> the names of files that could not be read or whose id is wrong (so
        references by file name are not reported as well)."""
        self.links: set[Path] = set()
        """Symbolic links in the data folder: reported, never followed."""
        self.entries: list[tuple[Path, bool]] = []
        """Every file and folder in the data folder (links aside), with whether it is a folder."""
        self.collisions: list[tuple[Path, str, bool]] = []
        """(a file or folder, the name beside it that a case-insensitive computer takes for the same, is a folder)."""
        self.raw_ids: dict[Path, str | None] = {}
        """Record file (or review folder) -> the id written in it, as written."""
        self.record_files: set[Path] = set()
        self.check_memo = None
        """The preview's memo of each review's checks (tracker.memo.ReviewMemo); a plain load keeps none."""
        self.folders: dict[Path, str] = {}
        """Folder -> its name as the clerk knows it: resolved once a load, not once a file (a tenth of a load)."""

    def display(self, path: Path) -> str:
        # The folder is resolved, never the file itself: a link's target must not stand in for its name.
        folder = path.parent
        if folder not in self.folders:
            self.folders[folder] = relative(folder, self.root)
        return f"{self.folders[folder]}/{path.name}"

    def read(self, path: Path, cls: type) -> tuple[object | None, Node | None]:
        display = self.display(path)
        parsed = read_yaml(self.replace.get(Path(os.path.abspath(path)), path), display)
        self.lines[display] = parsed.lines
        self.builder.problems.extend(parsed.problems)
        if parsed.node is None:
            return None, None
        record = self.builder.build(cls, parsed.node, "")
        if record is not None:
            self.files[id(record)] = display
        return record, parsed.node

    def run(self) -> Loaded:
        data_dir, b = self.data_dir, self.builder
        if not data_dir.is_dir():
            raise DataProblems([Problem(Location(str(data_dir)), "", "The data folder does not exist.",
                                        suggestion="Run the command from the project folder, or give --data.")])

        self._scan()
        site_path = data_dir / "site.yml"
        site = None
        if site_path in self.links:
            pass  # reported by the scan
        elif site_path.is_file():
            site, _ = self.read(site_path, Site)
        else:
            b.problem(Location(self.display(site_path)), "", "The file site.yml is missing.",
                      suggestion="Copy it from data/README.md.")
        glossary_path = data_dir / "glossary.yml"
        glossary = Glossary()
        if glossary_path.is_file() and glossary_path not in self.links:
            glossary, _ = self.read(glossary_path, Glossary)

        known_paths = {site_path, glossary_path}
        council = Council()
        self._read_records(data_dir / "council", council, COUNCIL_FOLDERS, self.claims.setdefault("council", {}),
                           known_paths)

        reviews: list[Review] = []
        reviews_dir = data_dir / "reviews"
        folders = sorted(p for p in reviews_dir.iterdir() if not self._linked(p) and p.is_dir()
                         and not p.name.startswith(_HIDDEN)) if reviews_dir.is_dir() and not self._linked(reviews_dir) else []
        checked: list[Review] = []
        for folder in folders:
            review, stand_in = self._read_review(folder, known_paths)
            if review is not None:
                reviews.append(review)
            if review is not None or stand_in is not None:
                checked.append(review or stand_in)  # type: ignore[arg-type]

        for path in self._strays(known_paths):
            self._stray(path)
        self._names()

        as_at = self.today or build_date()
        if site is not None and site.as_at:
            try:
                parsed = dates.parse(site.as_at)
                if parsed.precision != "day":
                    raise dates.EdtfError(f"'{site.as_at}' is not a single day.")
                as_at = parsed.earliest  # type: ignore[assignment]
            except dates.EdtfError as error:
                b.problem(b.locate(site, "as_at") or Location(self.display(site_path)), "as_at", str(error),
                          expected="a day, such as 2021-03-31")

        loaded = Loaded(Tracker(site=site or _STAND_IN_SITE, glossary=glossary or Glossary(), council=council,  # type: ignore[arg-type]
                                reviews=reviews), as_at, data_dir, b, self.files)
        from .checks import Checks

        Checks(loaded, checked, self.claims, self.id_at, site_ok=site is not None,
               complete=len(reviews) == len(checked), unread=self.unread, memo=self.check_memo).run()
        if b.problems:
            raise DataProblems([self._with_line(p) for p in b.problems])
        loaded.warnings = [self._with_line(p) for p in loaded.warnings]
        if site is None:
            raise DataProblems([])
        return loaded

    def _read_records(self, folder: Path, container: object, folders: dict[str, str],
                      claims: dict[str, list[str]], known_paths: set[Path]) -> None:
        """Every record file in a container's sub-folders (a review's, or data/council/'s)."""
        b = self.builder
        scope = "council" if container.__class__ is Council else folder.name
        unread = self.unread.setdefault(scope, set())
        for sub, attr in folders.items():
            cls = _item_type(attr, type(container))
            if self._linked(folder / sub):
                continue  # reported by the scan
            for path in sorted((folder / sub).glob("*")):
                if path in self.links:
                    unread.add(path.stem)  # reported by the scan; references to it are not reported again
                    continue
                if path.suffix not in YAML_SUFFIXES or not path.is_file() or _hidden(path, folder):
                    continue
                known_paths.add(path)
                self.record_files.add(path)
                record, node = self.read(path, cls)
                # A file too broken to read still claims its name: the id must match it.
                claimed = record.id if record is not None else (_raw_id(node) if node is not None else path.stem)  # type: ignore[attr-defined]
                self.raw_ids[path] = _raw_id(node)
                if record is None or claimed != path.stem:
                    unread.add(path.stem)
                if claimed:
                    claims.setdefault(claimed, []).append(self.display(path))
                    if node is not None and node.kind == "map" and "id" in node.value:  # type: ignore[operator]
                        self.id_at[self.display(path)] = node.value["id"].where  # type: ignore[index]
                if record is None:
                    continue
                _check_name(b, record, path.stem, path, self.root, "file")
                getattr(container, attr).append(record)
        for attr in folders.values():
            getattr(container, attr).sort(key=lambda r: order_key(r.id))

    def _read_review(self, folder: Path, known_paths: set[Path]) -> tuple[Review | None, Review | None]:
        """(the review, or None; a stand-in to check its records against when review.yml is wrong)."""
        b = self.builder
        review_path = folder / "review.yml"
        known_paths.add(review_path)
        claims = self.claims.setdefault(folder.name, {})
        if review_path in self.links:
            review = None  # reported by the scan
        elif not review_path.is_file():
            b.problem(Location(self.display(folder)), "",
                      "This review folder has no review.yml, so its records cannot be published.",
                      suggestion="Add review.yml (copy another review's and change it), or remove the folder.")
            review = None
        else:
            review, node = self.read(review_path, Review)
            self.raw_ids[folder] = _raw_id(node)
            _check_name(b, review, folder.name, review_path, self.root, "folder")
        # With review.yml wrong, its records are still read and checked against each other,
        # so one run reports every problem; the stand-in is never published.
        stand_in = None
        if review is None:
            stand_in = Review(id=folder.name, title=folder.name, committee="", date=DateValue(as_written="unknown"))
        self._read_records(folder, review or stand_in, REVIEW_FOLDERS, claims, known_paths)
        if review is not None:
            self.files[id(review)] = self.display(review_path)
        return review, stand_in

    def _linked(self, path: Path) -> bool:
        """Whether the path is, or is inside, a symbolic link found by the scan."""
        return path in self.links or any(parent in self.links for parent in path.parents)

    def _scan(self) -> None:
        """Every file and folder in the data folder, never following a link: links are reported (without
        reading them, or saying where they point), and every other name is kept for the checks in _names."""
        pending = [self.data_dir]
        while pending:
            folder = pending.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue  # an unreadable folder: reading its files reports why
            seen: dict[str, str] = {}
            for entry in entries:
                if entry.name.startswith(_HIDDEN):
                    continue
                path = folder / entry.name
                if entry.is_symlink():
                    self.links.add(path)
                    self.builder.problems.append(
                        symlink_problem(self.display(path), folder=Path(entry.name).suffix not in YAML_SUFFIXES))
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
                if is_dir:
                    pending.append(path)
                self.entries.append((path, is_dir))
                key = name_key(entry.name)
                if key in seen:
                    self.collisions.append((path, seen[key], is_dir))
                else:
                    seen[key] = entry.name

    def _names(self) -> None:
        """Names a Windows computer cannot store, and names that differ only in capitals or in how an accent is
        stored from one beside them. (Records' ids are checked across their folders in checks.py.)"""
        b = self.builder
        for path, is_dir in self.entries:
            reason = windows_reason(path.name)
            if reason is None:
                continue
            raw = self.raw_ids.get(path)
            if raw is not None and raw == (path.name if is_dir else path.stem) and _bad_id(raw):
                continue  # the id inside is reported, and the suggestion says to rename the file to match
            what = "folder" if is_dir else "file"
            b.problem(Location(self.display(path)), "", f"The {what} name '{path.name}' cannot be used: {reason}. "
                      "The project could not be copied to, or opened on, a Windows computer.",
                      suggestion=f"Rename the {what}" + (" (and change the id inside it to match)." if not is_dir
                                                         and path in self.record_files else "."))
        for path, other, is_dir in self.collisions:
            if path in self.record_files:
                continue  # two records: reported with their ids, across folders too, in checks.py
            what = "folder" if is_dir else "file"
            b.problem(Location(self.display(path)), "",
                      f"The {what} name '{path.name}' cannot sit beside '{other}': {how_names_differ(path.name, other)}. "
                      "Windows and Mac computers take them for the same name, so one would replace the other there.",
                      suggestion=f"Keep one {what}: move anything the other holds into it, then delete the other.")

    def _strays(self, known_paths: set[Path]) -> list[Path]:
        """Data files in no place the site reads, in a stable order (the preview's loader finds them in its scan)."""
        return [path for path in data_files(self.data_dir) if path not in known_paths]

    def _stray(self, path: Path) -> None:
        where = Location(self.display(path))
        if path.suffix not in YAML_SUFFIXES:
            self.builder.problem(where, "", f"The file name ends '{path.suffix}'; data files end '.yml', in small letters.",
                                 suggestion=f"Rename it to '{path.stem}.yml'.")
            return
        import difflib

        folder = path.parent.name
        in_council = path.parent.parent.name == "council"
        choices = list(COUNCIL_FOLDERS if in_council else REVIEW_FOLDERS)
        close = difflib.get_close_matches(folder.lower(), choices, n=1, cutoff=0.7)
        self.builder.problem(
            where,
            "",
            "This file is not in a place the site reads, so it would be silently left out.",
            suggestion=(f"Did you mean the folder '{close[0]}'? Rename the folder '{folder}' to '{close[0]}'."
                        if close and close[0] != folder else
                        "Council-wide records go in data/council/committees, owners, meetings, decisions or "
                        "sources; a review's records in its recommendations, resolutions, commitments or events "
                        "folder (see data/README.md). Move it, or delete it."),
        )

    def _with_line(self, problem: Problem) -> Problem:
        lines = self.lines.get(problem.where.file)
        line = problem.where.line
        if problem.line_text is not None or not lines or line is None or not 1 <= line <= len(lines):
            return problem
        return replace(problem, line_text=lines[line - 1])


_STAND_IN_SITE = Site(title="", council="", licence="")
"""Checks still run when site.yml is broken (its problems are reported); never published."""


def _hidden(path: Path, root: Path) -> bool:
    """Editors' and systems' own files (.swp, .DS_Store, ~$x.yml) are never data."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    return any(p.startswith((".", "~", "#")) for p in parts)


_HIDDEN = (".", "~", "#")
"""How the names of editors' and systems' own files start."""


def _bad_id(text: str) -> bool:
    import re

    return not re.match(ID_PATTERN, text) or windows_reason(text) is not None


def _raw_id(node: Node | None) -> str | None:
    if node is None or node.kind != "map":
        return None
    child = node.value.get("id")  # type: ignore[union-attr]
    return str(child.value) if child is not None and child.kind == "scalar" and child.value is not None else None


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def order_key(record_id: str) -> tuple:
    """Records in the order a reader expects: i, ii, ... x; 1, 2, ... 10; then by name."""
    lowered = record_id.lower()
    if lowered.isdigit():
        return (0, int(lowered), "")
    if lowered and all(c in _ROMAN for c in lowered):
        return (0, roman_value(lowered), "")
    return (1, 0, lowered)


def roman_value(text: str) -> int:
    """The number a roman numeral stands for (lower or upper case)."""
    lowered = text.lower()
    total = 0
    for c, nxt in zip(lowered, lowered[1:] + " "):
        value = _ROMAN[c]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total


def _check_name(builder: Builder, record, name: str, path: Path, root: Path, what: str) -> None:
    if record is None or record.id == name:
        return
    builder.problem(
        builder.locate(record, "id") or Location(relative(path, root)),
        "id",
        f"The id '{record.id}' does not match the {what} name '{name}'.",
        suggestion=f"Rename the {what} to '{record.id}{path.suffix if what == 'file' else ''}', "
        f"or change the id to '{name}'.",
    )


def load_plain(value: dict, label: str = "download") -> Tracker:
    """A Tracker from plain values (the JSON download), through the same validation."""
    builder = Builder()
    where = Location(label)
    site = builder.build(Site, Node.from_plain(value.get("site", {}), where), "site")
    glossary = builder.build(Glossary, Node.from_plain(value.get("glossary", {}), where), "glossary")
    council = Council()
    _plain_records(builder, value.get("council", {}), council, COUNCIL_FOLDERS, "council", where)
    reviews = []
    for index, plain in enumerate(value.get("reviews", []), start=1):
        own = {k: v for k, v in plain.items() if k not in REVIEW_FOLDERS.values()}
        review = builder.build(Review, Node.from_plain(own, where), f"reviews[{index}]")
        if review is None:
            continue
        _plain_records(builder, plain, review, REVIEW_FOLDERS, f"reviews[{index}]", where)
        reviews.append(review)
    if builder.problems:
        raise DataProblems(builder.problems)
    return Tracker(site=site, glossary=glossary, council=council, reviews=reviews)


def _plain_records(builder: Builder, plain: dict, container: object, folders: dict[str, str], path: str,
                   where: Location) -> None:
    for attr in folders.values():
        cls = _item_type(attr, type(container))
        for n, item in enumerate(plain.get(attr, []), start=1):
            record = builder.build(cls, Node.from_plain(item, where), f"{path}.{attr}[{n}]")
            if record is not None:
                getattr(container, attr).append(record)
