"""Accessibility as a person using assistive technology or a keyboard meets it:
axe-core's WCAG 2.2 AA rules on every page, and keyboard focus that can be seen."""

from __future__ import annotations

import pytest

from .browser_harness import RECOMMENDATION, open_page

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" "),
      summary: (n.failureSummary || "").split("\\n").slice(1).join(" ").trim(),
    })),
  }));
}"""


def test_axe_finds_no_wcag_violations_on_any_page(context, base_url, pages, axe_source):
    page = context.new_page()
    found = {}
    for path in pages:
        open_page(page, base_url + path)
        # Let the page's own scripts (Material, tracker.js) finish changing the DOM.
        page.wait_for_load_state("networkidle")
        # Evaluated, not added as an inline <script>: the pages' Content Security Policy rightly blocks those.
        page.evaluate(axe_source)
        violations = page.evaluate(RUN_AXE, AXE_TAGS)
        if violations:
            found[path or "/"] = violations

    if found:
        # Grouped: rule -> offending element -> pages, since Material's chrome
        # (header, footer) repeats the same fault on every page.
        rules: dict[str, dict] = {}
        for path, violations in found.items():
            for v in violations:
                rule = rules.setdefault(v["id"], {"impact": v["impact"], "help": v["help"], "nodes": {}})
                for node in v["nodes"]:
                    entry = rule["nodes"].setdefault(node["target"], {"summary": node["summary"], "pages": []})
                    entry["pages"].append(path)
        lines = []
        for rule_id, rule in sorted(rules.items()):
            lines.append(f"{rule_id} ({rule['impact']}): {rule['help']}")
            for target, entry in rule["nodes"].items():
                pages_here = entry["pages"]
                where = ("every page" if len(pages_here) == len(pages)
                         else f"{len(pages_here)} pages: {', '.join(pages_here)}")
                lines.append(f"    {target}  on {where}")
                lines.append(f"        {entry['summary'][:300]}")
        pytest.fail(
            f"axe-core ({', '.join(AXE_TAGS)}) found violations of {', '.join(sorted(rules))} "
            f"on {len(found)} of {len(pages)} pages:\n" + "\n".join(lines),
            pytrace=False,
        )


FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
      + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  return {
    element: describe(el) + (el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : ""),
    text: (el.textContent || "").trim().slice(0, 60),
    isTarget: el === window.__tkTarget,
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    focusVisible: el.matches(":focus-visible"),
  };
}"""

MARK_FIRST_CONTENT_LINK = """() => {
  const content = document.querySelector("article.md-content__inner") || document.querySelector(".md-content");
  const visible = a => { const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const link = content && [...content.querySelectorAll("a[href]")].find(visible);
  window.__tkTarget = link || null;
  return link ? {href: link.getAttribute("href"), text: link.textContent.trim()} : null;
}"""


def test_tab_reaches_first_content_link_with_a_visible_focus_indicator(context, base_url):
    page = context.new_page()
    open_page(page, base_url + RECOMMENDATION)
    page.wait_for_load_state("networkidle")
    target = page.evaluate(MARK_FIRST_CONTENT_LINK)
    assert target, f"{RECOMMENDATION}: no visible link in the main content to reach"

    visited = []
    state = None
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        visited.append(f"{state['element']} {state['text']!r}")
        if state["isTarget"]:
            break
    else:
        pytest.fail(
            f"{RECOMMENDATION}: 80 presses of Tab never reached the first link in the main content "
            f"({target['text']!r} -> {target['href']}); focus went through:\n  " + "\n  ".join(visited[:80]),
            pytrace=False,
        )

    outline = state["outlineStyle"] != "none" and state["outlineWidth"] not in ("0px", "")
    shadow = state["boxShadow"] not in ("none", "")
    assert outline or shadow, (
        f"{RECOMMENDATION}: the focused first content link {state['element']} ({state['text']!r}) has no "
        f"visible focus indicator: outline {state['outlineStyle']} {state['outlineWidth']} "
        f"{state['outlineColor']}, box-shadow {state['boxShadow']}"
    )
    print(f"Tab reached {state['element']} after {len(visited)} presses: outline {state['outlineStyle']} "
          f"{state['outlineWidth']} {state['outlineColor']}, box-shadow {state['boxShadow']}")
    print("focus went through:\n  " + "\n  ".join(visited))
    assert state["focusVisible"], f"{state['element']} is focused but does not match :focus-visible"
