"""Checks that the peer-on-peer-abuse-2019 data is a faithful transcription of its sources.

The three source documents live outside the repository, in ``shared/seeds`` next to
the checkout. Both sides are compared after the same light normalisation: HTML tags
are removed, bullet markers (``•``, ``·`` in the sources, a leading ``- `` in the
data) are dropped and all runs of whitespace (including non-breaking spaces) become
one space. Nothing else is normalised: spelling, capitals, punctuation, curly quotes
and dashes must match exactly.

The spotlight responses are a table whose cells are split across page breaks. The
tests rebuild each cell from the source by joining its fragments in order, and
compare the data with the rebuilt cell.

Only PyYAML and the standard library are used.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REVIEW = DATA / "reviews" / "peer-on-peer-abuse-2019"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"source documents not found: {SEEDS} is missing "
    "(the repository must be checked out next to shared/seeds)",
)

KINDS = {
    "recommendations": "recommendation",
    "meetings": "meeting",
    "resolutions": "resolution",
    "decisions": "decision",
    "events": "event",
}
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
EDTF = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]?)"
    r"(?:/(?:\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]?|\.\.))?$"
)
MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(),
        1,
    )
}


# --------------------------------------------------------------------------- helpers

TAG = re.compile(r"<[^>]+>")


def norm(text: str) -> str:
    """Strip HTML tags, bullet markers and table rules; collapse whitespace."""
    text = TAG.sub(" ", text)
    text = re.sub(r"(?m)^[-\t ]*-[-\t ]*$", " ", text)  # table rules: "--\t--\t---"
    text = re.sub(r"(?m)^[ \t]*- ", " ", text)  # bullets in the data
    text = text.replace("•", " ").replace("·", " ")  # bullets in the sources
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str) -> list[str]:
    """The blank-line separated paragraphs of a data text field."""
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def records(folder: str) -> dict[str, dict]:
    return {p.stem: load(p) for p in sorted((REVIEW / folder).glob("*.yml"))}


REVIEW_DATA = load(REVIEW / "review.yml")
RECS = records("recommendations")
MEETINGS = records("meetings")
RESOLUTIONS = records("resolutions")
DECISIONS = records("decisions")
EVENTS = records("events")
GLOSSARY = load(DATA / "glossary.yml")
SOURCE_FILES = {s["id"]: s["file"] for s in REVIEW_DATA["sources"]}


def source_text(source_id: str) -> str:
    return (SEEDS / SOURCE_FILES[source_id]).read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    i = text.index(start) + len(start)
    return text[i : text.index(end, i)]


# ---------------------------------------------- the spotlight responses, rebuilt


def cells(line: str) -> list[str]:
    return line.split("\t")


def plain(cell: str) -> str:
    return norm(cell)


def spotlight_blocks() -> dict[tuple[str, ...], list[str]]:
    """Split the spotlight responses into one block per 'Recommendation ...' row."""
    blocks: dict[tuple[str, ...], list[str]] = {}
    current = None
    for line in source_text("spotlight-responses").split("\n"):
        m = re.match(r"Recommendation ((?:[ivx]+)(?:, [ivx]+)*(?: and [ivx]+)?)\b", plain(line))
        if m:
            current = tuple(re.findall(r"[ivx]+", m.group(1)))
            blocks[current] = []
        if current:
            blocks[current].append(line)
    return blocks


def parse_block(lines: list[str]) -> dict:
    """Heading, recommendation text, response and the (merged) action row of one block."""
    resp_at = next(
        i for i, l in enumerate(lines) if plain(cells(l)[0]) in ("Executive Response", "Scrutiny Response")
    )
    head_at = next(i for i, l in enumerate(lines) if plain(cells(l)[0]) == "Action")
    pre = "\n".join(lines[:resp_at])
    headings = re.findall(r"<u>(.*?)</u>", pre)
    body = re.sub(r"<u>.*?</u>", " ", pre)
    body = re.sub(r"Recommendation [ivx]+(?:, [ivx]+)*(?: and [ivx]+)?", " ", body, count=1)
    resp = cells(lines[resp_at])
    rows = [
        cells(l)
        for l in lines[head_at + 1 :]
        if l.strip() and not re.fullmatch(r"[-\t ]*", l)
    ]
    merged = None
    if rows:
        # every action table in this document has ONE row, split over page
        # breaks: join each column's fragments in order
        merged = [" ".join(plain(r[c]) for r in rows if c < len(r) and plain(r[c])) for c in range(5)]
    return {
        "headings": headings,
        "body": body,
        "response_title": plain(resp[0]),
        "response_text": " ".join(resp[1:]),
        "row": merged,
    }


def haystack(source_id: str) -> str:
    """The normalised source, plus (for the spotlight responses) every rebuilt cell."""
    text = norm(source_text(source_id))
    if source_id == "spotlight-responses":
        for lines in spotlight_blocks().values():
            row = parse_block(lines)["row"]
            if row:
                text += " \n " + " \n ".join(row)
    return text


# --------------------------------------------------------- structure (no seeds)


def all_files():
    yield DATA / "site.yml", "site"
    yield DATA / "glossary.yml", "glossary"
    yield REVIEW / "review.yml", "review"
    for folder, kind in KINDS.items():
        for path in sorted((REVIEW / folder).glob("*.yml")):
            yield path, kind


@pytest.mark.parametrize("path,kind", list(all_files()), ids=lambda v: str(v))
def test_schema_line_and_id(path, kind):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    rel = os.path.relpath(ROOT / "schemas" / f"{kind}.schema.json", path.parent)
    assert first == f"# yaml-language-server: $schema={rel}"
    data = load(path)
    if kind == "review":  # review.yml: the folder is named after the review's id
        assert data["id"] == path.parent.name
    elif kind not in ("site", "glossary"):
        assert isinstance(data["id"], str) and data["id"] == path.stem


def test_counts_and_shared_response():
    assert sorted(RECS, key=ROMAN.index) == ROMAN
    assert sorted(RESOLUTIONS, key=int) == [str(n) for n in range(1, 12)]
    assert "response" in RECS["i"]
    for rid in ("ii", "iii"):
        assert RECS[rid]["shares_response_with"] == "i"
        assert "response" not in RECS[rid]
    assert RECS["viii"]["response"]["actions"] == []
    assert RECS["viii"]["response"]["decision"] == "not agreed"
    # the i–iii table is ONE action whose description is the numbered list
    (action,) = RECS["i"]["response"]["actions"]
    assert re.findall(r"(?m)^(\d+)\. ", action["description"]) == ["1", "2", "3"]
    assert action.get("progress", []) == []
    for rid in ("iv", "vi", "xi"):
        assert RECS[rid]["addressed_to"] == "committee"
        assert RECS[rid]["response"]["title"] == "Scrutiny Response"
        assert "decision" not in RECS[rid]["response"]


def walk_dates(node, where="$"):
    """Every date object ({as_written?, edtf?, note?}) anywhere in a record."""
    if isinstance(node, dict):
        if set(node) <= {"as_written", "edtf", "note"} and ("edtf" in node or "as_written" in node):
            yield where, node
        for k, v in node.items():
            yield from walk_dates(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_dates(v, f"{where}[{i}]")


def all_records():
    yield "review", REVIEW_DATA
    for group in (RECS, MEETINGS, RESOLUTIONS, DECISIONS, EVENTS):
        yield from group.items()


def test_dates_are_well_formed():
    for rid, rec in all_records():
        for where, date in walk_dates(rec):
            if "edtf" in date:
                assert isinstance(date["edtf"], str), f"{rid} {where}: edtf must be a string"
                assert EDTF.match(date["edtf"]), f"{rid} {where}: {date['edtf']!r}"
            if "as_written" not in date or "edtf" not in date:
                assert date.get("note"), f"{rid} {where}: a date without as_written or edtf needs a note"
            written = str(date.get("as_written", ""))
            m = re.search(r"\b(%s) (\d{4})\b" % "|".join(MONTHS), written)
            if m and "edtf" in date:
                assert date["edtf"].startswith(f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"), f"{rid} {where}"


def test_progress_is_undated_and_states_are_valid():
    for rid, rec in RECS.items():
        resp = rec.get("response", {})
        assert resp.get("decision", "agreed") in ("agreed", "partially agreed", "not agreed")
        for action in resp.get("actions", []):
            for entry in action.get("progress", []):
                assert "date" not in entry, f"{rid}: the source does not date progress"
                assert entry["source"] == "spotlight-responses"
                assert entry.get("state", "not started") in ("not started", "in progress", "complete")


def test_related_and_sources_resolve():
    ids = set(RECS) | set(MEETINGS) | set(RESOLUTIONS) | set(DECISIONS) | set(EVENTS)
    for rid, rec in all_records():
        for target in rec.get("related", []):
            assert str(target) in ids, f"{rid}: related {target!r} is not a record"
        if "source" in rec:
            assert rec["source"] in SOURCE_FILES, rid
    for res in RESOLUTIONS.values():
        assert res["meeting"] in MEETINGS
    for term in GLOSSARY["terms"]:
        assert term["source"] in SOURCE_FILES


def test_glossary_bases():
    for term in GLOSSARY["terms"]:
        assert term["basis"] in ("stated", "unambiguous", "unknown"), term["term"]
        if term["basis"] == "unknown":
            assert "expansion" not in term, term["term"]
        else:
            assert term.get("expansion"), term["term"]
        assert term.get("note"), term["term"]


# ------------------------------------------------------------- verbatim (seeds)


def assert_in_source(text: str, source_id: str, what: str, hay: dict[str, str]):
    if source_id not in hay:
        hay[source_id] = haystack(source_id)
    for para in paragraphs(str(text)):
        assert norm(para) in hay[source_id], f"{what}: not found verbatim in {source_id}:\n{para}"


@needs_seeds
def test_every_field_is_verbatim():
    hay: dict[str, str] = {}
    for rid, rec in RECS.items():
        src = rec["source"]
        for field in ("heading", "text"):
            if field in rec:
                assert_in_source(rec[field], src, f"{rid}.{field}", hay)
        resp = rec.get("response")
        if not resp:
            continue
        rsrc = resp.get("source", src)
        assert_in_source(resp["title"], rsrc, f"{rid}.response.title", hay)
        assert_in_source(resp["text"], rsrc, f"{rid}.response.text", hay)
        for a in resp["actions"]:
            where = f"{rid}.action {a['id']}"
            assert_in_source(a["description"], rsrc, f"{where}.description", hay)
            assert_in_source(a["owner"], rsrc, f"{where}.owner", hay)
            assert_in_source(a["due"]["as_written"], rsrc, f"{where}.due", hay)
            for c in a["success_criteria"]:
                assert_in_source(c, rsrc, f"{where}.success_criteria", hay)
            for p in a.get("progress", []):
                assert_in_source(p["text"], p["source"], f"{where}.progress", hay)
    for mid, m in MEETINGS.items():
        for field in ("agenda_item", "purpose", "minutes", "resolutions_preamble"):
            assert_in_source(m[field], m["source"], f"{mid}.{field}", hay)
    for rid, r in RESOLUTIONS.items():
        assert_in_source(r["text"], r["source"], f"resolution {rid}", hay)
    for did, d in DECISIONS.items():
        for field in ("title", "decision_maker", "status", "purpose", "decision",
                      "alternative_options", "wards_affected", "contact"):
            assert_in_source(d[field], d["source"], f"{did}.{field}", hay)
        for part in d["parts"]:
            assert_in_source(f"{part['label']} {part['text']}", d["source"], f"{did} part {part['label']}", hay)
        for doc in d["accompanying_documents"]:
            assert_in_source(doc, d["source"], f"{did}.accompanying_documents", hay)
    for eid, e in EVENTS.items():
        assert_in_source(e["text"], e["source"], f"event {eid}", hay)
        if "as_written" in e["date"]:
            assert_in_source(e["date"]["as_written"], e["source"], f"event {eid} date", hay)
    assert_in_source(REVIEW_DATA["summary"], "spotlight-responses", "review.summary", hay)
    assert_in_source(REVIEW_DATA["title"], "spotlight-responses", "review.title", hay)
    for s in REVIEW_DATA["sources"]:
        assert_in_source(s["title"], s["id"], f"source {s['id']}.title", hay)


@needs_seeds
def test_spotlight_responses_complete():
    """Each block of the source is fully accounted for by the recommendation records."""
    blocks = spotlight_blocks()
    assert sorted(i for ids in blocks for i in ids) == sorted(ROMAN)
    for ids, lines in blocks.items():
        b = parse_block(lines)
        first = RECS[ids[0]]
        # heading (the same one for every recommendation of a shared block)
        assert [first.get("heading")] == (b["headings"] or [None]), ids
        for rid in ids:
            assert RECS[rid].get("heading") == first.get("heading"), rid
        # recommendation text: the block body, less the "i)" labels of a shared block
        if len(ids) > 1:
            expected = " ".join(f"{rid}) {norm(RECS[rid]['text'])}" for rid in ids)
        else:
            expected = norm(first["text"])
        assert norm(b["body"]) == expected, ids
        # the response
        resp = first["response"]
        assert resp["title"] == b["response_title"], ids
        assert norm(resp["text"]) == norm(b["response_text"]), ids
        # the action table
        if b["row"] is None:
            assert resp["actions"] == [], ids
            continue
        (action,) = resp["actions"]
        description, owner, due, criteria, progress = b["row"]
        assert norm(action["description"]) == description, ids
        assert norm(action["owner"]) == owner, ids
        assert norm(action["due"]["as_written"]) == due, ids
        assert norm(" ".join(action["success_criteria"])) == criteria, ids
        assert norm(" ".join(p["text"] for p in action.get("progress", []))) == progress, ids


@needs_seeds
def test_minutes_complete():
    """Minutes + preamble + the 11 resolutions, in order, are the whole of the source's minutes."""
    text = source_text("cyp-minutes")
    (meeting,) = MEETINGS.values()
    assert meeting["agenda_item"] in text
    assert norm(meeting["purpose"]) == norm(between(text, meeting["agenda_item"], "Minutes:"))
    ours = [meeting["minutes"], meeting["resolutions_preamble"]]
    ours += [RESOLUTIONS[str(n)]["text"] for n in range(1, 12)]
    assert norm(" ".join(ours)) == norm(between(text, "Minutes:", "Supporting documents:"))
    # each resolution is exactly one bullet of the source
    bullets = [norm(b) for b in re.split(r"·", text.split("That the committee:")[1].split("Supporting documents:")[0]) if norm(b)]
    assert bullets == [norm(RESOLUTIONS[str(n)]["text"]) for n in range(1, 12)]


@needs_seeds
def test_decision_complete():
    text = source_text("cabinet-decision")
    (d,) = DECISIONS.values()
    flat = norm(text)
    labelled = {
        "Decision Maker": d["decision_maker"],
        "Decision status": d["status"],
        "Is Key decision?": d["key_decision"],
        "Is subject to call in?": d["subject_to_call_in"],
        "Wards Affected": d["wards_affected"],
        "Contact": d["contact"],
        "Publication date": d["publication_date"]["as_written"],
        "Date of decision": d["date_of_decision"]["as_written"],
        "Effective from": d["effective_from"]["as_written"],
    }
    for label, value in labelled.items():
        assert norm(f"{label}: {value}") in flat, label
    assert norm(d["purpose"]) == norm(between(text, "Purpose:", "Decision:"))
    parts = " ".join(f"{p['label']} {p['text']}" for p in d["parts"])
    assert norm(f"{d['decision']} {parts}") == norm(between(text, "Decision:", "Alternative options considered:"))
    assert [p["label"] for p in d["parts"]] == ["a)", "b)", "c)", "d)"]
    assert norm(d["alternative_options"]) == norm(between(text, "Alternative options considered:", "Wards Affected:"))
    assert norm(" ".join(d["accompanying_documents"])) == norm(text.split("Accompanying Documents:")[1])


@needs_seeds
def test_glossary_covers_every_abbreviation():
    terms = {t["term"]: t for t in GLOSSARY["terms"]}
    not_abbreviations = {"MAY", "THAT"}  # emphasis capitals: 'MAY' lead to, THAT
    for sid in SOURCE_FILES:
        text = source_text(sid)
        for token in set(re.findall(r"\b[A-Za-z&]*[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*\b", text)):
            if token in not_abbreviations:
                continue
            assert token in terms or token.removesuffix("s") in terms, f"{token} ({sid}) missing from the glossary"
    for t in terms.values():
        flat = norm(source_text(t["source"]))
        assert re.search(r"\b%s" % re.escape(t["term"]), flat), f"{t['term']} not in {t['source']}"
        if t["basis"] == "stated":
            assert norm(t["expansion"]).lower() in flat.lower(), t["term"]
