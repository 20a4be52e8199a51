"""Owners and committees found by any of their names: the id, the name, or a spelling the sources use."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


def fold(text: str) -> str:
    """A spelling with case and spacing set aside, so 'Democratic  services' finds 'Democratic Services'."""
    return " ".join(str(text).casefold().split())


class Names(Generic[T]):
    """Records (owners or committees) by every spelling of their name."""

    def __init__(self, records: list[T]):
        self.records = records
        self._by: dict[str, T] = {}
        for record in records:
            for spelling in (record.id, record.name, *record.aliases):  # type: ignore[attr-defined]
                self._by.setdefault(fold(spelling), record)

    def find(self, spelling: str | None) -> T | None:
        return self._by.get(fold(spelling)) if spelling else None

    def spellings(self) -> list[str]:
        return [s for r in self.records for s in (r.name, *r.aliases)]  # type: ignore[attr-defined]
