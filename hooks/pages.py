"""MkDocs adapter for the tracker engine: each hook is a few lines that call it."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from tracker.build import Build
from tracker.problems import DataProblems
from tracker.render import headings

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
        raise _DataAbort("\n" + problems.report()) from None
    for warning in _build.site.loaded.warnings:
        # Allowed, and published: worth the clerk's look, never a reason to stop (or to fail --strict).
        log.info("Worth a look (the site is still built):\n%s", warning.explain())
    config.extra["tracker_as_at"] = _build.as_at_words
    config.extra["tracker_latest"] = _build.latest_words
    return config


def on_files(files, config):
    for page in _build.pages.values():
        files.append(File.generated(config, page.src_uri, content=_build.front_matter(page)))
    for path, content in {**_build.downloads(), **_build.redirects()}.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html, page, config, files):
    content = _build.content(page.file.src_uri)
    if content is None:
        return html
    page.toc = get_toc(headings(content))  # Material's contents sidebar and "skip to content" link
    return content


# Material's base.html puts autocomplete on its two checkbox toggles, which HTML does not
# allow there; the template has no block to override, so the attribute is removed here.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def on_post_page(output, page, config):
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)


def on_post_template(output_content, template_name, config):
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", output_content)


def on_serve(server, config, builder):
    server.watch(str(_data_dir(config)))
    server.watch(str(Path(config.theme.custom_dir)))
    server.builder = _keep_serving(server.builder)
    return server


class _DataAbort(Abort):
    """The build stopped in on_config because of the data: nothing was written."""


def _keep_serving(rebuild):
    # After a failed rebuild MkDocs' server holds every request until a rebuild succeeds.
    # Bad data stops a rebuild before anything is written, so the last good site is whole:
    # report the problems and keep serving it until the data is mended.
    def rebuild_or_report(*args, **kwargs):
        try:
            rebuild(*args, **kwargs)
        except _DataAbort as problems:
            print(problems, file=sys.stderr)  # noqa: T201 - as MkDocs prints a failed rebuild
            log.error("The preview still shows the site as it was before this change. "
                      "Fix the data and save: the preview rebuilds by itself.")

    return rebuild_or_report
