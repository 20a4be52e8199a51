"""Find the data files, validate them into a Tracker, and check how records refer to each other."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from . import dates
from .model import Glossary, Review, Site, Tracker
from .problems import DataProblems, Location, Problem, relative
from .validate import Builder
from .yamlfile import Node, load as load_yaml

REVIEW_FOLDERS = {f.metadata["folder"]: f.name for f in fields(Review) if f.metadata.get("folder")}
"""Sub-folder of a review -> the Review field its records go in."""


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
    """Every YAML file under the data folder, in a stable order."""
    for path in sorted(data_dir.rglob("*")):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            yield path


def load(data_dir: Path, today: date | None = None) -> Loaded:
    """Load and check all the data. Raises DataProblems listing every problem found."""
    data_dir = Path(data_dir)
    builder = Builder()
    files: dict[int, str] = {}
    root = data_dir.parent

    def read(path: Path, cls: type, path_prefix: str = ""):
        display = relative(path, root)
        node, problems = load_yaml(path, display)
        builder.problems.extend(problems)
        if node is None:
            return None, None
        record = builder.build(cls, node, path_prefix)
        if record is not None:
            files[id(record)] = display
        return record, node

    if not data_dir.is_dir():
        raise DataProblems([Problem(Location(str(data_dir)), "", "The data folder does not exist.")])

    site_path = data_dir / "site.yml"
    site = None
    if site_path.exists():
        site, _ = read(site_path, Site)
    else:
        builder.problem(Location(relative(site_path, root)), "", "The file site.yml is missing.",
                        suggestion="Copy it from data/README.md.")
    glossary_path = data_dir / "glossary.yml"
    glossary = Glossary()
    if glossary_path.exists():
        glossary, _ = read(glossary_path, Glossary)

    reviews: list[Review] = []
    reviews_dir = data_dir / "reviews"
    known_paths = {site_path, glossary_path}
    for folder in sorted(p for p in reviews_dir.iterdir() if p.is_dir()) if reviews_dir.is_dir() else []:
        review_path = folder / "review.yml"
        known_paths.add(review_path)
        if not review_path.exists():
            builder.problem(Location(relative(folder, root)), "",
                            "This review folder has no review.yml, so its records cannot be published.")
            continue
        review, node = read(review_path, Review)
        _check_name(builder, review, folder.name, review_path, root, "folder")
        for sub, attr in REVIEW_FOLDERS.items():
            cls = _item_type(attr)
            for path in sorted((folder / sub).glob("*.y*ml")):
                known_paths.add(path)
                record, _ = read(path, cls)
                if record is None:
                    continue
                _check_name(builder, record, path.stem, path, root, "file")
                if review is not None:
                    getattr(review, attr).append(record)
        if review is not None:
            for attr in REVIEW_FOLDERS.values():
                getattr(review, attr).sort(key=lambda r: order_key(r.id))
            reviews.append(review)

    for path in data_files(data_dir):
        if path not in known_paths:
            builder.problem(
                Location(relative(path, root)),
                "",
                "This file is not in a place the site reads, so it would be silently left out.",
                suggestion="Move it into a review's recommendations, meetings, resolutions, decisions "
                "or events folder (see data/README.md), or delete it.",
            )

    as_at = today or build_date()
    if site is not None and site.as_at:
        try:
            parsed = dates.parse(site.as_at)
            if parsed.precision != "day":
                raise dates.EdtfError(f"'{site.as_at}' is not a single day.")
            as_at = parsed.earliest  # type: ignore[assignment]
        except dates.EdtfError as error:
            builder.problem(builder.locate(site, "as_at") or Location("data/site.yml"), "as_at", str(error),
                            expected="a day, such as 2021-03-31")

    loaded = Loaded(Tracker(site=site, glossary=glossary or Glossary(), reviews=reviews), as_at, data_dir, builder, files)  # type: ignore[arg-type]
    if site is not None:
        for review in reviews:
            _check_review(loaded, review)
    if builder.problems:
        raise DataProblems(builder.problems)
    return loaded


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def order_key(record_id: str) -> tuple:
    """Records in the order a reader expects: i, ii, ... x; 1, 2, ... 10; then by name."""
    lowered = record_id.lower()
    if lowered.isdigit():
        return (0, int(lowered), "")
    if lowered and all(c in _ROMAN for c in lowered):
        total = 0
        for c, nxt in zip(lowered, lowered[1:] + " "):
            value = _ROMAN[c]
            total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
        return (0, total, "")
    return (1, 0, lowered)


def _item_type(attr: str) -> type:
    import typing

    return typing.get_args(typing.get_type_hints(Review)[attr])[0]


def _check_name(builder: Builder, record, name: str, path: Path, root: Path, what: str) -> None:
    if record is None or record.id == name:
        return
    builder.problem(
        builder.locate(record, "id") or Location(relative(path, root)),
        "id",
        f"The id '{record.id}' does not match the {what} name '{name}'.",
        suggestion=f"Rename the {what} to '{record.id}', or change the id to '{name}'.",
    )


def _check_review(loaded: Loaded, review: Review) -> None:
    """Checks across records: ids, references, shared responses, dates."""
    b = loaded.builder
    where = lambda record, name="": b.locate(record, name) or Location(loaded.file_of(record) or "")  # noqa: E731

    source_ids = set()
    for source in review.sources:
        if source.id in source_ids:
            b.problem(where(source, "id"), "sources.id", f"Two sources share the id '{source.id}'.")
        source_ids.add(source.id)

    owners: dict[str, object] = {}
    for attr in REVIEW_FOLDERS.values():
        for record in getattr(review, attr):
            if record.id in owners:
                first = loaded.file_of(owners[record.id])
                b.problem(
                    where(record, "id"),
                    "id",
                    f"The id '{record.id}' is already used in this review, by {first}.",
                    suggestion="Each record in a review needs its own id: pick the next free one.",
                )
            else:
                owners[record.id] = record

    def check_source(record, name: str, value, path: str | None = None) -> None:
        if value is not None and value not in source_ids:
            b.problem(
                where(record, name),
                path or name,
                f"'{value}' is not one of this review's sources.",
                expected="one of: " + ", ".join(sorted(source_ids)) if source_ids else "a source listed in review.yml",
                suggestion="Add the document to 'sources' in review.yml, or correct the id.",
            )

    def check_related(record) -> None:
        for index, target in enumerate(record.related, start=1):
            if target not in owners:
                b.problem(
                    where(record, "related"),
                    f"related[{index}]",
                    f"'{target}' is not the id of any record in this review.",
                    suggestion="Check the spelling; ids are file names without '.yml'.",
                )

    meetings = {m.id for m in review.meetings}
    recommendations = {r.id: r for r in review.recommendations}
    for rec in review.recommendations:
        check_source(rec, "source", rec.source)
        check_related(rec)
        if (rec.response is None) == (rec.shares_response_with is None):
            b.problem(
                where(rec),
                "response",
                "A recommendation needs either a 'response' or 'shares_response_with', and not both.",
            )
        if rec.shares_response_with is not None:
            other = recommendations.get(rec.shares_response_with)
            if other is None:
                b.problem(where(rec, "shares_response_with"), "shares_response_with",
                          f"'{rec.shares_response_with}' is not a recommendation in this review.")
            elif other.response is None:
                b.problem(where(rec, "shares_response_with"), "shares_response_with",
                          f"Recommendation '{other.id}' has no response of its own to share.")
        if rec.response is not None:
            check_source(rec.response, "source", rec.response.source, "response.source")
            seen = set()
            for a, action in enumerate(rec.response.actions, start=1):
                path = f"response.actions[{a}]"
                if action.id in seen:
                    b.problem(where(action, "id"), f"{path}.id", f"Two actions here have the number '{action.id}'.")
                seen.add(action.id)
                for u, update in enumerate(action.progress, start=1):
                    check_source(update, "source", update.source, f"{path}.progress[{u}].source")
                    parsed = update.date.parsed if update.date else None
                    if parsed and parsed.earliest and parsed.earliest > loaded.as_at:
                        b.problem(
                            where(update, "date"),
                            f"{path}.progress[{u}].date",
                            f"This progress update is dated after the 'as at' date ({loaded.as_at.isoformat()}).",
                            found=update.date.words(),  # type: ignore[union-attr]
                            suggestion="Check the year, or set a later 'as_at' in data/site.yml.",
                        )
                for c, change in enumerate(action.due_changes, start=1):
                    check_source(change, "source", change.source, f"{path}.due_changes[{c}].source")
    for record in [*review.meetings, *review.resolutions, *review.decisions, *review.events]:
        check_source(record, "source", record.source)
        check_related(record)
    for resolution in review.resolutions:
        if resolution.meeting not in meetings:
            b.problem(where(resolution, "meeting"), "meeting",
                      f"'{resolution.meeting}' is not a meeting in this review.",
                      suggestion="Add the meeting's file to the meetings folder, or correct the id.")


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
