"""Dates as the sources give them: a subset of EDTF with its precision kept.

The Library of Congress Extended Date/Time Format says exactly what is known:
``2020-03`` is a month, ``2020-22`` the summer, ``2020-07/2020-09`` a range, ``2020-04~`` about April.
Sorting and deadlines use the earliest and latest days a date could mean;
nothing is ever shown more precisely than it was written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

PRECISIONS = ("day", "month", "season", "year", "range", "approximate", "none")
"""How precisely a date is known, from most to least."""

_SINGLE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qualifier>[~?%])?$")
_MONTHS = [calendar.month_name[m] for m in range(13)]
_SEASONS = {21: ("spring", 3, 3), 22: ("summer", 6, 3), 23: ("autumn", 9, 3), 24: ("winter", 12, 3)}
"""EDTF's seasons (YYYY-21 to YYYY-24) -> (name, first month, months long), as in the northern hemisphere."""


class EdtfError(ValueError):
    """An EDTF string that is badly written or names a day that does not exist."""


@dataclass(frozen=True)
class Point:
    """One EDTF date: a day, a month or a year, perhaps approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""

    @property
    def season(self) -> str | None:
        return _SEASONS[self.month][0] if self.month in _SEASONS else None

    @property
    def first(self) -> date:
        if self.season:
            return date(self.year, _SEASONS[self.month][1], 1)  # type: ignore[index]
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        if self.season:
            _, start, length = _SEASONS[self.month]  # type: ignore[index]
            end_month = start + length - 1
            year = self.year + (end_month - 1) // 12
            end_month = (end_month - 1) % 12 + 1
            return date(year, end_month, calendar.monthrange(year, end_month)[1])
        if self.day:
            return date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @property
    def unit(self) -> str:
        return "day" if self.day else "season" if self.season else "month" if self.month else "year"

    def words(self, year: bool = True) -> str:
        """The date in words, at exactly its own precision, GOV.UK style ("26 November 2020", "March 2020").
        ``year=False`` leaves the year out, for the first end of a range within one year."""
        if self.season:
            text = self.season
        elif self.day:
            text = f"{self.day} {_MONTHS[self.month]}"  # type: ignore[index]
        elif self.month:
            text = _MONTHS[self.month]
        else:
            text = ""
        if year or not text:
            text = f"{text} {self.year}".strip()
        if self.qualifier == "~":
            return f"about {text}"
        if self.qualifier == "?":
            return f"{text} (uncertain)"
        if self.qualifier == "%":
            return f"about {text} (uncertain)"
        return text


@dataclass(frozen=True)
class Edtf:
    """A parsed EDTF value: a single date or a range, with either end open."""

    text: str
    start: Point | None
    end: Point | None
    is_range: bool

    @property
    def precision(self) -> str:
        if self.is_range:
            return "range"
        assert self.start is not None
        return "approximate" if self.start.qualifier else self.start.unit

    @cached_property  # asked hundreds of thousands of times a build; the value never changes
    def earliest(self) -> date | None:
        """The first day this date could mean (None if open at the start)."""
        return self.start.first if self.start else None

    @cached_property
    def latest(self) -> date | None:
        """The last day this date could mean (None if open at the end)."""
        point = self.end if self.is_range else self.start
        return point.last if point else None

    def words(self) -> str:
        if not self.is_range:
            return self.start.words()  # type: ignore[union-attr]
        if self.start and self.end:
            return f"between {_range_start(self.start, self.end)} and {self.end.words()}"
        if self.start:
            return f"from {self.start.words()}"
        return f"by {self.end.words()}"  # type: ignore[union-attr]

    def datetimes(self) -> list[str]:
        """What an HTML <time datetime> can say of this date: one value, or a range's two ends
        (a season as its first and last month). Qualifiers (~ ?) are left to the words."""
        if self.is_range:
            return [_datetime(p) for p in (self.start, self.end) if p is not None]
        assert self.start is not None
        if self.start.season:
            first, last = self.start.first, self.start.last
            return [f"{first:%Y-%m}", f"{last:%Y-%m}"]
        return [_datetime(self.start)]

    def iso(self) -> str:
        """The value as written, for exports (it is already ISO 8601 based)."""
        return self.text


def _range_start(start: Point, end: Point) -> str:
    """A range's first end, without what the second repeats: "between June and September 2020",
    "between 3 and 5 June 2020"; in full where the ends differ in year, unit or certainty."""
    if start.year != end.year or start.unit != end.unit or start.qualifier or end.qualifier or start.unit == "year":
        return start.words()
    if start.unit == "day" and start.month == end.month:
        return str(start.day)
    return start.words(year=False)


def _datetime(point: Point) -> str:
    if point.season:
        return f"{point.first:%Y-%m}"
    return f"{point.year:04d}" + (f"-{point.month:02d}" if point.month else "") + (f"-{point.day:02d}" if point.day else "")


def _point(text: str, whole: str) -> Point:
    match = _SINGLE.match(text)
    if not match:
        raise EdtfError(
            f"'{whole}' is not a date in the form the data uses "
            "(YYYY-MM-DD, YYYY-MM or YYYY, optionally ending ~ or ?, or a range A/B)."
        )
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not (1 <= month <= 12 or (month in _SEASONS and day is None)):
        raise EdtfError(f"'{whole}' has month {month:02d}; months run from 01 to 12 "
                        "(or 21 to 24 for spring, summer, autumn and winter).")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise EdtfError(
                f"'{whole}' is not a real day: {_MONTHS[month]} {year} has {last} days."
            )
    return Point(year, month, day, match["qualifier"] or "")


def parse(text: str) -> Edtf:
    """Parse the subset of EDTF the data uses. Raises EdtfError with a plain message."""
    text = text.strip()
    if "/" not in text:
        return Edtf(text, _point(text, text), None, is_range=False)
    left, _, right = text.partition("/")
    start = None if left in ("", "..") else _point(left, text)
    end = None if right in ("", "..") else _point(right, text)
    if start is None and end is None:
        raise EdtfError(f"'{text}' is a range with neither a start nor an end.")
    if start and end and end.last < start.first:
        raise EdtfError(f"'{text}' ends before it starts.")
    return Edtf(text, start, end, is_range=True)
