"""Material's stylesheet is trimmed only of rules no page of the site can use."""

from __future__ import annotations

from tracker import stylesheet

CSS = ("@charset \"utf-8\";:root{--x:1}.md-used{color:red}.md-unused{color:blue}.md-used,.md-unused>p{margin:0}"
       "@media screen{.md-unused{top:0}.md-used:not(.md-unused){left:0}}"
       "@font-face{font-family:x;src:url(\"a{b}.woff2\")}@keyframes spin{0%{opacity:0}}"
       ".md-typeset :is(.md-unused,.md-other) p{x:y}[data-md-state=a]{z:1}/*# sourceMappingURL=x.map*/")


def test_rules_for_classes_nowhere_in_the_site_are_dropped_and_the_rest_kept_as_written():
    out = stylesheet.trim(CSS, {"md-used", "md-typeset"})
    assert out == ("@charset \"utf-8\";:root{--x:1}.md-used{color:red}.md-used{margin:0}"
                   "@media screen{.md-used:not(.md-unused){left:0}}"
                   "@font-face{font-family:x;src:url(\"a{b}.woff2\")}@keyframes spin{0%{opacity:0}}"
                   ".md-typeset :is(.md-unused,.md-other) p{x:y}[data-md-state=a]{z:1}")


def test_an_empty_media_block_goes_and_nothing_is_trimmed_when_every_class_is_used():
    assert stylesheet.trim("@media print{.a{b:c}}.d{e:f}", {"d"}) == ".d{e:f}"
    assert stylesheet.trim("@media print{.a{b:c}}.d{e:f}", {"a", "d"}) == "@media print{.a{b:c}}.d{e:f}"


def test_words_come_from_templates_scripts_and_pages(tmp_path):
    (tmp_path / "page.html").write_text('<div class="md-header__topic tk-a">', encoding="utf-8")
    (tmp_path / "x.js").write_text('el.className = "md-search-result__item";', encoding="utf-8")
    (tmp_path / "skip.css").write_text(".never-read{}", encoding="utf-8")
    words = stylesheet.words_in([tmp_path], (".html", ".js"))
    assert {"md-header__topic", "tk-a", "md-search-result__item"} <= words
    assert "never-read" not in words
