"""Material's search, used as a person would: open it, type, follow a result."""

from __future__ import annotations

import time

import pytest

from .browser_harness import open_page

pytestmark = pytest.mark.browser

QUERY = "Democratic Services"

# How a person opens search at each size: on a phone the magnifier button in
# the header (label[for=__search]); on a wide screen the search box itself,
# which lies over its magnifier label and takes the click.
WAYS_IN = {
    "phone": ({"width": 375, "height": 740}, 'label.md-header__button[for="__search"]'),
    "desktop": ({"width": 1280, "height": 900}, "input.md-search__input"),
}


@pytest.mark.parametrize("size", list(WAYS_IN))
def test_search_for_an_owner_finds_a_recommendation_page(new_context, base_url, size):
    viewport, opener = WAYS_IN[size]
    context = new_context(viewport=viewport)
    page = context.new_page()
    open_page(page, base_url)
    page.locator(opener).click()
    query = page.locator("input.md-search__input")
    query.wait_for(state="visible")
    assert page.evaluate("() => !!document.activeElement?.matches('input.md-search__input')"), \
        f"{size}: clicking {opener} did not put the cursor in the search box"
    page.keyboard.type(QUERY, delay=20)

    results = page.locator(".md-search-result__list a.md-search-result__link")
    try:
        results.first.wait_for(state="visible", timeout=15_000)
    except Exception:
        meta = page.locator(".md-search-result__meta").inner_text()
        pytest.fail(f"{size}: searching {QUERY!r} showed no results (the search box says: {meta!r})",
                    pytrace=False)
    # The list is redrawn as each letter arrives: read it once it has settled.
    shown, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        now = [(a.get_attribute("href") or "", " ".join(a.inner_text().split())) for a in results.all()]
        if now == shown:
            break
        shown = now
    recommendations = [(href, text) for href, text in shown if "/recommendations/" in href]
    assert recommendations, (
        f"{size}: searching {QUERY!r} showed {len(shown)} results, none a recommendation page:\n"
        + "\n".join(href for href, _ in shown))
    assert all(href.startswith(base_url) for href, _ in recommendations), \
        f"{size}: search results point off the site: {recommendations}"
    # A result that matched the words searched for, not just one of them:
    # Material lists "Missing: <word>" under a result lacking a word.
    matched = [href for href, text in recommendations
               if QUERY.lower() in text.lower() and "missing:" not in text.lower()]
    assert matched, (
        f"{size}: searching {QUERY!r} showed {len(recommendations)} recommendation results, but none "
        f"matched all its words (Material marks the words a result lacks 'Missing: ...'):\n"
        + "\n".join(f"{href}  |  {text[:140]}" for href, text in recommendations))

    # Following that result lands on a recommendation page that says it.
    page.locator(f'.md-search-result__list a.md-search-result__link[href="{matched[0]}"]').click()
    page.wait_for_url("**/recommendations/**")
    page.wait_for_load_state("load")
    assert QUERY.lower() in " ".join(page.locator("article").inner_text().split()).lower(), \
        f"{size}: {page.url} came up for {QUERY!r} but does not mention it"


def test_the_search_index_loads_only_when_search_is_used(new_context, base_url):
    # The index holds every record's text: a reader who never searches never pays for it.
    context = new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, base_url + "reviews/peer-on-peer-abuse-2019/recommendations/i/", wait_until="networkidle")
    assert not [url for url in requested if url.endswith("search_index.json")], \
        "the search index was fetched before anyone searched"
    with page.expect_response(lambda response: response.url.endswith("search/search_index.json")) as answer:
        page.locator("input.md-search__input").click()
    assert answer.value.status == 200
