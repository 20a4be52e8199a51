"""The preview in a real browser: a saved mistake replaces the open page by itself, the error page passes axe,
fits a phone and a desktop, loads nothing from elsewhere, and the site comes back by itself when mended."""

from __future__ import annotations

import pytest

from test_serve import PAGE, REC_I, edit, project, server, wait_for  # noqa: F401 - fixtures
from browser.browser_harness import AXE_JS, require_node_tool

pytestmark = pytest.mark.browser

RUN_AXE = """async () => (await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]}))
    .violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_a_mistake_shows_in_the_open_page_and_goes_away_when_mended(project, server, browser, tmp_path):  # noqa: F811
    # The session's browser (tests/browser/conftest.py): Playwright's sync API allows one per thread.
    axe = require_node_tool(AXE_JS).read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        elsewhere: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                      else (elsewhere.append(route.request.url), route.abort()))
        page = context.new_page()
        blocked: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(server.url + PAGE)
        assert "School policies" in page.inner_text("article")
        for width in (390, 1280):  # the preview's pages are the site's own (Material's look, its scripts)
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(tmp_path / f"site-{width}.png"))
        page.wait_for_timeout(300)  # the live-reload script is waiting for news

        edit(project, REC_I, "decision: partially agreed", "decision: partialy agreed")
        page.wait_for_selector("h1:has-text('cannot show the site')", timeout=10_000)  # nobody pressed reload
        assert page.get_attribute("html", "lang") == "en"
        assert page.locator("ol.problems > li").count() == 1
        text = page.inner_text("main")
        assert f"{REC_I}, line 10, column 13, field 'response.decision'" in text
        assert "Did you mean 'partially agreed'?" in text
        page.evaluate(axe)
        assert page.evaluate(RUN_AXE) == []
        for width in (390, 1024, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(OVERFLOW) <= 0, f"the error page scrolls sideways at {width} px"
            page.screenshot(path=str(tmp_path / f"error-{width}.png"), full_page=True)

        edit(project, REC_I, "decision: partialy agreed", "decision: partially agreed")
        page.wait_for_selector("article:has-text('School policies')", timeout=10_000)
        assert elsewhere == [] and blocked == []
    finally:
        context.close()
