"""Lists that answer residents' questions: what is overdue, what each owner and committee answers for, what changed.

Each view is worked out once per build from the follow-ups (``followup.py``), never by
redefining a status: "past due" is the follow-up's own verdict, and where the record ends
before a due date the list says so, as the follow-up does. A view is a list of rows; the
page shows them, split into pages of ``PAGE_SIZE`` so no page grows with the whole record,
and the CSV beside it holds the same rows with the same headings, all on one file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Generic, Iterable, TypeVar

from dateutil.relativedelta import relativedelta

from . import feeds, status
from .clocks import day_words
from .followup import FollowUp, Latest
from .model import (Commitment, Committee, DateValue, DecisionPart, Owner, Recommendation,
                    Resolution, Review)

if TYPE_CHECKING:
    from .pages import Site

PAGE_SIZE = 200
"""Rows on one page of a list: at 5,000 recommendations a page of 200 rows is about 14 KB gzip (190 KB of HTML)."""

CHANGES_PAGE_SIZE = 500
"""Changes are one line each: 500 to a page."""

HOME_REVIEWS = 30
"""The home page gives each review's counts up to this many reviews; past it, each review's page does."""

KIND_WORDS = {"recommendation": "Recommendation", "resolution": "Committee resolution",
              "commitment": "Commitment given at a meeting", "decision-part": "Part of a decision"}

STANDING_ORDER = ("past-due", "in-progress", "not-yet-due", "not-started", "no-fixed-date", "not-recorded",
                  "no-action", "complete-late", "complete")
"""The order an owner's or a committee's items are grouped in: what needs attention first."""

CLOSED = {"signed off": "Signed off by the committee", "closed not implemented": "Closed as not implemented"}

T = TypeVar("T")


# ----- words -----


def overdue_words(due_day: date, as_at: date) -> str:
    """How long past its due date, in years and months ("4 years 8 months"), or days under a month."""
    delta = relativedelta(as_at, due_day)
    parts = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in ((delta.years, "year"), (delta.months, "month")) if n]
    if parts:
        return " ".join(parts)
    days = (as_at - due_day).days
    return f"{days} day{'' if days == 1 else 's'}"


def size_words(size: int) -> str:
    """A file's size as a person reads it: '3 KB', '1.2 MB'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def date_words(value: DateValue | None) -> str:
    """A date in the site's own words ("31 January 2021"), else the source's words."""
    if value is None:
        return "No date given"
    return value.parsed.words() if value.parsed else value.words()


def what_words(latest: Latest) -> str:
    """What the latest information is, without the document's full title (its record page gives it), and
    with no brackets of its own: the lists put it in brackets ("the committee minutes, agenda item")."""
    return _INNER.sub(r", \1", _TITLE.sub("", latest.what))


_TITLE = re.compile(r" “[^”]*”")
_INNER = re.compile(r" \(([^()]*)\)")


def latest_words(latest: Latest | None) -> str:
    return f"{latest.words()} ({what_words(latest)})" if latest else "Nothing dated is recorded"


# ----- pages of a list -----


@dataclass
class Paged(Generic[T]):
    """A list split into pages: page 1 is the view's own address, page n is '<base>n/'."""

    base: str
    """The view's URL ('overdue/')."""
    rows: list[T]
    size: int = PAGE_SIZE

    @property
    def pages(self) -> list[list[T]]:
        return [self.rows[i:i + self.size] for i in range(0, len(self.rows), self.size)] or [[]]

    def url(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}{number}/"

    def src_uri(self, number: int) -> str:
        return self.base + "index.md" if number == 1 else f"{self.base}{number}.md"

    def page_of(self, index: int) -> int:
        """The page number a row (by its index in the whole list) is shown on."""
        return index // self.size + 1

    def first(self, test: Callable[[T], bool]) -> str | None:
        """The URL of the page holding the first row that passes ``test``."""
        for index, row in enumerate(self.rows):
            if test(row):
                return self.url(self.page_of(index))
        return None


@dataclass(frozen=True)
class Listing:
    """One page of a view, as its template gets it."""

    view: str
    """overdue, owner, committee or changes."""
    paged: Paged
    number: int
    csv_path: str
    _csv_size: Callable[[], int]

    @property
    def rows(self) -> list:
        return self.paged.pages[self.number - 1]

    @property
    def count(self) -> int:
        return len(self.paged.rows)

    @property
    def page_count(self) -> int:
        return len(self.paged.pages)

    @property
    def start(self) -> int:
        """The 1-based position of this page's first row in the whole list."""
        return (self.number - 1) * self.paged.size + 1

    def url(self, number: int) -> str:
        return self.paged.url(number)

    @property
    def csv_words(self) -> str:
        return f"CSV, {size_words(self._csv_size())}"


# ----- rows -----


@dataclass(frozen=True)
class OverdueRow:
    """One item past its due date and not complete, with who owns it and how long it has been."""

    follow: FollowUp
    what: str
    """'work' (its actions are past due) or 'response' (the response to it is)."""
    due: str
    """The date it fell due, in the site's words."""
    due_iso: str
    due_day: date
    """The last day the due date can mean: the item is past due from the day after."""
    overdue: str
    owners: tuple[Owner | str, ...]
    """The owner records of the past-due actions (a spelling no owner record matches stays as written)."""
    ends_before_due: bool
    """The newest information in the record is from before the item fell due."""
    late: tuple[str, ...] = ()
    """The ids of the past-due actions ('work' rows)."""
    days: int = 0
    """Days from the last due day to the 'as at' day."""


@dataclass(frozen=True)
class ItemRow:
    """One item an owner or a committee answers for, and how it stands."""

    follow: FollowUp
    standing: str
    """The group it is listed in: a progress status key, or 'closed'."""
    dues: tuple[DateValue | None, ...]
    """The due dates of the actions that concern this owner (every action, for a committee)."""
    written: tuple[str, ...] = ()
    """How the item's source spells the owner (owner pages only)."""


@dataclass(frozen=True)
class Group:
    """A group of rows with one standing: its heading, its count and where it starts."""

    key: str
    label: str
    meaning: str
    count: int
    url: str
    """The page the group starts on."""
    status: status.Status | None = None

    @property
    def anchor(self) -> str:
        return "standing-" + self.key


@dataclass(frozen=True)
class Change:
    """One dated change to the record: an update, a response, an assessment, a moved deadline, a new record."""

    day: date
    """The first day its date can mean: where it sorts and which month it is listed under."""
    last_day: date
    """The last day its date can mean: 'since' hides it only when this is before the chosen day."""
    date: DateValue
    kind: str
    title: str
    url: str
    review: Review | None
    dating: str | None = None
    """Where the date comes from, when it is not the record's own (a resolution dated by its meeting)."""

    @property
    def month(self) -> tuple[int, int]:
        return (self.day.year, self.day.month)

    @property
    def month_words(self) -> str:
        return f"{self.day:%B %Y}"


CHANGE_KINDS = {"progress": "Progress update", "response": "Response", "resolution": "Resolution passed",
                "commitment": "Commitment given", "assessment": "Committee's assessment", "meeting": "Meeting",
                "decision": "Decision", "due-change": "Deadline moved", "review": "Review published"}


class Views:
    """Every view of one build, worked out when first asked for (and once)."""

    def __init__(self, site: Site):
        self.site = site
        self.as_at = site.as_at
        self.site_url = ""
        """The site's address, for the addresses in the CSV files: set by the first call to csv_files."""
        self._files: dict[str, dict[str, bytes]] = {}

    # ----- words the templates use (the same as the CSV files') -----

    def item_name(self, item: object) -> str:
        return item_name(self.site, item)

    def review_title(self, follow: FollowUp) -> str:
        return review_title(follow, self.site)

    def standing_words(self, row: ItemRow) -> str:
        return standing_words(row)

    def reason_words(self, follow: FollowUp) -> str:
        return reason_words(follow)

    def ends_before_words(self, row: OverdueRow) -> str:
        return ends_before_words(row)

    def latest_words(self, latest: Latest | None) -> str:
        return latest_words(latest)

    def change_kind(self, change: Change) -> str:
        return CHANGE_KINDS[change.kind]

    # ----- everything overdue -----

    @cached_property
    def overdue(self) -> list[OverdueRow]:
        """Every open item past its due date, most overdue first."""
        site = self.site
        memo = site.memo
        found: list[OverdueRow] = []
        for review in site.tracker.reviews:  # in the follow-ups' order, so that rows due the same day keep theirs
            follows = site.record.follow_ups_of(review)
            found += (self._overdue_rows(follows) if memo is None
                      else memo.get(review, lambda follows=follows: self._overdue_rows(follows), "overdue"))
        found += self._overdue_rows([f for f in site.record.follow_ups.values() if f.review is None])
        return sorted(found, key=lambda r: (r.due_day, site.label(r.follow.item)))

    def _overdue_rows(self, follows: list[FollowUp]) -> list[OverdueRow]:
        found: list[OverdueRow] = []
        for follow in follows:
            if follow.closed:
                continue
            if follow.progress.status.key == "past-due":
                row = self._overdue_work(follow)
                if row:
                    found.append(row)
            clock = follow.clock
            if clock is not None and clock.key == "response-overdue":
                found.append(self._overdue_response(follow))
        return found

    def _overdue_work(self, follow: FollowUp) -> OverdueRow | None:
        late = [a for a in follow.actions if status.action_progress(a, self.as_at).status.key == "past-due"
                and a.current_due is not None and a.current_due.parsed and a.current_due.parsed.latest]
        if not late:
            return None
        first = min(late, key=lambda a: a.current_due.parsed.latest)  # type: ignore[union-attr]
        due = first.current_due
        due_day = due.parsed.latest  # type: ignore[union-attr]
        owners = tuple({id(o): o for a in late if a.owner and (o := self.site.owner(a.owner) or a.owner)}.values())
        latest = follow.latest
        # The follow-up's own test for "the record ends before it fell due" (followup._past_due_reason).
        ends_before = latest is not None and latest.last_day < due_day
        return OverdueRow(follow, "work", due.parsed.words(), due.parsed.datetimes()[-1], due_day,  # type: ignore[union-attr]
                          overdue_words(due_day, self.as_at), owners, ends_before,
                          tuple(a.id for a in late), (self.as_at - due_day).days)

    def _overdue_response(self, follow: FollowUp) -> OverdueRow:
        clock = follow.clock
        assert clock is not None
        if clock.due is not None and clock.due.parsed and clock.due.parsed.latest:
            due_day, words = clock.due.parsed.latest, clock.due.parsed.words()
        else:
            due_day = clock.computed.latest  # type: ignore[union-attr]
            words = clock.computed.words()  # type: ignore[union-attr]
        latest = follow.latest
        return OverdueRow(follow, "response", words, due_day.isoformat(), due_day, overdue_words(due_day, self.as_at),
                          ("The executive",), latest is not None and latest.last_day < due_day,
                          days=(self.as_at - due_day).days)

    @cached_property
    def overdue_paged(self) -> Paged[OverdueRow]:
        return Paged("overdue/", self.overdue, PAGE_SIZE)

    def overdue_of(self, review: Review) -> list[OverdueRow]:
        return [r for r in self.overdue if r.follow.review is review]

    def overdue_count_words(self) -> str:
        n = len(self.overdue)
        return f"{n} item{'' if n == 1 else 's'}"

    # ----- the home page's counts, one review at a time -----

    def review_counts(self, review: Review) -> dict[str, list[tuple[status.Status, int]]]:
        """A review's recommendations by response and by progress, in the statuses' order, zeros left out."""
        recs = review.recommendations
        responses = [self.site.response_status(r) for r in recs]
        progress = [self.site.progress(r).status for r in recs]
        return {"response": [(s, n) for s in status.RESPONSES.values() if (n := responses.count(s))],
                "progress": [(s, n) for s in status.PROGRESS.values() if (n := progress.count(s))]}

    # ----- owners and committees -----

    def _standing(self, follow: FollowUp) -> str:
        return "closed" if follow.closed else follow.progress.status.key

    @property
    def home_reviews(self) -> int:
        return HOME_REVIEWS

    def _sorted(self, rows: Iterable[ItemRow]) -> list[ItemRow]:
        order = {key: n for n, key in enumerate((*STANDING_ORDER, "closed"))}
        return sorted(rows, key=lambda r: order.get(r.standing, len(order)))  # stable: record order within a group

    @cached_property
    def _owner_rows(self) -> dict[str, list[ItemRow]]:
        found: dict[str, list[ItemRow]] = {o.id: [] for o in self.site.tracker.council.owners}
        for follow in self.site.record.follow_ups.values():
            for owner in follow.owners:
                mine = [a for a in follow.actions if self.site.owner(a.owner) is owner]
                written = tuple(dict.fromkeys(a.owner for a in mine if a.owner))
                found[owner.id].append(ItemRow(follow, self._standing(follow), tuple(a.current_due for a in mine),
                                               written))
        return {key: self._sorted(rows) for key, rows in found.items()}

    def owner_paged(self, owner: Owner) -> Paged[ItemRow]:
        return self._paged_cache(f"owners/{owner.id}/", lambda: self._owner_rows[owner.id])

    def committee_items(self, committee: Committee) -> list[ItemRow]:
        """What a committee answers for: the recommendations of the reviews it held, the resolutions passed and
        commitments given at its meetings, and the parts of the decisions it made."""
        return self._committee_rows.get(committee.id, [])

    @cached_property
    def _committee_rows(self) -> dict[str, list[ItemRow]]:
        site = self.site
        found: dict[str, list[ItemRow]] = {c.id: [] for c in site.tracker.council.committees}

        def add(committee: Committee | None, follow: FollowUp) -> None:
            if committee is not None:
                found[committee.id].append(ItemRow(follow, self._standing(follow),
                                                   tuple(a.current_due for a in follow.actions)))

        for follow in site.record.follow_ups.values():
            item = follow.item
            if isinstance(item, Recommendation):
                add(site.committee(follow.review.committee), follow)  # type: ignore[union-attr]
            elif isinstance(item, Resolution | Commitment):
                meeting = site.meeting(item.meeting)
                add(site.committee(meeting.committee) if meeting else None, follow)
            elif isinstance(item, DecisionPart):
                add(site.committee(site.record.decision_of(item).decision_maker), follow)
        return {key: self._sorted(rows) for key, rows in found.items()}

    def committee_paged(self, committee: Committee) -> Paged[ItemRow]:
        return self._paged_cache(f"committees/{committee.id}/", lambda: self.committee_items(committee))

    def _paged_cache(self, base: str, rows: Callable[[], list]) -> Paged:
        cache = self.__dict__.setdefault("_paged", {})
        if base not in cache:
            cache[base] = Paged(base, rows(), PAGE_SIZE)
        return cache[base]

    def groups(self, paged: Paged[ItemRow]) -> list[Group]:
        """The standings a list holds, in order, with their counts and the page each starts on."""
        groups: list[Group] = []
        for key in (*STANDING_ORDER, "closed"):
            count = sum(1 for r in paged.rows if r.standing == key)
            if not count:
                continue
            url = paged.first(lambda r, key=key: r.standing == key) or paged.base
            if key == "closed":
                groups.append(Group(key, "Closed by the committee", "The committee has signed these off, or closed "
                                    "them as not implemented: monitoring has stopped.", count, url))
            else:
                s = status.PROGRESS[key]
                groups.append(Group(key, s.label, s.meaning, count, url, s))
        return groups

    def group_of(self, paged: Paged[ItemRow], key: str) -> Group:
        return next(g for g in self.groups(paged) if g.key == key)

    # ----- what changed -----

    @cached_property
    def changes(self) -> list[Change]:
        """Every dated change, newest first. A record the sources do not date at all cannot be placed, and is
        left out (the count of those is ``undated``)."""
        site = self.site
        memo = site.memo
        reviews = [self._review_changes(r) if memo is None else memo.get(r, lambda r=r: self._review_changes(r),
                                                                         "changes")
                   for r in site.tracker.reviews]
        council, undated = self._entry_changes(feeds.council_entries(site))
        self._undated = sum(r[3] for r in reviews) + undated
        # In this order, so that changes of the same day stay in the order they always had: feed entries (a
        # review's, then the council's), moved deadlines, decisions, then the reviews themselves.
        found = [c for r in reviews for c in r[0]] + council + [c for r in reviews for c in r[1]]
        for follow in site.record.follow_ups.values():
            if follow.review is None:
                found += self._due_changes(follow)
        for decision in site.tracker.council.decisions:
            reviews_of = site.reviews_of(decision)
            for value, what in ((decision.publication_date, "Decision published"),
                                (decision.called_in, "Decision called in")):
                if value is not None and value.parsed:
                    found.append(self._change(value, "decision", f"{what}: {decision.title}", site.url(decision),
                                              reviews_of[0] if len(reviews_of) == 1 else None))
        found += [c for r in reviews for c in r[2]]
        return sorted(found, key=lambda c: (c.day, c.last_day), reverse=True)

    def _review_changes(self, review: Review) -> tuple[list[Change], list[Change], list[Change], int]:
        """One review's share of the changes: from its feed entries, its moved deadlines, the review itself; and
        how many of its entries are undated."""
        site = self.site
        entries, undated = self._entry_changes(feeds.review_entries(site, review))
        moved = [c for follow in site.record.follow_ups_of(review) for c in self._due_changes(follow)]
        own = []
        if review.date is not None and review.date.parsed:
            n = len(review.recommendations)
            own.append(self._change(review.date, "review", f"{review.title}: {n} recommendation{'' if n == 1 else 's'}",
                                    site.url(review), review))
        return entries, moved, own, undated

    def _entry_changes(self, entries: list[feeds.Entry]) -> tuple[list[Change], int]:
        found: list[Change] = []
        undated = 0
        for entry in entries:
            if entry.date is None or not entry.day:
                undated += 1
                continue
            found.append(self._change(entry.date, entry.kind, entry.title, entry.page,
                                      entry.reviews[0] if len(entry.reviews) == 1 else None, _dating_words(entry)))
        return found, undated

    def _due_changes(self, follow: FollowUp) -> list[Change]:
        if getattr(follow.item, "shares_response_with", None):
            return []  # its actions are the shared response's, listed once
        site = self.site
        found = []
        for action in follow.actions:
            for change in action.due_changes:
                if change.changed is not None and change.changed.parsed:
                    title = (f"Deadline moved: {site.label(follow.item)}, action {action.id}, "
                             f"now due {date_words(change.due)}")
                    # The action's anchor as its page draws it (a decision part's actions follow the part's
                    # own anchor; a commitment's page has none), as exports._page links it.
                    at = (f"#action-{action.id}" if isinstance(follow.item, (Recommendation, Resolution))
                          else f"-action-{action.id}" if isinstance(follow.item, DecisionPart) else "")
                    found.append(self._change(change.changed, "due-change", title,
                                              site.url(follow.item) + at, follow.review))
        return found

    @property
    def undated(self) -> int:
        """How many updates and records have no date at all, so are not in the list of changes."""
        self.changes  # noqa: B018 - worked out with the list
        return self._undated

    def _change(self, value: DateValue, kind: str, title: str, url: str, review: Review | None,
                dating: str | None = None) -> Change:
        parsed = value.parsed
        first = parsed.earliest or parsed.latest  # type: ignore[union-attr]
        last = parsed.latest or parsed.earliest  # type: ignore[union-attr]
        return Change(first, last, value, kind, title, url, review, dating)  # type: ignore[arg-type]

    @cached_property
    def changes_paged(self) -> Paged[Change]:
        return Paged("changes/", self.changes, CHANGES_PAGE_SIZE)

    def change_years(self) -> list[tuple[int, str]]:
        """Each year with changes, newest first, and the page its first (newest) entry is on."""
        paged = self.changes_paged
        years = list(dict.fromkeys(c.day.year for c in paged.rows))
        return [(y, paged.first(lambda c, y=y: c.day.year == y) or paged.base) for y in years]

    def since_words(self) -> str | None:
        """The date of the newest change, for the home page's link ('What has changed since …')."""
        return day_words(self.changes[0].day) if self.changes else None

    # ----- the CSV files beside the views -----

    def address(self, site_url: str) -> None:
        """The address the CSV files' links will be under, given before any is made (a list page that shows its
        file's size, rendered before the downloads are made, then shows the size of the file as published)."""
        if not self._files:
            self.site_url = site_url

    def csv_files(self, site_url: str | None = None) -> dict[str, bytes]:
        """Site path -> CSV for each view, with the pages' addresses under ``site_url``."""
        if site_url is not None and not self._files:
            self.site_url = site_url
        url = self.site_url if site_url is None else site_url
        if url not in self._files:
            site = self.site
            at = (lambda path: url.rstrip("/") + "/" + path) if url else (lambda path: path)
            found = {OVERDUE_CSV: _csv(OVERDUE_COLUMNS, [overdue_cells(site, r, at) for r in self.overdue])}
            for owner in site.tracker.council.owners:
                spelt = bool(owner.aliases)  # the page shows how each source spells the owner only if they differ
                found[owner_csv(owner)] = _csv(ITEM_COLUMNS_OWNER if spelt else ITEM_COLUMNS,
                                               [item_cells(site, r, at, owner=spelt) for r in self._owner_rows[owner.id]])
            for committee in site.tracker.council.committees:
                found[committee_csv(committee)] = _csv(ITEM_COLUMNS, [item_cells(site, r, at)
                                                                      for r in self.committee_items(committee)])
            found[CHANGES_CSV] = _csv(CHANGE_COLUMNS, [change_cells(site, c, at) for c in self.changes])
            self._files[url] = found
        return self._files[url]

    def catalogue(self) -> list:
        """The views' CSV files as the downloads page lists them (exports.DownloadFile)."""
        from .exports import DownloadFile  # publishing reads the views, not the other way round

        def rows(n: int) -> str:
            return f"{n} row{'' if n == 1 else 's'}."

        site = self.site
        found = [DownloadFile(OVERDUE_CSV, "Everything overdue", "CSV", "text/csv",
                              "The list on the page “Everything overdue”, with the same columns: each item past its "
                              f"due date, its owner, due date and how long overdue. {rows(len(self.overdue))}"),
                 DownloadFile(CHANGES_CSV, "What has changed", "CSV", "text/csv",
                              "The list on the page “What has changed”: every dated change, newest first. "
                              f"{rows(len(self.changes))}")]
        for owner in site.tracker.council.owners:
            found.append(DownloadFile(owner_csv(owner), owner.name, "CSV", "text/csv",
                                      f"The items {owner.name} is responsible for, as listed on its page. "
                                      f"{rows(len(self._owner_rows[owner.id]))}"))
        for committee in site.tracker.council.committees:
            found.append(DownloadFile(committee_csv(committee), committee.name, "CSV", "text/csv",
                                      f"The items {committee.name} asked for or decided, as listed on its page. "
                                      f"{rows(len(self.committee_items(committee)))}"))
        return found

    def listing(self, view: str, paged: Paged, number: int, csv_path: str) -> Listing:
        """One page of a view; the CSV's size is worked out when the page is rendered, after the downloads."""
        return Listing(view, paged, number, csv_path, lambda: len(self.csv_files()[csv_path]))


# ----- the CSV files -----

OVERDUE_CSV = "overdue/overdue.csv"
CHANGES_CSV = "changes/changes.csv"


def owner_csv(owner: Owner) -> str:
    return f"owners/{owner.id}/{owner.id}.csv"


def committee_csv(committee: Committee) -> str:
    return f"committees/{committee.id}/{committee.id}.csv"


OVERDUE_COLUMNS = ("Item", "Kind", "Review", "What is overdue", "Owner", "Due date", "Last day due (YYYY-MM-DD)",
                   "How long overdue", "Days overdue", "Latest information", "What the record can show", "Address")
ITEM_COLUMNS = ("Item", "Kind", "Review", "How it stands", "Why", "Committee's assessment", "Due date",
                "Latest information", "Address")
ITEM_COLUMNS_OWNER = ("Item", "Kind", "Review", "How it stands", "Why", "Committee's assessment",
                      "Written in the source as", "Due date", "Latest information", "Address")
CHANGE_COLUMNS = ("Date", "Month", "What changed", "Record", "Review", "How it is dated", "Address")


def item_name(site: Site, item: object) -> str:
    """How an item is named in a list: whole words, never cut mid-word."""
    label = site.label(item)
    if isinstance(item, Resolution):
        from .text import plain

        words = plain(item.text)
        short = words if len(words) <= 120 else words[:120].rsplit(" ", 1)[0].rstrip(".,;:") + "…"
        return f"{label}: {short}"
    return label.removeprefix("Commitment: ")


def review_title(follow: FollowUp, site: Site) -> str:
    """The review an item belongs to; for a part of a decision, the decision."""
    if follow.review is not None:
        return follow.review.title
    if isinstance(follow.item, DecisionPart):
        decision = site.record.decision_of(follow.item)
        return f"{decision.decision_maker} decision of {date_words(decision.date_of_decision)}: {decision.title}"
    return ""


def _dating_words(entry: feeds.Entry) -> str | None:
    """How a change is dated, where that is not its own date: said once, plainly."""
    if entry.kind == "resolution":
        return "Dated by the meeting that passed it."
    if entry.kind == "commitment":
        return "Dated by the meeting it was given at."
    if entry.dating.startswith("The source does not date"):
        return "The source does not date this: it is listed by the date of its source document."
    return None


def reason_words(follow: FollowUp) -> str:
    """The progress verdict's reason without the latest-information sentence (its own column)."""
    return follow.progress.reason.split(". Latest information: ")[0].split(". The latest information (")[0]


def ends_before_words(row: OverdueRow) -> str:
    if row.ends_before_due:
        return "This is from before it fell due: the record cannot show whether the work was done."
    return "Nothing recorded since it fell due shows it done."


def owner_words(owner: Owner | str) -> str:
    return owner.name if isinstance(owner, Owner) else owner


def overdue_cells(site: Site, row: OverdueRow, at: Callable[[str], str]) -> list[str]:
    f = row.follow
    return [item_name(site, f.item), KIND_WORDS[f.kind], review_title(f, site), overdue_what(row),
            "; ".join(owner_words(o) for o in row.owners) or "Not named in the source", row.due,
            row.due_day.isoformat(), row.overdue, str(row.days), latest_words(f.latest), ends_before_words(row),
            at(site.url(f.item))]


def overdue_what(row: OverdueRow) -> str:
    """What is past due: the response, the commitment, or which of the actions."""
    if row.what == "response":
        return "The response"
    if row.follow.kind == "commitment":
        return "The commitment"
    ids = list(row.late)
    if len(ids) == 1:
        return f"Action {ids[0]}"
    return f"Actions {', '.join(ids[:-1])} and {ids[-1]}" if ids else "The work"


def standing_words(row: ItemRow) -> str:
    f = row.follow
    return CLOSED.get(f.closed or "", "") if row.standing == "closed" else f.progress.status.label


def item_cells(site: Site, row: ItemRow, at: Callable[[str], str], owner: bool = False) -> list[str]:
    f = row.follow
    dues = "; ".join(date_words(d) for d in row.dues) or "No date given"
    cells = [item_name(site, f.item), KIND_WORDS[f.kind], review_title(f, site), standing_words(row),
             reason_words(f), f.scale_value.label if f.scale_value else "None recorded"]
    if owner:
        cells.append("; ".join(row.written))
    return cells + [dues, latest_words(f.latest), at(site.url(f.item))]


def change_cells(site: Site, change: Change, at: Callable[[str], str]) -> list[str]:
    return [date_words(change.date), change.month_words, CHANGE_KINDS[change.kind], change.title,
            change.review.title if change.review else "", change.dating or "", at(change.url)]


def _csv(headings: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte order mark, so a spreadsheet opens curly quotes and dashes right; CRLF rows."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")
