"""The build uses both cores without changing a byte: page contents rendered ahead in forked copies of the
process are the pages rendered one by one, and the link check made beside the search index finds what the
check made alone finds. Where a copy fails, or there is no fork, the build does the work itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker import links
from tracker.build import Build

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "overrides" / "records"
SITE_URL = "http://127.0.0.1:8000/"

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking is for systems that have it")


def prepared() -> Build:
    return Build.prepare(ROOT / "data", TEMPLATES, SITE_URL)


def one_by_one(build: Build) -> dict[str, str]:
    return {uri: build.renderer.render(page) for uri, page in build.pages.items()}


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    return one_by_one(prepared())


@needs_fork
def test_pages_rendered_ahead_on_two_cores_are_the_pages_rendered_one_by_one(expected):
    build = prepared()
    build.render_ahead(2)
    assert set(build.rendered) == set(expected)  # every page came back, from this process or its copy
    assert {uri: build.content(uri) for uri in expected} == expected
    assert build.rendered == {}  # each handed over once


@needs_fork
def test_a_build_prepared_ahead_has_the_same_pages_and_downloads(expected):
    alone, ahead = prepared(), Build.prepare(ROOT / "data", TEMPLATES, SITE_URL, ahead=True)
    assert ahead.made == alone.made  # the downloads (made by the copy) and the redirects
    assert {uri: ahead.content(uri) for uri in expected} == expected


@needs_fork
def test_a_copy_that_fails_leaves_its_pages_to_be_rendered_as_mkdocs_asks(expected):
    build = prepared()
    render, parent = build.renderer.render, os.getpid()

    def fails_in_a_copy(page):
        if os.getpid() != parent:
            raise RuntimeError("a template error in the copy")
        return render(page)

    build.renderer.render = fails_in_a_copy
    build.render_ahead(2)
    assert 0 < len(build.rendered) < len(expected)  # the copy's share is missing, not wrong
    assert {uri: build.content(uri) for uri in expected} == expected


def test_without_fork_nothing_is_rendered_ahead_and_every_page_still_is(expected, monkeypatch):
    monkeypatch.delattr(os, "fork", raising=False)
    build = prepared()
    build.render_ahead(2)
    assert build.rendered == {}
    assert {uri: build.content(uri) for uri in expected} == expected


def site_with_a_broken_link(folder: Path) -> Path:
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    pages = {
        "index.html": f'<html><head>{policy}</head><body><a href="there/">there</a> <a href="gone/">gone</a></body>',
        "there/index.html": f'<html><head>{policy}</head><body><h1 id="top-of-it">There</h1>'
                            '<a href="../#nowhere">back</a></body>',
        "assets/site.css": "a { background: url(missing.png) }",
    }
    for path, text in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


def test_the_link_check_beside_other_work_finds_what_the_check_alone_finds(tmp_path):
    site = site_with_a_broken_link(tmp_path)
    alone = links.check(site, SITE_URL)
    assert [(b.file, b.link) for b in alone] == [
        ("assets/site.css", "missing.png"), ("index.html", "gone/"), ("there/index.html", "../#nowhere")]
    assert links.check_beside(site, SITE_URL)() == alone


def test_the_link_check_beside_other_work_does_not_check_what_is_written_after_it_starts(tmp_path):
    site = site_with_a_broken_link(tmp_path)
    alone = links.check(site, SITE_URL)
    checking = links.check_beside(site, SITE_URL)
    (site / "search").mkdir()
    (site / "search" / "late.css").write_text("a { background: url(not-there.png) }", encoding="utf-8")
    assert checking() == alone
