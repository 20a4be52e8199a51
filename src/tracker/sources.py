"""The source documents' pages: one compact list, and at scale a page per document with the records it is cited by."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Source
from .text import texts_named

if TYPE_CHECKING:  # the page plan asks; this module only reads the planned site
    from .pages import Site

ONE_PAGE = 40
"""Up to this many documents (and one review), every document's details stay on the one sources page, as the
record has always shown them; beyond, the list is compact and each document has its own page."""

_CITING = ("recommendations", "resolutions", "commitments", "events")


def split(site: "Site") -> bool:
    """Whether each source document has a page of its own ('sources/<id>/')."""
    return len(site.tracker.reviews) > 1 or len(site.tracker.council.sources) > ONE_PAGE


def ordered(sources: list[Source]) -> list[Source]:
    """Oldest first by the document's own date, by title within a day; documents with no date last."""
    dated = sorted((s for s in sources if s.date and s.date.edtf), key=lambda s: (s.date.edtf, s.title))  # type: ignore[union-attr]
    undated = sorted((s for s in sources if not (s.date and s.date.edtf)), key=lambda s: s.title)
    return dated + undated


def by_year(sources: list[Source]) -> list[tuple[str, list[Source]]]:
    """The documents in order, under the year each is dated ('No date of their own' last)."""
    groups: dict[str, list[Source]] = {}
    for source in ordered(sources):
        year = source.date.edtf[:4] if source.date and source.date.edtf and source.date.edtf[:4].isdigit() else ""  # type: ignore[union-attr]
        groups.setdefault(year, []).append(source)
    return [(year or "Documents with no date of their own", found) for year, found in groups.items()]


class Citations:
    """Source id -> the records whose words or dates come from it, worked out once when a source page first asks."""

    def __init__(self, site: "Site"):
        self.site = site
        self._index: dict[str, list[object]] | None = None

    def of(self, source: Source) -> list[object]:
        if self._index is None:
            self._index = self._build()
        return self._index.get(source.id, [])

    def _build(self) -> dict[str, list[object]]:
        found: dict[str, list[object]] = {}

        def add(record: object) -> None:
            for cited_id in texts_named(record, "source"):
                cited = found.setdefault(cited_id, [])
                if not cited or cited[-1] is not record:
                    cited.append(record)

        tracker = self.site.tracker
        for review in tracker.reviews:
            for attr in _CITING:
                for record in getattr(review, attr):
                    add(record)
        for attr in ("meetings", "decisions"):
            for record in getattr(tracker.council, attr):
                add(record)
        return found
