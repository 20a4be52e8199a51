"""The tracker report page: readable at phone, tablet and desktop widths, and printed on its own on landscape A4."""

from __future__ import annotations

import re

import pytest

from .browser_harness import open_page

pytestmark = pytest.mark.browser

REPORT = "report/"

# Parts of the report that reach past the right edge, leaving out those inside a box that scrolls sideways.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = e => { for (let n = e.parentElement; n; n = n.parentElement) {
    if (getComputedStyle(n).overflowX !== "visible" && n.getBoundingClientRect().right <= width + 0.5) return true; }
    return false; };
  return [...document.querySelectorAll(".tk-report, .tk-report *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !inScroller(e))
    .map(e => e.tagName + "." + e.className).slice(0, 5);
}"""

# Cells too narrow for their longest word: the word would be broken in the middle, or spill out of the cell.
BROKEN = r"""() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const found = [];
  for (const cell of document.querySelectorAll(".tk-report-table tbody th, .tk-report-table tbody td")) {
    for (const part of cell.querySelectorAll("*, :scope")) {
      const own = [...part.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(" ");
      const words = own.split(/\s+/).filter(Boolean);
      if (!words.length) continue;
      const style = getComputedStyle(part);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = words.reduce((a, b) => canvas.measureText(a).width >= canvas.measureText(b).width ? a : b);
      const cs = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (canvas.measureText(longest).width > room + 1) found.push(longest);
    }
  }
  return found.slice(0, 5);
}"""

# Table boxes that scroll sideways: part of a table would be hidden until scrolled to.
SCROLLING = """() => [...document.querySelectorAll(".tk-report .tk-table-wrap")]
  .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.getAttribute("aria-labelledby"))"""


@pytest.mark.parametrize("width", [390, 768, 1024, 1280, 1440])
def test_report_fits_the_screen(new_context, base_url, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    open_page(page, base_url + REPORT)
    assert page.locator("h1").inner_text() == "Recommendations tracker report: All reviews"
    headings = page.locator(".tk-report h2").all_inner_texts()
    assert headings[:5] == ["Summary", "Outstanding and overdue items", "Asked for action, with no follow-up recorded",
                            "The committee’s assessments", "Deadlines that moved"]
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(BROKEN) == []
    assert page.evaluate(SCROLLING) == []
    first = page.locator(".tk-report-table").first.locator("tbody tr").first
    assert "Past due" in first.inner_text()


def test_report_prints_on_its_own_in_landscape(new_context, base_url):
    page = new_context(viewport={"width": 1123, "height": 794}).new_page()
    open_page(page, base_url + REPORT)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => [".md-header", ".md-sidebar--primary", ".md-footer", ".tk-report-about"]
      .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== "none").length""")
    assert hidden == 0, "the site's menus and the screen-only note are not printed"
    assert page.evaluate("getComputedStyle(document.querySelector('.tk-report-table thead')).display") == \
        "table-header-group"
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = {tuple(round(float(n)) for n in box.split()) for box in
             re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf) for box in [box.decode()]}
    assert sizes == {(0, 0, 842, 595)}, f"every page A4 landscape, found {sizes}"


def test_other_pages_keep_portrait(new_context, base_url):
    page = new_context().new_page()
    open_page(page, base_url + "owners/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = {tuple(round(float(n)) for n in box.decode().split()) for box in re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf)}
    assert all(height > width for _, _, width, height in boxes), boxes
