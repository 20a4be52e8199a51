"""What the preview keeps between reloads: results worked out for one review, while nothing they rest on changed.

A review is unchanged when the preview's loader hands back the very same Review object (it does so only when
review.yml and every record file in the folder are unchanged). A result for it stands while the rest of the
world it can see is the same too: the council's records, site.yml, the glossary and the 'as at' day (all by
identity, as the loader keeps them), the ids every review holds, and the other reviews its records name.
A full build keeps nothing: it passes no memo.
"""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from .model import Review

T = TypeVar("T")

_RECORDS = ("recommendations", "resolutions", "commitments", "events")


class World:
    """What every review's results may rest on besides the review: objects (compared by identity) and values."""

    def __init__(self, objects: Iterable[object], values: object) -> None:
        self.objects = tuple(objects)
        self.values = values

    def same_as(self, other: World | None) -> bool:
        return (other is not None and len(self.objects) == len(other.objects)
                and all(a is b for a, b in zip(self.objects, other.objects)) and self.values == other.values)


def world_of(tracker, as_at, reviews: list[Review], *more_values: object) -> World:
    """The world of a loaded tracker: council records, site, glossary, 'as at' and the ids each review holds."""
    council = tracker.council
    objects = [tracker.site, tracker.glossary]
    for attr in ("committees", "owners", "meetings", "decisions", "sources"):
        objects += getattr(council, attr)
    ids = tuple((r.id, tuple((attr, x.id) for attr in _RECORDS for x in getattr(r, attr))) for r in reviews)
    return World(objects, (as_at, ids, *more_values))


class ReviewMemo:
    """Per-review results (a review's follow-ups, its checks...), each kept while it stands."""

    def __init__(self) -> None:
        self._world: World | None = None
        self._kept: dict[tuple[str, int], tuple[Review, tuple[Review, ...], object]] = {}
        """(what, id(review)) -> (the review, the other reviews its records name, the result). Holding the review keeps
        its id from being given to another object."""
        self._reviews: dict[str, Review] = {}
        self.hits = 0
        self.misses = 0

    def start(self, world: World, reviews: list[Review]) -> None:
        """A new load: forget everything if the world changed, and the results of reviews no longer loaded."""
        if not world.same_as(self._world):
            self._kept.clear()
        self._world = world
        self._reviews = {r.id: r for r in reviews}
        current = {id(r) for r in reviews}
        for key in [k for k in self._kept if k[1] not in current]:
            del self._kept[key]

    def get(self, review: Review, make: Callable[[], T], what: str = "") -> T:
        """The result ``what`` for the review: kept, or made by ``make`` now (and kept)."""
        kept = self._kept.get((what, id(review)))
        if kept is not None and kept[0] is review and all(self._reviews.get(d.id) is d for d in kept[1]):
            self.hits += 1
            return kept[2]  # type: ignore[return-value]
        self.misses += 1
        value = make()
        self._kept[(what, id(review))] = (review, self._named_by(review), value)
        return value

    def _named_by(self, review: Review) -> tuple[Review, ...]:
        """The other reviews whose records this review's records name ('review-id/record-id')."""
        scopes = {name.rpartition("/")[0] for name in _names_in(review)}
        return tuple(self._reviews[s] for s in sorted(scopes) if s and s != review.id and s in self._reviews)


def _names_in(review: Review) -> Iterable[str]:
    """Every text in a review's records with a '/' in it: a reference to another review's record is among them
    (whatever field holds it, so none is missed; texts that are not references name no review)."""
    pending: list[object] = [r for attr in _RECORDS for r in getattr(review, attr)]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if "/" in value:
                yield value
        elif isinstance(value, list):
            pending.extend(value)
        elif hasattr(type(value), "__dataclass_fields__"):
            pending.extend(getattr(value, name) for name in type(value).__dataclass_fields__)
