"""`tracker init`: a new council's site in an empty folder builds strictly and passes the check at once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from test_validation import BIN, ROOT, output, run, tracker

COUNCIL = "Shire County Council"


def _build(site: Path, out: Path, env: dict | None = None):
    return run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)], cwd=site, env=env)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("init")
    result = tracker("init", "shire-scrutiny", "--council", COUNCIL, cwd=where)
    assert result.returncode == 0, output(result)
    assert result.stdout.startswith(f"Made a new site for {COUNCIL} in shire-scrutiny: ")
    return where / "shire-scrutiny"


def test_the_new_site_passes_the_check(new_site: Path):
    result = tracker("check", cwd=new_site)
    assert result.returncode == 0, output(result)
    assert result.stdout.startswith("The data is ready to publish: 1 review, 1 recommendation, 2 committees, "
                                    "1 owner, 1 source (6 records)")
    assert "Note:" not in result.stdout, "every file names its schema, and the schemas are there"


def test_the_new_site_builds_strictly_with_the_councils_name(new_site: Path, tmp_path: Path):
    result = _build(new_site, tmp_path / "site")
    assert result.returncode == 0, output(result)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert COUNCIL in home
    assert "Herefordshire" not in home, "nothing of the first council's record comes with a new site"
    review = (tmp_path / "site" / "reviews" / "example-review-2024" / "index.html").read_text(encoding="utf-8")
    assert "Example review: school transport" in review and "it is not a real review" in review


def test_the_new_site_has_its_own_readme_and_names(new_site: Path):
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {COUNCIL}: scrutiny tracker")
    assert "tracker check" in readme and "mkdocs serve" in readme
    mkdocs = (new_site / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'site_name: "{COUNCIL} scrutiny tracker"' in mkdocs
    assert "Herefordshire" not in mkdocs
    assert f'council: "{COUNCIL}"' in (new_site / "data" / "site.yml").read_text(encoding="utf-8")
    for part in ("overrides/main.html", "hooks/pages.py", "schemas/recommendation.schema.json"):
        assert (new_site / part).is_file(), part


def test_the_commands_work_on_the_new_site(new_site: Path, tmp_path: Path):
    import shutil

    site = tmp_path / "copy"
    shutil.copytree(new_site, site)
    result = tracker("add", "update", "example-review-2024", "1", "1", "--reported-on", "2024-06-28",
                     "--text", "The page is published.", "--state", "complete",
                     "--source", "example-review-report", cwd=site)
    assert result.returncode == 0, output(result)
    assert tracker("check", cwd=site).returncode == 0


@pytest.mark.parametrize("existing", ["a file", "a folder with a file"])
def test_init_never_writes_into_a_folder_that_is_not_empty(tmp_path: Path, existing: str):
    target = tmp_path / "taken"
    if existing == "a file":
        target.write_text("mine")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    result = tracker("init", str(target), "--council", COUNCIL, cwd=tmp_path)
    assert result.returncode == 1
    assert "is not an empty folder, so nothing was written" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == (["taken"] if existing == "a file" else
                                                           ["notes.txt", "taken"])


def test_an_installed_package_carries_the_templates(tmp_path: Path):
    """What `pip install` of the project gives: the build copies the templates into the package, and `tracker
    init` run from that package alone (not the project folder) makes a site that builds."""
    lib = tmp_path / "lib"
    built = run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=ROOT)
    assert built.returncode == 0, output(built)
    shipped = lib / "tracker" / "_site"
    for part in ("overrides/main.html", "hooks/pages.py", "mkdocs.yml"):
        assert (shipped / part).is_file(), part
    env = {"PYTHONPATH": str(lib)}
    code = ("import sys, tracker.commands.init as i; print(i.template_dir()); "
            "sys.exit(__import__('tracker.cli').cli.main(sys.argv[1:]))")
    made = run([sys.executable, "-c", code, "init", str(tmp_path / "site"), "--council", COUNCIL],
               cwd=tmp_path, env=env)
    assert made.returncode == 0, output(made)
    assert made.stdout.split("\n", 1)[0] == str(shipped)
    result = _build(tmp_path / "site", tmp_path / "out", env=env)
    assert result.returncode == 0, output(result)
    assert os.path.isfile(tmp_path / "out" / "index.html")
