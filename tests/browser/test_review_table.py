"""The review's tables as people use them: filtered by owner (every spelling of one post is one choice),
linked from the home page's counts, and readable at phone, laptop and desktop widths: no sideways
scrolling, and no word broken in the middle."""

from __future__ import annotations

import pytest

from .browser_harness import MOVED_MEETING, OWNER, REVIEW, open_page

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


BROKEN_WORDS = """() => {
  // Words in list tables that a line break splits in two (a break after a hyphen is allowed).
  const broken = [];
  for (const cell of document.querySelectorAll("table.tk-cards th, table.tk-cards td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s-]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

TOO_WIDE = """() => [...document.querySelectorAll(".tk-table-wrap")]
  .filter(w => w.scrollWidth > w.clientWidth + 1)
  .map(w => (w.querySelector("caption") || w).textContent.trim().slice(0, 60))"""


SPILLS = """() => [...document.querySelectorAll("table.tk-cards .tk-badge")]
  .filter(b => b.scrollWidth > b.clientWidth + 1
               || b.getBoundingClientRect().right > b.closest("td, th").getBoundingClientRect().right + 1)
  .map(b => b.textContent.trim())"""
"""Badges whose words stick out of the badge, or out of their cell into the next column."""


@pytest.mark.parametrize("width", [390, 1024, 1280, 1440])
@pytest.mark.parametrize("path", [REVIEW, "owners/", OWNER, ""])
def test_list_tables_fit_without_scrolling_or_broken_words(new_context, base_url, width, path):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    open_page(page, base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"/{path} scrolls sideways at {width}px"
    assert page.evaluate(TOO_WIDE) == [], f"/{path}: a table scrolls sideways at {width}px"
    assert page.evaluate(BROKEN_WORDS) == [], f"/{path}: words broken mid-word at {width}px"
    assert page.evaluate(SPILLS) == [], f"/{path}: a badge's words spill out of it at {width}px"
    if width == 390 and path == REVIEW:
        # On a phone each row is a card, each value labelled.
        header = page.locator("table[data-tk-filterable] thead")
        assert header.bounding_box()["width"] <= 1
        assert page.locator(ROWS).first.locator('td[data-label="Owner"]').evaluate(
            "e => getComputedStyle(e, '::before').content") == '"Owner: "'
