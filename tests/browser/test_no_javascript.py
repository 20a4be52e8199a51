"""Without JavaScript the record is all there: the review's table shows every recommendation."""

from __future__ import annotations

import pytest

from .browser_harness import REVIEW, open_page

pytestmark = pytest.mark.browser

ROWS = "table[data-tk-filterable] tbody tr"
NUMERALS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def test_review_table_shows_all_twelve_recommendations_without_javascript(new_context, base_url):
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, base_url + REVIEW)
    # Proof that the page's scripts did not run: Material's bundle removes "no-js".
    assert "no-js" in (page.locator("html").get_attribute("class") or "").split(), "JavaScript ran"

    rows = page.locator(ROWS)
    assert rows.count() == 12, f"{REVIEW} without JavaScript: {rows.count()} rows in {ROWS}, expected 12"
    hidden = [NUMERALS[i] for i in range(12) if not rows.nth(i).is_visible()]
    assert not hidden, f"{REVIEW} without JavaScript: rows {hidden} are in the table but not shown"
    numbers = [rows.nth(i).locator(".tk-rec-number").inner_text().strip() for i in range(12)]
    assert numbers == NUMERALS, f"{REVIEW} without JavaScript: the rows are numbered {numbers}"
    # The filters are made by tracker.js; without it none should half-appear.
    assert page.locator("form.tk-filters").count() == 0, "filter controls show though they cannot work"
