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

The data layout: council-level records (meetings, decisions, sources, owners,
committees) in ``data/council/``; the review's own records (recommendations,
resolutions, commitments, events) in ``data/reviews/peer-on-peer-abuse-2019/``.
Sources with a ``file`` are transcribed seeds and are checked word for word; the
others are cited web pages, which are not among the seeds.

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
COUNCIL = DATA / "council"
REVIEW = DATA / "reviews" / "peer-on-peer-abuse-2019"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"source documents not found: {SEEDS} is missing "
    "(the repository must be checked out next to shared/seeds)",
)

COUNCIL_KINDS = {
    "committees": "committee",
    "owners": "owner",
    "meetings": "meeting",
    "decisions": "decision",
    "sources": "source",
}
REVIEW_KINDS = {
    "recommendations": "recommendation",
    "resolutions": "resolution",
    "commitments": "commitment",
    "events": "event",
}
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
# YYYY, YYYY-MM (or a season YYYY-21..24), YYYY-MM-DD, each perhaps ~ ? %; A/B with .. for an open end
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


def records(folder: Path) -> dict[str, dict]:
    return {p.stem: load(p) for p in sorted(folder.glob("*.yml"))}


REVIEW_DATA = load(REVIEW / "review.yml")
RECS = records(REVIEW / "recommendations")
RESOLUTIONS = records(REVIEW / "resolutions")
COMMITMENTS = records(REVIEW / "commitments")
EVENTS = records(REVIEW / "events")
MEETINGS = records(COUNCIL / "meetings")
DECISIONS = records(COUNCIL / "decisions")
SOURCES = records(COUNCIL / "sources")
OWNERS = records(COUNCIL / "owners")
COMMITTEES = records(COUNCIL / "committees")
GLOSSARY = load(DATA / "glossary.yml")
SOURCE_FILES = {sid: s["file"] for sid, s in SOURCES.items() if s.get("file")}
"""The sources transcribed from a seed document (the others are cited web pages)."""


def source_text(source_id: str) -> str:
    return (SEEDS / SOURCE_FILES[source_id]).read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    i = text.index(start) + len(start)
    return text[i : text.index(end, i)]


def responses():
    """(where, record's source, response) for every response in the review."""
    for rid, rec in RECS.items():
        if rec.get("response"):
            yield f"recommendation {rid}", rec["source"], rec["response"]
    for rid, rec in RESOLUTIONS.items():
        if rec.get("response"):
            yield f"resolution {rid}", rec["source"], rec["response"]


def actions():
    """(where, the response's source, action) for every action in the review."""
    for where, src, resp in responses():
        for a in resp.get("actions", []):
            yield f"{where} action {a['id']}", resp.get("source", src), a


def progress_updates():
    """(where, update) for every progress update on an action or a commitment."""
    for where, _, a in actions():
        for i, p in enumerate(a.get("progress", [])):
            yield f"{where} progress[{i}]", p
    for cid, c in COMMITMENTS.items():
        for i, p in enumerate(c.get("progress", [])):
            yield f"commitment {cid} progress[{i}]", p


def spotlight_progress(action: dict) -> list[dict]:
    """The progress entries transcribed from the spotlight responses' Progress cell."""
    return [p for p in action.get("progress", []) if p["source"] == "spotlight-responses"]


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
    for folder, kind in COUNCIL_KINDS.items():
        for path in sorted((COUNCIL / folder).glob("*.yml")):
            yield path, kind
    for folder, kind in REVIEW_KINDS.items():
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
        assert "sources" not in data, "sources are council records now (data/council/sources)"
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
    assert spotlight_progress(action) == []  # its Progress cell is empty
    for rid in ("iv", "vi", "xi"):
        assert RECS[rid]["addressed_to"] == "committee"
        assert RECS[rid]["response"]["title"] == "Scrutiny Response"
        assert "decision" not in RECS[rid]["response"]


def test_sources():
    assert set(SOURCE_FILES) == {"spotlight-responses", "cyp-minutes", "cabinet-decision"}
    assert SOURCES["cyp-minutes"]["url"] == "https://councillors.herefordshire.gov.uk/mgAi.aspx?ID=56157"
    assert SOURCES["cabinet-decision"]["url"] == "http://councillors.herefordshire.gov.uk/ieDecisionDetails.aspx?Id=7356"
    # no public address was found for the spotlight responses: none is guessed, and the note says so
    assert "url" not in SOURCES["spotlight-responses"]
    assert "no public web address" in SOURCES["spotlight-responses"]["note"].lower()
    for sid, s in SOURCES.items():
        assert s.get("file") or s.get("url"), f"{sid}: a source needs a file or a web address"
        if "url" in s:
            assert re.match(r"https?://", s["url"]), sid
        assert s.get("note"), f"{sid}: say what the document is and how it is used"


def test_meeting_dates():
    """The minutes never state their meeting's date; it comes from the press statement."""
    meeting = MEETINGS["cyp-scrutiny-review-of-cases"]
    assert meeting["date"]["edtf"] == "2020-09-15"
    assert meeting["date"]["source"] == "press-statement-2020-09-15"
    assert "never state" in meeting["date"]["note"]
    assert SOURCES["cyp-minutes"]["date"]["edtf"] == "2020-09-15"
    assert "(15 September)" in SOURCES["press-statement-2020-09-15"]["quote"]
    june = MEETINGS["cyp-scrutiny-2020-06-02"]
    assert june["date"] == {"as_written": "02/06/2020", "edtf": "2020-06-02"}
    assert "minutes" not in june  # not among the seeds: only the listing line and purpose
    assert "02/06/2020" in SOURCES[june["source"]]["quote"]
    assert "cyp-scrutiny-2020-06-02" in EVENTS["first-report-to-committee-2020-06"]["related"]
    assert EVENTS["policies-updated-summer-2020"]["date"]["edtf"] == "2020-22"  # EDTF summer


def test_resolutions_addressed_and_answered():
    for rid, r in RESOLUTIONS.items():
        if rid == "4":  # "Retains a watching brief ...": the committee's own action
            assert r["addressed_to"] == "committee"
            assert "response" not in r
            assert r["report_back"]["every"] == {"months": 3}
            continue
        assert r["addressed_to"] == "executive", rid
        resp = r["response"]
        # cabinet approved the executive response, but its words (appendix 5) are not in the sources
        assert "text" not in resp and "actions" not in resp, rid
        assert resp["note"] and "appendix 5" in resp["note"], rid
        assert resp["approved_in"]["record"] == "cabinet-2020-11-26"
        assert resp["approved_in"]["part"] == "b)"
        assert resp["date"]["edtf"] == "2020-11-26"


def test_decision_effective_from_is_explained():
    eff = DECISIONS["cabinet-2020-11-26"]["effective_from"]
    assert eff["as_written"] == "05/12/2020" and eff["edtf"] == "2020-12-05"
    # The note acknowledges the difference from the worked-out date (8 December 2020), so the loader does
    # not warn about it; it must not pretend to explain it.
    assert "constitution" in eff["note"] and "does not say why" in eff["note"]
    for part in DECISIONS["cabinet-2020-11-26"]["parts"]:
        if part["label"] in ("c)", "d)"):
            assert part.get("actions", []) == [], "no follow-up actions are recorded in the sources"


def walk_dates(node, where="$"):
    """Every date object ({as_written?, edtf?, note?, source?}) anywhere in a record."""
    if isinstance(node, dict):
        if set(node) <= {"as_written", "edtf", "note", "source"} and ("edtf" in node or "as_written" in node):
            yield where, node
        for k, v in node.items():
            yield from walk_dates(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_dates(v, f"{where}[{i}]")


def all_records():
    yield "review", REVIEW_DATA
    for group in (RECS, RESOLUTIONS, COMMITMENTS, EVENTS, MEETINGS, DECISIONS, SOURCES):
        yield from group.items()


def test_dates_are_well_formed():
    for rid, rec in all_records():
        for where, date in walk_dates(rec):
            if "edtf" in date:
                assert isinstance(date["edtf"], str), f"{rid} {where}: edtf must be a string"
                assert EDTF.match(date["edtf"]), f"{rid} {where}: {date['edtf']!r}"
            if "as_written" not in date or "edtf" not in date:
                assert date.get("note"), f"{rid} {where}: a date without as_written or edtf needs a note"
            if "source" in date:
                # a date from another document: that document exists, and the date needs a note
                assert date["source"] in SOURCES, f"{rid} {where}: {date['source']}"
                assert date.get("note"), f"{rid} {where}: a date from another document needs a note"
                quote = SOURCES[date["source"]].get("quote")
                if quote and "as_written" in date:
                    assert date["as_written"] in quote, f"{rid} {where}: not in {date['source']}'s quote"
            written = str(date.get("as_written", ""))
            m = re.search(r"\b(%s) (\d{4})\b" % "|".join(MONTHS), written)
            if m and "edtf" in date:
                assert date["edtf"].startswith(f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"), f"{rid} {where}"


def test_progress_dates_and_states():
    for where, p in progress_updates():
        assert p["source"] in SOURCES, where
        assert p.get("state", "not started") in ("not started", "in progress", "complete"), where
        if p["source"] == "spotlight-responses":
            assert "date" not in p, f"{where}: the spotlight responses do not date progress"
        else:
            assert p.get("date"), f"{where}: progress from a later document is dated"
            assert p.get("evidence"), f"{where}: progress from a later document names its evidence"
            assert p.get("note"), f"{where}: say why it is linked to this action"
        if p.get("state") == "complete":
            assert p.get("evidence") and p.get("note"), f"{where}: completion needs evidence and a reason"
    # the model policy and model guidance show work happening, not completion
    for p in RECS["i"]["response"]["actions"][0]["progress"]:
        assert "state" not in p


def test_decision_words():
    expected = {"i": "Partially agreed", "v": "Agreed", "vii": "Agreed", "viii": "Not agreed",
                "ix": "Partially agreed", "x": "Partially Agreed", "xii": "Agreed"}
    for where, _, resp in responses():
        rid = where.split()[-1]
        if "decision" not in resp:
            assert "decision_words" not in resp, where
            continue
        assert resp["decision_words"] == expected[rid], where
        assert resp["decision_words"].lower() == resp["decision"], where
        assert resp["text"].startswith(resp["decision_words"]), where


def test_dates_in_text_are_in_their_cell():
    """Each date inside a cell quotes that cell's words, and its as_written is inside the quote."""
    seen = 0
    for where, _, resp in responses():
        for d in resp.get("dates_in_text", []):
            assert norm(d["quote"]) in norm(resp["text"]), where
            assert d["date"]["as_written"] in d["quote"], where
            seen += 1
    for where, _, a in actions():
        cells = " ".join([a["description"], (a.get("due") or {}).get("as_written", ""),
                          *a.get("success_criteria", []), *(p["text"] for p in spotlight_progress(a))])
        for d in a.get("dates_in_text", []):
            assert norm(d["quote"]) in norm(cells), f"{where}: {d['quote']}"
            assert d["date"]["as_written"] in d["quote"], where
            seen += 1
    assert seen == 10  # i: 2, v: 1 (its By When cell), vii: 2, ix: 2, x: 1, xii: 2 (response and action)


def test_dates_in_resolutions_quote_the_resolution():
    found = 0
    for rid, resolution in RESOLUTIONS.items():
        for d in resolution.get("dates_in_text", []):
            assert norm(d["quote"]) in norm(resolution["text"]), rid
            assert d["date"]["as_written"] in d["quote"], rid
            found += 1
    assert found == 1  # resolution 2: "the summer term in 2017"


def test_commitments():
    owner_names = {n.casefold() for o in OWNERS.values() for n in [o["id"], o["name"], *o.get("aliases", [])]}
    assert {"schools-explain-by-december-2020", "induction-by-september-2020", "legal-answer-redacted-cso-report",
            "legal-attendance-at-meetings", "inspection-of-policies"} <= set(COMMITMENTS)
    for cid, c in COMMITMENTS.items():
        assert c["meeting"] in MEETINGS, cid
        assert c["source"] == "cyp-minutes", cid
        assert c["given_by"].casefold() in owner_names, f"{cid}: {c['given_by']} is not an owner or alias"
        assert c.get("note"), cid
    assert COMMITMENTS["schools-explain-by-december-2020"]["due"] == {"as_written": "by December 2020",
                                                                        "edtf": "2020-12"}
    assert COMMITMENTS["induction-by-september-2020"]["due"]["edtf"] == "2020-09"
    for cid in ("legal-answer-redacted-cso-report", "legal-attendance-at-meetings", "inspection-of-policies"):
        assert "due" not in COMMITMENTS[cid], f"{cid}: the minutes give no date"


def test_related_and_sources_resolve():
    review_ids = set(RECS) | set(RESOLUTIONS) | set(COMMITMENTS) | set(EVENTS)
    council_ids = set(MEETINGS) | set(DECISIONS) | set(SOURCES)
    ids = review_ids | council_ids
    for rid, rec in all_records():
        for target in rec.get("related", []):
            assert str(target) in ids, f"{rid}: related {target!r} is not a record"
        if "source" in rec:
            assert rec["source"] in SOURCES, rid
    for res in [*RESOLUTIONS.values(), *COMMITMENTS.values()]:
        assert res["meeting"] in MEETINGS
    for term in GLOSSARY["terms"]:
        assert term["source"] in SOURCE_FILES


def test_glossary_bases():
    for term in GLOSSARY["terms"]:
        # 'site': the site's own explanation, never the council's, and it must say why it is given.
        assert term["basis"] in ("stated", "unambiguous", "unknown", "site"), term["term"]
        if term["basis"] == "site":
            assert term.get("explained"), term["term"]
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


def evidence_source(evidence: dict) -> tuple[str, str | None]:
    """The seed a piece of evidence is quoted from, and the words it points at (a decision part's text)."""
    record = evidence["record"]
    if record in MEETINGS:
        return MEETINGS[record]["source"], None
    if record in DECISIONS:
        d = DECISIONS[record]
        if "part" in evidence:
            (part,) = [p for p in d["parts"] if p["label"] == evidence["part"]]
            return d["source"], part["text"]
        return d["source"], None
    assert record in SOURCES, record
    return record, None


@needs_seeds
def test_every_field_is_verbatim():
    hay: dict[str, str] = {}
    for rid, rec in RECS.items():
        src = rec["source"]
        for field in ("heading", "text"):
            if field in rec:
                assert_in_source(rec[field], src, f"{rid}.{field}", hay)
    for where, src, resp in responses():
        if "text" not in resp:
            continue
        assert_in_source(resp["title"], src, f"{where}.response.title", hay)
        assert_in_source(resp["text"], src, f"{where}.response.text", hay)
    for where, src, a in actions():
        assert_in_source(a["description"], src, f"{where}.description", hay)
        assert_in_source(a["owner"], src, f"{where}.owner", hay)
        assert_in_source(a["due"]["as_written"], src, f"{where}.due", hay)
        for c in a["success_criteria"]:
            assert_in_source(c, src, f"{where}.success_criteria", hay)
    for where, p in progress_updates():
        assert_in_source(p["text"], p["source"], f"{where}.text", hay)
        for ev in p.get("evidence", []):
            ev_src, part_text = evidence_source(ev)
            if "quote" in ev:
                assert_in_source(ev["quote"], ev_src, f"{where}.evidence quote", hay)
                assert norm(ev["quote"]) in norm(p["text"]), f"{where}: the evidence quotes the update's words"
            if part_text is not None:
                assert norm(part_text) == norm(p["text"]), f"{where}: the update is the decision part's text"
    for where, _, resp in responses():
        if "approved_in" in resp:
            ev_src, part_text = evidence_source(resp["approved_in"])
            assert_in_source(resp["approved_in"]["quote"], ev_src, f"{where}.approved_in.quote", hay)
            assert norm(resp["approved_in"]["quote"]) == norm(part_text), where
    for mid, m in MEETINGS.items():
        if m["source"] not in SOURCE_FILES:  # a cited web page, not transcribed: no minutes recorded
            assert "minutes" not in m and "resolutions_preamble" not in m, mid
            continue
        for field in ("agenda_item", "purpose", "minutes", "resolutions_preamble"):
            assert_in_source(m[field], m["source"], f"{mid}.{field}", hay)
    for rid, r in RESOLUTIONS.items():
        assert_in_source(r["text"], r["source"], f"resolution {rid}", hay)
        if "report_back" in r:
            assert_in_source(r["report_back"]["as_written"], r["report_back"]["source"], f"resolution {rid}", hay)
    for cid, c in COMMITMENTS.items():
        assert_in_source(c["text"], c["source"], f"commitment {cid}", hay)
        if "due" in c:
            assert norm(c["due"]["as_written"]) in norm(c["text"]), f"commitment {cid} due"
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
    for sid in SOURCE_FILES:
        assert_in_source(SOURCES[sid]["title"], sid, f"source {sid}.title", hay)


@needs_seeds
def test_new_quotes_are_exact():
    """The quotations added for the monitoring cycle, character for character (curly apostrophes included)."""
    minutes = norm(source_text("cyp-minutes"))
    decision = norm(source_text("cabinet-decision"))
    for cid, c in COMMITMENTS.items():
        assert norm(c["text"]) in minutes, cid
    assert "children’s legal" in COMMITMENTS["legal-attendance-at-meetings"]["text"]  # curly, as the minutes
    v_done = RECS["v"]["response"]["actions"][0]["progress"][-1]
    assert v_done["state"] == "complete"
    assert norm(v_done["evidence"][0]["quote"]) in minutes
    policy, guidance = RECS["i"]["response"]["actions"][0]["progress"]
    assert norm(policy["text"]) in minutes
    assert norm(guidance["text"]) in decision
    assert norm(f"c) {guidance['text']}") in decision


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
        assert norm(" ".join(p["text"] for p in spotlight_progress(action))) == progress, ids


@needs_seeds
def test_minutes_complete():
    """Minutes + preamble + the 11 resolutions, in order, are the whole of the source's minutes."""
    text = source_text("cyp-minutes")
    (meeting,) = [m for m in MEETINGS.values() if m["source"] == "cyp-minutes"]
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
