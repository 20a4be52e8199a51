"""`tracker init DIR`: a new council's site in an empty folder, which builds and passes `tracker check` at once."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

from .. import cli, schema


EXAMPLES = """\
Example:

  tracker init ../shire-scrutiny --council "Shire County Council"
  cd ../shire-scrutiny
  tracker check
  mkdocs serve

The new folder holds mkdocs.yml, the site's templates (overrides/) and hook
(hooks/), the plain pages (docs/), the schemas editors use (schemas/), a README
and data/ with the council's name and one example review, clearly marked as an
example. Replace the example with the council's own record (CLERKS_GUIDE.md
walks through it), or start a real review beside it with tracker new review.
"""

TEMPLATE_PARTS = ("overrides", "hooks", "docs")
"""The parts of a site the tracker ships, copied into every new site."""

EXAMPLE_REVIEW = "example-review-2024"


def register(commands) -> None:
    parser = commands.add_parser(
        "init", help="start a new council's site in an empty folder",
        description="Make a new council's tracker site in an empty (or new) folder: it builds with "
        "'mkdocs build --strict' and passes 'tracker check' straight away.",
        epilog=EXAMPLES, formatter_class=cli.Formatter)
    parser.add_argument("folder", metavar="DIR", help="the folder to make the site in (new, or empty)")
    parser.add_argument("--council", required=True, help="the council's name, as it writes it")
    parser.add_argument("--title", help="the site's title (default: the council's name and 'scrutiny tracker')")
    parser.set_defaults(run=run)


def template_dir() -> Path:
    """Where the shipped templates are: the installed package's copy, else the project the package runs from."""
    shipped = Path(__file__).resolve().parents[1] / "_site"
    if (shipped / "overrides").is_dir():
        return shipped
    project = Path(__file__).resolve().parents[3]
    if (project / "overrides").is_dir() and (project / "mkdocs.yml").is_file():
        return project

    raise cli.Stop("The site's templates are missing from this installation of the tracker (no overrides/ "
                   "folder beside it). Reinstall it with pip, then run the command again.")


def run(args) -> int:

    target = Path(args.folder)
    council = " ".join(args.council.split())
    if not council:
        raise cli.Stop("--council is empty: give the council's name.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise cli.Stop(f"{target} is not an empty folder, so nothing was written. Give a new folder's name "
                       "(it is made for you), or an empty one.")
    source = template_dir()
    title = " ".join((args.title or f"{council}: scrutiny recommendations and what has happened").split())
    made = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        written = _write_site(target, source, council, title)
    except BaseException:
        _undo(target, made)
        raise
    print(f"Made a new site for {council} in {target}: {len(written)} files.")
    for name in ("mkdocs.yml", "README.md", "data/site.yml", f"data/reviews/{EXAMPLE_REVIEW}/review.yml"):
        print(f"  {name}")
    print(f"Next: cd {target}, then 'tracker check' and 'mkdocs serve' (see README.md there).")
    return 0


def _undo(target: Path, made: bool) -> None:
    """Leave the folder as it was found: gone if the command made it, else empty."""
    if made:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in target.iterdir():
        shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)


def _write_site(target: Path, source: Path, council: str, title: str) -> list[Path]:
    written: list[Path] = []
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for part in TEMPLATE_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=ignore)
            written += [p for p in (target / part).rglob("*") if p.is_file()]

    def put(rel: str, text: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)

    (target / "docs").mkdir(exist_ok=True)  # MkDocs needs its docs folder, even when every page is generated
    put("mkdocs.yml", _mkdocs_yml((source / "mkdocs.yml").read_text(encoding="utf-8"), council, title))
    for name, text in schema.schemas().items():
        put(f"schemas/{name}", text)
    for rel, text in _data(council, title).items():
        put(f"data/{rel}", text)
    put("README.md", README.format(council=council, review=EXAMPLE_REVIEW))
    put(".gitignore", "site/\n.venv/\n__pycache__/\n")
    return written


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string form is one)."""
    return json.dumps(text, ensure_ascii=False)


def _mkdocs_yml(text: str, council: str, title: str) -> str:
    """The project's mkdocs.yml with the new council's names: every other setting (theme, hooks, plugins,
    navigation) stays as the tracker ships it, so the new site works as this one does."""
    values = {"site_name": f"{council} scrutiny tracker",
              "site_description": f"What {council}'s scrutiny committees recommended, what the council promised, "
                                  "who owns each action, by when, and what has happened since.",
              "copyright": "Published under the Open Government Licence v3.0."}
    for key, value in values.items():
        text, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {_q(value)}", text, count=1)
        if not count:
            text = f"{key}: {_q(value)}\n" + text
    return text


def _schema_line(rel: str, kind: str) -> str:
    depth = rel.count("/") + 1  # data/<rel>: one '..' per folder below the site's folder
    return f"{schema.SCHEMA_LINE}{'../' * depth}schemas/{schema.file_name(kind)}"


def _data(council: str, title: str) -> dict[str, str]:
    """The new site's data folder: the council's name, its committees, and one example review to replace."""
    review = f"reviews/{EXAMPLE_REVIEW}"
    files = {
        "site.yml": f"""\
title: {_q(title)}
council: {_q(council)}
licence: Open Government Licence v3.0
as_at: "2024-06-30"                # the day statuses are worked out for; change it for each update, or delete it
introduction: |
  This site follows what {council}'s scrutiny committees recommended, what the council answered, who owns each action, by when, and what has happened since.

  The review shown here is an example, made up to show how the site works. It will be replaced by the council's own record.
clocks:                            # the statutory defaults: change them if the council's constitution differs
  response_period: {{months: 2}}
  call_in_period: {{working_days: 5}}
  update_cycle: {{months: 6}}
  nation: england
""",
        "glossary.yml": """\
# Abbreviations used in the records (see CLERKS_GUIDE.md, 'Add an abbreviation').
terms:
  - term: SEND
    expansion: special educational needs and disabilities
    basis: unambiguous
""",
        "council/committees/scrutiny-committee.yml": """\
id: scrutiny-committee
name: Scrutiny committee
kind: scrutiny committee
""",
        "council/committees/cabinet.yml": """\
id: cabinet
name: Cabinet
kind: executive
executive: true
aliases: [the executive]
""",
        "council/owners/head-of-transport.yml": """\
id: head-of-transport
name: Head of transport
note: An example owner, made up to show how the site works.
""",
        "council/sources/example-review-report.yml": """\
id: example-review-report
title: "Example review: school transport (a made-up report, to be replaced)"
kind: review report and responses
date: {as_written: March 2024, edtf: "2024-03"}
note: This document does not exist. It stands in for the committee's published report, to show how the site works.
""",
        f"{review}/review.yml": """\
id: example-review-2024
title: "Example review: school transport"
committee: Scrutiny committee
date: {as_written: January 2024, edtf: "2024-01"}
report_received: {as_written: 12 February 2024, edtf: "2024-02-12"}
summary: |
  This is an example, made up to show how the site works: it is not a real review. Replace it with the council's own record.
""",
        f"{review}/recommendations/1.yml": """\
id: "1"
heading: Information for families
text: |
  That the executive publishes, in one place on the council's website, how families apply for school transport and how long a decision takes.
addressed_to: executive
source: example-review-report
response:
  title: Executive Response
  decision: agreed
  decision_words: Agreed
  date: {as_written: March 2024, edtf: "2024-03"}
  text: |
    Agreed. A single page will set out how to apply, the deadlines, and how long a decision takes.
  actions:
    - id: "1"
      description: |
        Publish a single page on school transport applications.
      owner: Head of transport
      due: {as_written: End of September 2024, edtf: "2024-09"}
      success_criteria:
        - The page is published
      progress:
        - date: {as_written: 30 April 2024, edtf: "2024-04-30"}
          text: A draft page has been written and is being checked with families.
          state: in progress
          source: example-review-report
""",
    }
    kinds = {"site.yml": "site", "glossary.yml": "glossary"}
    out = {}
    for rel, text in files.items():
        kind = kinds.get(rel) or ("review" if rel.endswith("review.yml") else
                                  {"committees": "committee", "owners": "owner", "sources": "source",
                                   "recommendations": "recommendation"}[rel.split("/")[-2]])
        out[rel] = _schema_line(rel, kind) + "\n" + text
    return out


README = """\
# {council}: scrutiny tracker

This folder is the council's scrutiny tracker: the record is kept as plain
YAML files in `data/`, and the site is generated from them.

## Two commands

```sh
tracker check     # check every data file and list every problem, with its file, line and column
mkdocs serve      # preview the site at http://127.0.0.1:8000/ while you edit (Ctrl+C stops it)
```

`mkdocs build --strict` writes the finished site to `site/`.

## What to change first

1. `data/site.yml`: the site's title, the introduction, the "as at" date and,
   if the constitution differs from the statutory defaults, the clocks.
2. `data/council/`: the council's committees, the owners of actions, meetings,
   decisions and source documents.
3. `data/reviews/{review}/` is an **example**, made up to show how the site
   works. Start the council's first real review with `tracker new review`, then
   delete the example's folder, its source document
   (`data/council/sources/example-review-report.yml`) and its owner
   (`data/council/owners/head-of-transport.yml`).

`tracker --help` lists the commands for every routine job (a progress update,
a moved deadline, a response, the committee's assessment). The clerks' guide
that comes with the tracker walks through each.
"""
