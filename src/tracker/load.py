"""Find the data files, validate them into a Tracker, and check how records refer to each other."""

from __future__ import annotations

import gc
import os
import typing
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from . import dates
from .model import DateValue, Glossary, Review, Site, Source, Tracker
from .problems import DataProblems, Location, Problem, relative, shorten
from .validate import Builder
from .yamlfile import Node, read as read_yaml

REVIEW_FOLDERS = {f.metadata["folder"]: f.name for f in fields(Review) if f.metadata.get("folder")}
"""Sub-folder of a review -> the Review field its records go in."""

YAML_SUFFIXES = (".yml", ".yaml")


def _item_type(attr: str) -> type:
    return typing.get_args(typing.get_type_hints(Review)[attr])[0]


RECORD_KINDS: dict[str, type] = {
    "site": Site,
    "glossary": Glossary,
    "review": Review,
    **{_item_type(attr).__name__.lower(): _item_type(attr) for attr in REVIEW_FOLDERS.values()},
}
"""Each kind of data file -> the record it holds. Also the names of the JSON Schemas."""

RECORD_FIELDS: dict[type, str] = {_item_type(attr): attr for attr in REVIEW_FOLDERS.values()}
"""Each kind of record in a review folder -> the Review field (and sub-folder) that holds it."""

FOLDER_KINDS = {folder: _item_type(attr).__name__.lower() for folder, attr in REVIEW_FOLDERS.items()}
"""Sub-folder of a review -> the kind of record its files hold."""


@dataclass
class Loaded:
    """A validated tracker, with where each record came from."""

    tracker: Tracker
    as_at: date
    data_dir: Path
    builder: Builder
    files: dict[int, str] = field(default_factory=dict)
    """id(record) -> its data file, relative to the data folder."""

    def file_of(self, record: object) -> str | None:
        return self.files.get(id(record))


def build_date() -> date:
    """The day of the build: SOURCE_DATE_EPOCH when set, so rebuilds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def data_files(data_dir: Path) -> Iterator[Path]:
    """Every YAML file under the data folder, in a stable order (hidden files left out)."""
    for path in sorted(Path(data_dir).rglob("*")):
        if path.suffix.lower() in YAML_SUFFIXES and path.is_file() and not _hidden(path, data_dir):
            yield path


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
    if len(parts) == 3 and parts[0] == "reviews" and parts[2] == "review.yml":
        return "review"
    if len(parts) == 4 and parts[0] == "reviews" and parts[2] in FOLDER_KINDS:
        return FOLDER_KINDS[parts[2]]
    return None


def load(data_dir: Path, today: date | None = None) -> Loaded:
    """Load and check all the data. Raises DataProblems listing every problem found."""
    # Loading makes hundreds of thousands of small objects that all live on, and
    # none of them in cycles: the cyclic collector would only scan them over and
    # over (40% of the time at 5,000 recommendations).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Loader(Path(data_dir), today).run()
    finally:
        if collecting:
            gc.enable()


class _Loader:
    """One load of a data folder: reads every file, then checks across them."""

    def __init__(self, data_dir: Path, today: date | None):
        self.data_dir = data_dir
        self.root = data_dir.parent
        self.today = today
        self.builder = Builder()
        self.files: dict[int, str] = {}
        self.lines: dict[str, list[str]] = {}
        """file -> its lines, to show the clerk the line a problem is on."""
        self.id_at: dict[str, Location] = {}
        """file -> where its id is written."""
        self.ids: dict[str, dict[str, list[str]]] = {}
        """review folder -> id -> the files that claim it, valid or not (so one bad file
        does not make every reference to it look wrong too)."""

    def display(self, path: Path) -> str:
        return relative(path, self.root)

    def read(self, path: Path, cls: type) -> tuple[object | None, Node | None]:
        display = self.display(path)
        parsed = read_yaml(path, display)
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

        site_path = data_dir / "site.yml"
        site = None
        if site_path.is_file():
            site, _ = self.read(site_path, Site)
        else:
            b.problem(Location(self.display(site_path)), "", "The file site.yml is missing.",
                      suggestion="Copy it from data/README.md.")
        glossary_path = data_dir / "glossary.yml"
        glossary = Glossary()
        if glossary_path.is_file():
            glossary, _ = self.read(glossary_path, Glossary)

        reviews: list[Review] = []
        known_paths = {site_path, glossary_path}
        reviews_dir = data_dir / "reviews"
        folders = sorted(p for p in reviews_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) \
            if reviews_dir.is_dir() else []
        checks: list[tuple[Review, dict[str, list[str]], bool]] = []
        for folder in folders:
            review, stand_in, sources_known = self._read_review(folder, known_paths)
            if review is not None:
                reviews.append(review)
            if review is not None or stand_in is not None:
                checks.append((review or stand_in, self.ids[folder.name], sources_known))  # type: ignore[arg-type]

        for path in data_files(data_dir):
            if path not in known_paths:
                self._stray(path)

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

        loaded = Loaded(Tracker(site=site, glossary=glossary or Glossary(), reviews=reviews),  # type: ignore[arg-type]
                        as_at, data_dir, b, self.files)
        for review, claims, sources_known in checks:
            _Checks(loaded, review, claims, sources_known, self.id_at).run()
        if glossary is not None and len(reviews) == len(checks):
            self._check_glossary(loaded, glossary)
        if b.problems:
            raise DataProblems([self._with_line(p) for p in b.problems])
        return loaded

    def _read_review(self, folder: Path, known_paths: set[Path]) -> tuple[Review | None, Review | None, bool]:
        """(the review, or None; a stand-in to check its records against when review.yml is wrong;
        whether its sources are known)."""
        b = self.builder
        review_path = folder / "review.yml"
        known_paths.add(review_path)
        claims = self.ids.setdefault(folder.name, {})
        if not review_path.is_file():
            b.problem(Location(self.display(folder)), "",
                      "This review folder has no review.yml, so its records cannot be published.",
                      suggestion="Add review.yml (copy another review's and change it), or remove the folder.")
            review, node = None, None
        else:
            review, node = self.read(review_path, Review)
            _check_name(b, review, folder.name, review_path, self.root, "folder")
        # With review.yml wrong, its records are still read and checked against each other,
        # so one run reports every problem; the stand-in is never published.
        stand_in = None
        sources_known = review is not None
        if review is None:
            raw_sources = _raw_source_ids(node)
            sources_known = raw_sources is not None
            stand_in = Review(id=folder.name, title=folder.name, body="", date=DateValue(as_written="unknown"),
                              sources=[Source(id=i, title=i) for i in raw_sources or []])
        for sub, attr in REVIEW_FOLDERS.items():
            cls = _item_type(attr)
            for path in sorted((folder / sub).glob("*")):
                if path.suffix not in YAML_SUFFIXES or not path.is_file() or _hidden(path, folder):
                    continue
                known_paths.add(path)
                record, node = self.read(path, cls)
                # A file too broken to read still claims its name: the id must match it.
                claimed = record.id if record is not None else (_raw_id(node) if node is not None else path.stem)  # type: ignore[attr-defined]
                if claimed:
                    claims.setdefault(claimed, []).append(self.display(path))
                    if node is not None and node.kind == "map" and "id" in node.value:  # type: ignore[operator]
                        self.id_at[self.display(path)] = node.value["id"].where  # type: ignore[index]
                if record is None:
                    continue
                _check_name(b, record, path.stem, path, self.root, "file")
                getattr(review or stand_in, attr).append(record)
        for attr in REVIEW_FOLDERS.values():
            getattr(review or stand_in, attr).sort(key=lambda r: order_key(r.id))
        if review is not None:
            self.files[id(review)] = self.display(review_path)
        return review, stand_in, sources_known

    def _stray(self, path: Path) -> None:
        where = Location(self.display(path))
        if path.suffix not in YAML_SUFFIXES:
            self.builder.problem(where, "", f"The file name ends '{path.suffix}'; data files end '.yml', in small letters.",
                                 suggestion=f"Rename it to '{path.stem}.yml'.")
            return
        import difflib

        folder = path.parent.name
        close = difflib.get_close_matches(folder.lower(), list(REVIEW_FOLDERS), n=1, cutoff=0.7)
        self.builder.problem(
            where,
            "",
            "This file is not in a place the site reads, so it would be silently left out.",
            suggestion=(f"Did you mean the folder '{close[0]}'? Rename the folder '{folder}' to '{close[0]}'."
                        if close and close[0] != folder else
                        "Move it into a review's recommendations, meetings, resolutions, decisions "
                        "or events folder (see data/README.md), or delete it."),
        )

    def _check_glossary(self, loaded: Loaded, glossary: Glossary) -> None:
        b = self.builder
        sources = {s.id for review in loaded.tracker.reviews for s in review.sources}
        seen: dict[str, object] = {}
        for index, term in enumerate(glossary.terms, start=1):
            at = b.locate(term, "term") or Location(self.display(self.data_dir / "glossary.yml"))
            if term.term in seen:
                b.problem(at, f"terms[{index}].term", f"The abbreviation '{term.term}' is listed twice.",
                          suggestion="Keep one entry and delete the other.")
            seen[term.term] = term
            if term.source is not None and loaded.tracker.reviews and term.source not in sources:
                b.problem(b.locate(term, "source") or at, f"terms[{index}].source",
                          f"'{term.source}' is not one of the sources listed in any review.yml.",
                          expected="one of: " + ", ".join(sorted(sources)),
                          suggestion="Check the spelling of the source's id.")
            if term.basis == "unknown" and term.expansion:
                b.problem(b.locate(term, "expansion") or at, f"terms[{index}].expansion",
                          "An abbreviation whose basis is 'unknown' has no expansion.",
                          suggestion="Delete the expansion, or set the basis to 'stated' or 'unambiguous'.")

    def _with_line(self, problem: Problem) -> Problem:
        lines = self.lines.get(problem.where.file)
        line = problem.where.line
        if problem.line_text is not None or not lines or line is None or not 1 <= line <= len(lines):
            return problem
        return replace(problem, line_text=lines[line - 1])


def _hidden(path: Path, root: Path) -> bool:
    """Editors' and systems' own files (.swp, .DS_Store, ~$x.yml) are never data."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    return any(p.startswith((".", "~", "#")) for p in parts)


def _raw_source_ids(node: Node | None) -> list[str] | None:
    """The source ids a review.yml that failed to load still names (None if it cannot be read)."""
    if node is None or node.kind != "map":
        return None
    sources = node.value.get("sources")  # type: ignore[union-attr]
    if sources is None or sources.kind != "list":
        return [] if sources is None or sources.value is None else None
    ids = [_raw_id(item) for item in sources.value]  # type: ignore[union-attr]
    return None if None in ids else ids  # type: ignore[return-value]


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


def _parsed(value: DateValue | None) -> dates.Edtf | None:
    """A date's parsed EDTF, or None if it has none or it is badly written (already reported)."""
    try:
        return value.parsed if value is not None else None
    except dates.EdtfError:
        return None


class _Checks:
    """Checks across one review's records: ids, references, shared responses, dates."""

    def __init__(self, loaded: Loaded, review: Review, claims: dict[str, list[str]], sources_known: bool = True,
                 id_at: dict[str, Location] | None = None):
        self.id_at = id_at or {}
        self.loaded = loaded
        self.review = review
        self.b = loaded.builder
        self.claims = claims
        """id -> every file that claims it, including files too broken to load."""
        self.source_ids = {s.id for s in review.sources}
        self.sources_known = sources_known
        """False when review.yml is too broken to say which sources it lists."""

    def where(self, record: object, name: str = "") -> Location:
        return self.b.locate(record, name) or Location(self.loaded.file_of(record) or "")

    def run(self) -> None:
        review, b = self.review, self.b
        seen_sources: set[str] = set()
        for index, source in enumerate(review.sources, start=1):
            if source.id in seen_sources:
                b.problem(self.where(source, "id"), f"sources[{index}].id", f"Two sources share the id '{source.id}'.",
                          suggestion="Give each source its own id.")
            seen_sources.add(source.id)

        for record_id, files in self.claims.items():
            for other in files[1:]:
                record = self._record_in(other)
                b.problem(
                    self.where(record, "id") if record is not None else self.id_at.get(other, Location(other)),
                    "id",
                    f"The id '{record_id}' is already used in this review, by {files[0]}. "
                    "Two files cannot hold the same record.",
                    suggestion="Each record in a review needs its own id: pick the next free one "
                    "(tracker new ... does this for you), or delete the copy.",
                )

        for rec in review.recommendations:
            self.check_source(rec, "source", rec.source)
            self.check_related(rec)
            self._check_recommendation(rec)
        for record in [*review.meetings, *review.resolutions, *review.decisions, *review.events]:
            self.check_source(record, "source", record.source)
            self.check_related(record)
        meetings = {m.id for m in review.meetings}
        for resolution in review.resolutions:
            if resolution.meeting not in meetings and resolution.meeting not in self._broken(("meetings",)):
                b.problem(self.where(resolution, "meeting"), "meeting",
                          f"'{resolution.meeting}' is not a meeting in this review.",
                          expected=_one_of(meetings, "the id of a file in the meetings folder"),
                          suggestion=_did_you_mean(resolution.meeting, meetings)
                          or "Add the meeting's file to the meetings folder, or correct the id.")
        for decision in review.decisions:
            self._check_order(decision, "date_of_decision", "effective_from",
                              "The decision takes effect before it was made.")

    def _record_in(self, display: str) -> object | None:
        for attr in REVIEW_FOLDERS.values():
            for record in getattr(self.review, attr):
                if self.loaded.file_of(record) == display:
                    return record
        return None

    def _broken(self, folders: tuple[str, ...]) -> set[str]:
        """Ids claimed by files in these folders that could not be loaded (their problems are reported)."""
        loaded = {r.id for attr in REVIEW_FOLDERS.values() for r in getattr(self.review, attr)}
        prefix = [f"/{folder}/" for folder in folders]
        return {i for i, files in self.claims.items() if i not in loaded and any(p in f for f in files for p in prefix)}

    def check_source(self, record, name: str, value, path: str | None = None) -> None:
        if value is not None and self.sources_known and value not in self.source_ids:
            self.b.problem(
                self.where(record, name),
                path or name,
                f"'{value}' is not one of this review's sources.",
                expected=_one_of(self.source_ids, "a source listed in review.yml"),
                suggestion=_did_you_mean(value, self.source_ids)
                or "Add the document to 'sources' in review.yml, or correct the id.",
            )

    def check_related(self, record) -> None:
        for index, target in enumerate(record.related, start=1):
            if target not in self.claims:
                self.b.problem(
                    self.where(record, "related"),
                    f"related[{index}]",
                    f"'{target}' is not the id of any record in this review.",
                    suggestion=_did_you_mean(target, self.claims)
                    or "Check the spelling; ids are file names without '.yml'.",
                )
            elif target == record.id:
                self.b.problem(self.where(record, "related"), f"related[{index}]",
                               "A record cannot be related to itself.", suggestion=f"Remove '{target}' from 'related'.")

    def _check_recommendation(self, rec) -> None:
        b = self.b
        recommendations = {r.id: r for r in self.review.recommendations}
        if (rec.response is None) == (rec.shares_response_with is None):
            b.problem(
                self.where(rec),
                "response",
                "A recommendation needs either a 'response' or 'shares_response_with', and not both.",
                suggestion="Give the response here, or name the recommendation whose response answers this one.",
            )
        if rec.shares_response_with is not None:
            other = recommendations.get(rec.shares_response_with)
            if other is None:
                if rec.shares_response_with not in self._broken(("recommendations",)):
                    b.problem(self.where(rec, "shares_response_with"), "shares_response_with",
                              f"'{rec.shares_response_with}' is not a recommendation in this review.",
                              suggestion=_did_you_mean(rec.shares_response_with, recommendations))
            elif other is rec:
                b.problem(self.where(rec, "shares_response_with"), "shares_response_with",
                          "A recommendation cannot share its own response.")
            elif other.response is None:
                b.problem(self.where(rec, "shares_response_with"), "shares_response_with",
                          f"Recommendation '{other.id}' has no response of its own to share.",
                          suggestion=f"Name the recommendation that holds the response"
                          + (f" ('{other.shares_response_with}')." if other.shares_response_with else "."))
        if rec.response is None:
            return
        self.check_source(rec.response, "source", rec.response.source, "response.source")
        seen: set[str] = set()
        for a, action in enumerate(rec.response.actions, start=1):
            path = f"response.actions[{a}]"
            if action.id in seen:
                b.problem(self.where(action, "id"), f"{path}.id", f"Two actions here have the number '{action.id}'.",
                          suggestion="Number the actions 1, 2, 3... in the order the source gives them.")
            seen.add(action.id)
            for u, update in enumerate(action.progress, start=1):
                self.check_source(update, "source", update.source, f"{path}.progress[{u}].source")
                self._not_after_as_at(update, "date", f"{path}.progress[{u}].date", "This progress update")
            for c, change in enumerate(action.due_changes, start=1):
                self.check_source(change, "source", change.source, f"{path}.due_changes[{c}].source")
                self._not_after_as_at(change, "changed", f"{path}.due_changes[{c}].changed", "This change of due date")

    def _not_after_as_at(self, record, name: str, path: str, what: str) -> None:
        value = getattr(record, name)
        parsed = _parsed(value)
        as_at = self.loaded.as_at
        if parsed and parsed.earliest and parsed.earliest > as_at:
            self.b.problem(
                self.where(record, name),
                path,
                f"{what} is dated after the 'as at' date ({as_at.day} {as_at:%B %Y}), "
                "so it cannot have happened yet.",
                found=shorten(value.words()),
                suggestion="Check the year, or set a later 'as_at' in data/site.yml.",
            )

    def _check_order(self, record, first: str, then: str, message: str) -> None:
        start, end = _parsed(getattr(record, first)), _parsed(getattr(record, then))
        if start and end and start.earliest and end.latest and end.latest < start.earliest:
            self.b.problem(self.where(record, then), then, message,
                           found=f"{first} {start.words()}, {then} {end.words()}",
                           suggestion="Check both dates against the source.")


def _one_of(ids, otherwise: str) -> str:
    return "one of: " + ", ".join(sorted(ids)) if ids else otherwise


def _did_you_mean(value: str, choices) -> str | None:
    import difflib

    guess = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"Did you mean '{guess[0]}'?" if guess else None


def load_plain(value: dict, label: str = "download") -> Tracker:
    """A Tracker from plain values (the JSON download), through the same validation."""
    builder = Builder()
    where = Location(label)
    site = builder.build(Site, Node.from_plain(value.get("site", {}), where), "site")
    glossary = builder.build(Glossary, Node.from_plain(value.get("glossary", {}), where), "glossary")
    reviews = []
    for index, plain in enumerate(value.get("reviews", []), start=1):
        nested = {attr: plain.get(attr, []) for attr in REVIEW_FOLDERS.values()}
        own = {k: v for k, v in plain.items() if k not in nested}
        review = builder.build(Review, Node.from_plain(own, where), f"reviews[{index}]")
        if review is None:
            continue
        for attr, items in nested.items():
            cls = _item_type(attr)
            for n, item in enumerate(items, start=1):
                record = builder.build(cls, Node.from_plain(item, where), f"reviews[{index}].{attr}[{n}]")
                if record is not None:
                    getattr(review, attr).append(record)
        reviews.append(review)
    if builder.problems:
        raise DataProblems(builder.problems)
    return Tracker(site=site, glossary=glossary, reviews=reviews)
