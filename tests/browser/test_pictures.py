"""The pictures as people see them: a count under a review's bars opens its table filtered (and without
JavaScript still lands on the table); the time line is drawn once at each width, fits the page, and never
covers its words."""

from __future__ import annotations

import pytest

from .browser_harness import REVIEW, open_page

pytestmark = pytest.mark.browser

ROWS = "table[data-tk-filterable] tbody tr"


def visible_rows(page) -> int:
    rows = page.locator(ROWS)
    return sum(1 for i in range(rows.count()) if rows.nth(i).is_visible())


def test_a_count_under_the_review_bars_filters_the_table(context, base_url):
    page = context.new_page()
    open_page(page, base_url + REVIEW)
    link = page.locator('.tk-pic-standings a[href="./?progress=past-due#recommendations"]')
    count = int(link.inner_text().split()[0])
    link.click()
    page.wait_for_load_state("load")
    assert page.locator("#tk-filter-progress").input_value() == "past-due"
    assert visible_rows(page) == count == 9
    assert page.locator(".tk-filter-count").inner_text() == "Showing 9 of 12 recommendations."


def test_without_javascript_a_count_still_lands_on_the_whole_table(new_context, base_url):
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, base_url + REVIEW)
    page.locator('.tk-pic-standings a[href="./?response=agreed#recommendations"]').click()
    page.wait_for_load_state("load")
    assert page.url.endswith("?response=agreed#recommendations")
    assert visible_rows(page) == 12
    assert page.locator("#recommendations").evaluate("h => h.getBoundingClientRect().top") < 100


@pytest.mark.parametrize("width,shown", [(390, "narrow"), (1024, "wide"), (1280, "wide")])
def test_the_time_line_is_drawn_once_fits_and_keeps_its_words_apart(new_context, base_url, width, shown):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    for path in ("timeline/", REVIEW):
        open_page(page, base_url + path)
        figure = page.locator(".tk-pic-figure").first
        drawings = figure.locator("svg.tk-pic-time")
        visible = [drawings.nth(i).get_attribute("class") for i in range(drawings.count()) if drawings.nth(i).is_visible()]
        assert len(visible) == 1 and f"tk-pic-{shown}" in visible[0], (path, width, visible)
        svg = figure.locator(f"svg.tk-pic-{shown}")
        box = svg.bounding_box()
        content = page.locator("article.md-content__inner").bounding_box()
        assert box["x"] >= content["x"] - 1 and box["x"] + box["width"] <= content["x"] + content["width"] + 1
        # Every label and key word lies inside the drawing, and no two overlap.
        boxes = svg.evaluate("""s => [...s.querySelectorAll('text')].map(t => {
            const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; })""")
        for text, left, top, right, bottom in boxes:
            assert box["x"] - 1 <= left and right <= box["x"] + box["width"] + 1, (path, width, text)
        for i, (a, l1, t1, r1, b1) in enumerate(boxes):
            for b, l2, t2, r2, b2 in boxes[i + 1:]:
                assert r1 <= l2 + 0.5 or r2 <= l1 + 0.5 or b1 <= t2 + 0.5 or b2 <= t1 + 0.5, (path, width, a, b)
        # The words are big enough to read: at least 10 CSS pixels high.
        assert min(bottom - top for _, _, top, _, bottom in boxes) >= 10
