"""The source documents: on one page while the record is small; at scale a compact list whose entries keep their
old addresses (sources/#id) and lead to a page per document with the records taken from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import with_second_review

from tracker import sources
from tracker.build import Build

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "overrides" / "records"


@pytest.fixture(scope="module")
def one_review() -> Build:
    return Build.prepare(ROOT / "data", TEMPLATES)


@pytest.fixture(scope="module")
def two_reviews(tmp_path_factory) -> Build:
    """The report fixture with a second review (a copy of the first under another name)."""
    return Build.prepare(with_second_review(tmp_path_factory.mktemp("sources") / "data"), TEMPLATES)


def test_a_small_record_keeps_every_documents_details_on_one_page(one_review):
    site = one_review.site
    assert not sources.split(site)
    assert not [src for src in one_review.pages if src.startswith("sources/")]
    first = site.tracker.council.sources[0]
    assert site.url(first) == "sources/#" + first.id
    html = one_review.content("sources.md")
    assert f'<h2 id="{first.id}">' in html and "Where to read it" in html


def test_at_scale_the_list_is_compact_and_every_old_address_still_lands(two_reviews):
    site = two_reviews.site
    assert sources.split(site)
    html = two_reviews.content("sources.md")
    for src in site.tracker.council.sources:
        # sources/#<id>, as records cited it, lands on the document's line, which leads to its own page.
        assert f'<li id="{src.id}"><a href="{src.id}/">' in html
        assert site.url(src) == f"sources/{src.id}/"
    assert "Where to read it" not in html  # the details are on each document's page
    assert '<h2 id="how-made">How this record was made</h2>' in html


def test_a_documents_own_page_gives_its_details_and_the_records_taken_from_it(two_reviews):
    site = two_reviews.site
    cited = {src.id: sources.Citations(site).of(src) for src in site.tracker.council.sources}
    busiest = max(cited, key=lambda name: len(cited[name]))
    page = two_reviews.pages[f"sources/{busiest}.md"]
    assert page.url == f"sources/{busiest}/" and not page.searchable
    html = two_reviews.content(f"sources/{busiest}.md")
    assert "Where to read it" in html and '<h2 id="records">Records taken from this document</h2>' in html
    assert 'href="../../reviews/second-review/' in html and 'href="../../reviews/peer-on-peer-abuse-2019/' in html
    assert '<a href="../#how-made">How this record was made</a>' in html


def test_a_record_links_straight_to_its_documents_page(two_reviews):
    html = two_reviews.content("reviews/second-review/recommendations/x.md")
    linked = set(re.findall(r'href="\.\./\.\./\.\./\.\./sources/([^"#/]+)/"', html))
    assert linked and all(f"sources/{name}.md" in two_reviews.pages for name in linked)
