"""MkDocs adapter for the tracker engine: each hook is a few lines that call it."""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from tracker import csp, links, preview, search, stylesheet
from tracker.build import Build
from tracker.problems import DataProblems, Problem
from tracker.render import headings

log = logging.getLogger("mkdocs.hooks.tracker")

_build: Build | None = None

previewing = None
"""Set by `tracker serve` (tracker_serve.builder) to its own way of preparing a Build: the data read through its
cache, the downloads made apart. While it is set, the link check waits for `tracker build`."""


def _data_dir(config) -> Path:
    return Path(os.environ.get("TRACKER_DATA_DIR") or Path(config.config_file_path).parent / "data")


def on_config(config):
    # Reset every build: `mkdocs serve` rebuilds in this same process.
    global _build
    _build = None
    try:
        _build = previewing(config) if previewing else Build.prepare(
            _data_dir(config),
            Path(config.theme.custom_dir) / "records",
            config.site_url or "",
            os.environ.get("TRACKER_EDIT_URL_BASE"),
            ahead=True,  # every page's content and the downloads made now, on every core
        )
    except DataProblems as problems:
        raise _DataAbort("\n" + problems.report(), problems.problems) from None
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


# Material's "Skip to content" link goes to the first heading of the contents (an h2), past the page's title
# and its status, and is missing where a page has no h2; base.html has no block for it, so here the link is
# pointed at the page's h1 (given an id where it has none).
_SKIP_DIV = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_FIRST_H1 = re.compile(r'<h1([^>]*)>')
_ID = re.compile(r'\bid="([^"]+)"')


def _skip_to_title(html: str) -> str:
    h1 = _FIRST_H1.search(html)
    if h1 is None:
        return html
    found = _ID.search(h1.group(1))
    target = found.group(1) if found else "page-title"
    if not found:
        html = html[:h1.start()] + f'<h1 id="{target}"{h1.group(1)}>' + html[h1.end():]
    link = f'<div data-md-component="skip"><a href="#{target}" class="md-skip">Skip to content</a></div>'
    return _SKIP_DIV.sub(lambda _: link, html, count=1)


def on_post_page(output, page, config):
    return _protect(_skip_to_title(_TOGGLE_AUTOCOMPLETE.sub(r"\1", output)), page.file.dest_uri)


def on_post_template(output_content, template_name, config):
    output_content = _TOGGLE_AUTOCOMPLETE.sub(r"\1", output_content)
    return _protect(_skip_to_title(output_content), template_name) if template_name.endswith(".html") else output_content


def _protect(html: str, where: str) -> str:
    # Last of all: the policy's hashes are of the inline scripts exactly as the page is written.
    try:
        return csp.protect(html)
    except csp.Unprotectable as reason:
        raise Abort(f"Could not give {where} its Content Security Policy: {reason}.") from None


def on_post_build(config):
    # Every page, download and feed is written: check that every link on them leads somewhere.
    # (Not while previewing: the preview writes pages as they are looked at; `tracker build` checks every link.)
    # The check runs on the other core while the search index is made, read from the pages as written
    # (src/tracker/search.py); the index is not checked (as before, when it was made after the check).
    started = time.perf_counter()
    checked = None if previewing else links.check_beside(Path(config.site_dir), config.site_url or "")
    search.index(Path(config.site_dir), _build.site, Path(config.docs_dir))
    if checked is not None:
        broken = checked()
        log.debug("Checked the site's links and indexed it for search in %.2f s", time.perf_counter() - started)
        if broken:
            raise _BrokenLinks("\n" + links.report(broken))
    # Material's stylesheet less the rules no page can use: a third of a first visit (src/tracker/stylesheet.py).
    # Last: the link check reads the stylesheet as Material wrote it.
    stylesheet.trim_site(Path(config.site_dir), [Path(d) for d in config.theme.dirs], Path(config.docs_dir))


def on_serve(server, config, builder):
    server.watch(str(_data_dir(config)))
    server.watch(str(Path(config.theme.custom_dir)))
    server.builder = _keep_serving(server.builder)
    if hasattr(server, "_inject_js_into_html"):  # MkDocs 1.6's live-reload server (pinned)
        server._inject_js_into_html = _allow_live_reload(server._inject_js_into_html)
    return server


class _DataAbort(Abort):
    """The build stopped in on_config because of the data: nothing was written."""

    def __init__(self, message: str, problems: list[Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


class _BrokenLinks(Abort):
    """The site was written, but links on it lead nowhere: it must not be published."""


def _allow_live_reload(inject):
    # The preview adds an inline script to each page it serves, which reloads the page after a
    # rebuild. The policy blocks any script it was not built with, so allow this one by its hash.
    def inject_and_allow(content: bytes, epoch) -> bytes:
        injected = inject(content, epoch)
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        added = injected[end: end + len(injected) - len(content)]
        if not (added.startswith(b"<script>") and added.endswith(b"</script>")):
            return injected  # not the script this expects: leave the page as built (and the script blocked)
        script = added[len(b"<script>"): -len(b"</script>")].decode("utf-8")
        return csp.allow_script(injected.decode("utf-8", "surrogateescape"), script).encode("utf-8", "surrogateescape")

    return inject_and_allow


def _keep_serving(rebuild):
    # After a failed rebuild MkDocs' server holds every request until a rebuild succeeds.
    # Bad data stops a rebuild before anything is written, so the last good site is whole:
    # report the problems and keep serving it until the data is mended.
    def rebuild_or_report(*args, **kwargs):
        try:
            rebuild(*args, **kwargs)
        except _DataAbort as stopped:
            print("\n" + preview.report(stopped.problems), file=sys.stderr)  # noqa: T201 - as MkDocs prints a failed rebuild
            log.error("mkdocs serve still shows the site as it was before this change "
                      "(tracker serve shows the problems in the browser).")
        except _BrokenLinks as broken:
            print(broken, file=sys.stderr)  # noqa: T201
            log.error("The preview shows the new pages, broken links and all; a build for publishing "
                      "stops here. Fix them and save: the preview updates by itself.")

    return rebuild_or_report
