"""The preview keeps what it worked out from each unchanged review between reloads; what it then has is a fresh
load's, edit after edit: the same pages, problems, warnings, follow-ups, timeline, feed entries and changes.

On a copy of the fixture data: each edit is loaded by the preview (``preview.prepare``, with its cache) and by a
fresh build (``Build.prepare``), and everything the site is made from is compared in words (``repr``), so no
object is compared by identity.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_validation import FIXTURE, ROOT

from tracker import feeds, preview
from tracker.build import Build
from tracker.load import load
from tracker.problems import DataProblems

TEMPLATES = ROOT / "overrides" / "records"
SAMPLE = "reviews/sample-review-2020"
SECOND = "reviews/second-review-2021"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    # One review's progress update cites another review's recommendation: its feed entry quotes that one's heading.
    edit(folder, f"{SAMPLE}/recommendations/i.yml", "          source: sample-report\n",
         "          source: sample-report\n          evidence:\n            - record: second-review-2021/1\n", 1)
    return folder


def edit(data: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def derived(build: Build) -> dict[str, object]:
    """Everything the pages are made from, in words."""
    site = build.site
    return {
        "pages": {uri: (build.front_matter(page), build.content(uri)) for uri, page in build.pages.items()},
        "follow-ups": [repr(f) for f in site.record.follow_ups.values()],
        "timeline": [repr(e) for e in site.timeline],
        "feed": [repr(e) for e in feeds.entries(site)],
        "changes": [repr(c) for c in site.views.changes],
        "overdue": [repr(r) for r in site.views.overdue],
        "warnings": [w.explain() for w in site.loaded.warnings],
    }


def problems_of(call) -> list[str] | None:
    try:
        call()
    except DataProblems as stopped:
        return [p.explain() for p in stopped.problems]
    return None


class Preview:
    """The preview's side: one cache, reloaded after each edit as `tracker serve` does."""

    def __init__(self, data: Path):
        self.data = data
        self.cache = preview.FileCache()
        self.build: Build | None = None

    def reload(self, *saved: str) -> Build | list[str]:
        for rel in saved:
            self.cache.forget(self.data / rel)
        try:
            self.build = preview.prepare(self.data, TEMPLATES, self.cache, previous=self.build)
        except DataProblems as stopped:
            return [p.explain() for p in stopped.problems]
        return self.build


def same_as_fresh(shown: Preview, *saved: str) -> None:
    got = shown.reload(*saved)
    if isinstance(got, list):
        assert got == problems_of(lambda: load(shown.data))
        return
    fresh = Build.prepare(shown.data, TEMPLATES)
    ours, theirs = derived(got), derived(fresh)
    for key in theirs:
        assert ours[key] == theirs[key], key


EDITS = [
    # (file, old, new): applied one after another to the same preview.
    (f"{SECOND}/recommendations/1.yml", "heading: Done already", "heading: Done already, and checked"),
    (f"{SAMPLE}/recommendations/ii.yml", "heading: ", "heading: Edited "),
    (f"{SAMPLE}/review.yml", "title: ", "title: Retitled "),
    (f"{SAMPLE}/review.yml", "# yaml-language-server", "# A comment that moves every line down\n# yaml-language-server"),
    ("council/meetings/sample-meeting.yml", "The committee discussed the review.",
     "The committee discussed the review at length."),
    ("council/meetings/sample-meeting.yml", 'title: "Fixture scrutiny committee: review',
     'title: "Fixture scrutiny committee: a review'),
    ("council/owners/fixture-team.yml", "name: Fixture Team", "name: The Fixture Team"),
    (f"{SECOND}/recommendations/1.yml", "text: The letter was sent.", "text: The letter was sent in April."),
]


def test_edit_after_edit_the_preview_has_what_a_fresh_build_has(data):
    shown = Preview(data)
    same_as_fresh(shown)
    for rel, old, new in EDITS:
        edit(data, rel, old, new)
        same_as_fresh(shown, rel)


def test_unchanged_reviews_are_not_worked_out_again(data):
    shown = Preview(data)
    shown.reload()
    first = shown.build.site.record.follow_ups
    edit(data, f"{SAMPLE}/recommendations/ii.yml", "heading: ", "heading: Edited ")
    shown.reload(f"{SAMPLE}/recommendations/ii.yml")
    again = shown.build.site.record.follow_ups
    second = [r for r in shown.build.site.tracker.reviews if r.id == "second-review-2021"][0]
    kept = [f for f in again.values() if f.review is second]
    assert kept and all(first.get(id(f.item)) is f for f in kept)  # the same objects: not worked out again
    edited = [f for f in again.values() if f.review is not second]
    assert edited and all(first.get(id(f.item)) is not f for f in edited)


def test_a_review_that_cites_an_edited_one_is_worked_out_again(data):
    shown = Preview(data)
    shown.reload()
    edit(data, f"{SECOND}/recommendations/1.yml", "heading: Done already", "heading: Letters sent")
    shown.reload(f"{SECOND}/recommendations/1.yml")
    texts = [e.text for e in feeds.entries(shown.build.site) if e.key.startswith("sample-review-2020/recommendations/i/")]
    assert any("Recommendation 1: Letters sent" in t for t in texts)
    assert not any("Done already" in t for t in texts)


def test_problems_in_an_unchanged_review_are_still_reported(data):
    shown = Preview(data)
    shown.reload()
    edit(data, f"{SECOND}/recommendations/1.yml", "source: second-report", "source: no-such-report")
    same_as_fresh(shown, f"{SECOND}/recommendations/1.yml")
    # An edit elsewhere: the second review's problem was found last time, and is reported again, word for word.
    edit(data, f"{SAMPLE}/recommendations/ii.yml", "heading: ", "heading: Edited ")
    got = shown.reload(f"{SAMPLE}/recommendations/ii.yml")
    assert isinstance(got, list) and any("no-such-report" in p for p in got)
    assert got == problems_of(lambda: load(data))
    edit(data, f"{SECOND}/recommendations/1.yml", "source: no-such-report", "source: second-report")
    same_as_fresh(shown, f"{SECOND}/recommendations/1.yml")


def test_a_record_added_and_removed(data):
    shown = Preview(data)
    shown.reload()
    new = data / SECOND / "recommendations/2.yml"
    new.write_text((data / SECOND / "recommendations/1.yml").read_text(encoding="utf-8")
                   .replace('id: "1"', 'id: "2"', 1), encoding="utf-8")
    same_as_fresh(shown, f"{SECOND}/recommendations/2.yml")
    new.unlink()
    same_as_fresh(shown, f"{SECOND}/recommendations/2.yml")


def test_a_file_saved_without_word_from_the_watcher_is_still_read(data):
    """Each folder's part of the load is kept while nothing in the folder changed, as the file system says: a
    save the watcher did not report (no ``forget``), a new file and a removed one are all noticed."""
    shown = Preview(data)
    shown.reload()
    edit(data, f"{SECOND}/recommendations/1.yml", "heading: Done already", "heading: Done already, noticed")
    same_as_fresh(shown)  # what the preview has is what a fresh build has: the new heading
    new = data / SECOND / "recommendations/2.yml"
    new.write_text((data / SECOND / "recommendations/1.yml").read_text(encoding="utf-8")
                   .replace('id: "1"', 'id: "2"', 1), encoding="utf-8")
    same_as_fresh(shown)
    new.unlink()
    same_as_fresh(shown)
    edit(data, "council/meetings/sample-meeting.yml", "The committee discussed the review.",
         "The committee discussed the review, unreported.")
    same_as_fresh(shown)


def test_unchanged_folders_are_not_read_again(data):
    shown = Preview(data)
    shown.reload()
    misses = shown.cache.misses
    edit(data, f"{SAMPLE}/recommendations/ii.yml", "heading: ", "heading: Edited ")
    shown.reload(f"{SAMPLE}/recommendations/ii.yml")
    assert shown.cache.misses == misses + 1  # the one file saved
    assert shown.cache.folder_hits >= 2  # the other review and data/council: their part of the last load kept


def test_notes_said_on_many_records_are_a_fresh_build_s_after_an_edit(tmp_path):
    """A note written word for word on many records is said once, on the sources page: the preview works each
    review's notes out once and keeps them, and what it then has is what a fresh build has."""
    from tracker import synthetic

    data = tmp_path / "data"
    synthetic.generate(data, reviews=4, recommendations=40, seed=2)
    shown = Preview(data)
    shown.reload()

    def notes(build: Build) -> list[tuple[str, str, list[str]]]:
        files = build.site.loaded.files
        return [(n.anchor, n.text, [files[id(r)] for r in n.records]) for n in build.site.shared_notes.values()]

    before = notes(shown.build)
    assert before  # the synthetic records share notes
    anchor, text, on = before[0]
    rel = on[1].removeprefix("data/")  # the files are named from the data folder's parent
    path = data / rel
    assert text.split("\n")[0] in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(text.split("\n")[0], "A note of its own.", 1),
                    encoding="utf-8")
    shown.reload(rel)
    after = notes(shown.build)
    assert after == notes(Build.prepare(data, TEMPLATES))
    assert after != before
