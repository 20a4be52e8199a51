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
            "reviews/beta/recommendations/1.md", "reviews/alpha/resolutions/1.md", "reviews/alpha/meetings/m1.md"} <= uris
    home = words(build.content("index.md"))
    assert "Alpha review" in home and "Beta review" in home
    assert "for 3 recommendations" in home


def test_moved_deadline_shows_both_dates_when_and_why(build):
    text = words(build.content("reviews/alpha/recommendations/i.md"))
    assert "Now: End of September 2021" in text
    assert "Originally: End of March 2021" in text
    assert "Changed 1 March 2021 to End of September 2021. Reason given: The thing needed a consultation first." in text
    assert "Progress recorded; due end of September 2021" in text


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
    text = words(build.content("timeline.md"))
    assert text.index("March 2020") < text.index("1 February 2021") < text.index("4 May 2021")
    assert "End of September 2021" in text
