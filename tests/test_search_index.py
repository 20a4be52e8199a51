"""The search index (src/tracker/search.py): each page's own words, what the model says about it, and
Pagefind's files, which come out the same for the same pages. The browser tests (tests/browser/
test_search.py) search it as a reader would."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tracker import search
from tracker.load import load
from tracker.pages import Site

REVIEW = "reviews/peer-on-peer-abuse-2019/"
DIRECTOR = "Director for children and families"


# --- a page's words -----------------------------------------------------------------------------------

PAGE = """<html><body><nav>Site menu</nav>
<article class="md-content__inner md-typeset">
<nav class="tk-breadcrumbs" aria-label="Breadcrumb" data-search-exclude><ol><li><a href="../">Reviews</a></li></ol></nav>
<h1>Recommendation ii: School <abbr title="x">SEND</abbr> policies</h1>
<p>Progress: <strong class="tk-badge">Past</strong> due<br>as at today <span class="tk-reason">Due in May.</span></p>
<p class="tk-hint other">How this is worked out, on every page.</p>
<svg role="img"><title>A drawing</title><text>42</text></svg>
<h2 id="response" data-search-exclude>Executive Response</h2>
<p>Shared response text, shown on recommendation i.</p>
<h3>A part of the shared response</h3><p>Still shared.</p>
<h2 id="actions">Actions</h2>
<div data-search-exclude><div><p>A nested block left out</p></div></div>
<p>Owner: Democratic&nbsp;Services &amp; the team</p>
<script>var x = "<p>not words</p>";</script>
</article><footer>Footer words</footer></body></html>"""


def test_the_words_of_a_page_are_its_articles_without_what_is_marked_to_leave_out():
    words = search.page_text(PAGE)
    assert words == ("Recommendation ii: School SEND policies Progress: Past due as at today "
                     "Actions Owner: Democratic Services & the team")


def test_a_page_without_an_article_is_read_whole():
    assert search.page_text("<p>Just <em>this</em></p>") == "Just this"


# --- Pagefind's files ----------------------------------------------------------------------------------

def test_settle_sorts_each_filter_and_names_the_files_by_their_bytes():
    def pack(value) -> bytes:
        return gzip.compress(search.SIGNATURE + search._encode(value), mtime=0)

    meta = ["1.5.2", [["en_p1", 12]], [["a", "z", "en_i1"]], [["owner", "en_f1"]], [], ["title"]]
    files = {
        "pagefind-entry.json": json.dumps({"version": "1.5.2", "languages": {"en": {"hash": "en_m1"}}}).encode(),
        "pagefind.en_m1.pf_meta": pack(meta),
        "filter/en_f1.pf_filter": pack(["owner", [["Zed", [3, 1]], ["Abe", [2]]]]),
        "index/en_i1.pf_index": b"left as it is",
    }
    one = search.settle(files)
    reordered = dict(files, **{"filter/en_f1.pf_filter": pack(["owner", [["Abe", [2]], ["Zed", [1, 3]]]])})
    assert search.settle(reordered) == one, "the same filter in another order gave other files"
    entry = json.loads(one["pagefind-entry.json"])
    meta_name = f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    settled_meta = search._decode(one[meta_name])
    [[name, filter_hash]] = settled_meta[3]
    assert name == "owner" and settled_meta[:3] == meta[:3]
    assert search._decode(one[f"filter/{filter_hash}.pf_filter"]) == ["owner", [["Abe", [2]], ["Zed", [1, 3]]]]
    assert one["index/en_i1.pf_index"] == b"left as it is"
    assert sorted(one) == sorted(["pagefind-entry.json", meta_name, f"filter/{filter_hash}.pf_filter",
                                  "index/en_i1.pf_index"])


@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65536, 2**32, "", "é" * 30, b"\x00\x01", [], [1, ["a", [2]]]])
def test_the_cbor_the_index_files_use_reads_back_what_it_writes(value):
    data = gzip.compress(search.SIGNATURE + search._encode(value))
    assert search._decode(data) == value


# --- the real site's index -------------------------------------------------------------------------------

def fragments(site_dir: Path) -> dict[str, dict]:
    """Each indexed page's record as the browser receives it (url -> record)."""
    found = {}
    for path in sorted((site_dir / search.FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(search.SIGNATURE)
        record = json.loads(data[len(search.SIGNATURE):])
        found[record["url"]] = record
    return found


def test_the_built_site_has_an_index_of_every_page_a_resident_searches(built_site, loaded):
    records = fragments(built_site)
    site = Site(loaded)
    expected = {page.url for page in site.pages if page.searchable}
    assert expected <= set(records), sorted(expected - set(records))
    assert not {"timeline/", "downloads/", "data-dictionary/"} & set(records), "reference pages were indexed"
    for url in records:
        assert (built_site / url / "index.html").is_file(), f"a search result leads nowhere: {url}"
    # What the old index promised: an owner, a phrase of the text and a response are all found.
    assert "Democratic Services" in records[REVIEW + "recommendations/iv/"]["content"]
    assert "contextual safeguarding" in records[REVIEW + "recommendations/xii/"]["content"]
    assert "Not agreed" in records[REVIEW + "recommendations/viii/"]["content"]
    # The Pagefind files the site does not use are not published.
    published = {p.name for p in (built_site / search.FOLDER).iterdir()}
    assert not published & set(search.UNUSED), published & set(search.UNUSED)
    assert {"pagefind.js", "pagefind-entry.json", "wasm.en.pagefind"} <= published


def test_each_record_carries_its_kind_review_progress_and_owners(built_site):
    records = fragments(built_site)
    for numeral in ("v", "xii"):
        record = records[REVIEW + f"recommendations/{numeral}/"]
        assert record["meta"]["kind"] == "Recommendation"
        assert record["meta"]["owner"] == DIRECTOR
        assert record["filters"]["owner"] == [DIRECTOR]
        assert "group" not in record["filters"], "records are the pages without a group"
        assert record["filters"]["review"] == ["Peer on peer abuse in schools spotlight review"]
        assert record["filters"]["status"][0] in {"Complete", "In progress", "Past due", "Not started",
                                                   "No action planned", "Not yet due", "No fixed date"}
    assert records["owners/director-for-children-and-families/"]["filters"]["group"] == [search.PEOPLE]
    glossary = records["glossary/"]
    assert glossary["filters"] == {"group": [search.GUIDES], "kind": ["Page"]}, glossary["filters"]
    assert records["glossary/"]["meta"]["title"] == "Abbreviations"
    # Text, never markup: the page's words arrive as text and search.js shows the title as text.
    assert "<" not in records[REVIEW + "recommendations/i/"]["content"]


def test_the_same_pages_give_the_same_index(built_site, loaded, tmp_path):
    copy = tmp_path / "site"
    for page in Site(loaded).pages:
        source = built_site / page.url / "index.html"
        if source.is_file():
            (copy / page.url).mkdir(parents=True, exist_ok=True)
            (copy / page.url / "index.html").write_bytes(source.read_bytes())

    def files() -> dict[str, bytes]:
        return {p.relative_to(copy).as_posix(): p.read_bytes() for p in sorted((copy / search.FOLDER).rglob("*"))
                if p.is_file()}

    site = Site(loaded)
    search.index(copy, site)
    first = files()
    summary = search.index(copy, site)
    assert files() == first
    assert summary.pages == len(fragments(copy)) and summary.files == len(first)


def test_pages_are_sent_records_first_in_the_plans_order_each_read_once(built_site, loaded, monkeypatch):
    # The index takes the pages as they are read, each group in the plan's order, records first.
    site = Site(loaded)
    read: list[str] = []
    real = search._read
    monkeypatch.setattr(search, "_read", lambda site_dir, url: read.append(url) or real(site_dir, url))
    sent = list(search.entries(site, built_site))
    assert len(read) == len(set(read)), "a page was read twice"
    order = {page.url: n for n, page in enumerate(site.pages)}
    planned = [e for e in sent if e.url in order]  # the rest: the hand-written pages, last
    for group in search.GROUPS:
        urls = [e.url for e in planned if e.group == group]
        assert urls == sorted(urls, key=order.__getitem__), f"{group}: not in the plan's order"
    assert {e.url for e in planned} == {p.url for p in site.pages
                                        if p.searchable and (built_site / p.url / "index.html").is_file()}
    assert [e.group for e in sent] == sorted((e.group for e in sent), key=search.GROUPS.index)
    assert sent[0].group == search.RECORDS and sent[-1].group == search.GUIDES


def test_a_page_pagefind_refuses_stops_the_indexing_and_is_named(tmp_path):
    # Pages are sent without waiting for each answer; a refusal still stops the indexing, and says which page.
    entry = search.Entry("reviews/x/recommendations/i/", "Recommendation i", "Words", "Recommendation", search.RECORDS)
    with pytest.raises(search.IndexingFailed, match=r"reviews/x/recommendations/i/"):
        with search._Pagefind() as pagefind:
            pagefind._index = 7  # an index Pagefind never made: it refuses every page sent to it
            pagefind.add(entry)
            pagefind.files()


def test_a_long_sentence_a_page_repeats_is_indexed_once():
    said = "The SEND team explained that the new process had been trialled in two localities."
    text = f"{said} Agreed. {said} Agreed. Leominster and Ross on Wye."
    assert search.once(text) == f"{said} Agreed. Agreed. Leominster and Ross on Wye."
    assert search.once("Nothing repeated here. Not at all.") == "Nothing repeated here. Not at all."


def test_the_pages_that_gather_records_are_indexed_without_their_lists_of_records(built_site):
    # Each record is found by its own page; an owner's page is found by the owner's own words.
    records = fragments(built_site)
    owner = records["owners/director-for-children-and-families/"]["content"]
    assert "Director of children and families" in owner and "Responsible for 2 items" in owner
    assert "Recommendation v:" not in owner and "Recommendation xii:" not in owner, owner
    meeting = records["meetings/cyp-scrutiny-review-of-cases/"]["content"]
    assert "Multi Agency Safeguarding Hub" in meeting and "Resolution 1" not in meeting, meeting


def test_reviews_of_one_title_are_told_apart_by_their_dates(tmp_path):
    """A council holds the same review every year: the review filter must not merge them."""
    from conftest import with_second_review

    data = with_second_review(tmp_path / "data")
    review = data / "reviews" / "second-review" / "review.yml"
    text = review.read_text(encoding="utf-8").replace("title: Second spotlight review", "title: Peer on peer abuse in schools spotlight review")
    review.write_text(text.replace('{as_written: December 2019, edtf: "2019-12"}', '{as_written: December 2020, edtf: "2020-12"}'),
                      encoding="utf-8")
    site = Site(load(data))
    names = sorted(search.review_names(site).values())
    assert names == ["Peer on peer abuse in schools spotlight review (December 2019)",
                     "Peer on peer abuse in schools spotlight review (December 2020)"], names
    alone = search.review_names(Site(load(Path(__file__).resolve().parents[1] / "data")))
    assert list(alone.values()) == ["Peer on peer abuse in schools spotlight review"]
