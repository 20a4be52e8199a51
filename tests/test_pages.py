"""Page plan and rendering on a small fixture with two reviews (no MkDocs involved)."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest

from tracker.build import Build

FIXTURE = Path(__file__).parent / "fixtures" / "two-reviews"
TEMPLATES = Path(__file__).resolve().parents[1] / "overrides" / "records"


@pytest.fixture(scope="module")
def build():
    return Build.prepare(FIXTURE, TEMPLATES, "https://example.org/t/", "https://git.example/edit/main")


def words(html: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_a_second_review_folder_just_works(build):
    uris = set(build.pages)
    assert {"reviews/alpha/index.md", "reviews/beta/index.md", "reviews/alpha/recommendations/i.md",
            "reviews/beta/recommendations/1.md", "reviews/alpha/resolutions/1.md", "meetings/m1.md",
            "owners/index.md", "owners/fixture-team.md", "committees/index.md",
            "committees/fixture-scrutiny.md"} <= uris
    assert not any(uri.startswith("reviews/alpha/meetings/") for uri in uris)  # meetings are council records now
    home = words(build.content("index.md"))
    assert "Alpha review" in home and "Beta review" in home
    assert "3 recommendations, with their statuses as at 30 June 2021" in home


def test_home_says_how_recent_the_latest_information_is(build):
    home = words(build.content("index.md"))
    assert "The latest information in this record is from 4 May 2021 (the meeting “Fixture committee meeting”)." in home
    assert "Statuses on this site are worked out as at 30 June 2021, but they rest on that information" in home
    # Under six months old on the 'as at' day: no "nothing newer" warning.
    assert "Nothing newer has been recorded" not in home


def test_home_counts_link_to_the_filtered_table_only_when_there_is_one_review(build):
    # Two reviews here: a total cannot point at one review's table; each review's own counts do.
    home = build.content("index.md")
    totals = home.split('id="by-review"')[0]
    assert "?progress=" not in totals and "?response=" not in totals
    assert 'href="reviews/alpha/?progress=in-progress#recommendations" data-count="2"' in home
    assert 'href="reviews/beta/?progress=complete#recommendations" data-count="1"' in home


def test_review_page_shows_the_response_clock(build):
    text = words(build.content("reviews/alpha/index.md"))
    assert ("Review held March 2020. The date the executive received the report is not recorded, so the clock is "
            "counted from the review.") in text
    assert ("Response due between 1 and 31 May 2020. Worked out: two months after the date of the review"
            in text)
    assert "Response given A response is recorded, but neither it nor the document it is in gives a date." in text
    assert "Whether the response came within two months cannot be told from the dates." in text


def test_review_table_links_owners_and_filters_by_owner_record(build):
    html = build.content("reviews/alpha/index.md")
    assert 'data-owners="fixture-team"' in html
    assert '<a href="../../owners/fixture-team/" data-owner="fixture-team" data-owner-name="Fixture Team">' in html
    for heading in ("Recommendation", "Response", "Progress", "Owner", "Due"):
        assert f'<th scope="col">{heading}</th>' in html


def test_owner_and_committee_pages(build):
    owner = words(build.content("owners/fixture-team.md"))
    assert "Alpha review" in owner and "Recommendation i: Moved deadline" in owner
    owners = words(build.content("owners/index.md"))
    assert "Fixture Team “Fixture Team” 2" in owners
    committee = words(build.content("committees/fixture-scrutiny.md"))
    assert "Alpha review" in committee and "Fixture committee meeting" in committee


def test_moved_deadline_shows_both_dates_when_and_why(build):
    text = words(build.content("reviews/alpha/recommendations/i.md"))
    assert "Now: September 2021 (the source says “End of September 2021”)" in text
    assert "Originally: March 2021 (the source says “End of March 2021”)" in text
    assert ("Changed 1 March 2021 to September 2021 (the source says “End of September 2021”). Reason given: The thing "
            "needed a consultation first.") in text
    assert "Progress recorded; due September 2021" in text


def test_completion_and_committee_action(build):
    text = words(build.content("reviews/beta/recommendations/1.md"))
    assert "Committee's own action" in text
    assert "Completion recorded (2 April 2021)" in text


def test_shared_response_links_both_ways(build):
    text = build.content("reviews/alpha/recommendations/ii.md")
    assert 'href="../i/"' in text
    assert "Do the thing." in text


def test_related_records_link_both_ways(build):
    rec = build.content("reviews/alpha/recommendations/i.md")
    resolution = build.content("reviews/alpha/resolutions/1.md")
    assert 'href="../../resolutions/1/"' in rec
    assert 'href="../../recommendations/i/"' in resolution


def test_edit_link_and_print_address(build):
    text = build.content("reviews/alpha/recommendations/i.md")
    # The path is relative to the data folder's parent: data/reviews/... in a real project.
    assert 'href="https://git.example/edit/main/two-reviews/reviews/alpha/recommendations/i.yml"' in text
    assert "Printed from https://example.org/t/reviews/alpha/recommendations/i/" in text


def test_timeline_orders_entries_and_keeps_precision(build):
    text = words(build.content("timeline.md").split('id="by-year"', 1)[1])  # the entries, not the picture
    assert text.index("March 2020") < text.index("1 February 2021") < text.index("4 May 2021")
    # A due date says what was due and how it stands; the date it replaced says it was moved.
    assert "September 2021 Due (revised): Recommendations i and ii: Moved deadline — Progress: In progress" in text
    assert "March 2021 Due, later moved: Recommendations i and ii: Moved deadline" in text


def test_every_timeline_entry_has_a_machine_readable_date(build):
    html = build.content("timeline.md")
    entries = re.findall(r'<li class="tk-entry[^"]*">(.*?)</li>', html, re.S)
    assert len(entries) == len(build.site.timeline)
    for entry, item in zip(entries, build.site.timeline):
        found = re.findall(r'<time datetime="([^"]+)"', entry)
        assert found == item.date.parsed.datetimes(), (item.title, found)
