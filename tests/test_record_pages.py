"""The record pages of the real site, as a resident reads them: what was promised, by whom, by when,
what has happened since, who says so, and how recent that is."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

REVIEW = "reviews/peer-on-peer-abuse-2019/"
MEETING = "meetings/cyp-scrutiny-review-of-cases/"
DECISION = "decisions/cabinet-2020-11-26/"
RECORD_FOLDERS = (f"{REVIEW}recommendations", f"{REVIEW}resolutions", f"{REVIEW}commitments", f"{REVIEW}events",
                  "meetings", "decisions")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import mkdocs_build

    site_dir = tmp_path_factory.mktemp("record-pages") / "site"
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


class _Page(HTMLParser):
    """The page's main content: its words, its links (as site paths) and its <time> elements."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = "http://site/" + url
        self.depth = 0  # inside <article>
        self.skip = 0  # inside <script>/<style>, the clerks' data-file line, the printed-from address or the page's own (to cite)
        self.words: list[str] = []
        self.links: list[tuple[str, str]] = []  # (site path or external address, link text)
        self.times: list[dict] = []
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style") or {"tk-edit", "tk-print-only", "tk-address"} & set((attrs.get("class") or "").split()):
            self.skip += 1
            self._skip_tag = tag
        if tag == "time":
            self.times.append(attrs)
        if tag == "a" and self.depth and attrs.get("href"):
            target = urljoin(self.url, attrs["href"])
            self._link = [target[len("http://site/"):] if target.startswith("http://site/") else target, []]
        if tag not in ("a", "abbr", "strong", "em", "span", "time", "code"):
            self.words.append(" ")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if self.skip and tag == getattr(self, "_skip_tag", None):
            self.skip -= 1
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join("".join(self._link[1]).split())))
            self._link = None
        if tag not in ("a", "abbr", "strong", "em", "span", "time", "code"):
            self.words.append(" ")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.words.append(data)
            if self._link is not None:
                self._link[1].append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.words).split())


def page(site: Path, url: str) -> _Page:
    parsed = _Page(url)
    parsed.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parsed


def raw(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def record_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for folder in RECORD_FOLDERS
                  for p in (site / folder).glob("*/index.html"))


def links_to(p: _Page, path: str) -> list[str]:
    return [text for target, text in p.links if urlsplit(target).path + (
        "#" + urlsplit(target).fragment if urlsplit(target).fragment else "") == path]


def test_recommendation_v_is_complete_and_shows_the_meeting_that_shows_it(site):
    url = f"{REVIEW}recommendations/v/"
    p = page(site, url)
    assert "Progress recorded: Complete" in p.text
    assert "Response: Agreed" in p.text
    # The evidence names the meeting, with the minutes' words.
    evidence = re.search(r'<div class="tk-evidence">(.*?)</div>', raw(site, url), re.S).group(1)
    assert 'href="../../../../meetings/cyp-scrutiny-review-of-cases/"' in evidence
    assert ("The committee considered a report by the assistant director education, development and skills "
            "(ADED&S) which provided the outcomes of the review of peer on peer abuse cases.") in p.text
    assert links_to(p, MEETING)
    # The owner is shown as this source spells it, linked to the one owner page for the post.
    assert "Director of children and families" in links_to(p, "owners/director-for-children-and-families/")
    assert "Latest information: 15 September 2020 (a progress update)." in p.text
    # None has been made, and the page says so rather than leaving the officers' account to stand for it.
    assert "Committee's assessment: none recorded." in p.text


def test_recommendation_i_links_to_the_meeting_resolution_6_and_decision_part_c(site):
    p = page(site, f"{REVIEW}recommendations/i/")
    assert links_to(p, MEETING)
    assert links_to(p, f"{REVIEW}resolutions/6/")
    assert "Cabinet decision of 26 November 2020, part (c)" in links_to(p, DECISION + "#part-c")
    assert 'id="part-c"' in raw(site, DECISION)
    assert "The council's words" not in p.text  # "Partially agreed" is the badge's own word
    assert "Response due: between 1 and 29 February 2020. Worked out: two months after" in p.text
    assert "whether it was on time cannot be told from the dates" in p.text


def test_response_clock_only_for_the_executive(site):
    text = page(site, f"{REVIEW}recommendations/iv/").text  # addressed to the committee itself
    assert "Response: Committee's own action" in text
    assert "Response due" not in text


def test_resolution_shows_its_follow_up_and_the_cabinet_approval(site):
    url = f"{REVIEW}resolutions/6/"
    p = page(site, url)
    assert re.search(r'Progress recorded: <strong class="tk-badge [^"]+" data-status="[a-z-]+">', raw(site, url))
    assert "Response: Response text not in the sources" in p.text
    assert "Approved by Cabinet on 26 November 2020 (decision, part (b))." in p.text
    assert "decision, part (b)" in links_to(p, DECISION + "#part-b")
    assert "The words of the response are not among the source documents" in p.text
    assert "Response due: 15 November 2020. Worked out: two months after the date of the meeting" in p.text
    assert links_to(p, MEETING)


def test_resolution_4_says_a_report_back_is_missing(site):
    text = page(site, f"{REVIEW}resolutions/4/").text
    assert "The committee asked for updates “through the quarterly performance report” (read as every three months)." in text
    assert "An update was due by 15 December 2020" in text


def test_commitment_says_where_who_and_by_when(site):
    p = page(site, f"{REVIEW}commitments/schools-explain-by-december-2020/")
    assert "Commitment given at Children and young people scrutiny committee" in p.text
    assert links_to(p, MEETING)
    assert links_to(p, "owners/assistant-director-education-development-and-skills/") == ["ADED&S"]
    assert "By when December 2020 (the source says “by December 2020”)" in p.text
    assert "If schools did not adopt the policy they would be asked to explain why not" in p.text
    assert "Progress recorded: Past due" in p.text


def test_decision_shows_publication_call_in_and_the_stated_effective_date(site):
    p = page(site, DECISION)
    html_text = raw(site, DECISION)
    assert re.search(r'<dt>Publication date</dt>\s*<dd><time datetime="2020-11-30">30 November 2020</time> .*the source says “30/11/2020”', html_text)
    assert "Subject to call-in Yes" in p.text
    assert p.text.index("Takes effect (as the notice states)") < p.text.index("Call-in period ends")
    assert "Takes effect (as the notice states) 5 December 2020 (the source says “05/12/2020”)" in p.text
    # The notice dates the decision: the site's own working-out (7 and 8 December) is for clerks, not residents.
    assert "Call-in period ends Not stated in the notice, which says the decision takes effect on 5 December 2020." in p.text
    assert "7 December 2020" not in p.text and "8 December 2020" not in p.text and "Worked out" not in p.text
    for letter in "abcd":
        assert f'<h3 id="part-{letter}">Part ({letter})</h3>' in html_text
    assert links_to(p, f"{REVIEW}resolutions/6/")  # its response was approved in part b
    assert links_to(p, "reviews/peer-on-peer-abuse-2019/")


def test_meeting_gives_its_date_and_where_the_date_comes_from(site):
    p = page(site, MEETING)
    assert "Date 15 September 2020 (the source says “15 September”)." in p.text
    assert ("The date comes from another document, Peer on peer sexual abuse cases review statement (press statement); "
            "the document this meeting is transcribed from does not give it.") in p.text
    assert any("peer-on-peer-sexual-abuse-cases-review-statement" in target for target, _ in p.links)
    assert links_to(p, "committees/children-and-young-people-scrutiny/")
    assert len([t for target, t in p.links if re.fullmatch(rf"{REVIEW}resolutions/\d+/", target)]) >= 11
    assert "Commitments given" in p.text and links_to(p, f"{REVIEW}commitments/schools-explain-by-december-2020/")


def test_the_director_page_groups_both_spellings(site):
    text = page(site, "owners/director-for-children-and-families/").text
    assert "Director for children and families" in text and "Director of children and families" in text
    for rec in ("v", "xii"):
        assert links_to(page(site, f"{REVIEW}recommendations/{rec}/"), "owners/director-for-children-and-families/")


def test_every_record_page_says_how_recent_its_information_is(site):
    pages = record_pages(site)
    assert len(pages) > 30
    for url in pages:
        assert re.search(r"Latest information[^:]*: \S", page(site, url).text), url


def test_every_time_element_has_a_machine_date(site):
    checked = 0
    for path in site.rglob("*.html"):
        for tag in re.findall(r"<time\b[^>]*>", path.read_text(encoding="utf-8")):
            value = html.unescape(re.search(r'datetime="([^"]*)"', tag).group(1)) if "datetime=" in tag else None
            assert value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value), (path, tag)
            checked += 1
    assert checked > 100


def test_record_pages_show_no_ids_or_file_names_in_their_words(site, loaded):
    council = loaded.tracker.council
    ids = {r.id for attr in ("meetings", "decisions", "sources", "owners") for r in getattr(council, attr)}
    ids = {i for i in ids if "-" in i}  # a short id such as "cabinet" is also an ordinary word
    for url in record_pages(site):
        text = page(site, url).text
        assert not [i for i in ids if i in text], url
        assert ".yml" not in text, url


# ----- what the residents' reviewer found (R1) -----

def test_the_summary_names_the_owner_before_the_actions(site):
    p = page(site, f"{REVIEW}recommendations/iv/")
    summary = p.text[:p.text.index("What the review recommended")]
    assert "Owner Democratic Services" in summary
    assert "Priority" not in summary  # the record gives no priority: no empty row


def test_a_recommendation_without_a_heading_is_named_by_its_opening_words_in_quotation_marks(site):
    p = page(site, f"{REVIEW}recommendations/iv/")
    assert "Recommendation iv: “That the children and young people scrutiny committee…”" in p.text
    review = raw(site, REVIEW)
    assert re.search(r'<span class="tk-rec-number">iv</span>: <q class="tk-excerpt">That the children', review)
    assert "Recommendation iv: “That the children" in page(site, "overdue/").text


def test_the_summary_sentences_end_with_a_full_stop(site):
    p = page(site, f"{REVIEW}recommendations/xi/")
    assert "Progress recorded: Past due Due May 2020 — no completion recorded." in p.text


def test_sentence_case_headings_and_bracketed_parts(site):
    p = page(site, f"{REVIEW}recommendations/i/")
    assert '<h2 id="response">Executive response</h2>' in raw(site, f"{REVIEW}recommendations/i/")
    assert '<h2 id="time-line">Timeline</h2>' in raw(site, REVIEW)
    decision = page(site, DECISION)
    assert "part (c)" in decision.text.lower() and "part c)" not in decision.text.lower()


def test_a_resolution_in_related_records_is_named_by_its_words_too(site):
    html_text = raw(site, DECISION)
    related = re.findall(r'<a href="[^"]*/resolutions/\d+/">([^<]*)</a>', html_text[html_text.index('id="related"'):])
    assert related and all(re.match(r"Resolution \d+: \w", text) for text in related), related


def test_screen_readers_hear_singular_counts_in_the_singular(site):
    for url in ("", REVIEW):
        html_text = raw(site, url)
        assert " 1 recommendations" not in re.sub(r"<[^>]+>", " ", html_text).replace(">1<", " 1 ")
        assert not re.search(r'>1<span class="tk-visually-hidden"> recommendations', html_text)


def test_every_page_that_uses_an_abbreviation_lists_it(site):
    for url, term in ((REVIEW, "ADED&amp;S"), ("changes/", "CSO"), ("timeline/", "CSO"), ("owners/", "ADED&amp;S"),
                      ("committees/children-and-young-people-scrutiny/", "CSO"), ("owners/head-of-legal-services/", "CSO")):
        html_text = raw(site, url)
        foot = html_text[html_text.index('id="abbreviations"'):]
        assert f"<dt>{term}</dt>" in foot, url
    glossary = page(site, "glossary/").text
    assert "square brackets" not in glossary and "is followed by a line saying what it means" in glossary
