"""The small formatting allowed in text fields."""

from tracker.text import Abbreviations, Block, blocks


def test_paragraphs_bullets_and_numbers():
    text = "First line\ncontinues.\n\n- one\n- two\n\n3. three\n4. four"
    assert blocks(text) == [
        Block("p", ("First line continues.",)),
        Block("ul", ("one", "two")),
        Block("ol", ("three", "four"), start=3),
    ]


def test_html_and_markdown_are_plain_text():
    assert blocks("<script>alert(1)</script> [x](javascript:alert(1)) {{ config }}") == [
        Block("p", ("<script>alert(1)</script> [x](javascript:alert(1)) {{ config }}",))
    ]


def test_abbreviations_match_whole_words_and_plurals():
    abbr = Abbreviations({"DSL": "Designated safeguarding lead", "MASH": "Multi Agency Safeguarding Hub"})
    assert abbr.segments("briefings to DSLs and the MASH") == [
        ("briefings to ", None), ("DSLs", "DSL"), (" and the ", None), ("MASH", "MASH")]
    assert abbr.found_in("MASHED potatoes") == []
