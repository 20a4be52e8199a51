"""A visit to the site tells no one else: every request goes to the site's own
host and no cookie is set. And nothing a page asks for is missing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .browser_harness import keep_on_this_machine, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def visit_every_page(browser, server, pages):
    """Visit every page in one fresh context, recording every request made by any
    page, frame or worker. Returns (requests, failures, cookies) where requests
    and failures are lists of (page visited, url[, why])."""
    base_url, host = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    keep_on_this_machine(context, host)  # records foreign requests, then stops them leaving
    requests, failures, current = [], [], {"page": None}
    context.on("request", lambda r: requests.append((current["page"], r.url)))
    context.on("requestfailed", lambda r: failures.append((current["page"], r.url, r.failure)))
    context.on("response", lambda r: r.status >= 400 and failures.append((current["page"], r.url, f"HTTP {r.status}")))
    try:
        page = context.new_page()
        for path in pages:
            current["page"] = path or "/"
            open_page(page, base_url + path, wait_until="networkidle")
        cookies = context.cookies()
    finally:
        context.close()
    assert len(requests) >= len(pages), "the request listener saw fewer requests than pages visited"
    return requests, failures, cookies


def test_every_page_requests_only_its_own_host_and_sets_no_cookie(visit_every_page, server):
    requests, _, cookies = visit_every_page
    host = server[1]
    foreign: dict[str, list[str]] = {}
    for where, url in requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue  # not network requests
        if parts.scheme != "http" or parts.netloc != host:
            foreign.setdefault(url, []).append(where)
    assert not foreign, f"requests went to {len(foreign)} address(es) other than {host}:\n" + "\n".join(
        f"{url}  from {len(set(wheres))} pages: {', '.join(sorted(set(wheres))[:5])}"
        + (" ..." if len(set(wheres)) > 5 else "")
        for url, wheres in sorted(foreign.items()))
    assert cookies == [], f"cookies were set while browsing: {cookies}"


def test_nothing_a_page_asks_for_is_missing(visit_every_page, server):
    _, failures, _ = visit_every_page
    base_url = server[0]
    missing: dict[tuple[str, str], list[str]] = {}
    for where, url, why in failures:
        missing.setdefault((url.replace(base_url, "/"), str(why)), []).append(where)
    assert not missing, f"{len(failures)} requests failed or were answered with an error:\n" + "\n".join(
        f"{url} -> {why}  from {len(set(wheres))} pages: {', '.join(sorted(set(wheres))[:5])}"
        + (" ..." if len(set(wheres)) > 5 else "")
        for (url, why), wheres in sorted(missing.items()))
