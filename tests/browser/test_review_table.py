"""The review's tables as people use them: filtered by owner (every spelling of one post is one choice),
and linked from the home page's counts. That they fit every screen, on every page type, is
tests/browser/test_fit.py."""

from __future__ import annotations

import pytest

from .browser_harness import MOVED_MEETING, REVIEW, open_page

pytestmark = pytest.mark.browser

ROWS = "table[data-tk-filterable] tbody tr"


def shown_numbers(page) -> list[str]:
    rows = page.locator(ROWS)
    return [rows.nth(i).locator(".tk-rec-number").inner_text().strip()
            for i in range(rows.count()) if rows.nth(i).is_visible()]


def test_owner_filter_has_one_choice_per_owner_record(context, base_url):
    page = context.new_page()
    open_page(page, base_url + REVIEW)
    options = page.locator("#tk-filter-owner option").all_inner_texts()
    directors = [o for o in options if o.startswith("Director")]
    assert directors == ["Director for children and families"], options
    page.select_option("#tk-filter-owner", "director-for-children-and-families")
    # Recommendation v spells the post "Director of ...", xii "Director for ...": both are shown.
    assert shown_numbers(page) == ["v", "xii"]
    assert "owner=director-for-children-and-families" in page.url
    assert page.locator(".tk-filter-count").inner_text() == "Showing 2 of 12 recommendations."


def test_home_page_counts_open_the_review_table_filtered(context, base_url):
    page = context.new_page()
    open_page(page, base_url)
    page.locator('a[href$="?progress=past-due#recommendations"]').first.click()
    page.wait_for_load_state("load")
    assert page.locator("#tk-filter-progress").input_value() == "past-due"
    numbers = shown_numbers(page)
    assert numbers and "v" not in numbers and "viii" not in numbers
    assert page.locator(".tk-filter-count").inner_text() == f"Showing {len(numbers)} of 12 recommendations."


def test_an_old_meeting_address_leads_to_the_meeting(context, base_url):
    page = context.new_page()
    page.goto(base_url + MOVED_MEETING)
    page.wait_for_url("**/meetings/cyp-scrutiny-review-of-cases/")
    assert "review of peer on peer abuse cases" in page.locator("h1").inner_text().lower()
