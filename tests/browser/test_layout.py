"""On a small phone (320 CSS pixels wide: WCAG 1.4.10 Reflow) no page scrolls sideways."""

from __future__ import annotations

import pytest

from .browser_harness import open_page

pytestmark = pytest.mark.browser

WIDTH = 320

MEASURE = """(width) => {
  const describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
      + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  const path = e => { const parts = []; for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) parts.unshift(describe(n)); return parts.join(" > "); };
  // Elements that reach past the right edge of the screen, leaving out those that
  // cannot widen the page: fixed-position ones, and those inside a box that
  // scrolls or clips sideways and itself fits.
  const harmless = e => {
    for (let n = e; n && n !== document.documentElement; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.position === "fixed") return true;
      if (n !== e && s.overflowX !== "visible" && n.getBoundingClientRect().right <= width + 0.5) return true;
    }
    return false;
  };
  const over = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.right > width + 0.5 && r.width > 0 && !harmless(e)) over.push({el: e, right: Math.round(r.right)});
  }
  // Report the outermost offenders: those whose parent does not overflow too.
  const set = new Set(over.map(o => o.el));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    offenders: over.filter(o => !set.has(o.el.parentElement)).slice(0, 5)
      .map(o => `${path(o.el)} (right edge at ${o.right}px)`),
  };
}"""


def test_no_page_scrolls_sideways_at_320_pixels(new_context, base_url, pages):
    context = new_context(viewport={"width": WIDTH, "height": 640}, is_mobile=True, has_touch=True,
                          device_scale_factor=2)
    page = context.new_page()
    too_wide = []
    for path in pages:
        open_page(page, base_url + path)
        measured = page.evaluate(MEASURE, WIDTH)
        if measured["scrollWidth"] > WIDTH:
            too_wide.append(f"{path or '/'}: scrollWidth {measured['scrollWidth']}px; too wide: "
                            + "; ".join(measured["offenders"]))
    assert not too_wide, f"{len(too_wide)} pages are wider than a {WIDTH}px phone screen:\n" + "\n".join(too_wide)
