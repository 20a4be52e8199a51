"""The pictures (status bars, time line) and the text timeline: geometry on small in-memory data, then the
rendered pages of the two-review fixture and of the real record, where picture and table must agree."""

from __future__ import annotations

import html as html_module
import re
from datetime import date
from pathlib import Path

import pytest

from tracker import pictures, status, timeline
from tracker.build import Build
from tracker.followup import Latest
from tracker.model import DateValue

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "two-reviews"
TEMPLATES = ROOT / "overrides" / "records"
P = status.PROGRESS
R = status.RESPONSES


def words(html: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


# ----- the status bar -----

@pytest.mark.parametrize("counts", [[3, 5, 1, 3], [1, 4999], [7], [0, 2, 0, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1],
                                    [1, 100000]])
def test_bar_widths_add_up_to_the_whole_width(counts):
    found = pictures.widths(counts, 1000)
    assert sum(found) == 1000
    for count, width in zip(counts, found):
        assert (width == 0) == (count == 0)
        if count:
            assert width >= pictures.MIN_SEGMENT  # one recommendation in 100,000 still shows


def test_bar_widths_are_proportional_to_the_counts():
    assert pictures.widths([1, 3], 1000, minimum=0) == [250, 750]
    assert pictures.widths([3, 5, 1, 3], 1200, minimum=0) == [300, 500, 100, 300]


def test_bar_draws_each_status_with_a_count_in_order_with_its_filter():
    bar = pictures.bar("progress", [(P["complete"], 1), (P["in-progress"], 0), (P["past-due"], 9),
                                    (P["no-action"], 2)])
    assert [s.status.key for s in bar.segments] == ["complete", "past-due", "no-action"]
    assert [s.query for s in bar.segments] == ["progress=complete", "progress=past-due", "progress=no-action"]
    assert bar.total == 12
    # Side by side, no gap and no overlap, ending at the width.
    assert [s.x for s in bar.segments] == [0, bar.segments[0].width, bar.segments[0].width + bar.segments[1].width]
    assert bar.segments[-1].x + bar.segments[-1].width == bar.width


# ----- the time line's geometry -----

def _entry(edtf: str, kind: str = "due", state: str | None = "past-due", landmark: bool = False) -> timeline.Entry:
    return timeline.Entry(DateValue(edtf=edtf), kind, f"{kind} {edtf}", None, None, None, landmark=landmark,
                          status=P[state] if state else None)


class _FakeSite:
    def __init__(self, entries, latest, as_at):
        self.timeline, self.latest, self.as_at = entries, latest, as_at

    def latest_of(self, record):
        return self.latest


def test_periods_group_due_dates_by_quarter_and_status():
    dues = [_entry("2020-03"), _entry("2020-02-10", state="complete"), _entry("2020-03-31"), _entry("2021-01")]
    found = pictures.periods(dues, "quarter")
    assert [(p.label, [(s.key, n) for s, n in p.counts]) for p in found] == [
        ("January to March 2020", [("complete", 1), ("past-due", 2)]),
        ("January to March 2021", [("past-due", 1)]),
    ]
    assert pictures.unit_for(2020, 2021) == "month" and pictures.unit_for(2019, 2026) == "quarter"
    assert pictures.unit_for(2000, 2026) == "year"


def test_time_line_shows_the_gap_since_the_latest_information_and_labels_it():
    entries = [_entry("2019-12", kind="review", state=None, landmark=True), _entry("2020-03"), _entry("2020-11"),
               _entry("2020-11-26", kind="decision", state=None, landmark=True)]
    latest = Latest(DateValue(edtf="2020-11-30"), "the decision")
    tl = pictures.time_line(_FakeSite(entries, latest, date(2026, 12, 1)))
    assert tl is not None and (tl.first_year, tl.last_year) == (2019, 2026)
    assert tl.gap_words == "Nothing newer for 6 years"
    assert tl.due_total == 2 and len(tl.landmarks) == 2
    for drawing in (tl.wide, tl.narrow):
        latest_line = next(line for line in drawing.lines if line.kind == "latest")
        as_at_line = next(line for line in drawing.lines if line.kind == "as-at")
        assert drawing.gap == (latest_line.x, as_at_line.x) and latest_line.x < as_at_line.x
        assert {label.kind for label in drawing.labels} == {"latest", "as-at", "gap"}
        # Each due date's column stands on the axis, inside the years drawn; key events sit on the axis.
        assert sum(b.count for b in drawing.blocks) == 2
        assert all(b.y + b.height == pytest.approx(drawing.axis_y) for b in drawing.blocks)
        assert all(0 <= b.x and b.x + b.width <= drawing.width for b in drawing.blocks)
        assert len(drawing.landmarks) == 2
        assert [" ".join(k.lines) for k in drawing.key] == ["Past due", "Key event"]


@pytest.mark.parametrize("width", [pictures.WIDE, pictures.NARROW])
def test_time_line_labels_stay_inside_the_picture_and_apart(width):
    latest = Latest(DateValue(edtf="2026-10-30"), "an update")  # close to the 'as at' day: labels would collide
    tl = pictures.time_line(_FakeSite([_entry("2020-03")], latest, date(2026, 12, 1)))
    drawing = tl.wide if width == pictures.WIDE else tl.narrow
    spans = [(label.y, label.x, label.x + pictures.text_width(label.text, bold=label.kind != "gap"))
             for label in drawing.labels]
    for y, left, right in spans:
        assert 0 <= left and right <= width
    for i, (y, left, right) in enumerate(spans):
        for y2, left2, right2 in spans[i + 1:]:
            assert y != y2 or right <= left2 or right2 <= left


@pytest.mark.parametrize("width", [pictures.WIDE, pictures.NARROW])
@pytest.mark.parametrize("latest_day", ["2026-11-18", "2026-11-29", "2026-09-01", "2026-01-15"])
def test_time_line_labels_read_in_date_order_when_the_days_are_close(width, latest_day):
    """Latest information 18 November, 'as at' 30 November: read left to right, the earlier day comes first."""
    latest = Latest(DateValue(edtf=latest_day), "an update")
    tl = pictures.time_line(_FakeSite([_entry("2020-03")], latest, date(2026, 11, 30)))
    drawing = tl.wide if width == pictures.WIDE else tl.narrow
    by_kind = {label.kind: label for label in drawing.labels}
    latest_label, as_at_label = by_kind["latest"], by_kind["as-at"]
    assert latest_label.text.startswith("Latest information") and as_at_label.text == "As at 30 November 2026"
    assert latest_label.x <= as_at_label.x
    latest_right = latest_label.x + pictures.text_width(latest_label.text, bold=True)
    as_at_right = as_at_label.x + pictures.text_width(as_at_label.text, bold=True)
    assert as_at_right <= width
    if latest_right <= width:  # a label wider than the whole picture cannot be placed in order
        assert latest_right <= as_at_right


def test_the_key_names_each_colour_once_and_wraps_between_words_to_fit():
    dues = [_entry("2020-03", state=state) for state in ("not-started", "not-yet-due", "no-fixed-date", "past-due")]
    tl = pictures.time_line(_FakeSite(dues, None, date(2021, 1, 1)))
    for drawing in (tl.wide, tl.narrow):
        texts = [" ".join(k.lines) for k in drawing.key]
        assert texts == ["Not started, not yet due or no fixed date", "Past due"]
        for k in drawing.key:
            assert all(k.x + 16 + pictures.text_width(line) <= drawing.width for line in k.lines)
    assert len(tl.narrow.key[0].lines) == 2 and len(tl.wide.key[0].lines) == 1
    # Colours stack together in a column: the three greys side by side, then red.
    assert [b.status.key for b in tl.wide.blocks] == ["not-started", "not-yet-due", "no-fixed-date", "past-due"]


def test_no_time_line_without_due_dates_or_key_events():
    site = _FakeSite([_entry("2020-03", kind="meeting", state=None)], None, date(2021, 1, 1))
    assert pictures.time_line(site) is None


# ----- the text timeline's order -----

def test_a_period_comes_where_it_begins_before_the_dates_inside_it_and_a_due_date_where_it_ends():
    found = sorted([_entry("2017-04", kind="event", state=None), _entry("2017", kind="mention", state=None),
                    _entry("2017-12", kind="event", state=None), _entry("2017-03-31", kind="event", state=None),
                    _entry("2017-03", kind="due"), _entry("2017-22", kind="event", state=None),
                    _entry("2017-06", kind="event", state=None)], key=timeline.Entry.sort_key)
    assert [e.date.edtf for e in found] == ["2017", "2017-03-31", "2017-03", "2017-04", "2017-22", "2017-06",
                                            "2017-12"]
    # The deadline "March 2017" falls on 31 March, after an event that day; "summer 2017" before June.


def test_the_first_page_lists_every_year_while_small_and_the_latest_begun_period_when_large(monkeypatch):
    small = [_entry(f"{y}-01-05", kind="event", state=None) for y in (2019, 2020, 2031)]
    assert timeline.landing(timeline.plan(small), date(2026, 1, 1)) is None
    monkeypatch.setattr(timeline, "ONE_PAGE", 2)
    listings = timeline.plan(small)
    assert [y.url for y in listings] == ["timeline/2019/", "timeline/2020/", "timeline/2031/"]
    assert timeline.landing(listings, date(2026, 1, 1)).title == "2020"  # the latest year begun by the day
    assert timeline.landing(listings, date(2018, 1, 1)).title == "2019"  # none begun: the first year


def test_a_busy_year_is_listed_a_month_to_a_page(monkeypatch):
    monkeypatch.setattr(timeline, "YEAR_PAGE", 3)
    found = sorted([_entry(edtf, kind="event", state=None) for edtf in
                    ("2020-01-05", "2020-01-20", "2020-03", "2020-11-02", "2021-02-02")], key=timeline.Entry.sort_key)
    listings = timeline.plan(found)
    assert [(y.title, y.count, [m.title for m in y.months]) for y in listings] == [
        ("2020", 4, ["January 2020", "March 2020", "November 2020"]), ("2021", 1, [])]
    assert [p.src_uri for p in timeline.pages_of(listings)] == [
        "timeline/2020.md", "timeline/2020/01.md", "timeline/2020/03.md", "timeline/2020/11.md", "timeline/2021.md"]
    monkeypatch.setattr(timeline, "ONE_PAGE", 2)
    assert timeline.landing(listings, date(2020, 12, 1)).title == "November 2020"


# ----- rendered pages -----

@pytest.fixture(scope="module")
def fixture_build():
    return Build.prepare(FIXTURE, TEMPLATES, "https://example.org/t/")


@pytest.fixture(scope="module")
def real_build():
    return Build.prepare(ROOT / "data", TEMPLATES, "https://example.org/t/")


def _table_counts(html: str, caption: str) -> dict[str, int]:
    """status key -> count, from the table with that caption."""
    table = html.split(f">{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return {key: int(n) for key, n in re.findall(r'data-status="([^"]+)".*?<td>(?:<a [^>]*>)?(\d+)', table, re.S)}


def _bar_counts(html: str, index: int) -> dict[str, int]:
    bars = re.findall(r'<svg class="tk-pic tk-pic-bar".*?</svg>', html, re.S)
    return {k: int(n) for k, n in re.findall(r'data-status="([^"]+)" data-count="(\d+)"', bars[index])}


def test_review_page_bars_match_their_tables_and_the_review_table(real_build):
    html = real_build.content("reviews/peer-on-peer-abuse-2019/index.md")
    rows = re.findall(r'<tr data-response="([^"]+)" data-progress="([^"]+)"', html)
    assert len(rows) == 12
    for index, (caption, column) in enumerate((("Recommendations by response", 0),
                                               ("Recommendations by progress recorded", 1))):
        in_rows: dict[str, int] = {}
        for row in rows:
            in_rows[row[column]] = in_rows.get(row[column], 0) + 1
        assert _bar_counts(html, index) == _table_counts(html, caption) == in_rows
    # Each count links to this page's table, filtered to its status.
    assert re.search(r'href="\./\?progress=past-due#recommendations">9<', html)
    assert re.search(r'href="\./\?response=agreed#recommendations">3<', html)


def test_home_page_bars_match_the_counts_beside_them(real_build):
    html = real_build.content("index.md")
    assert _bar_counts(html, 0) == _table_counts(html, "Recommendations by response")
    assert _bar_counts(html, 1) == _table_counts(html, "Recommendations by progress recorded")
    assert sum(_bar_counts(html, 1).values()) == 12
    assert 'aria-hidden="true"' in re.findall(r'<svg class="tk-pic tk-pic-bar"[^>]*>', html)[0]


def _due_table(html: str) -> dict[str, dict[str, int]]:
    table = html.split('<table class="tk-table tk-cards tk-pic-due-table">', 1)[1].split("</table>", 1)[0]
    found = {}
    for label, cells in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S):
        found[label] = {k: int(n) for k, n in re.findall(r'data-status="([^"]+)".*?</strong> (\d+)', cells, re.S)}
    return found


def test_timeline_picture_and_its_table_give_the_same_figures(real_build):
    html = real_build.content("timeline.md")
    for variant in ("wide", "narrow"):
        svg = re.search(rf'<svg class="tk-pic tk-pic-time tk-pic-{variant}".*?</svg>', html, re.S).group(0)
        assert 'role="img"' in svg and f'aria-labelledby="time-line-{variant}-title"' in svg
        title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S).group(1)
        assert "Latest information 30 November 2020" in title and "Nothing newer for 6 years" in title
        drawn: dict[str, int] = {}
        for key, n in re.findall(r'class="tk-pic-block [^"]*" data-status="([^"]+)" data-count="(\d+)"', svg):
            drawn[key] = drawn.get(key, 0) + int(n)
        tabled: dict[str, int] = {}
        for counts in _due_table(html).values():
            for key, n in counts.items():
                tabled[key] = tabled.get(key, 0) + n
        assert drawn == tabled
    dues = [e for e in real_build.site.timeline if e.kind == "due" and e.status]
    assert sum(sum(c.values()) for c in _due_table(html).values()) == len(dues) == 10
    assert _due_table(html)["January to March 2020"] == {"past-due": 2}
    text = words(html)
    assert "Latest information: 30 November 2020" in text and "Nothing newer for 6 years" in text


def test_review_page_has_a_compact_time_line(real_build):
    html = real_build.content("reviews/peer-on-peer-abuse-2019/index.md")
    assert 'id="review-time-line-wide-title"' in html and 'id="review-time-line-narrow-title"' in html
    assert "tk-pic-compact" in html


def test_due_entries_say_what_was_due_and_how_it_stands(real_build):
    text = words(real_build.content("timeline.md").split('id="by-year"', 1)[1])
    assert "Due: Recommendation iv — Progress: Past due" in text
    assert "Due: Recommendations i, ii and iii: School Policies — Progress: Past due" in text
    assert "Due: Recommendation v: Herefordshire Council review of historic cases — Progress: Complete" in text
    assert "((" not in text and "))" not in text
    # Year-only and approximate dates come at the start of their year, before its months.
    low = words(real_build.content("timeline.md").split('id="year-2019"', 1)[1]).lower()
    assert low.index("about 2019") < low.index("november 2019") < low.index("december 2019")


def test_each_year_has_its_own_page_and_old_year_anchors_still_land(fixture_build, real_build):
    assert {"timeline/2020.md", "timeline/2021.md"} <= set(fixture_build.pages)
    year = fixture_build.content("timeline/2021.md")
    assert "<h1>Timeline: 2021</h1>" in year
    entries = re.findall(r'<li class="tk-entry', year)
    assert len(entries) == sum(1 for e in fixture_build.site.timeline if e.year == "2021")
    assert 'href="../2020/">Previous year: 2020<' in year
    landing = real_build.content("timeline.md")
    for y in ("2017", "2019", "2020", "2021"):
        assert f'id="year-{y}"' in landing and f'href="{y}/"' in landing
