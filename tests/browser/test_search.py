"""The site's search (a Pagefind index, src/tracker/search.py) used as a person would: open it, type,
read the results, narrow them with a filter, follow one; by mouse, by keyboard alone, and on a phone.
Nothing for search is fetched until the box is used, nothing is fetched from another host, and the
open search with its results passes axe."""

from __future__ import annotations

import re

import pytest

from .browser_harness import RECOMMENDATION, REVIEW, open_page
from .test_accessibility import AXE_TAGS, RUN_AXE

pytestmark = pytest.mark.browser

RESULTS = "#tk-search-results a.md-search-result__link"
STATUS = "#tk-search-status"
DIRECTOR = "Director for children and families"
# Recommendations v and xii are the two whose action the director owns (the data spells the post
# "Director of children and families" in v and "Director for children and families" in xii).
OWNED_BY_DIRECTOR = {"reviews/peer-on-peer-abuse-2019/recommendations/v/",
                     "reviews/peer-on-peer-abuse-2019/recommendations/xii/"}
GROUP_ORDER = ["Records", "Reviews, owners and committees", "About this site"]

# How a person opens search at each size: on a phone the magnifier in the header (label[for=__search]);
# on a wide screen the search box itself.
WAYS_IN = {
    "phone": ({"width": 390, "height": 844}, 'label.md-header__button[for="__search"]'),
    "desktop": ({"width": 1280, "height": 900}, "#tk-search-query"),
}


def results_for(page, query: str) -> list[tuple[str, str]]:
    """Type the query into the open search box and wait until the results say they are for it."""
    page.keyboard.type(query, delay=15)
    page.wait_for_function(
        """(query) => {
             const status = document.querySelector("#tk-search-status").textContent;
             return status.includes("\u201c" + query + "\u201d");
           }""", arg=query, timeout=20_000)
    return shown(page)


def shown(page) -> list[tuple[str, str]]:
    """(site path, words) of every result on show, top to bottom."""
    base = page.evaluate("() => new URL(document.querySelector('.tk-search').dataset.tkSearchBase, location).pathname")
    found = []
    for link in page.locator(RESULTS).all():
        href = link.get_attribute("href") or ""
        assert href.startswith(base), f"a result leads off the site: {href}"
        found.append((href[len(base):], " ".join(link.inner_text().split())))
    return found


def groups(page) -> list[str]:
    """The group each result on show is listed under, top to bottom ("Records", "About this site"...)."""
    return page.locator(RESULTS).evaluate_all(
        "links => links.map(a => a.closest('section').querySelector('h2').textContent.replace(/ \\(\\d+\\)$/, ''))")


@pytest.mark.parametrize("size", list(WAYS_IN))
def test_searching_for_a_director_finds_the_recommendations_they_own_first_and_opens_one(new_context, base_url,
                                                                                       size):
    viewport, opener = WAYS_IN[size]
    page = new_context(viewport=viewport).new_page()
    open_page(page, base_url)
    page.locator(opener).click()
    page.locator("#tk-search-query").wait_for(state="visible")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'tk-search-query'")

    found = results_for(page, "Director of children")
    first_two = {href for href, _ in found[:2]}
    assert first_two == OWNED_BY_DIRECTOR, (
        f"{size}: searching 'Director of children' should show recommendations v and xii (which that director owns) "
        f"first; the results were:\n" + "\n".join(f"{h} | {t[:100]}" for h, t in found))
    assert all("Owner: " + DIRECTOR in text for href, text in found[:2]), found[:2]
    # Records come first, then the pages that gather them, then the guides and lists.
    order = groups(page)
    assert order[0] == "Records" and order == sorted(order, key=GROUP_ORDER.index), order

    page.locator(f'{RESULTS}[href$="recommendations/v/"]').click()
    page.wait_for_url("**/recommendations/v/")
    article = " ".join(page.locator("article").inner_text().split())
    assert "Director of children and families" in article and "Recommendation v" in article


def test_the_glossary_does_not_crowd_out_the_records(context, base_url):
    # "Ofsted" is on the glossary page (its expansion), on how-to-read, and on several records.
    page = context.new_page()
    open_page(page, base_url)
    page.locator("#tk-search-query").click()
    found = results_for(page, "Ofsted")
    places = [href for href, _ in found]
    assert "glossary/" in places, places
    glossary = places.index("glossary/")
    record_places = [i for i, href in enumerate(places) if "/recommendations/" in href or "/resolutions/" in href]
    assert len(record_places) >= 2 and max(record_places) < glossary, places
    assert groups(page)[glossary] == "About this site", groups(page)


def test_a_filter_narrows_the_results_to_one_owner(context, base_url):
    page = context.new_page()
    open_page(page, base_url)
    page.locator("#tk-search-query").click()
    everything = results_for(page, "policy")
    toggle = page.get_by_role("button", name="Filter by review, progress or owner")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    owner = page.get_by_label("Owner", exact=True)
    owner.wait_for(state="visible")
    options = owner.locator("option").all_inner_texts()
    assert any(o.startswith(DIRECTOR) for o in options), options
    value = next(o for o in options if o.startswith(DIRECTOR))
    owner.select_option(label=value)
    page.wait_for_function(
        "(before) => document.querySelectorAll('#tk-search-results a.md-search-result__link').length < before",
        arg=len(everything), timeout=20_000)
    narrowed = shown(page)
    assert narrowed and len(narrowed) < len(everything)
    assert all("Owner: " + DIRECTOR in text or href.startswith("owners/") for href, text in narrowed), narrowed
    assert "About this site" not in groups(page), "a guide came up under an owner filter"

    progress = page.get_by_label("Progress", exact=True)
    labels = [o for o in progress.locator("option").all_inner_texts() if o.startswith("Complete")]
    assert labels, progress.locator("option").all_inner_texts()
    progress.select_option(label=labels[0])
    page.wait_for_function(
        "() => [...document.querySelectorAll('#tk-search-results a.md-search-result__link')]"
        ".every(a => a.textContent.includes('Complete'))", timeout=20_000)
    assert {href for href, _ in shown(page)} <= OWNED_BY_DIRECTOR | {"owners/director-for-children-and-families/"}


def test_a_filter_s_count_is_of_the_pages_the_words_match_not_of_the_whole_record(context, base_url):
    # "training" matches 2 past-due records; the record holds 11 past-due items: the choice must say 2.
    page = context.new_page()
    open_page(page, base_url)
    page.locator("#tk-search-query").click()
    results_for(page, "training")
    page.get_by_role("button", name="Filter by review, progress or owner").click()
    progress = page.get_by_label("Progress", exact=True)
    progress.wait_for(state="visible")
    page.wait_for_function("() => [...document.querySelectorAll('#tk-search-filter-status option')]"
                           ".some(o => /^Past due \\([1-9]/.test(o.textContent))", timeout=20_000)
    label = next(o for o in progress.locator("option").all_inner_texts() if o.startswith("Past due"))
    said = int(re.search(r"\((\d+)\)", label).group(1))
    progress.select_option(label=label)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#tk-search-results a.md-search-result__link')]"
        ".every(a => a.textContent.includes('Past due'))", timeout=20_000)
    assert len(shown(page)) == said, (label, shown(page))


def test_search_works_from_the_keyboard_alone(context, base_url):
    page = context.new_page()
    open_page(page, base_url + RECOMMENDATION)
    # Tab from the top of the page until the search box has the focus, as a keyboard user would.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "tk-search-query":
            break
    else:
        pytest.fail("eight presses of Tab never reached the search box", pytrace=False)
    assert page.locator("#__search").is_checked(), "focusing the search box did not open the search"
    found = results_for(page, "exclusion")
    assert found, "no results"
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused and focused.endswith(found[0][0]), (focused, found[0])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == "tk-search-query", "ArrowUp did not return to the box"
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked(), "Escape did not close the search"
    # "/" opens it again from anywhere on the page; Enter follows the first result.
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "tk-search-query", "'/' did not go to the search box"
    page.keyboard.press("Enter")
    page.wait_for_url("**" + found[0][0])


def test_nothing_is_fetched_for_search_until_the_box_is_used_and_nothing_from_another_host(new_context, base_url):
    page = new_context().new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, base_url + RECOMMENDATION, wait_until="networkidle")
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(300)
    early = [url for url in requested if "/search/" in url or "search.js" in url]
    assert not early, f"fetched for search before anyone searched: {early}"

    before = len(requested)
    page.locator("#tk-search-query").click()
    results_for(page, "guidance")
    after = requested[before:]
    assert any(url.endswith("/assets/javascripts/search.js") for url in after), after
    assert any(re.search(r"/search/index/[^/]+\.pf_index$", url) for url in after), after
    assert all(url.startswith(base_url) for url in requested), \
        [url for url in requested if not url.startswith(base_url)]


def test_a_further_search_fetches_only_its_words_and_the_results_on_show(new_context, base_url):
    # Pagefind, its page list and its WebAssembly load once, with the first search; a later search fetches
    # the parts of the word index its words are in and one small file per result drawn, never one for each
    # result found (the rest wait for "Show more"), and no filter's values until the filters are opened.
    page = new_context().new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, base_url + RECOMMENDATION, wait_until="networkidle")
    page.locator("#tk-search-query").click()
    results_for(page, "guidance")
    page.wait_for_load_state("networkidle")
    first = list(requested)
    assert any(url.endswith(".pf_meta") for url in first) and any(url.endswith("wasm.en.pagefind") for url in first)

    page.locator("#tk-search-query").fill("school")  # the whole word at once: one search, not one a letter
    page.wait_for_function("() => document.querySelector('#tk-search-status').textContent.includes('\u201cschool\u201d')",
                           timeout=20_000)
    found = shown(page)
    page.wait_for_load_state("networkidle")
    later = [url.split("/search/")[-1] for url in requested[len(first):] if "/search/" in url]
    total = int(re.search(r"(\d+) results? for", page.locator(STATUS).inner_text()).group(1))
    assert total > len(found), f"the test needs more results than are drawn: {total} found, {len(found)} drawn"
    kinds = {name.split("/")[0] if "/" in name else name for name in later}
    assert kinds <= {"index", "fragment"}, f"a further search fetched more than its words and results: {later}"
    fragments = [name for name in later if name.startswith("fragment/")]
    assert 0 < len(fragments) <= len(found), (
        f"{len(fragments)} result files fetched for {len(found)} results drawn ({total} found)")
    assert any(name.startswith("index/") for name in later), later


def test_the_open_search_with_results_and_filters_passes_axe(new_context, base_url, axe_source):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page = new_context(viewport=viewport).new_page()
        open_page(page, base_url + RECOMMENDATION)
        page.locator("#tk-search-query").focus()
        results_for(page, "school")
        page.get_by_role("button", name="Filter by review, progress or owner").click()
        page.get_by_label("Owner", exact=True).wait_for(state="visible")
        page.wait_for_timeout(1000)  # Material's panel fades in; axe reads colours as they are drawn
        page.evaluate(axe_source)
        violations = page.evaluate(RUN_AXE, AXE_TAGS)
        assert not violations, f"{viewport['width']} px: " + "\n".join(
            f"{v['id']}: {v['help']} ({', '.join(n['target'] for n in v['nodes'][:5])})" for v in violations)


def test_without_javascript_the_search_box_leads_to_the_reviews_tables(new_context, base_url):
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page = new_context(java_script_enabled=False, viewport=viewport).new_page()
        open_page(page, base_url + RECOMMENDATION)
        fallback = page.locator("a.tk-search-fallback")
        assert fallback.is_visible(), f"{viewport['width']} px: no way to find a record without JavaScript"
        assert not page.locator("#tk-search-query").is_visible()
        fallback.click()
        page.wait_for_url(base_url + "reviews/")
        # The list of reviews, each leading to its table of every recommendation.
        page.locator("article a[href*='peer-on-peer-abuse-2019']").first.click()
        page.wait_for_url(base_url + REVIEW)
        assert page.locator("table[data-tk-filterable] tbody tr").count() == 12
