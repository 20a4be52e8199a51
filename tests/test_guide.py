"""The guides are tested: every YAML example passes `tracker check` in place, and every command example runs."""

from __future__ import annotations

import re
import shlex
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from test_validation import ROOT, output, tracker

DOCS = ("CLERKS_GUIDE.md", "data/README.md")

EXAMPLE = re.compile(r"<!-- example: (\w+)( partial)?(?: into: (\S+))?(?: at: (\S+))?(?: how: (\w+))?[^>]*-->\n"
                     r"( *)```yaml\n(.*?)\n *```", re.S)
"""A YAML example, marked with what it shows and where it goes in the real data: a whole file ('into' alone),
merged into a map ('how: merge'), or added to a list ('how: add'), at a place ('at: response.actions.0')."""


@dataclass
class Example:
    doc: str
    line: int
    kind: str
    partial: bool
    into: str | None
    at: str | None
    how: str | None
    body: str

    def __str__(self) -> str:
        return f"{self.doc}:{self.line} {self.kind}"


def _examples() -> list[Example]:
    found = []
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        for m in EXAMPLE.finditer(text):
            found.append(Example(doc, text.count("\n", 0, m.start()) + 1, m[1], bool(m[2]), m[3], m[4], m[5],
                                 textwrap.dedent(m[7]) + "\n"))
    return found


EXAMPLES = _examples()


def real_copy(tmp: Path) -> Path:
    """A copy of the real data (and its schemas) as ``tmp/project``; returns the project folder."""
    project = tmp / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    return project


def _yaml():
    from tracker import cli

    return cli._yaml()


def _place(example: Example, project: Path) -> Path:
    """Put the example where it belongs in the copy of the data, as a clerk would."""
    import io

    assert example.into, f"{example}: say where the example goes ('into: data/...')"
    path = project / example.into
    if example.how is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(example.body, encoding="utf-8")
        return path
    y = _yaml()
    data = y.load(path.read_text(encoding="utf-8"))
    node = data
    for step in example.at.split(".") if example.at else []:
        node = node[int(step)] if re.fullmatch(r"-?\d+", step) else node[step]
    snippet = y.load(example.body)
    if example.how == "add":
        assert isinstance(node, list), f"{example}: 'at' must lead to a list"
        node.extend(snippet if isinstance(snippet, list) else [snippet])
    else:
        assert example.how == "merge" and isinstance(node, dict) and isinstance(snippet, dict), str(example)
        for key, value in snippet.items():
            node[key] = value
    buffer = io.StringIO()
    y.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_every_yaml_example_says_where_it_goes():
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        marked = [e for e in EXAMPLES if e.doc == doc]
        assert len(marked) == text.count("```yaml") >= 10, doc
    assert all(e.into for e in EXAMPLES if e.kind != "none")


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.kind != "none"], ids=str)
def test_every_yaml_example_passes_the_check_in_place(example: Example, tmp_path: Path):
    project = real_copy(tmp_path)
    _place(example, project)
    result = tracker("check", cwd=project)
    assert result.returncode == 0, f"{example}:\n{example.body}\n{output(result)}"
    assert "Traceback" not in output(result)


# ------------------------------------------------------------------ commands


FENCE = re.compile(r"(?:<!-- commands: ([^>]*) -->\n)?( *)```sh\n(.*?)\n *```", re.S)
SKIPPED = ("make ", "source ", "git ", "mkdocs serve")
"""Commands the tests do not run: set-up, the preview (it runs until stopped) and Git."""


@dataclass
class Section:
    doc: str
    title: str
    commands: list[str]
    leaves_template: bool


def commands_in(text: str) -> list[str]:
    """The commands of a shell block, with '\\' continuations joined and comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", text)
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in joined.split("\n")]
    return [line for line in lines if line and not line.startswith("#")]


def _sections(doc: str) -> list[Section]:
    text = (ROOT / doc).read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(#{2,3} .*)$", text)
    found = []
    for title, body in zip(parts[1::2], parts[2::2]):
        blocks = list(FENCE.finditer(body))
        commands = [c for m in blocks for c in commands_in(textwrap.dedent(m[3]))]
        if any(c.startswith("tracker ") for c in commands):
            found.append(Section(doc, title.strip("# "), commands,
                                 any(m[1] and "template" in m[1] for m in blocks)))
    return found


SECTIONS = _sections("CLERKS_GUIDE.md")


def run_commands(commands: list[str], project: Path) -> Path:
    """Run the commands as a clerk would, in order, from the project folder; returns the folder they end in."""
    cwd = project
    for command in commands:
        if command.startswith(SKIPPED):
            continue
        words = shlex.split(command)
        if words[0] == "cd":
            cwd = (cwd / words[1]).resolve()
            continue
        assert words[0] == "tracker", f"the guide shows a command the tests cannot run: {command}"
        result = tracker(*words[1:], cwd=cwd)
        assert result.returncode == 0, f"{command}\n{output(result)}"
        assert "Traceback" not in output(result) and "inside the tracker itself" not in output(result)
    return cwd


def test_the_guide_walks_through_the_three_routine_jobs_with_commands_alone():
    titles = [s.title for s in SECTIONS]
    for job in ("A quarterly progress update", "A moved deadline", "A new review from a published document"):
        assert job in titles
        section = SECTIONS[titles.index(job)]
        assert all(c.startswith(("tracker ", *SKIPPED)) for c in section.commands), section.commands


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.title)
def test_every_command_example_in_the_guide_runs(section: Section, tmp_path: Path):
    project = real_copy(tmp_path)
    before = {p: p.read_bytes() for p in (project / "data").rglob("*.yml")}
    end = run_commands(section.commands, project)
    checked = tracker("check", cwd=end)
    if section.leaves_template:
        assert checked.returncode == 1 and "TODO" in checked.stderr, output(checked)
    else:
        assert checked.returncode == 0, output(checked)
    writes = [c for c in section.commands if c.split()[1] not in ("check", "init", "report") and "--help" not in c]
    if writes and end == project:
        after = {p: p.read_bytes() for p in (project / "data").rglob("*.yml")}
        assert after != before, "the commands changed nothing"


def test_the_guides_answer_is_what_the_command_prints(tmp_path: Path):
    """The output the guide shows under 'It answers:' is the command's, word for word."""
    text = (ROOT / "CLERKS_GUIDE.md").read_text(encoding="utf-8")
    command_block, answer = re.search(r"### Add a progress update to an action\n.*?```sh\n(.*?)\n```.*?"
                                      r"It answers:\n\n```\n(.*?)\n```", text, re.S).groups()
    project = real_copy(tmp_path)
    (command,) = commands_in(command_block)
    result = tracker(*shlex.split(command)[1:], cwd=project)
    assert result.returncode == 0, output(result)
    assert result.stdout.strip() == answer.strip()


def test_the_guide_says_which_way_round_updates_are():
    text = (ROOT / "CLERKS_GUIDE.md").read_text(encoding="utf-8")
    assert "the new update should be at the bottom" not in text
    assert "newest first" in text and "oldest first" in text


def test_date_options_are_named_for_what_they_mean():
    """--date appears in the guide only as the older name of --reported-on, never as a date that happened."""
    text = (ROOT / "CLERKS_GUIDE.md").read_text(encoding="utf-8")
    commands = [c for s in SECTIONS for c in s.commands]
    assert not any(" --date " in c for c in commands)
    assert "`--date`\nmeans exactly what `--reported-on` means" in text or \
        "`--date` means exactly what `--reported-on` means" in " ".join(text.split())


# ------------------------------------------------------------------ --help


HELPS = ["init", "add update", "add action", "update", "new review", "new source", "new recommendation",
         "record response", "move deadline", "assess", "sign-off", "as-at", "new meeting", "new owner", "add alias",
         "edit source"]


def _help_examples(command: str) -> list[str]:
    result = tracker(*command.split(), "--help", cwd=ROOT)
    assert result.returncode == 0, output(result)
    epilog = result.stdout.split("Example", 1)[1] if "Example" in result.stdout else ""
    lines = [line for line in re.sub(r"\s*\\\n\s*", " ", epilog).split("\n") if line.startswith("  ")]
    return [line.strip() for line in lines if line.strip().startswith(("tracker ", "cd ", "mkdocs "))]


@pytest.mark.parametrize("command", HELPS)
def test_every_example_in_the_help_runs(command: str, tmp_path: Path):
    examples = [re.sub(r"\s{2,}.*$", "", e) for e in _help_examples(command)]  # drop the explanation beside it
    assert examples, f"tracker {command} --help shows no example"
    assert any(e.startswith(f"tracker {'add update' if command == 'update' else command}") for e in examples)
    project = real_copy(tmp_path)
    end = run_commands(examples, project)
    checked = tracker("check", cwd=end)
    assert checked.returncode == 0 or "TODO" in checked.stderr, output(checked)


def test_the_main_help_reads_like_the_guide(tmp_path: Path):
    result = tracker("--help", cwd=tmp_path)
    for command in ("init", "add update", "add action", "record response", "move deadline", "assess", "sign-off",
                    "new review", "new source", "new recommendation", "new commitment", "as-at", "new meeting",
                    "new owner", "add alias", "edit source"):
        assert f"tracker {command}" in result.stdout, command


def test_every_web_address_in_a_command_is_quoted(tmp_path: Path):
    """An unquoted address is cut by the shell at its '&': the guide and the help always quote --url."""
    text = "\n".join((ROOT / doc).read_text(encoding="utf-8") for doc in DOCS)
    text += "\n".join(tracker(*c.split(), "--help", cwd=tmp_path).stdout for c in ("new source", "edit source"))
    text += tracker("--help", cwd=tmp_path).stdout
    urls = [u for u in re.findall(r"--url (\S+)", text) if "://" in u or "..." in u]  # not the metavar URL
    assert urls, "no --url example found"
    assert all(u.startswith('"') for u in urls), urls
    assert "double quotes" in (ROOT / "CLERKS_GUIDE.md").read_text(encoding="utf-8")
