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

from tracker import feeds, synthetic
from tracker.build import Build
from tracker.load import load
from tracker.pages import Site

REVIEW = "peer-on-peer-abuse-2019"
FIXTURE = Path(__file__).parent / "fixtures" / "two-reviews"
SAMPLE = Path(__file__).parent / "fixtures" / "data"
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


def archived_entries(site_dir: Path, feed) -> list:
    """Every entry of the site feed and of the archive pages it leads to (RFC 5005), newest first."""
    found = list(feed.entries)
    seen = {"feeds/all.xml"}
    while True:
        previous = [link.href for link in feed.feed.links if link.rel == "prev-archive"]
        if not previous:
            return found
        path = site_path(previous[0]) if "://" in previous[0] else "feeds/" + previous[0].removeprefix("./")
        assert path not in seen, f"the archive pages loop back to {path}"
        seen.add(path)
        feed = parse(site_dir, path)
        assert any(link.rel == "current" for link in feed.feed.links), path
        found += feed.entries


@pytest.fixture(scope="session")
def review_feed(built_site):
    return parse(built_site, f"feeds/{REVIEW}.xml")


def expected_keys(tracker, review_id: str | None = None) -> dict[str, str]:
    """Every record that should have an entry: its key -> words its entry holds. Worked out here from the
    model alone, the way the feeds' docstring says the keys are made."""
    keys: dict[str, str] = {}

    def progress(key: str, actions) -> None:
        for action in actions:
            for n, update in enumerate(action.progress, start=1):
                keys[f"{key}/actions/{action.id}/progress/{n}"] = update.text

    def assessed(key: str, item) -> None:
        for n, assessment in enumerate(item.assessments, start=1):
            keys[f"{key}/assessments/{n}"] = assessment.text or ""

    def response_words(response) -> str:
        return response.text or response.note or "The words of the response are not among the source documents."

    for review in tracker.reviews:
        if review_id not in (None, review.id):
            continue
        for rec in review.recommendations:
            key = f"{review.id}/recommendations/{rec.id}"
            if rec.response is not None:
                keys[f"{key}/response"] = response_words(rec.response)
                progress(key, rec.response.actions)
            assessed(key, rec)
        for resolution in review.resolutions:
            key = f"{review.id}/resolutions/{resolution.id}"
            keys[key] = resolution.text
            if resolution.response is not None:
                keys[f"{key}/response"] = response_words(resolution.response)
                progress(key, resolution.response.actions)
            assessed(key, resolution)
        for commitment in review.commitments:
            key = f"{review.id}/commitments/{commitment.id}"
            keys[key] = commitment.text
            for n, update in enumerate(commitment.progress, start=1):
                keys[f"{key}/progress/{n}"] = update.text
            assessed(key, commitment)
    for meeting in tracker.council.meetings:
        if review_id is None or review_id in meeting.reviews:
            keys[f"meetings/{meeting.id}"] = meeting.purpose or meeting.agenda_item or meeting.title
    for decision in tracker.council.decisions:
        if review_id is not None and review_id not in decision.reviews:
            continue
        # As when decisions were kept in a review's folder: the ids already published stay.
        key = f"{decision.reviews[0]}/decisions/{decision.id}" if decision.reviews else f"decisions/{decision.id}"
        keys[key] = decision.parts[0].text if decision.parts else decision.title
        for n, part in enumerate(decision.parts, start=1):
            progress(f"decisions/{decision.id}/parts/{n}", part.actions)
            assessed(f"decisions/{decision.id}/parts/{n}", part)
    return keys


def fold(text: str) -> str:
    return " ".join(text.split())


def site_path(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


@pytest.mark.parametrize("which", ["site", "review"])
def test_every_record_has_an_entry(which, site_feed, review_feed, loaded, built_site):
    # The site's feed keeps its newest entries; the rest are on its archive pages.
    listed = archived_entries(built_site, site_feed) if which == "site" else review_feed.entries
    council = loaded.tracker.site.council
    expected = expected_keys(loaded.tracker, None if which == "site" else REVIEW)
    by_id = {e.id: e for e in listed}
    assert len(by_id) == len(listed) == len(expected)
    for key, text in expected.items():
        entry = by_id[feeds.entry_id(council, key)]  # the id is derived from ids alone
        assert fold(text) in fold(entry.content[0].value), key
        assert entry.content[0].type == "text/plain"


@pytest.mark.parametrize("data", [FIXTURE, SAMPLE], ids=["two-reviews", "sample"])
def test_every_record_of_a_fixture_has_an_entry_in_the_right_feeds(data):
    site = Build.prepare(data, TEMPLATES).site
    council = site.tracker.site.council
    for review in [None, *site.tracker.reviews]:
        root = ET.fromstring(feeds.atom(site, review, ""))
        ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
        expected = expected_keys(site.tracker, review.id if review else None)
        assert sorted(ids) == sorted(feeds.entry_id(council, key) for key in expected), review


def test_a_council_record_is_in_the_feeds_of_the_reviews_it_deals_with():
    site = Build.prepare(FIXTURE, TEMPLATES).site
    meeting = site.tracker.council.meetings[0]
    assert meeting.reviews == ["alpha"]
    key = feeds.entry_id(site.tracker.site.council, f"meetings/{meeting.id}")
    in_feed = {r.id: key in feeds.atom(site, r, "").decode() for r in site.tracker.reviews}
    assert in_feed == {"alpha": True, "beta": False}
    assert key in feeds.atom(site, None, "").decode()
    # One that deals with no review is in the site's feed only.
    tracker = copy.deepcopy(site.tracker)
    tracker.council.meetings[0].reviews = []
    alone = Site(dataclasses.replace(site.loaded, tracker=tracker))
    assert key in feeds.atom(alone, None, "").decode()
    assert not any(key in feeds.atom(alone, r, "").decode() for r in tracker.reviews)


def test_progress_names_the_records_that_show_it():
    site = Build.prepare(SAMPLE, TEMPLATES).site
    commitment = site.tracker.reviews[0].commitments[0]
    entry = next(e for e in feeds.entries(site) if e.key.endswith(f"commitments/{commitment.id}/progress/1"))
    assert entry.kind == "progress"
    assert "Shown by the Cabinet decision “Review of cases”, part b): “the executive responds.”" in entry.text
    assert entry.author == site.owner(commitment.given_by).name


def test_a_response_approved_by_a_decision_is_listed_by_the_decisions_date(tmp_path):
    synthetic.generate(tmp_path / "data", reviews=2, recommendations=40, seed=5)
    site = Site(load(tmp_path / "data"))
    found = 0
    for entry in feeds.entries(site):
        if entry.kind != "response" or "Approved by the" not in entry.text:
            continue
        item = site.record.resolve(entry.key.split("/")[2], entry.reviews[0])
        response = item.response
        decision = site.record.decisions[response.approved_in.record]
        if response.date is None:
            found += 1
            assert entry.date is decision.date_of_decision
            assert "listed by the date of the decision that approved it" in entry.dating
    assert found


def test_entries_are_newest_first_and_linked_to_their_records(site_feed, built_site):
    stamps = [e.updated_parsed for e in site_feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    for entry in site_feed.entries:
        assert entry.link.startswith(("http://", "https://"))
        path = site_path(entry.link)
        assert (built_site / path / "index.html").is_file(), entry.link
        fragment = urlsplit(entry.link).fragment
        if fragment:
            assert f'id="{fragment}"' in (built_site / path / "index.html").read_text(encoding="utf-8"), entry.link


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


def test_dates_are_never_more_precise_than_the_sources_say(loaded):
    site = Site(loaded)
    for entry in feeds.entries(site):
        parsed = entry.date.parsed if entry.date else None
        if parsed is None:
            assert entry.dating.endswith("It is listed last."), entry.key
            continue
        first = parsed.earliest or parsed.latest
        assert entry.day == first
        if parsed.precision != "day":
            assert f"Precision: {parsed.precision}; the feed's timestamp is {first.day} {first:%B %Y}" in entry.dating
        assert entry.date.words().rstrip(".") in entry.dating, entry.key


def test_undated_records_say_what_they_are_listed_by():
    site = Build.prepare(SAMPLE, TEMPLATES).site
    entries = {e.key: e for e in feeds.entries(site)}
    resolution = entries["sample-review-2020/resolutions/1"]
    assert resolution.dating == "Resolved at the meeting “Fixture scrutiny committee: review of cases”: 4 May 2021."
    assert resolution.author == "Fixture scrutiny committee"
    commitment = entries["sample-review-2020/commitments/letters-by-september"]
    assert commitment.dating.startswith("Given at the meeting “Fixture scrutiny committee: review of cases”")
    approved = entries["sample-review-2020/recommendations/i/response"]
    assert approved.dating == ("The source does not date this response. It is listed by the date of the decision "
                               "that approved it: 26/05/2021.")
    by_source = entries["sample-review-2020/recommendations/iii/response"]
    assert by_source.dating.startswith("The source does not date this response. It is listed by the date of its "
                                       "source document, Sample report and responses: Not stated; between April and May 2020")
    assert "Precision: range" in by_source.dating
    last = entries["second-review-2021/recommendations/1/response"]
    assert (last.date, last.dating) == (None, "The source does not date this response. It is listed last.")
    assert list(entries)[-1] == last.key


def test_ids_do_not_depend_on_words_dates_or_address(loaded):
    def ids(tracker, site_url):
        site = Site(dataclasses.replace(loaded, tracker=tracker))
        root = ET.fromstring(feeds.atom(site, None, site_url))
        return [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]

    before = ids(loaded.tracker, "https://example.org/tracker/")
    edited = copy.deepcopy(loaded.tracker)
    for rec in edited.reviews[0].recommendations:
        if rec.response:
            rec.response.text = (rec.response.text or "") + " (corrected)"
            for action in rec.response.actions:
                for update in action.progress:
                    update.text = update.text.upper()
    edited.council.decisions[0].date_of_decision.as_written = "27/11/2020"
    edited.council.meetings[0].title += " (corrected)"
    after = ids(edited, "https://moved.example.net/")
    assert sorted(before) == sorted(after)
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in before)


@pytest.mark.parametrize("key, published", [
    (f"{REVIEW}/decisions/cabinet-2020-11-26", "urn:uuid:06be2896-ecc8-5dfd-afc1-b2bac4455cd4"),
    (f"{REVIEW}/recommendations/iv/response", "urn:uuid:d34e3f4e-eff7-5edc-a1e5-90a6c0927b9d"),
    (f"{REVIEW}/resolutions/1", "urn:uuid:2c93f118-c8f5-5e7e-b51d-2f9a8cc7b73c"),
])
def test_ids_already_published_stay(key, published, site_feed, loaded):
    """Entries of the kinds published before the council's records were kept apart keep their ids (a
    decision keeps its key under the first review it deals with)."""
    council = loaded.tracker.site.council
    assert feeds.entry_id(council, key) == published
    assert published in {e.id for e in site_feed.entries}
    decision = next(d for d in loaded.tracker.council.decisions if d.id == "cabinet-2020-11-26")
    assert feeds.decision_key(decision) == f"{REVIEW}/decisions/cabinet-2020-11-26"


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
    assert "../meetings/m1/" in links
    assert all("://" not in link for link in links)


def test_a_dated_update_is_listed_by_its_own_date():
    build = Build.prepare(FIXTURE, TEMPLATES, "https://example.org/t/")
    entries = feeds.entries(build.site)
    update = next(e for e in entries if e.kind == "progress" and e.reviews[0].id == "alpha")
    assert update.day == date(2021, 2, 1)
    assert update.dating == "Date of the update: 1 February 2021."
    days = [e.day for e in entries if e.day]
    assert days == sorted(days, reverse=True)


def test_the_site_feed_stays_small_and_its_archive_pages_hold_the_rest(built_site, site_feed):
    """A feed reader fetches the whole feed on every poll: it holds the newest entries only (RFC 5005)."""
    assert len(site_feed.entries) == feeds.SITE_FEED_SIZE
    listed = archived_entries(built_site, site_feed)
    assert len(listed) > feeds.SITE_FEED_SIZE  # the real record already has more than one page
    stamps = [e.updated_parsed for e in listed]
    assert stamps == sorted(stamps, reverse=True)
    first_archive = built_site / feeds.archive_path(1)
    root = ET.fromstring(first_archive.read_bytes())
    assert root.find("{http://purl.org/syndication/history/1.0}archive") is not None
    current = ET.fromstring((built_site / feeds.SITE_FEED).read_bytes())
    assert current.find("{http://purl.org/syndication/history/1.0}archive") is None


def test_archive_pages_are_counted_from_the_oldest_so_full_pages_never_change():
    site = Build.prepare(FIXTURE, TEMPLATES).site
    every = feeds.entries(site)
    size = 2
    files = feeds.site_feeds(site, "", size=size)
    first = ET.fromstring(files[feeds.archive_path(1)])
    ids = [e.findtext(f"{ATOM}id") for e in first.iter(f"{ATOM}entry")]
    oldest = [feeds.entry_id(site.tracker.site.council, e.key) for e in every[::-1][:size]]
    assert sorted(ids) == sorted(oldest)
    current = ET.fromstring(files[feeds.SITE_FEED])
    assert len(list(current.iter(f"{ATOM}entry"))) == size
    pages = [p for p in files if p.startswith("feeds/all/")]
    assert len(pages) == -(-(len(every) - size) // size)
