"""The views in a real browser: "what has changed since" a date, shared by its address, and every entry
without JavaScript; the overdue list's columns all visible at desktop widths, with no word broken."""

from __future__ import annotations

import pytest

from .browser_harness import open_page

pytestmark = pytest.mark.browser

ENTRIES = ".tk-changes-list > li"

VISIBLE = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter(e => e.offsetParent !== null).map(e => e.getAttribute("data-last"))"""


def test_since_in_the_address_hides_only_older_changes(new_context, base_url):
    page = new_context().new_page()
    open_page(page, base_url + "changes/?since=2020-09-01")
    page.wait_for_function("document.querySelector('.tk-since-count') && !document.querySelector('.tk-since-count').hidden")
    total = page.locator(ENTRIES).count()
    shown = page.evaluate(VISIBLE, ENTRIES)
    assert shown and len(shown) < total, f"{len(shown)} of {total} entries shown since 1 September 2020"
    assert all(last >= "2020-09-01" for last in shown), shown
    assert page.locator("#tk-since-date").input_value() == "2020-09-01"
    status = page.locator(".tk-since-count").inner_text()
    assert status == (f"Changes since 1 September 2020: {len(shown)} of the {total} listed on this page. "
                      "“Download this list” still gives every change, not only these.")
    # Older months and years are hidden with their entries: no empty headings.
    assert not page.locator("#month-2019-12").is_visible() and not page.locator("#year-2019").is_visible()
    # ... and the contents sidebar and "Jump to a year" no longer offer them.
    assert not page.locator('.tk-years a[href$="#year-2019"]').is_visible()
    assert page.locator('.tk-years a[href$="#year-2020"]').is_visible()
    toc = page.locator('.md-nav--secondary a[href="#month-2019-12"]')
    assert toc.count() == 0 or not toc.first.is_visible()
    assert page.locator(".tk-since-note").count() == 0 or not page.locator(".tk-since-note").is_visible()

    # Choosing another day updates the list and the address, so it can be shared.
    page.fill("#tk-since-date", "2020-11-01")
    page.click("form.tk-since button")
    later = page.evaluate(VISIBLE, ENTRIES)
    assert later and all(last >= "2020-11-01" for last in later) and len(later) < len(shown)
    assert page.url.endswith("changes/?since=2020-11-01")


def test_without_javascript_every_change_shows(new_context, base_url):
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, base_url + "changes/?since=2020-09-01")
    total = page.locator(ENTRIES).count()
    assert total > 20
    hidden = [i for i in range(total) if not page.locator(ENTRIES).nth(i).is_visible()]
    assert not hidden, f"{len(hidden)} entries hidden without JavaScript"
    assert page.locator('.tk-years a[href$="#year-2019"]').count() == 1  # per-year anchors
    # The reader is told the date filter is not working, rather than finding it silently ignored.
    assert "Choosing a date needs JavaScript" in page.locator(".tk-since-note").inner_text()


@pytest.mark.parametrize("width", [1024, 1280, 1440])
@pytest.mark.parametrize("path", ["overdue/", "owners/assistant-director-education-development-and-skills/",
                                  "committees/children-and-young-people-scrutiny/"])
def test_view_tables_fit_with_no_word_broken(new_context, base_url, width, path):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    open_page(page, base_url + path)
    found = page.evaluate("""() => {
      const clipped = [], broken = [];
      for (const wrap of document.querySelectorAll('.tk-table-wrap')) {
        if (wrap.scrollWidth > wrap.clientWidth + 1) clipped.push(wrap.querySelector('caption').textContent);
      }
      // A word broken across lines shows as a text node whose line boxes split inside a word.
      for (const table of document.querySelectorAll('.tk-view-table')) {
      const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        for (const match of text.matchAll(/[A-Za-z]{4,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
          if (range.getClientRects().length > 1) broken.push(match[0]);
        }
      }
      }
      return {clipped, broken};
    }""")
    assert found == {"clipped": [], "broken": []}, f"{path} at {width} px: {found}"
