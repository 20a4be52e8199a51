"""Every published page carries a strict Content Security Policy, and needs nothing it forbids.

The policy is a <meta> tag (GitHub Pages sends no headers), put by the build straight after
<meta charset>. Scripts run only from the site's files plus a few inline scripts (Material's, and the
search box's loader), each allowed by the hash of its exact text; no 'unsafe-inline', no 'unsafe-eval'.
WebAssembly may be compiled ('wasm-unsafe-eval': search runs Pagefind's), JavaScript eval may not. The browser tests
visit every page, use search and the review table's filters, and record every
`securitypolicyviolation` event and every CSP message on the console: there must be none. A last
pair proves the listener works, by injecting a script the policy must block and trying eval.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tracker import csp

from .browser_harness import REVIEW, ROOT, _is_redirect, keep_on_this_machine, open_page

POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">'
                  r'<meta name="referrer" content="strict-origin-when-cross-origin">')

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const seen = {page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI,
                sample: event.sample, source: event.sourceFile, line: event.lineNumber};
  window.__violations.push(seen);
  if (window.__reportViolation) { window.__reportViolation(seen); }
}, true);
"""


def all_html(site_dir: Path) -> list[str]:
    """Every HTML file of the built site, redirect stubs and the 404 page included."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def address(path: str) -> str:
    return path.removesuffix("index.html")


class Watch:
    """Everything the policy objects to in one browsing context, across every document it loads:
    the violation events (reported through a binding, so a redirect cannot lose them) and the
    console's CSP messages."""

    def __init__(self, context):
        self.violations: list[dict] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        context.expose_binding("__reportViolation", lambda source, seen: self.violations.append(seen))
        context.add_init_script(LISTEN)
        context.on("page", self.page)

    def page(self, page):
        page.on("console", lambda m: "Content Security Policy" in m.text and self.console.append(m.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def nothing(self) -> str:
        return "\n".join([*(str(v) for v in self.violations), *self.console, *self.errors])


@pytest.fixture
def watched(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    keep_on_this_machine(context, server[1])
    watch = Watch(context)
    try:
        yield context, watch
    finally:
        context.close()


# --- the policy as built (no browser needed) ----------------------------------------------------

def test_every_html_file_carries_the_policy_first_with_the_hash_of_each_inline_script(site_dir):
    files = all_html(site_dir)
    assert len(files) > 20 and "404.html" in files
    assert any(_is_redirect(site_dir / f) for f in files), "no redirect stubs were checked"
    for name in files:
        html = (site_dir / name).read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, f"{name}: {len(found)} Content Security Policies (and referrer policies)"
        head = html[: html.index("<meta http-equiv")]
        assert head.rstrip().endswith('<meta charset="utf-8">') and "<script" not in head, \
            f"{name}: the policy must come straight after <meta charset>, before any script"
        scripts, styles = csp.inline(html)
        assert not styles, f"{name}: an inline <style> element (the policy allows none)"
        hashes = "".join(" " + h for h in sorted({csp.digest(s) for s in scripts}))
        assert found[0] == POLICY.format(hashes=hashes), f"{name}: {found[0]}"
        assert "'unsafe-inline'" not in found[0] and "'unsafe-eval'" not in found[0]


SEARCH_LOADER = '(function(){var box=document.querySelector("[data-tk-search-script]")'
"""The start of the search box's inline script (overrides/partials/search.html), which loads search when used."""


def test_data_blocks_get_no_hash_and_the_inline_scripts_are_materials_and_the_search_loader(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    scripts, _ = csp.inline(home)
    assert scripts and all(s.startswith(("__md_scope=", "var palette=", "var target=", SEARCH_LOADER))
                           for s in scripts), scripts
    assert sum(s.startswith(SEARCH_LOADER) for s in scripts) == 1, "the search loader is not on the page once"
    assert '<script id="__config" type="application/json">' in home
    downloads = (site_dir / "downloads" / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/ld+json">' in downloads
    assert len(csp.inline(downloads)[0]) == len(scripts), "a JSON-LD block was counted as a script"


# --- in the browser -------------------------------------------------------------------------------

@pytest.mark.browser
def test_every_page_runs_with_no_policy_violation(watched, base_url, site_dir):
    context, watch = watched
    page = context.new_page()
    visited = []
    for name in all_html(site_dir):
        url = base_url + address(name)
        if _is_redirect(site_dir / name):
            page.goto(url)
            page.wait_for_function("() => !document.querySelector('meta[http-equiv=refresh]')")
            page.wait_for_load_state("load")
        else:
            open_page(page, url)
        # Material's inline script ran: its hash was accepted.
        assert page.evaluate("() => typeof window.__md_get === 'function'"), f"{name}: Material's inline script did not run"
        visited.append(name)
    # The 404 page as people meet it: at an address deep in the site that does not exist.
    response = page.goto(base_url + "reviews/no-such-review/recommendations/none/")
    assert response.status == 404
    page.wait_for_load_state("load")
    assert page.evaluate("() => typeof window.__md_get === 'function'")
    visited.append("(a missing address)")
    page.wait_for_timeout(300)
    assert len(visited) == len(all_html(site_dir)) + 1
    assert not watch.nothing(), f"on {len(visited)} pages the policy blocked:\n{watch.nothing()}"
    print(f"visited {len(visited)} pages: {len(watch.violations)} violations")  # noqa: T201 - for the record


def shown(page) -> list[str]:
    rows = page.locator("table[data-tk-filterable] tbody tr")
    return [rows.nth(i).get_attribute("id") or str(i) for i in range(rows.count()) if rows.nth(i).is_visible()]


@pytest.mark.browser
def test_search_and_the_filters_run_with_no_policy_violation(watched, base_url):
    context, watch = watched
    page = context.new_page()
    open_page(page, base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("guidance", delay=20)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    results.first.wait_for(state="visible", timeout=15_000)
    assert results.count() > 0
    page.get_by_role("button", name="Filter by review, progress or owner").click()
    page.get_by_label("Owner", exact=True).wait_for(state="visible")
    results.first.click()
    page.wait_for_load_state("load")

    open_page(page, base_url + REVIEW)
    everything = shown(page)
    page.select_option("#tk-filter-owner", "director-for-children-and-families")
    page.wait_for_function("() => location.search.includes('owner=')")
    assert 0 < len(shown(page)) < len(everything), "the owner filter did not filter"
    open_page(page, base_url + REVIEW + "?progress=past-due#recommendations")
    assert page.locator("#tk-filter-progress").input_value() == "past-due"
    page.wait_for_timeout(300)
    assert not watch.nothing(), f"searching and filtering, the policy blocked:\n{watch.nothing()}"


@pytest.mark.browser
def test_search_compiles_its_webassembly_in_the_page_and_the_policy_allows_only_that(watched, base_url):
    # Pagefind searches with WebAssembly, in the page itself (search.js asks for no worker): compiling it is
    # what 'wasm-unsafe-eval' allows. Without that source the search would fail with a violation here.
    context, watch = watched
    page = context.new_page()
    open_page(page, base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("guidance", delay=20)
    results = page.locator(".md-search-result__list a.md-search-result__link")
    results.first.wait_for(state="visible", timeout=20_000)
    assert results.count() > 0
    assert not watch.nothing(), f"searching, the policy blocked:\n{watch.nothing()}"
    workers = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"
                            ".filter(n => n.includes('worker'))")
    assert not workers, f"search started a worker: {workers}"


@pytest.mark.browser
def test_without_wasm_unsafe_eval_search_is_blocked_so_the_policy_needs_it(watched, base_url, site_dir):
    # The same home page with 'wasm-unsafe-eval' taken out of its policy: search must then fail, with a
    # violation, and say so; which shows the source is there for search and not for nothing.
    context, watch = watched
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert " 'wasm-unsafe-eval'" in home
    context.route(base_url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                        body=home.replace(" 'wasm-unsafe-eval'", "", 1)))
    page = context.new_page()
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("guidance", delay=20)
    page.wait_for_function("() => document.querySelector('#tk-search-status').textContent.includes('not available')",
                           timeout=20_000)
    assert page.locator(".md-search-result__list a.md-search-result__link").count() == 0
    assert any(v["directive"] == "script-src" and v["blocked"] == "wasm-eval" for v in watch.violations), \
        watch.violations


@pytest.mark.browser
def test_the_listener_records_an_injected_script_and_eval_and_they_do_not_run(watched, base_url, site_dir):
    # A page whose text carried a script (as if the data or the host were tampered with): the
    # policy has no hash for it, so it must not run, and the listener must see it blocked.
    context, watch = watched
    real = (site_dir / "index.html").read_text(encoding="utf-8")
    tampered = real.replace("</body>", '<script>window.__injected = true</script>'
                                       '<script src="/tampered.js"></script></body>')
    context.route(base_url + "tampered/", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=tampered))
    # A script file of the site's own (so allowed to load) that tries eval, as a library needing it would.
    context.route(base_url + "tampered.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=(
            "try { window.__evaluated = eval('1 + 1'); } catch (error) { window.__evaluated = error.name; }")))
    page = context.new_page()
    page.goto(base_url + "tampered/")
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__injected") is None, "an injected inline script ran"
    assert page.evaluate("() => typeof window.__md_get === 'function'"), "the page's own inline scripts were blocked too"
    inline = [v for v in page.evaluate("() => window.__violations") if v["blocked"] == "inline"]
    assert inline and inline[0]["directive"] == "script-src-elem", page.evaluate("() => window.__violations")
    assert any(v["blocked"] == "inline" for v in watch.violations), "the binding did not report the violation"

    # (Playwright's own page.evaluate is exempt from the policy, so eval is tried by the page's script.)
    outcome = page.evaluate("() => window.__evaluated")
    assert outcome == "EvalError", f"eval ran (gave {outcome!r}): the policy allows 'unsafe-eval'"
    blocked = [v["blocked"] for v in page.evaluate("() => window.__violations")]
    assert "eval" in blocked, blocked
    assert any("Content Security Policy" in line for line in watch.console), watch.console


# --- the preview -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
def test_the_preview_allows_its_live_reload_script_and_nothing_else(browser, tmp_path):
    # `mkdocs serve` adds an inline script to every page it serves (it reloads the page after a
    # rebuild); the hook allows that one script by its hash, so the preview keeps reloading itself.
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA_DIR": str(ROOT / "data"),
           "HOME": str(tmp_path)}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                   cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/{REVIEW}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    served = answer.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, \
                    "mkdocs serve did not start:\n" + log.read_text(encoding="utf-8", errors="replace")
                time.sleep(0.3)
        assert "livereload(" in served, "the preview no longer adds its live-reload script"
        context = browser.new_context()
        keep_on_this_machine(context, f"127.0.0.1:{port}")
        watch = Watch(context)
        reloaded: list[str] = []
        page = context.new_page()
        page.on("console", lambda m: reloaded.append(m.text))
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert "Enabled live reload" in reloaded, f"the live-reload script did not run: {reloaded}"
        assert not watch.nothing(), f"in the preview, the policy blocked:\n{watch.nothing()}"
        context.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
