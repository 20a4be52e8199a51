"""Ship the site's templates with the package, so `tracker init` can give a new council's site its own copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SITE_PARTS = ("overrides", "hooks", "docs", "mkdocs.yml")
"""What a site needs beside its data: copied into the package as tracker/_site when a wheel is built."""


class BuildWithSite(build_py):
    """Copy the templates, the hook, the plain pages and mkdocs.yml into the built package (an editable install
    reads them from the project folder instead)."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "tracker" / "_site"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for part in SITE_PARTS:
            source = HERE / part
            if source.is_dir():
                shutil.copytree(source, target / part, ignore=ignore, dirs_exist_ok=True)
            elif source.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / part)


setup(cmdclass={"build_py": BuildWithSite})
