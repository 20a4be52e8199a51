"""The Content Security Policy every published page carries, as a <meta> tag (GitHub Pages sends no headers).

Scripts run only from the site's own files, plus the few inline scripts Material's templates put on each
page, each allowed by the SHA-256 hash of its exact text, worked out from the page as it is published:
a script that is not on the page when it is built (injected later, or smuggled into the data) has no
hash in the policy and does not run. Never 'unsafe-inline', never 'unsafe-eval'.

Search (Pagefind, loaded only when the search box is used) runs WebAssembly, in a worker that is a file
on the site, or in the page itself where a worker cannot start. Compiling WebAssembly is what
``'wasm-unsafe-eval'`` allows, and all it allows: JavaScript's eval and ``new Function`` stay blocked.

Styles come only from the site's stylesheets: the pages carry no inline style. Images may also be
``data:`` URLs, because Material's stylesheet draws its icons with ``data:image/svg+xml`` masks; an
image cannot run script.

Plain Python, no MkDocs: the hook (hooks/pages.py) calls :func:`protect` on every page MkDocs renders,
and build.py on the redirect pages it writes itself.
"""

from __future__ import annotations

import base64
import hashlib
import re

REFERRER = "strict-origin-when-cross-origin"

# (directive, sources). script-src and style-src gain the hashes of the page's inline scripts and styles.
POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# A script runs when it has no type, an empty one, a JavaScript MIME type or "module";
# any other type (application/json, application/ld+json) is data the browser never executes.
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
             "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
             "text/livescript", "text/x-ecmascript", "text/x-javascript", "text/javascript1.0",
             "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
             "text/javascript1.5"}

# Raw-text elements end at the first "</script" (or "</style") whatever precedes it, as in a browser.
_INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1[\s/>]", re.S | re.I)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?utf-8[\"']?\s*/?>", re.I)
_PROTECTED = re.compile(r"<meta\s+http-equiv\s*=\s*[\"']?content-security-policy", re.I)
_POLICY_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)')


class Unprotectable(ValueError):
    """The page cannot be given the policy: it has no <meta charset> to put it after, or a script before it."""


def digest(text: str) -> str:
    """A CSP hash source for an inline script or style: the SHA-256 of its exact text as UTF-8."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline(html: str) -> tuple[list[str], list[str]]:
    """The texts of the page's inline scripts that execute, and of its inline <style> elements."""
    scripts, styles = [], []
    for match in _INLINE.finditer(html):
        element, attributes, body = match.group(1).lower(), match.group(2), match.group(3)
        if element == "style":
            styles.append(body)
            continue
        if _SRC.search(attributes):
            continue  # the browser runs the file and ignores any text inside
        kind = _TYPE.search(attributes)
        kind = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if kind.strip().lower() in _JS_TYPES:
            scripts.append(body)
    return scripts, styles


def policy(scripts: list[str] = (), styles: list[str] = ()) -> str:
    """The policy for a page with these inline scripts and styles: each allowed by its hash, nothing else."""
    extra = {"script-src": sorted({digest(s) for s in scripts}), "style-src": sorted({digest(s) for s in styles})}
    return "; ".join(" ".join([name, sources, *extra.get(name, [])]) for name, sources in POLICY)


def meta(scripts: list[str] = (), styles: list[str] = ()) -> str:
    """The two <meta> tags every page carries, for the page's own inline scripts and styles."""
    return (f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts, styles)}">'
            f'<meta name="referrer" content="{REFERRER}">')


def protect(html: str) -> str:
    """The page with its policy and referrer policy, put straight after <meta charset>, before any script.

    The hashes are worked out from this very text, so call it last, on the page exactly as it is written.
    """
    if _PROTECTED.search(html):
        raise Unprotectable("the page already has a Content Security Policy")
    charset = _CHARSET.search(html)
    if charset is None:
        raise Unprotectable('the page has no <meta charset="utf-8"> to put its Content Security Policy after')
    if re.search(r"<script\b", html[: charset.start()], re.I):
        raise Unprotectable("a script comes before the page's <meta charset>, so before its Content Security Policy")
    scripts, styles = inline(html)
    return html[: charset.end()] + meta(scripts, styles) + html[charset.end():]


def allow_script(html: str, script: str) -> str:
    """The protected page with one more inline script allowed by its hash (the preview's live-reload script)."""
    def add(match: re.Match) -> str:
        directives = [d.strip() for d in match.group(2).split(";")]
        directives = [d + " " + digest(script) if d.split(" ")[0] == "script-src" else d for d in directives]
        return match.group(1) + "; ".join(directives) + match.group(3)

    return _POLICY_META.sub(add, html, count=1)
