"""What a resident relies on: one colour per meaning, abbreviations explained where they are read, dates in one
style, an accessibility statement on the GOV.UK model, and on every record a way to cite it, ask about it and
print it. Read from the real site, built once, as a reader sees it."""

from __future__ import annotations

import html as markup
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from tracker import status
from tracker.model import _default_scale

ROOT = Path(__file__).resolve().parents[1]
CSS = (ROOT / "overrides/assets/stylesheets/tracker.css").read_text(encoding="utf-8")
REC = "reviews/peer-on-peer-abuse-2019/recommendations/i/index.html"


def text_of(html: str) -> str:
    """The words as read: inline tags join their neighbours, block tags separate them."""
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    html = re.sub(r"</?(?:a|abbr|strong|em|span|time|cite|code|b|i|wbr)\b[^>]*>", "", html)
    return markup.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from conftest import mkdocs_build

    site_dir = tmp_path_factory.mktemp("trust") / "site"
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


# ----- colour -----

def _every_status():
    families = {"response": status.RESPONSES, "progress": status.PROGRESS, "clock": status.CLOCKS}
    found = [(family, s.label, s.tone) for family, table in families.items() for s in table.values()]
    return found + [("assessment", v.label, v.tone) for v in _default_scale()]


def test_one_colour_means_one_thing_across_every_family():
    tones = {tone for _, _, tone in _every_status()}
    assert tones <= set(status.TONES)
    by_label = {label: tone for _, label, tone in _every_status()}
    # The two clashes residents saw: blue for both "Committee's own action" and "In progress".
    assert by_label["Committee's own action"] == "neutral" and by_label["In progress"] == "info"
    assert [label for _, label, tone in _every_status() if tone == "info"] == ["In progress", "On track"]
    assert {by_label[x] for x in ("Past due", "Response overdue", "Not agreed", "Not achieved")} == {"bad"}
    assert len({t.colour for t in status.TONES.values()}) == len(status.TONES)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("tone", list(status.TONES))
def test_each_badge_colour_meets_wcag_aa_contrast(tone):
    rule = re.search(rf"\.tk-tone-{tone}\s*\{{\s*color:\s*(#[0-9a-f]{{6}});\s*background:\s*(#[0-9a-f]{{6}})", CSS)
    assert rule, f"no colours for tone {tone}"
    lighter, darker = sorted(map(_luminance, rule.groups()), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_how_to_read_shows_each_colour_with_every_status_that_uses_it(site):
    html = (site / "how-to-read/index.html").read_text(encoding="utf-8")
    section = markup.unescape(html[html.index('id="colours"'):html.index('id="response-badges"')])
    for tone in status.TONES.values():
        assert tone.colour in section and tone.meaning in section
    for _, label, tone in _every_status():
        assert re.search(rf'tk-tone-{tone}"[^>]*>(?:<span[^>]*>[^<]*</span>)?{re.escape(label)}<', section), label


# ----- abbreviations -----

def test_first_use_of_an_abbreviation_is_spelled_out_on_the_page_and_marked_as_the_sites(site):
    text = text_of((site / REC).read_text(encoding="utf-8"))
    # Whose meaning each is, said item by item: the site's own explanations are never taken for the council's.
    assert ("What the abbreviations mean: SEND: special educational needs and disabilities (the site's explanation, "
            "not the council's).") in text
    assert "HT: head teacher (the site's explanation, not the council's)" in text
    assert "in the site's words" not in text
    assert "HASH: not spelled out in the sources" in text  # genuinely unknown: said so
    assert text.count("COG: chair of governors") == 1  # "COGs" then "COG briefings": spelled out once
    assert "the site's explanation; the source documents do not spell it out" in text  # the list at the foot
    # The quotation itself is untouched: the explanation follows it.
    assert "a pupils' SEND need and other safeguarding concerns" in text
    # Where the source's own words spell it out, the page does not repeat it.
    five = text_of((site / "reviews/peer-on-peer-abuse-2019/recommendations/v/index.html").read_text(encoding="utf-8"))
    assert "MASH: Multi Agency Safeguarding Hub" not in five.split("Abbreviations on this page")[0]


def test_no_abbreviation_is_explained_only_on_hover(site):
    html = (site / REC).read_text(encoding="utf-8")
    assert "<abbr title=" not in html


# ----- dates -----

def test_record_pages_keep_the_sources_words_beside_the_house_style(site):
    text = text_of((site / REC).read_text(encoding="utf-8"))
    assert "31 January 2021 (the source says “31st January 2021”)" in text
    decision = text_of((site / "decisions/cabinet-2020-11-26/index.html").read_text(encoding="utf-8"))
    assert "26 November 2020 (the source says “26/11/2020”)" in decision


def test_lists_use_one_style_for_dates(site):
    review = (site / "reviews/peer-on-peer-abuse-2019/index.html").read_text(encoding="utf-8")
    table = text_of(review[review.index("tk-recs"):review.index("</table>", review.index("tk-recs"))])
    assert "31 January 2021" in table and "31st" not in table and "End of" not in table
    events = text_of(review[review.index('id="events"'):])
    assert "About 2019: Committee begins work" in events and "(read as" not in events
    # In date order, not alphabetical: the 2017 review period comes before the 2019 conference.
    assert events.index("April 2017") < events.index("November 2019") < events.index("Summer 2020")


# ----- cite, ask, print -----

def test_every_record_page_can_be_cited_asked_about_and_printed(site):
    html = (site / REC).read_text(encoding="utf-8")
    text = text_of(html)
    assert "Cite this page" in text
    assert re.search(r"Herefordshire Council, “Recommendation i: School Policies”, in .+ http://127\.0\.0\.1:8000/"
                     r"reviews/peer-on-peer-abuse-2019/recommendations/i/\. Latest information: ", text)
    assert "Ask a question or report an error about this record" in text
    mailto = re.search(r'href="(mailto:[^"]+)"', html[html.index('id="ask"'):])[1].replace("&amp;", "&")
    address = urlparse(mailto)
    query = parse_qs(address.query)
    assert unquote(address.path) == "councillorservices@herefordshire.gov.uk"
    assert query["subject"] == ["Question about: Recommendation i: School Policies"]
    assert "reviews/peer-on-peer-abuse-2019/recommendations/i/" in query["body"][0]
    assert "<form" not in html[html.index('id="ask"'):]
    # The button needs JavaScript (it starts hidden); the words beside it work without.
    assert re.search(r'<button type="button"[^>]*data-tk-print hidden>Print or save as PDF</button>', html)
    assert "choose “Save as PDF”" in text and "print.js" in html


def test_the_print_stylesheet_drops_the_menus_and_prints_addresses():
    printing = "".join(re.findall(r"@media print \{(.*?)\n\}", CSS, re.S))
    assert ".md-header" in printing and ".md-sidebar" in printing
    assert re.search(r'a\[href\^="http"\][^{]*::after', printing) and "attr(href)" in printing


# ----- the accessibility statement -----

def test_the_accessibility_statement_follows_the_gov_uk_model(site):
    text = text_of((site / "accessibility/index.html").read_text(encoding="utf-8"))
    for heading in ("Feedback and contact information", "Reporting accessibility problems with this website",
                    "Enforcement procedure", "Compliance status", "Non-accessible content",
                    "Preparation of this accessibility statement"):
        assert heading in text
    assert "councillorservices@herefordshire.gov.uk" in text
    assert "partially compliant" in text and "fully compliant" not in text
    # The dates are the data's, not the build's: first prepared with the site's first version, reviewed since.
    assert "This statement was prepared on 23 November 2026. It was last reviewed on 1 December 2026." in text
    assert "The website was last tested on 1 December 2026." in text
    # The testing claim says when the checks run: on each change, not at every build.
    assert "each time the site is built" not in text
    assert "automated tests that run on every proposed change to this website" in text
    assert "Equality Advisory and Support Service" in text


def test_without_a_contact_the_pages_say_so_and_invent_none(tmp_path):
    from conftest import mkdocs_build

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    site_yml = data / "site.yml"
    kept = site_yml.read_text(encoding="utf-8").split("\ncontact:")[0]
    after = site_yml.read_text(encoding="utf-8").split("\naccessibility:")[1]
    site_yml.write_text(kept + "\naccessibility:" + after, encoding="utf-8")
    site_dir = tmp_path / "site"
    result = mkdocs_build(site_dir, data_dir=data)
    assert result.returncode == 0, result.stderr
    statement = text_of((site_dir / "accessibility/index.html").read_text(encoding="utf-8"))
    assert "Herefordshire Council has not yet given a contact for this website." in statement
    record = (site_dir / REC).read_text(encoding="utf-8")
    assert "has not yet given a contact" in text_of(record) and "mailto:" not in record


# ----- a note said once -----

def test_a_note_on_many_records_is_counted_once_per_record():
    from tracker.model import Action, Response
    from tracker.text import shared_notes

    said = "The response is not among the source documents."
    records = [Response(title=f"R{n}", note=said, actions=[Action(id="1", description="x", note=said)]) for n in range(3)]
    shared = shared_notes(records + [Response(title="other", note="Only here.")])
    assert list(shared) == [said]
    assert shared[said].anchor == "note-1" and len(shared[said].records) == 3  # the action's copy is the same record
    assert shared_notes(records[:2]) == {}  # on two records it is still said on each


def test_the_repeated_note_is_said_once_on_the_sources_page_and_linked(site):
    sources = text_of((site / "sources/index.html").read_text(encoding="utf-8"))
    assert "How this record was made" in sources
    assert sources.count("The response is appendix 5 of the cabinet report") == 1
    assert "This note applies to 10 records: Resolution 1, Resolution 2," in sources
    html = (site / "reviews/peer-on-peer-abuse-2019/resolutions/3/index.html").read_text(encoding="utf-8")
    assert "appendix 5 of the cabinet report" not in html
    assert re.search(r'href="\.\./\.\./\.\./\.\./sources/#note-1">why: a note that applies to 10 records</a>', html)


@pytest.mark.parametrize("url", ["reviews/index.html", "owners/index.html", "overdue/index.html"])
def test_list_pages_can_be_printed(site, url):
    assert "Print or save as PDF" in (site / url).read_text(encoding="utf-8")
