"""MkDocs adapter for the tracker engine: each hook is a few lines that call it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from tracker.build import Build
from tracker.problems import DataProblems

log = logging.getLogger("mkdocs.hooks.tracker")

_build: Build | None = None


def _data_dir(config) -> Path:
    return Path(os.environ.get("TRACKER_DATA_DIR") or Path(config.config_file_path).parent / "data")


def on_config(config):
    # Reset every build: `mkdocs serve` rebuilds in this same process.
    global _build
    _build = None
    try:
        _build = Build.prepare(
            _data_dir(config),
            Path(config.theme.custom_dir) / "records",
            config.site_url or "",
            os.environ.get("TRACKER_EDIT_URL_BASE"),
        )
    except DataProblems as problems:
        raise Abort("\n" + problems.report()) from None
    config.extra["tracker_as_at"] = _build.as_at_words
    return config


def on_files(files, config):
    for page in _build.pages.values():
        files.append(File.generated(config, page.src_uri, content=_build.front_matter(page)))
    for path, content in _build.downloads().items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html, page, config, files):
    return _build.content(page.file.src_uri) or html


def on_serve(server, config, builder):
    server.watch(str(_data_dir(config)))
    server.watch(str(Path(config.theme.custom_dir)))
    return server
