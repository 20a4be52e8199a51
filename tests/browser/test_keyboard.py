"""The site with a keyboard and a screen reader: the skip link lands on the page's title; each table row has
one link (its title); every tab stop is something on screen with a focus ring of at least 2px; the
breadcrumb's separators and the tables' column names are not read out twice; and what a screen reader hears
on a recommendation page (Playwright's aria snapshot) starts with the title and how the recommendation stands."""

from __future__ import annotations

import re

import pytest

from .browser_harness import RECOMMENDATION, REVIEW, open_page
from .test_fit import PAGE_TYPES

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const ring = s.outlineStyle !== "none" ? parseFloat(s.outlineWidth) : 0;
  return {
    what: e.tagName.toLowerCase() + " “" + (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().slice(0, 50) + "”",
    key: e.tagName + (e.getAttribute("href") || "") + (e.id || "") + (e.className || "") + (e.innerText || "").slice(0, 30),
    body: e === document.body,
    seen: e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width > 0 && r.height > 0
          && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    ring,
  };
}"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_the_skip_link_lands_on_the_page_title(context, base_url, path):
    page = context.new_page()
    open_page(page, base_url + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    target = page.evaluate("document.getElementById(decodeURIComponent(location.hash.slice(1)))?.tagName")
    assert target == "H1", f"/{path}: the skip link goes to {target}, not the page's title"
    # The next Tab goes on from the title: not back to the menus before it, nor to something unseen.
    page.keyboard.press("Tab")
    assert page.evaluate("""() => {
      const h1 = document.querySelector("h1");
      return !!(h1.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)
    }"""), f"/{path}: Tab after the skip link does not go on from the title"
    assert page.evaluate(FOCUSED)["seen"], f"/{path}: Tab after the skip link goes to something unseen"


ROW_LINKS = """() => [...document.querySelectorAll("article tbody tr")].flatMap(row => {
  const pages = [...row.querySelectorAll("a[href]")].map(a => a.href.split("#")[0]);
  const twice = pages.filter((p, i) => pages.indexOf(p) !== i);
  return twice.length ? [row.textContent.trim().replace(/\\s+/g, " ").slice(0, 60) + " → " + twice[0]] : [];
})"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_each_table_row_links_to_a_page_once(context, base_url, path):
    page = context.new_page()
    open_page(page, base_url + path)
    assert page.evaluate(ROW_LINKS) == [], f"/{path}: a table row has two links to the same page"


READ_TWICE = """() => [...document.querySelectorAll("article td, article th[scope=row]")].flatMap(cell => {
  const row = cell.closest("table").querySelector("thead tr");
  const header = row && row.children[[...cell.parentElement.children].indexOf(cell)];
  if (!header) return [];
  const heading = header.textContent.trim().toLowerCase();
  return [...cell.querySelectorAll(".tk-visually-hidden")]
    .map(h => h.textContent.trim())
    .filter(t => t.endsWith(":") && t.slice(0, -1).toLowerCase() === heading);
})"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_a_cell_does_not_repeat_its_column_heading(context, base_url, path):
    page = context.new_page()
    open_page(page, base_url + path)
    assert page.evaluate(READ_TWICE) == [], f"/{path}: a hidden label repeats the column's heading"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", [RECOMMENDATION, REVIEW, "owners/"])
def test_every_tab_stop_is_on_screen_with_a_visible_focus_ring(new_context, base_url, path, width):
    # bypass_csp: the site's policy (rightly) refuses the test's own style sheet below.
    page = new_context(viewport={"width": width, "height": 900}, bypass_csp=True).new_page()
    open_page(page, base_url + path)
    # Each stop is judged as it ends up, not halfway through Material's slide-in of the skip link.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    stops, first = [], None
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["body"] or focused["key"] == first:
            break  # round to the start again
        first = first or focused["key"]
        stops.append(focused)
    assert len(stops) > 10
    hidden = [s["what"] for s in stops if not s["seen"]]
    ringless = [s["what"] for s in stops if s["ring"] < 2]
    assert hidden == [], f"/{path} at {width}px: tab stops nobody can see"
    assert ringless == [], f"/{path} at {width}px: tab stops without a focus ring of 2px or more"


def test_breadcrumb_separators_are_not_read_out(context, base_url):
    page = context.new_page()
    open_page(page, base_url + RECOMMENDATION)
    crumbs = page.locator('nav[aria-label="Breadcrumb"]')
    assert crumbs.is_visible() and "›" in crumbs.evaluate(
        "n => getComputedStyle(n.querySelectorAll('li')[1], '::before').content")
    heard = crumbs.aria_snapshot()
    assert "›" not in heard, heard
    assert 'link "Reviews"' in heard and "Recommendation i" in heard


def test_what_a_screen_reader_hears_first_on_a_recommendation_page(context, base_url):
    page = context.new_page()
    open_page(page, base_url + RECOMMENDATION)
    heard = page.locator("article").first.aria_snapshot()
    lines = [line.strip() for line in heard.splitlines()]
    title = next(i for i, line in enumerate(lines) if "[level=1]" in line)
    assert lines[title] == "- 'heading \"Recommendation i: School Policies\" [level=1]'"
    # Straight after the title: the response and the progress, each said once with its label.
    after = "\n".join(lines[title + 1:title + 9])
    assert re.search(r'text: "Response:"\n- strong: Partially agreed', after), after
    assert re.search(r'text: "Progress recorded:"\n- strong: Past due', after), after
    assert after.count("Response:") == 1 and after.count("Progress recorded:") == 1
    # The page's sections, in reading order.
    headings = re.findall(r'heading "([^"]+)" \[level=2\]', heard)
    assert [h.lower() for h in headings[:3]] == ["what the review recommended", "executive response", "actions"], headings
    assert 'region "Action 1"' in heard
    for term in ("Owner", "Due", "Success criteria", "Progress", "Status"):
        assert f"- term: {term}" in heard
