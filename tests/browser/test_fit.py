"""Every page type fits every screen: at 320 and 390 px (phones) and at 1024, 1280 and 1440 px (laptops and
desktops) nothing is wider than the window, no table is wider than its box (so no column hides behind a
sideways scroll), nothing is cut off by a box that hides its overflow, and no word is broken across two lines
in the middle. Tables become labelled cards on a phone; that is checked for the review's table."""

from __future__ import annotations

import pytest

from .browser_harness import OWNER, RECOMMENDATION, REVIEW, open_page

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1024, 1280, 1440)

# One page of each type the site has (tests/browser/test_keyboard.py uses the same list).
PAGE_TYPES = {
    "home": "",
    "reviews": "reviews/",
    "review": REVIEW,
    "recommendation": RECOMMENDATION,
    "resolution": REVIEW + "resolutions/1/",
    "commitment": REVIEW + "commitments/inspection-of-policies/",
    "meeting": "meetings/cyp-scrutiny-review-of-cases/",
    "decision": "decisions/cabinet-2020-11-26/",
    "event": REVIEW + "events/report-delayed-2020/",
    "owners": "owners/",
    "owner": OWNER,
    "committees": "committees/",
    "committee": "committees/children-and-young-people-scrutiny/",
    "overdue": "overdue/",
    "changes": "changes/",
    "timeline": "timeline/",
    "timeline year": "timeline/2020/",
    "how to read": "how-to-read/",
    "glossary": "glossary/",
    "sources": "sources/",
    "downloads": "downloads/",
    "data dictionary": "data-dictionary/",
    "accessibility": "accessibility/",
    "privacy": "privacy/",
    "report": "report/",
    "404": "404.html",
}

# Run in the page: what does not fit. Parts of the page that are not on the screen (the menu drawer, slid
# off to the side on a phone; the search box's closed results; visually hidden labels for screen readers)
# are left out: nobody sees them.
MISFITS = """() => {
  const vw = document.documentElement.clientWidth;
  const found = {wider: [], tables: [], clipped: [], spilling: [], broken: []};
  const unseen = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden") return true;
      if (s.position === "absolute" && s.clip !== "auto" && s.clip !== "") return true;
      const r = e.getBoundingClientRect();
      if (r.right <= 0 || r.left >= vw) return true;
      if ((r.width <= 1 || r.height <= 1) && s.overflow !== "visible") return true;  // a closed box
      if (s.opacity === "0") return true;
    }
    return false;
  };
  const name = el => (el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
    ? "." + el.className.trim().split(/\\s+/).join(".") : "")) + " “" + el.textContent.trim().slice(0, 40) + "”";
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > vw + 1 || r.left < -1) && !unseen(el)) found.wider.push(name(el));
    const s = getComputedStyle(el);
    if (["hidden", "clip"].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && !unseen(el))
      found.clipped.push(name(el));
  }
  for (const table of document.querySelectorAll("article table")) {
    let box = table.parentElement;
    while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    if (box && box.scrollWidth > box.clientWidth + 1) found.tables.push(name(table.querySelector("caption") || table));
  }
  // A badge whose words stick out of it, or out of its cell into the next column.
  for (const badge of document.querySelectorAll("article td .tk-badge, article th .tk-badge")) {
    const cell = badge.closest("td, th").getBoundingClientRect();
    if (badge.scrollWidth > badge.clientWidth + 1 || badge.getBoundingClientRect().right > cell.right + 1)
      found.spilling.push(name(badge));
  }
  // A word is the run of letters between spaces, dashes, and the "/ ? @ . & =" an address may wrap after.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, svg, noscript") || unseen(parent)) continue;
    const word = /[^\\s\\-\\u2010\\u2013\\u2014\\/?@.&=]+/g;
    for (let m = word.exec(node.data); m; m = word.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) found.broken.push(m[0] + " in " + name(parent));
    }
  }
  return found;
}"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_fits_every_screen(new_context, base_url, path):
    page = new_context(viewport={"width": WIDTHS[0], "height": 900}).new_page()
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        open_page(page, base_url + path)
        found = page.evaluate(MISFITS)
        problems += [f"{width}px: {what}: {', '.join(items[:5])}" for what, items in found.items() if items]
    assert problems == [], f"/{path} does not fit:\n" + "\n".join(problems)


def test_on_a_phone_each_row_of_the_review_table_is_a_labelled_card(new_context, base_url):
    page = new_context(viewport={"width": 390, "height": 900}).new_page()
    open_page(page, base_url + REVIEW)
    table = page.locator("table[data-tk-filterable]").first
    assert table.locator("thead").bounding_box()["width"] <= 1
    first = table.locator("tbody tr").first
    assert first.locator('td[data-label="Owner"]').evaluate(
        "e => getComputedStyle(e, '::before').content") == '"Owner: "'
    # A card is as wide as the column: the row is a block, not a squeezed table row.
    assert first.evaluate("e => getComputedStyle(e).display") == "block"


def test_at_desktop_widths_every_column_of_the_review_table_is_on_screen(new_context, base_url):
    for width in (1024, 1280, 1440):
        page = new_context(viewport={"width": width, "height": 900}).new_page()
        open_page(page, base_url + REVIEW)
        header = page.locator("table[data-tk-filterable] thead th")
        assert header.count() >= 4
        last = header.last.bounding_box()
        assert last["width"] > 40 and last["x"] + last["width"] <= width, f"last column off screen at {width}px"
