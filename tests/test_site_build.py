"""A build of the real data: every record has its page, with its words verbatim."""

from __future__ import annotations

import html
import json
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
    meeting = page_text(built_site, f"{REVIEW}/meetings/{review.meetings[0].id}")
    for resolution in review.resolutions:
        text = page_text(built_site, f"{REVIEW}/resolutions/{resolution.id}")
        for piece in pieces(resolution.text):
            assert piece in text
            assert piece in meeting


def test_meeting_and_decision_pages(built_site, loaded):
    review = loaded.tracker.reviews[0]
    meeting = review.meetings[0]
    text = page_text(built_site, f"{REVIEW}/meetings/{meeting.id}")
    for piece in pieces(meeting.minutes):
        assert piece in text
    assert "Not stated" in text and "(inferred)" in text  # the minutes never give the date
    decision = review.decisions[0]
    text = page_text(built_site, f"{REVIEW}/decisions/{decision.id}")
    for part in decision.parts:
        assert f"{part.label} {pieces(part.text)[0]}" in text
    for words in ("26/11/2020", "30/11/2020", "05/12/2020", "Recommendations Approved", "(All Wards);"):
        assert words in text


def test_recommendation_page_shows_badges_and_reason_in_words(built_site):
    text = page_text(built_site, f"{REVIEW}/recommendations/iv")
    assert "Response: Committee's own action" in text  # the visible label is not read out twice
    assert "Due end of March 2020 — no completion recorded" in text
    viii = page_text(built_site, f"{REVIEW}/recommendations/viii")
    assert "Response: Not agreed" in viii and "No action planned" in viii
    assert "The response sets out no actions." in viii


def test_shared_response_is_shown_once_per_recommendation_and_says_so(built_site):
    for rec in ("i", "ii", "iii"):
        text = page_text(built_site, f"{REVIEW}/recommendations/{rec}")
        assert "answer recommendations" in text and "Partially agreed" in text


def test_review_page_lists_every_recommendation_row(built_site):
    raw = (built_site / REVIEW / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-response="([^"]+)" data-progress="([^"]+)"', raw)
    assert len(rows) == 12
    assert ("not-agreed", "no-action") in rows


def test_timeline_spans_the_record_with_its_landmarks(built_site):
    text = page_text(built_site, "timeline")
    assert "December 2019" in text and "26/11/2020" in text
    assert text.count("Landmark") >= 2
    # A date the source words loosely is shown in its words, with how it was read.
    assert "November (read as November 2019)" in text
    years = re.findall(r"\b(20\d\d)\b", text)
    assert min(years) == "2017" and "2021" in years


def test_search_index_finds_text_owner_and_status(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    def locations(word):
        return {d["location"].split("#")[0] for d in index["docs"] if word.lower() in (d["title"] + " " + d["text"]).lower()}
    assert any("/recommendations/iv/" in url for url in locations("Democratic Services"))
    assert any("/recommendations/xii/" in url for url in locations("contextual safeguarding"))
    assert any("/recommendations/viii/" in url for url in locations("Not agreed"))
