"""A build of the real data: every record has its page, with its words verbatim."""

from __future__ import annotations

import html
import re

import pytest

from tracker.text import blocks

REVIEW = "reviews/peer-on-peer-abuse-2019"


def page_text(site_dir, url: str) -> str:
    """A page's visible words: tags stripped, entities decoded, white space folded."""
    raw = (site_dir / url / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"</?(abbr|a|strong|em|span|time|code)\b[^>]*>", "", raw)  # inline: no break in the words
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def fold(text: str) -> str:
    return " ".join(text.split())


def pieces(text: str) -> list[str]:
    """Each paragraph or list item of a text field, as a reader sees it."""
    return [fold(item) for block in blocks(text) for item in block.items]


def test_build_is_strict_and_quiet(tmp_path):
    from conftest import mkdocs_build

    result = mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_every_recommendation_page_quotes_its_text_response_and_actions(built_site, loaded):
    review = loaded.tracker.reviews[0]
    assert [r.id for r in review.recommendations] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
    for rec in review.recommendations:
        text = page_text(built_site, f"{REVIEW}/recommendations/{rec.id}")
        for piece in pieces(rec.text):
            assert piece in text, (rec.id, piece)
        response = rec.response or next(r for r in review.recommendations if r.id == rec.shares_response_with).response
        for piece in pieces(response.text):
            assert piece in text, (rec.id, piece)
        for action in response.actions:
            for piece in pieces(action.description) + [fold(c) for c in action.success_criteria]:
                assert piece in text, (rec.id, piece)
            if action.owner:
                assert fold(action.owner) in text
            if action.due and action.due.as_written:
                assert fold(action.due.as_written) in text
            for update in action.progress:
                for piece in pieces(update.text):
                    assert piece in text, (rec.id, piece)


def test_every_resolution_has_a_page_with_its_words(built_site, loaded):
    review = loaded.tracker.reviews[0]
    assert len(review.resolutions) == 11
    for resolution in review.resolutions:
        text = page_text(built_site, f"{REVIEW}/resolutions/{resolution.id}")
        meeting = page_text(built_site, f"meetings/{resolution.meeting}")
        for piece in pieces(resolution.text):
            assert piece in text
            assert piece in meeting


def test_meeting_and_decision_pages(built_site, loaded):
    council = loaded.tracker.council
    meeting = next(m for m in council.meetings if m.minutes)
    text = page_text(built_site, f"meetings/{meeting.id}")
    for piece in pieces(meeting.minutes):
        assert piece in text
    assert "15 September" in text  # the minutes never give the date: it comes from the press statement
    decision = council.decisions[0]
    text = page_text(built_site, f"decisions/{decision.id}")
    for part in decision.parts:
        assert pieces(part.text)[0] in text
    for words in ("26/11/2020", "30/11/2020", "05/12/2020", "Recommendations Approved", "(All Wards);"):
        assert words in text
    # The addresses they had inside the review's folder still lead to them.
    old = (built_site / REVIEW / "meetings" / meeting.id / "index.html").read_text(encoding="utf-8")
    assert f'url=../../../../meetings/{meeting.id}/' in old


def test_recommendation_page_shows_badges_and_reason_in_words(built_site):
    text = page_text(built_site, f"{REVIEW}/recommendations/iv")
    assert "Response: Committee's own action" in text  # the visible label is not read out twice
    assert "Due March 2020 — no completion recorded" in text
    viii = page_text(built_site, f"{REVIEW}/recommendations/viii")
    assert "Response: Not agreed" in viii and "No action planned" in viii
    assert "The response sets out no actions." in viii


def test_shared_response_is_shown_once_per_recommendation_and_says_so(built_site):
    for rec in ("i", "ii", "iii"):
        text = page_text(built_site, f"{REVIEW}/recommendations/{rec}")
        assert "answer recommendations" in text and "Partially agreed" in text


def test_review_page_lists_every_recommendation_row(built_site):
    raw = (built_site / REVIEW / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-response="([^"]+)" data-progress="([^"]+)" data-owners="([^"]*)"', raw)
    assert len(rows) == 12
    assert ("not-agreed", "no-action", "") in rows
    # Owners are filtered by their record, so the two spellings of one post are one choice.
    by_owner = [owners for _, _, owners in rows]
    assert by_owner.count("director-for-children-and-families") == 2
    for heading in ("Recommendation", "Response", "Progress", "Owner", "Due"):
        assert f'<th scope="col">{heading}</th>' in raw
    text = page_text(built_site, REVIEW)
    assert "Committee resolutions" in text and "Commitments given at meetings" in text
    assert "Meetings and decisions on this review" in text


def test_review_page_shows_the_response_clock(built_site):
    text = page_text(built_site, REVIEW)
    assert ("Review held December 2019. The date the executive received the report is not recorded, so the clock "
            "is counted from the review.") in text
    assert ("Response due between 1 and 29 February 2020. Worked out: two months after the date of "
            "the review") in text
    assert "Response given between February and March 2020 (no document states this date: it is worked out from them)." in text
    assert "This is the date of the document that records the response" in text
    assert ("Whether the response came within two months cannot be told from the dates: the response is dated "
            "only between February and March 2020, and it was due between 1 and 29 February 2020.") in text


def test_home_page_says_how_recent_the_latest_information_is(built_site, loaded):
    from tracker.pages import Site

    site = Site(loaded)
    text = page_text(built_site, "")
    assert site.latest.words() == "30 November 2020"
    assert (f"The latest information in this record is from {site.latest.words()} ({site.latest.what})."
            in text)
    assert ("Nothing newer has been recorded for "
            f"{site.stale_words(site.latest).split('for ', 1)[1]}") in text
    assert "longer than the update cycle of six months." in text
    assert f"Statuses on this site are worked out as at {site.as_at_words}" in text
    raw = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{REVIEW}/?progress=past-due#recommendations"' in raw


def test_owner_page_groups_both_spellings_of_the_director(built_site):
    text = page_text(built_site, "owners/director-for-children-and-families")
    assert "“Director for children and families” “Director of children and families”" in text
    # Each row names the item, how it stands, then the spelling its source uses.
    assert re.search("Recommendation v: Herefordshire Council review of historic cases [^“]*“Director of children and "
                     "families”", text)
    assert re.search("Recommendation xii: Council policies [^“]*“Director for children and families”", text)
    raw = (built_site / "owners/director-for-children-and-families/index.html").read_text(encoding="utf-8")
    assert f'href="../../{REVIEW}/recommendations/v/"' in raw and f'href="../../{REVIEW}/recommendations/xii/"' in raw
    owners = page_text(built_site, "owners")
    assert "Director for children and families “Director for children and families” “Director of children and families” 2" in owners


def test_committee_pages_list_what_each_committee_did(built_site):
    scrutiny = page_text(built_site, "committees/children-and-young-people-scrutiny")
    assert "Peer on peer abuse in schools spotlight review" in scrutiny
    assert "Children and young people scrutiny committee: review of peer on peer abuse cases" in scrutiny
    cabinet = page_text(built_site, "committees/cabinet")
    assert "Review of peer on peer abuse cases" in cabinet and "its decisions can be called in" in cabinet


def test_sources_page_links_each_public_document_or_says_there_is_none(built_site, loaded):
    text = page_text(built_site, "sources")
    raw = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    for source in loaded.tracker.council.sources:
        assert f'id="{source.id}"' in raw
        if source.url:
            assert f'href="{html.escape(source.url)}"' in raw
        if source.quote:
            assert fold(source.quote) in text
    assert "No public web address is recorded for this document." in text


def test_timeline_spans_the_record_with_its_landmarks(built_site):
    text = page_text(built_site, "timeline")
    assert "December 2019" in text and "26 November 2020" in text  # the timeline uses the site's one style
    assert text.count("Key event") >= 2
    # A date the source words loosely is shown in its words, with how it was read.
    assert "November 2019" in text
    years = re.findall(r"\b(20\d\d)\b", text)
    assert min(years) == "2017" and "2021" in years


def test_every_timeline_entry_has_a_machine_readable_date(built_site, loaded):
    from tracker.pages import Site

    raw = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li class="tk-entry[^"]*">(.*?)</li>', raw, re.S)
    timeline = Site(loaded).timeline
    assert len(entries) == len(timeline) > 30
    for entry, item in zip(entries, timeline):
        found = re.findall(r'<time datetime="([^"]+)"', entry)
        assert found == item.date.parsed.datetimes(), (item.title, found)


# The search index (text, owner and status of each record) is tested in tests/test_search_index.py.


def test_the_page_for_a_missing_address_offers_the_ways_in(built_site):
    """Shown at any address, so its links start from the site's top (never '//reviews/', another host)."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "This page is not on the site" in html and "404 - Not found" not in html
    body = html[html.index("This page is not on the site"):]
    links = re.findall(r'<li><a href="([^"]+)"', body)
    assert links == ["/reviews/", "/overdue/", "/sources/", "/"], links
    for link in links:
        assert (built_site / link.lstrip("/") / "index.html").is_file(), link
