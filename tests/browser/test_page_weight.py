"""What a reader downloads: no page over 100 KB gzip, and a first visit to any page type within 60 KB on the wire.

Measured in headless Chromium on the built real site, served gzip-compressed as GitHub Pages serves it
(scripts/page_weight.py, which the benchmark uses at 1,000 and 5,000 recommendations too). For each page
type (home, a review, a recommendation, an owner, a year of the timeline...) the heaviest page is visited
with an empty cache, and every response's bytes are counted as Chromium's network layer received them.
"""

from __future__ import annotations

import sys

import pytest

from .browser_harness import ROOT, require_chromium

sys.path.insert(0, str(ROOT / "scripts"))
import page_weight  # noqa: E402 - lives with the benchmark

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kinds(site_dir):
    found = page_weight.page_kinds(site_dir)
    # The page types the issue names, so a renamed folder cannot quietly drop one from the check.
    for kind in ("home", "reviews", "reviews/*", "reviews/*/recommendations/*", "owners", "owners/*",
                 "committees", "committees/*", "overdue", "changes", "timeline", "timeline/*", "downloads",
                 "data-dictionary", "sources"):
        assert kind in found, f"no page of type {kind!r} in the built site: {sorted(found)}"
    return found


@pytest.fixture(scope="module")
def visits(site_dir, kinds, browser):
    require_chromium()
    pages = [k.heaviest for k in kinds.values()]
    return {v.page: v for v in page_weight.first_visits(site_dir, pages, browser=browser)}


def test_no_page_is_over_100_kb_gzip(kinds):
    heavy = {k.kind: f"/{k.heaviest} is {k.heaviest_gz / 1024:.1f} KB" for k in kinds.values()
             if k.heaviest_gz > page_weight.PAGE_LIMIT}
    assert not heavy, f"pages over {page_weight.PAGE_LIMIT // 1024} KB gzip: {heavy}"


def test_a_first_visit_to_every_page_type_is_within_60_kb_on_the_wire(kinds, visits):
    over = {}
    for kind in kinds.values():
        visit = visits[kind.heaviest]
        assert visit.requests >= 3 and visit.by_type.get("Document"), f"/{kind.heaviest}: nothing was measured"
        if visit.bytes > page_weight.VISIT_LIMIT:
            files = ", ".join(f"{path or '/'} {size / 1024:.1f} KB" for path, size in visit.files)
            over[kind.kind] = f"/{kind.heaviest}: {visit.bytes / 1024:.1f} KB ({files})"
    assert not over, f"first visits over {page_weight.VISIT_LIMIT // 1024} KB: {over}"


def test_a_first_visit_fetches_nothing_for_search_and_nothing_from_another_host(visits):
    for visit in visits.values():
        assert not visit.other_hosts, f"/{visit.page} asked another host for {visit.other_hosts}"
        searchy = [path for path, _ in visit.files if path.startswith("search/") or "search.js" in path]
        assert not searchy, f"/{visit.page} fetched search files before anyone searched: {searchy}"
        # Material's script bundle (114 KB, 35 KB gzip) is not needed: the site's own few lines do its work.
        assert not any("bundle." in path for path, _ in visit.files), f"/{visit.page} loads Material's bundle"
