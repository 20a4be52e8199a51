"""The Atom feeds, read back from the built site with feedparser."""

from __future__ import annotations

import copy
import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from tracker import feeds
from tracker.build import Build
from tracker.pages import Site

REVIEW = "peer-on-peer-abuse-2019"
FIXTURE = Path(__file__).parent / "fixtures" / "two-reviews"
TEMPLATES = Path(__file__).resolve().parents[1] / "overrides" / "records"
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(site_dir: Path, path: str):
    result = feedparser.parse((site_dir / path).read_bytes())
    assert not result.bozo, result.get("bozo_exception")
    assert result.version == "atom10"
    return result


@pytest.fixture(scope="session")
def site_feed(built_site):
    return parse(built_site, "feeds/all.xml")


@pytest.fixture(scope="session")
def review_feed(built_site):
    return parse(built_site, f"feeds/{REVIEW}.xml")


def expected_keys(tracker) -> dict[str, str]:
    """Every record that should have an entry: its key -> its words."""
    keys = {}
    for review in tracker.reviews:
        for rec in review.recommendations:
            if rec.response is None:
                continue
            keys[f"{review.id}/recommendations/{rec.id}/response"] = rec.response.text
            for action in rec.response.actions:
                for n, update in enumerate(action.progress, start=1):
                    keys[f"{review.id}/recommendations/{rec.id}/actions/{action.id}/progress/{n}"] = update.text
        for resolution in review.resolutions:
            keys[f"{review.id}/resolutions/{resolution.id}"] = resolution.text
        for decision in review.decisions:
            keys[f"{review.id}/decisions/{decision.id}"] = decision.parts[0].text if decision.parts else decision.title
    return keys


def fold(text: str) -> str:
    return " ".join(text.split())


def site_path(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


@pytest.mark.parametrize("which", ["site", "review"])
def test_every_update_response_resolution_and_decision_has_an_entry(which, site_feed, review_feed, loaded):
    feed = site_feed if which == "site" else review_feed
    council = loaded.tracker.site.council
    expected = expected_keys(loaded.tracker)
    by_id = {e.id: e for e in feed.entries}
    assert len(by_id) == len(feed.entries) == len(expected)
    for key, text in expected.items():
        entry = by_id[feeds.entry_id(council, key)]  # the id is derived from ids alone
        assert fold(text) in fold(entry.content[0].value), key
        assert entry.content[0].type == "text/plain"


def test_entries_are_newest_first_and_linked_to_their_records(site_feed, built_site):
    stamps = [e.updated_parsed for e in site_feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert site_feed.entries[0].title.startswith("Cabinet decision")
    for entry in site_feed.entries:
        assert entry.link.startswith(("http://", "https://"))
        path = site_path(entry.link)
        assert (built_site / path / "index.html").is_file(), entry.link
        fragment = urlsplit(entry.link).fragment
        if fragment:
            assert f'id="{fragment}"' in (built_site / path / "index.html").read_text(encoding="utf-8")


def test_feed_metadata(site_feed, review_feed, loaded):
    tracker = loaded.tracker.site
    for feed, self_path in ((site_feed, "feeds/all.xml"), (review_feed, f"feeds/{REVIEW}.xml")):
        assert feed.feed.id == feeds.feed_id(tracker.council, None if feed is site_feed else loaded.tracker.reviews[0])
        assert feed.feed.author == tracker.council
        assert tracker.licence in feed.feed.rights
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert site_path(self_link) == self_path
        # The feed's time is its newest entry's, so an unchanged record gives an unchanged feed.
        assert feed.feed.updated_parsed == max(e.updated_parsed for e in feed.entries)


def test_dates_are_never_more_precise_than_the_sources_say(site_feed, loaded):
    decision = loaded.tracker.reviews[0].decisions[0]
    for entry in site_feed.entries:
        content = entry.content[0].value
        kind = entry.tags[0].term
        if kind == "decision":
            assert entry.updated.startswith(decision.date_of_decision.edtf)
            assert content.endswith(f"Date of the decision: {decision.date_of_decision.as_written}.")
        elif kind == "resolution":
            # The minutes give no date: the meeting's inferred range, said to be a range.
            assert "Not stated; between June 2020 and September 2020 (inferred)" in content
            assert "Precision: range; the feed's timestamp is 1 June 2020, the earliest day this could mean." in content
            assert entry.updated.startswith("2020-06-01")
        else:
            # No response or update in the record is dated: each says so, and takes its source document's date.
            assert "The source does not date this" in content
            assert "It is listed by the date of its source document" in content
            assert entry.updated.startswith("2020-02-01")


def test_ids_do_not_depend_on_words_dates_or_address(loaded):
    def ids(tracker, site_url):
        site = Site(dataclasses.replace(loaded, tracker=tracker))
        root = ET.fromstring(feeds.atom(site, None, site_url))
        return [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]

    before = ids(loaded.tracker, "https://example.org/tracker/")
    edited = copy.deepcopy(loaded.tracker)
    for rec in edited.reviews[0].recommendations:
        if rec.response:
            rec.response.text += " (corrected)"
            for action in rec.response.actions:
                for update in action.progress:
                    update.text = update.text.upper()
    edited.reviews[0].decisions[0].date_of_decision.as_written = "27/11/2020"
    after = ids(edited, "https://moved.example.net/")
    assert sorted(before) == sorted(after)
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in before)


def test_review_pages_name_their_feed_and_every_page_the_site_feed(built_site):
    review_link = re.compile(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="([^"]+)"')
    for url, expected in (("", ["feeds/all.xml"]),
                          (f"reviews/{REVIEW}", ["../../feeds/all.xml", "../../feeds/peer-on-peer-abuse-2019.xml"]),
                          (f"reviews/{REVIEW}/recommendations/iv", ["../../../../feeds/all.xml", "../../../../feeds/peer-on-peer-abuse-2019.xml"]),
                          ("timeline", ["../feeds/all.xml"])):
        raw = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert review_link.findall(raw) == expected, url


def test_without_a_site_address_links_are_relative_to_the_feed():
    build = Build.prepare(FIXTURE, TEMPLATES)
    review = build.site.tracker.reviews[0]
    root = ET.fromstring(feeds.atom(build.site, review, ""))
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert links[:2] == ["alpha.xml", "../reviews/alpha/"]
    assert "../reviews/alpha/recommendations/i/#action-1" in links
    assert all("://" not in link for link in links)


def test_a_dated_update_is_listed_by_its_own_date():
    build = Build.prepare(FIXTURE, TEMPLATES, "https://example.org/t/")
    entries = feeds.entries(build.site)
    update = next(e for e in entries if e.kind == "progress" and e.review.id == "alpha")
    assert update.day == date(2021, 2, 1)
    assert update.dating == "Date of the update: 1 February 2021."
    days = [e.day for e in entries if e.day]
    assert days == sorted(days, reverse=True)
