"""The views that answer residents' questions: everything overdue, each owner's and committee's items, what
changed; the CSV beside each; the home page's counts and the lists they lead to. On the real record and on the
two-review fixture (rendered by the engine, no MkDocs), and one real build for the link check."""

from __future__ import annotations

import csv
import html as html_module
import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tracker import views
from tracker.build import Build
from tracker.pages import href

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "two-reviews"
TEMPLATES = ROOT / "overrides" / "records"
SITE_URL = "https://example.org/tracker/"


@pytest.fixture(scope="module")
def real():
    return Build.prepare(ROOT / "data", TEMPLATES, SITE_URL)


@pytest.fixture(scope="module")
def fixture():
    return Build.prepare(FIXTURE, TEMPLATES, SITE_URL)


# ----- reading pages and files as a reader would -----


class _Tables(HTMLParser):
    """Every table's body rows as lists of cell texts, and each row's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"class": dict(attrs).get("class", ""), "rows": [], "attrs": []})
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
            self.tables[-1]["attrs"].append(dict(attrs))
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "span" and self._cell is not None and "tk-visually-hidden" in (dict(attrs).get("class") or ""):
            self._cell.append("\x00")  # a screen reader's words, not shown: dropped below

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = re.sub(r"\x00[^\x00]*?(?=$)", "", "".join(self._cell))
            self._row.append(" ".join(text.split()))  # type: ignore[union-attr]
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(page_html: str, cls: str) -> list[dict]:
    parser = _Tables()
    parser.feed(page_html)
    return [t for t in parser.tables if cls in t["class"].split()]


def words(page_html: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page_html)).split())


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no byte order mark: a spreadsheet would garble curly quotes"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def first_link_text(cell_html: str) -> str:
    return words(re.search(r"<a [^>]*>(.*?)</a>", cell_html, re.S).group(1))  # type: ignore[union-attr]


def item_links(page_html: str, cls: str) -> list[str]:
    """The item named in each row's heading cell, in order."""
    body = page_html.split(f'class="tk-table tk-cards tk-view-table {cls}')[1] if cls else page_html
    return [first_link_text(th) for th in re.findall(r'<th scope="row">(.*?)</th>', body, re.S)]


# ----- words -----


@pytest.mark.parametrize("due, as_at, expected", [
    (date(2020, 3, 31), date(2026, 12, 1), "6 years 8 months"),
    (date(2021, 1, 31), date(2026, 12, 1), "5 years 10 months"),
    (date(2020, 11, 30), date(2026, 12, 1), "6 years"),
    (date(2026, 10, 15), date(2026, 12, 1), "1 month"),
    (date(2026, 11, 30), date(2026, 12, 1), "1 day"),
    (date(2026, 11, 10), date(2026, 12, 1), "21 days"),
])
def test_how_long_overdue_in_years_and_months(due, as_at, expected):
    assert views.overdue_words(due, as_at) == expected


def test_a_long_list_is_split_into_pages_with_stable_addresses():
    paged = views.Paged("overdue/", list(range(450)), 200)
    assert [len(p) for p in paged.pages] == [200, 200, 50]
    assert [paged.url(n) for n in (1, 2, 3)] == ["overdue/", "overdue/2/", "overdue/3/"]
    assert [paged.src_uri(n) for n in (1, 3)] == ["overdue/index.md", "overdue/3.md"]
    assert paged.first(lambda n: n >= 420) == "overdue/3/"
    assert views.Paged("overdue/", [], 200).pages == [[]]  # an empty list still has its page


# ----- everything overdue -----

REAL_OVERDUE = [  # most overdue first: due March 2020, then May, September, November, December 2020, January 2021
    "Recommendation iv: “That the children and young people scrutiny committee…”", "Recommendation vi: Data collection of incidence of peer on peer abuse cases and national "
    "reporting", "Recommendation xi: Future meetings of the spotlight review",
]


def test_overdue_lists_every_past_due_open_item_most_overdue_first(real):
    site = real.site
    rows = site.views.overdue
    past_due = [f for f in site.record.follow_ups.values() if f.progress.status.key == "past-due" and not f.closed]
    assert {id(r.follow) for r in rows} == {id(f) for f in past_due}  # the follow-up's own definition
    assert len(rows) == 11
    page = real.content("overdue/index.md")
    shown = item_links(page, "tk-overdue")
    assert shown[:3] == REAL_OVERDUE
    assert shown[-3:] == ["Recommendation i: School Policies", "Recommendation ii: School Policies",
                          "Recommendation iii: School Policies"]
    assert [r.due_day for r in rows] == sorted(r.due_day for r in rows)
    text = words(page)
    assert "11 items are past due as at 1 December 2026" in text
    table = tables(page, "tk-overdue")[0]
    iv = table["rows"][0]
    assert iv[1:4] == ["Democratic Services", "March 2020", "6 years 8 months"]
    assert "from before it fell due" not in iv[4]  # its latest information runs into March 2020
    rec_i = table["rows"][-3]
    assert rec_i[1:4] == ["Learning and Achievement Team", "31 January 2021", "5 years 10 months"]
    assert rec_i[4].startswith("26 November 2020 (a progress update).")
    assert "This is from before it fell due: the record cannot show whether the work was done." in rec_i[4]
    # each owner links to the owner's page
    assert '<a href="../owners/democratic-services/">Democratic Services</a>' in page
    assert '<a href="../owners/assistant-director-education-development-and-skills/">' in page


def test_overdue_csv_holds_the_rows_the_page_shows(real):
    page = real.content("overdue/index.md")
    table = tables(page, "tk-overdue")[0]["rows"]
    rows = read_csv(real.downloads()[views.OVERDUE_CSV])
    assert rows[0] == ["Item", "Kind", "Review", "What is overdue", "Owner", "Due date", "Last day due (YYYY-MM-DD)",
                       "How long overdue", "Days overdue", "Latest information", "What the record can show", "Address"]
    body = rows[1:]
    assert len(body) == len(table) == 11
    assert [r[0] for r in body] == item_links(page, "tk-overdue")
    for csv_row, shown in zip(body, table):
        assert [csv_row[4], csv_row[5], csv_row[7]] == shown[1:4]
        assert shown[4].startswith(csv_row[9])
        assert csv_row[11].startswith(SITE_URL + "reviews/") and csv_row[11].endswith("/")
        # Sortable in a spreadsheet: the last day it was due as an ISO date, and whole days overdue since.
        last = date.fromisoformat(csv_row[6])
        assert int(csv_row[8]) == (real.site.as_at - last).days > 0
        assert csv_row[3] in ("Action 1", "The commitment", "The response")
    assert [r[3] for r in body].count("The commitment") == 2
    # A source kind with brackets of its own is not bracketed twice.
    assert not any("((" in r[9] or "))" in r[9] for r in body)
    assert "15 September 2020 (the committee minutes, agenda item)" in [r[9] for r in body]
    assert re.search(r"Download this list \(CSV, \d KB\), to open in a spreadsheet\.", words(page))
    assert f'href="overdue.csv" download type="text/csv"' in page


def test_nothing_overdue_says_so(fixture):
    assert fixture.site.views.overdue == []
    text = words(fixture.content("overdue/index.md"))
    assert "Nothing is past due as at 30 June 2021" in text
    assert read_csv(fixture.downloads()[views.OVERDUE_CSV])[1:] == []


# ----- owners and committees -----


def group_headings(page_html: str) -> list[tuple[str, str]]:
    return re.findall(r'<h[23] id="(standing-[a-z-]+)">([^<]+)</h[23]>', page_html)


def test_owner_page_says_what_the_post_answers_for_grouped_with_counts(real):
    site = real.site
    owner = next(o for o in site.tracker.council.owners if o.id == "assistant-director-education-development-and-skills")
    page = real.content(f"owners/{owner.id}.md")
    headings = group_headings(page)
    assert [h for _, h in headings] == ["Past due (4)", "No fixed date (2)"]
    # the counts at the top link to the groups below
    for anchor, _ in headings:
        assert f'href="./#{anchor}"' in page
    shown = [link for t in tables(page, "tk-view-table") for link in [r[0] for r in t["rows"]]]
    assert len(shown) == 6 == len(site.items_of(owner))
    assert "Responsible for 6 items in this record" in words(page)
    # This owner is spelt two ways: each item says which spelling its source uses.
    assert "Written in the source as" in page and "“ADED&amp;S”" in page
    rows = read_csv(real.downloads()[views.owner_csv(owner)])
    assert rows[0] == ["Item", "Kind", "Review", "How it stands", "Why", "Committee's assessment",
                       "Written in the source as", "Due date", "Latest information", "Address"]
    assert {r[5] for r in rows[1:]} == {"None recorded"}  # the committee has assessed nothing in this record
    assert [r[3] for r in rows[1:]] == ["Past due"] * 4 + ["No fixed date"] * 2
    assert [r[0] for r in rows[1:]] == item_links(page, "")


def test_owner_spelt_one_way_has_no_spelling_column(real):
    page = real.content("owners/democratic-services.md")
    assert "Written in the source as</th>" not in page
    rows = read_csv(real.downloads()[views.owner_csv(real.site.record.owner("Democratic Services"))])
    assert "Written in the source as" not in rows[0] and len(rows) == 4


def test_committee_page_lists_what_it_asked_for_or_decided(real):
    page = real.content("committees/children-and-young-people-scrutiny.md")
    text = words(page)
    assert "Items it asked for or decided 29" in text  # 12 recommendations, 11 resolutions, 6 commitments
    names = item_links(page, "")
    assert "Recommendation xii: Council policies" in names
    # resolutions by whole words, never cut inside one ("MAS…"), with how each stands
    res1 = next(n for n in names if n.startswith("Resolution 1:"))
    assert res1.endswith("…") and res1[:-1].split()[-1] in resolution_words(real, "1")
    assert "No follow-up recorded (11)" in text
    rows = read_csv(real.downloads()["committees/children-and-young-people-scrutiny/"
                                     "children-and-young-people-scrutiny.csv"])
    assert len(rows) == 30 and rows[0][:4] == ["Item", "Kind", "Review", "How it stands"]
    assert [r[0] for r in rows[1:]] == names
    cabinet = real.content("committees/cabinet.md")
    assert [h for _, h in group_headings(cabinet)] == ["No follow-up recorded (4)"]
    assert "Part of a decision: Cabinet decision of 26 November 2020" in words(cabinet)


def resolution_words(build, number: str) -> list[str]:
    review = build.site.tracker.reviews[0]
    return next(r for r in review.resolutions if r.id == number).text.split()


def test_long_lists_are_paged_and_counts_find_the_right_page(monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    build = Build.prepare(ROOT / "data", TEMPLATES, SITE_URL)
    assert {"overdue/index.md", "overdue/2.md", "overdue/3.md"} <= set(build.pages)
    assert "overdue/4.md" not in build.pages
    second = build.content("overdue/2.md")
    assert "Showing items 5 to 8 of 11." in words(second)
    assert len(tables(second, "tk-overdue")[0]["rows"]) == 4
    committee = build.content("committees/children-and-young-people-scrutiny.md")
    # 11 past due (pages 1-3), then the next group starts on page 3
    assert 'href="3/#standing-in-progress"' in committee
    assert '<h3 id="standing-in-progress">' in build.content("committees/children-and-young-people-scrutiny/3.md")
    assert len(read_csv(build.downloads()[views.OVERDUE_CSV])) == 12  # the download holds every page's rows


# ----- what changed -----


def change_items(page_html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<li data-first="([\d-]+)" data-last="([\d-]+)">(.*?)</li>', page_html, re.S)


def test_changes_newest_first_by_month_with_moved_deadlines(fixture):
    page = fixture.content("changes/index.md")
    items = change_items(page)
    firsts = [first for first, _, _ in items]
    assert firsts == sorted(firsts, reverse=True)
    text = words(page)
    assert "1 March 2021 Deadline moved Deadline moved: Recommendation i: Moved deadline, action 1, now due " \
           "September 2021" in text
    assert "Review published Beta review: 1 recommendation" in text
    assert '<h2 id="year-2021" data-tk-year>2021</h2>' in page and '<h3 id="month-2021-05">May 2021</h3>' in page
    assert 'href="./#year-2020"' in page  # jump to a year
    form = re.search(r'<form class="tk-since" method="get" action="./" data-tk-since>.*?</form>', page, re.S)
    assert form and 'type="date"' in form.group(0) and 'name="since"' in form.group(0)
    rows = read_csv(fixture.downloads()[views.CHANGES_CSV])
    assert rows[0] == ["Date", "Month", "What changed", "Record", "Review", "How it is dated", "Address"]
    assert len(rows) - 1 == len(items)
    assert [r[3] for r in rows[1:]] == [first_link_text(body) for _, _, body in items]


def test_changes_on_the_real_record(real):
    page = real.content("changes/index.md")
    text = words(page)
    assert text.index("November 2020") < text.index("September 2020") < text.index("December 2019")
    assert "Resolution passed Resolution 1: Calls on the executive" in text
    assert "Dated by the meeting that passed it." in text


# ----- the home page: counts that lead to the lists they count -----


def _count_links(home: str) -> list[tuple[str, int]]:
    return [(html_module.unescape(h), int(n)) for h, n in re.findall(r'<a href="([^"]+)" data-count="(\d+)">', home)]


def _rows_counted(build, href_value: str) -> int | None:
    parts = urlsplit(href_value)
    src = parts.path.rstrip("/") + "/index.md"
    page = build.content(src)
    if parts.path == "overdue/":
        return sum(len(tables(build.content(p.src_uri), "tk-overdue")[0]["rows"]) if tables(
            build.content(p.src_uri), "tk-overdue") else 0 for p in build.pages.values() if p.template == "overdue.html")
    key, _, value = parts.query.partition("=")
    if not key:
        return len(re.findall(r"<tr[^>]* data-progress=", page.split("data-tk-filterable")[1].split("</table>")[0]))
    table = page.split("data-tk-filterable")[1].split("</table>")[0]
    return len(re.findall(rf'<tr[^>]* data-{key}="{re.escape(value)}"', table))


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_every_count_on_home_leads_to_a_list_of_that_many(which, request):
    build = request.getfixturevalue(which)
    home = build.content("index.md")
    links = [(h, n) for h, n in _count_links(home) if not h.startswith("#")]
    assert links, "the home page's counts link nowhere"
    for target, count in links:
        assert _rows_counted(build, target) == count, target
    overdue = len(build.site.views.overdue)
    assert f'Overdue: <a href="overdue/" data-count="{overdue}">{overdue}' in home
    assert 'action="changes/"' in home and "What has changed since" in words(home)


def test_home_gives_each_review_its_counts_when_there_are_several(fixture, real):
    home = fixture.content("index.md")
    table = tables(home, "tk-review-counts")[0]["rows"]
    assert [r[0] for r in table] == ["Alpha review", "Beta review"]
    assert [r[1] for r in table] == ["2", "1"]
    assert "tk-review-counts" not in real.content("index.md")  # one review: its counts are the totals


# ----- the downloads page and a real build -----


def test_view_csvs_are_on_the_downloads_page(real):
    page = real.content("downloads.md")
    for path in (views.OVERDUE_CSV, views.CHANGES_CSV,
                 "owners/democratic-services/democratic-services.csv", "committees/cabinet/cabinet.csv"):
        assert f'href="{href("downloads/", path)}"' in page, path


def test_the_built_site_has_the_views_and_their_files(built_site):
    for path in ("overdue/index.html", "changes/index.html", "overdue/overdue.csv", "changes/changes.csv",
                 "owners/democratic-services/democratic-services.csv", "committees/cabinet/cabinet.csv"):
        assert (built_site / path).is_file(), path
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="overdue/"' in home and 'href="changes/"' in home
    # the nav lists both views
    assert ">\n    Everything overdue\n" in home or "Everything overdue" in home


def test_an_overdue_response_is_listed_with_the_executive_as_owner(tmp_path):
    from tracker import synthetic

    synthetic.generate(tmp_path / "data", reviews=4, recommendations=100, seed=3)
    build = Build.prepare(tmp_path / "data", TEMPLATES, SITE_URL)
    rows = build.site.views.overdue
    responses = [r for r in rows if r.what == "response"]
    assert responses and all(r.follow.clock.key == "response-overdue" for r in responses)
    assert [r.due_day for r in rows] == sorted(r.due_day for r in rows)
    page = "".join(build.content(p.src_uri) for p in build.pages.values() if p.template == "overdue.html")
    assert page.count("The response is overdue") == len(responses)
    csv_rows = read_csv(build.downloads()[views.OVERDUE_CSV])[1:]
    assert sum(1 for r in csv_rows if r[3] == "The response" and r[4] == "The executive") == len(responses)
