"""Pictures drawn at build time: the geometry of the status bars and the time line, for SVG templates.

Python works out where every shape goes; the markup lives in overrides/records/_pictures.html. Nothing
here draws: each picture is plain data, and the same figures are given for the table beside it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Protocol, Sequence

from . import clocks, status
from .followup import Latest
from .model import Review
from .status import Status
from .timeline import Entry

BAR_WIDTH = 1000
"""The status bar's width in its own units; the bar stretches to the width of its box."""
MIN_SEGMENT = 8
"""No status with a count is drawn thinner than this, so a single recommendation still shows."""

WIDE, NARROW = 720, 340
"""The time line's two drawings: one for a laptop (and print), one for a phone."""
FONT = 14
"""Font size of the time line's words, in its own units (shown at about that many pixels)."""
_CHAR, _BOLD = 0.6, 0.68
"""Average width of a character (plain, bold), as a share of the font size, to keep labels apart: wide
enough for the widest common sans-serif (DejaVu Sans), so labels never run off the picture."""
_ROW = 18
_PLOT = 70
"""Height of the tallest column of due dates."""
_UNIT = 12
"""Height of one due date while the columns are short enough to show each one."""
_PAD = 10


class _Site(Protocol):
    """What the pictures need from pages.Site (kept as a protocol: pages imports this module)."""

    as_at: date
    timeline: list[Entry]
    latest: Latest | None

    def response_status(self, item: object) -> Status | None: ...

    def progress(self, item: object) -> status.Verdict: ...

    def latest_of(self, record: object) -> Latest | None: ...


# ----- where the recommendations stand -----

@dataclass(frozen=True)
class Segment:
    """One status's part of a bar."""

    status: Status
    count: int
    x: int
    width: int
    query: str
    """The review table's filter for this status, as an address query: 'progress=past-due'."""


@dataclass(frozen=True)
class Bar:
    """A stacked bar: every status with a count, in the vocabulary's order, side by side."""

    kind: str
    """response or progress: the filter the counts link to."""
    label: str
    total: int
    segments: list[Segment]
    width: int = BAR_WIDTH


@dataclass(frozen=True)
class Standing:
    """Where a set of recommendations stands: by response and by progress."""

    total: int
    response: Bar
    progress: Bar


def widths(counts: Sequence[int], width: int = BAR_WIDTH, minimum: int = MIN_SEGMENT) -> list[int]:
    """Whole-unit widths proportional to the counts that add up to exactly ``width``; each count above
    nothing gets at least ``minimum``. Rounding is done on running totals, so no error builds up."""
    shown = [c for c in counts if c > 0]
    if not shown:
        return [0 for _ in counts]
    minimum = min(minimum, width // len(shown))
    spare, total = width - minimum * len(shown), sum(shown)
    found, running, edge = [], 0, 0
    for count in counts:
        if count <= 0:
            found.append(0)
            continue
        running += count
        next_edge = round(spare * running / total)
        found.append(minimum + next_edge - edge)
        edge = next_edge
    return found


def bar(kind: str, counts: Sequence[tuple[Status, int]], width: int = BAR_WIDTH) -> Bar:
    """A bar of the statuses with a count, in the order given."""
    counts = [(s, n) for s, n in counts if n > 0]
    segments, x = [], 0
    for (s, n), w in zip(counts, widths([n for _, n in counts], width)):
        segments.append(Segment(s, n, x, w, f"{kind}={s.key}"))
        x += w
    return Bar(kind, kind.capitalize(), sum(n for _, n in counts), segments, width)


def standing(site: _Site, items: Sequence[object]) -> Standing:
    """The response and progress bars of some recommendations, counted as the review table shows them."""
    responses = Counter(site.response_status(i).key for i in items)  # type: ignore[union-attr]
    progress = Counter(site.progress(i).status.key for i in items)
    return Standing(
        len(items),
        bar("response", [(s, responses[s.key]) for s in status.RESPONSES.values()]),
        bar("progress", [(s, progress[s.key]) for s in status.PROGRESS.values()]),
    )


# ----- the time line -----

@dataclass(frozen=True)
class Period:
    """One column of the time line: the due dates falling in a month, a quarter or a year, by status."""

    start: date
    end: date
    label: str
    counts: list[tuple[Status, int]]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class Block:
    """One status's part of a column."""

    status: Status
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Label:
    """A word label: where its text starts or ends, and on which row above the plot."""

    text: str
    x: float
    y: float
    anchor: str
    """start, middle or end, as SVG's text-anchor."""
    kind: str
    """latest, as-at or gap: the CSS class that styles it."""


@dataclass(frozen=True)
class Line:
    """A vertical line at a day: the latest information or the 'as at' day."""

    x: float
    top: float
    kind: str


@dataclass(frozen=True)
class Tick:
    x: float
    text: str
    labelled: bool


@dataclass(frozen=True)
class Landmark:
    x: float
    entry: Entry


@dataclass(frozen=True)
class Key:
    """One entry of the picture's own key: a swatch and its words."""

    x: float
    y: float
    lines: list[str]
    """Its words, on as many lines as the width needs."""
    tone: str | None
    """A status tone, or None for the key event marker."""


@dataclass(frozen=True)
class Drawing:
    """The time line drawn at one width."""

    width: int
    height: float
    axis_y: float
    plot_top: float
    ticks: list[Tick]
    blocks: list[Block]
    landmarks: list[Landmark]
    lines: list[Line]
    gap: tuple[float, float] | None
    labels: list[Label]
    key: list[Key]


@dataclass(frozen=True)
class TimeLine:
    """Due dates against the 'as at' day and the latest information, with the key events."""

    name: str
    """Unique on its page: the ids of the drawings' titles."""
    first_year: int
    last_year: int
    unit: str
    """month, quarter or year: how the due dates are grouped."""
    periods: list[Period]
    landmarks: list[Entry]
    latest: Latest | None
    as_at: date
    gap_words: str | None
    """'Nothing newer for 6 years', or None when there is no latest information or it is not before the day."""
    wide: Drawing
    narrow: Drawing

    @property
    def due_total(self) -> int:
        return sum(p.total for p in self.periods)

    @property
    def statuses(self) -> list[tuple[Status, int]]:
        """Every status the due dates have, in the vocabulary's order, with its count."""
        found: Counter[str] = Counter()
        for period in self.periods:
            found.update({s.key: n for s, n in period.counts})
        return [(s, found[s.key]) for s in status.PROGRESS.values() if found[s.key]]


def due_day(entry: Entry) -> date:
    """The day a due date falls: the last day of its period (the deadline), else where it starts."""
    parsed = entry.date.parsed
    return parsed.latest or parsed.earliest  # type: ignore[union-attr, return-value]


def _day(entry: Entry) -> date:
    parsed = entry.date.parsed
    return parsed.earliest or parsed.latest  # type: ignore[union-attr, return-value]


def unit_for(first_year: int, last_year: int) -> str:
    """Months for a year or two, quarters up to twelve years, years beyond: columns stay legible."""
    years = last_year - first_year + 1
    return "month" if years <= 2 else "quarter" if years <= 12 else "year"


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def period_of(day: date, unit: str) -> tuple[date, date, str]:
    """The month, quarter or year a day falls in: its first day, the first day after it, and its name."""
    if unit == "year":
        return date(day.year, 1, 1), date(day.year + 1, 1, 1), str(day.year)
    if unit == "month":
        start = date(day.year, day.month, 1)
        label = f"{_MONTHS[day.month - 1]} {day.year}"
        length = 1
    else:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = date(day.year, first_month, 1)
        label = f"{_MONTHS[first_month - 1]} to {_MONTHS[first_month + 1]} {day.year}"
        length = 3
    month = start.month - 1 + length
    return start, date(start.year + month // 12, month % 12 + 1, 1), label


def periods(dues: Sequence[Entry], unit: str) -> list[Period]:
    """The due dates in still-in-force form, grouped by period and status, oldest period first."""
    grouped: dict[date, tuple[date, str, Counter[str]]] = {}
    for entry in dues:
        start, end, label = period_of(due_day(entry), unit)
        grouped.setdefault(start, (end, label, Counter()))[2][entry.status.key] += 1  # type: ignore[union-attr]
    return [Period(start, end, label, [(s, counts[s.key]) for s in by_tone(status.PROGRESS.values()) if counts[s.key]])
            for start, (end, label, counts) in sorted(grouped.items())]


def by_tone(statuses) -> list[Status]:
    """Statuses in the vocabulary's order, but each colour's together: a picture can tell colours apart,
    not statuses, so statuses of one colour are stacked side by side and share one entry in the key."""
    listed = list(statuses)
    tones = list(dict.fromkeys(s.tone for s in listed))
    return sorted(listed, key=lambda s: tones.index(s.tone))


def _joined(labels: list[str]) -> str:
    """'Not started, not yet due or no fixed date'."""
    words = [labels[0]] + [label[:1].lower() + label[1:] for label in labels[1:]]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def time_line(site: _Site, review: Review | None = None, name: str = "time-line") -> TimeLine | None:
    """The time line of one review, or of the whole record; None if it has no key events or due dates."""
    chosen = [e for e in site.timeline if review is None or e.review is review]
    dues = [e for e in chosen if e.kind == "due" and e.status is not None]
    landmarks = [e for e in chosen if e.landmark]
    if not dues and not landmarks:
        return None
    latest = site.latest_of(review) if review is not None else site.latest
    days = [due_day(e) for e in dues] + [_day(e) for e in landmarks] + [site.as_at]
    if latest is not None:
        days.append(latest.last_day)
    first_year, last_year = min(days).year, max(days).year
    unit = unit_for(first_year, last_year)
    found = periods(dues, unit)
    gap_words = None
    if latest is not None and latest.last_day < site.as_at:
        gap_words = f"Nothing newer for {clocks.elapsed_words(latest.last_day, site.as_at)}"
    drawn = {width: draw(width, first_year, last_year, found, landmarks, latest, site.as_at, gap_words)
             for width in (WIDE, NARROW)}
    return TimeLine(name, first_year, last_year, unit, found, landmarks, latest, site.as_at, gap_words,
                    drawn[WIDE], drawn[NARROW])


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """About how wide a label is drawn (the site's sans-serif), to keep labels from overlapping."""
    return len(text) * size * (_BOLD if bold else _CHAR)


def draw(width: int, first_year: int, last_year: int, found: list[Period], landmarks: list[Entry],
         latest: Latest | None, as_at: date, gap_words: str | None) -> Drawing:
    """Where everything goes at one width. From the top: word labels on rows of their own, the columns of
    due dates standing on the axis, the axis with its key events and years, then the key."""
    start, end = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    span = (end - start).days
    inner = width - 2 * _PAD

    def x(day: date) -> float:
        return round(_PAD + inner * (day - start).days / span, 1)

    latest_x = x(latest.last_day) if latest is not None else None
    as_at_x = x(as_at)
    wanted = []
    if latest is not None and latest_x is not None:
        wanted.append((f"Latest information: {latest.words()}", latest_x, "latest"))
    wanted.append((f"As at {as_at.day} {as_at:%B %Y}", as_at_x, "as-at"))
    if gap_words and latest_x is not None:
        wanted.append((gap_words, (latest_x + as_at_x) / 2, "gap"))
    labels, rows = _place_labels(wanted, width)
    plot_top = rows * _ROW + 6
    axis_y = plot_top + _PLOT
    tallest = max((p.total for p in found), default=0)
    unit = min(_UNIT, _PLOT / tallest) if tallest else _UNIT
    blocks = []
    for period in found:
        left, right = x(period.start), x(period.end)
        y = axis_y
        column = max(right - left - 1, 2)
        for s, n in period.counts:
            height = n * unit
            y -= height
            blocks.append(Block(s, n, left, round(y, 1), round(column, 1), round(height, 1)))
    lines = [Line(as_at_x, _label_bottom(labels, "as-at"), "as-at")]
    if latest_x is not None:
        lines.append(Line(latest_x, _label_bottom(labels, "latest"), "latest"))
    gap = (latest_x, as_at_x) if gap_words and latest_x is not None else None
    key, key_height = _key(found, bool(landmarks), width, axis_y + 36)
    return Drawing(width, axis_y + 36 + key_height, axis_y, plot_top, _ticks(first_year, last_year, x, inner),
                   blocks, [Landmark(x(_day(e)), e) for e in landmarks], lines, gap, labels, key)


def _place_labels(wanted: list[tuple[str, float, str]], width: int) -> tuple[list[Label], int]:
    """Put each label on the first row where it overlaps no other: beside its line where it fits (the
    latest information to the right of its line, the 'as at' day to the left of its). When the two days
    are close those would cross, so the latest information ends at its line and the 'as at' day starts at
    its: read left to right, the labels always keep the order of their days."""
    sizes = {kind: text_width(text, bold=kind != "gap") for text, _, kind in wanted}
    days = {kind: at for _, at, kind in wanted}
    close = ("latest" in days and days["latest"] <= days["as-at"]
             and days["latest"] + sizes["latest"] + 8 > days["as-at"] - sizes["as-at"])
    placed: list[tuple[int, float, float]] = []
    labels = []
    lefts: dict[str, float] = {}
    for text, at, kind in wanted:
        size = sizes[kind]
        if kind == "gap":
            left = at - size / 2
        elif kind == "latest":
            fits_right = at + size <= width and not (close and at - size >= 0)
            left = at if fits_right else at - size
        else:
            left = at if close or at - size < 0 else at - size
        left = max(0.0, min(left, width - size))
        if kind == "as-at" and "latest" in lefts:
            left = min(max(left, lefts["latest"]), width - size)  # never left of an earlier day's label
        lefts[kind] = left
        row = 0
        while any(r == row and left < r_right + 8 and r_left < left + size + 8 for r, r_left, r_right in placed):
            row += 1
        placed.append((row, left, left + size))
        labels.append(Label(text, math.floor(left * 10) / 10, (row + 1) * _ROW - 5, "start", kind))  # never past the edge
    return labels, max((r for r, _, _ in placed), default=0) + 1


def _label_bottom(labels: list[Label], kind: str) -> float:
    return next((lab.y + 4 for lab in labels if lab.kind == kind), 0)


def _ticks(first_year: int, last_year: int, x, inner: float) -> list[Tick]:
    """A tick at the start of each year, labelled in the middle of the year when there is room."""
    years = last_year - first_year + 1
    room = inner / years
    every = 1
    while room * every < text_width("0000") + 16:
        every += 1
    ticks = [Tick(x(date(year, 1, 1)), str(year), False) for year in range(first_year, last_year + 2)]
    ticks += [Tick(round((x(date(year, 1, 1)) + x(date(year + 1, 1, 1))) / 2, 1), str(year), True)
              for year in range(first_year, last_year + 1) if (year - first_year) % every == 0]
    return ticks


def _key(found: list[Period], with_landmarks: bool, width: int, top: float) -> tuple[list[Key], float]:
    """The picture's own key, flowed into rows that fit the width."""
    found_statuses: Counter[str] = Counter()
    for period in found:
        found_statuses.update(s.key for s, _ in period.counts)
    tones: dict[str, list[str]] = {}
    for s in by_tone(status.PROGRESS.values()):
        if found_statuses[s.key]:
            tones.setdefault(s.tone, []).append(s.label)
    wanted: list[tuple[str, str | None]] = [(_joined(labels), tone) for tone, labels in tones.items()]
    if with_landmarks:
        wanted.append(("Key event", None))
    key, x, row, rows = [], float(_PAD), 0, 1
    for text, tone in wanted:
        lines = _wrap(text, width - 2 * _PAD - 16)
        size = 16 + max(text_width(line) for line in lines)
        if x + size > width - _PAD and x > _PAD:
            x, row = float(_PAD), row + rows
            rows = 1
        key.append(Key(x, top + row * _ROW, lines, tone))
        rows = max(rows, len(lines))
        x += size + 14
    return key, (row + rows) * _ROW if key else 0


def _wrap(text: str, room: float) -> list[str]:
    """Words on lines no wider than ``room``, broken between words only."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines
