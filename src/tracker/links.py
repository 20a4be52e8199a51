"""Every link on the built site leads somewhere; the links that leave it are listed for a person to check.

:func:`check` reads the written site folder and returns every broken link: on every HTML page (each
href, src, srcset, form action, redirect, and the addresses in its JSON-LD) and in every download,
feed, sitemap and stylesheet (each address on the site that they name), plus the search index's
result addresses. A link is broken when the file it names was not built, or when the place after
its ``#`` is not on the page it names. It also reports what the pages' Content Security Policy
would silently block (an inline event handler, an inline style, a ``javascript:`` link, a page
without the policy), since that too would be published broken.

Links to other sites are never fetched, here or in CI: ``python -m tracker.links external [SITE]``
lists each with the pages that name it, for a person to open. ``python -m tracker.links check
[SITE]`` runs the same check as the build.

Plain Python, no MkDocs: the build's hook (hooks/pages.py) only calls :func:`check` and :func:`report`.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import posixpath
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import forked

# Attributes that name an address the browser loads or goes to, by element ("*": any element).
LINK_ATTRIBUTES = {
    "href": {"a", "area", "link", "base", "use", "image"},
    "xlink:href": {"use", "image", "a"},
    "src": {"script", "img", "iframe", "source", "audio", "video", "track", "embed", "input", "frame"},
    "srcset": {"img", "source"},
    "poster": {"video"},
    "data": {"object"},
    "action": {"form"},
    "formaction": {"button", "input"},
}
TEXT_FILES = (".csv", ".txt", ".xml", ".json", ".css")
# Links a browser follows in place ("#top" is the top of any page, by the HTML standard).
ANYWHERE = {"", "top"}
MAX_LISTED = 60

# One pass over a page: comments, raw-text elements (their text is not markup) and the elements that
# can link. Only these reach Python: most of a page's tags (div, span, p, li...) never do, which is
# most of the check's speed. Data text cannot fake a tag: the templates escape <, >, " and '.
_INSIDE_TAG = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""  # quoted values may hold ">"
_LINKING = "a|area|link|base|img|source|iframe|frame|audio|video|track|embed|object|input|button|form|meta|use|image"
_TOKENS_PATTERN = (  # groups: raw element, its attributes, its text; linking element, its attributes
    r"<!--.*?-->"
    rf"|<(script|style|textarea|title)\b({_INSIDE_TAG})>(.*?)</\1[\s/>]"
    rf"|<({_LINKING})(?=[\s/>])({_INSIDE_TAG})>"
)
_TOKENS = re.compile(_TOKENS_PATTERN, re.S)  # twice as fast as ignoring case...
_TOKENS_ANY_CASE = re.compile(_TOKENS_PATTERN, re.S | re.I)  # ...which only a page with <A> or <IMG> needs
_UPPER_TAG = re.compile(r"</?[A-Z]")
# Places (ids) and what the policy blocks, on any element: found across the whole page at once. The
# fast patterns need the usual spelling (a space before the attribute); the others find the rest.
_ID = re.compile(r' id="([^"]*)"')
_ID_ELSE = re.compile(r"""[\s"'/]id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_BLOCKED = re.compile(r" (on[a-z]+|style)\s*=", re.I)
_BLOCKED_ELSE = re.compile(r"\n(on[a-z]+|style)\s*=", re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_REFRESH = re.compile(r"^\s*\d+\s*[;,]\s*(?:url\s*=\s*)?['\"]?(?P<url>[^'\"]*)", re.I)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_HTTP = re.compile(r"""https?://[\w-]+(?:\.[\w-]+)*(?::\d+)?(?:[/?#][^\s"'<>`\\]*)?""")
_NOT_LINKS = {"$schema", "@context", "@vocab"}  # JSON keys whose values name vocabularies, not pages


@dataclass(frozen=True)
class Broken:
    """One link that leads nowhere (or that the Content Security Policy would block)."""

    file: str
    """The file it is in, as a path in the site folder (reviews/x/index.html)."""
    link: str
    """The link as the file gives it."""
    reason: str
    """Why it is broken, in words."""

    def explain(self) -> str:
        return f"{_where(self.file)}: {self.reason}" + (f" (the link: {self.link})" if self.link else "")


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(link, how the page names it)."""
    blocked: list[str] = field(default_factory=list)
    protected: bool = False


class Site:
    """The written site folder, read once: every file's path, and each page's links and places (ids)."""

    def __init__(self, site_dir: Path, site_url: str = ""):
        self.root = Path(site_dir)
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        parts = urlsplit(self.site_url)
        self.prefix = (parts.path.rstrip("/") + "/") if self.site_url else "/"
        self.origin = f"{parts.scheme}://{parts.netloc}" if self.site_url else ""
        self.files = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()}
        self._pages: dict[str, _Page] = {}
        self._resolved: dict[tuple[str, str], tuple[str | None, str, str]] = {}

    # --- reading -------------------------------------------------------------------------------

    def page(self, path: str) -> _Page:
        if path not in self._pages:
            self._pages[path] = _read_page((self.root / path).read_text(encoding="utf-8", errors="replace"))
        return self._pages[path]

    def links_in(self, path: str) -> list[tuple[str, str]]:
        """Every address a non-HTML file names, with how it names it: any in a stylesheet, and in other
        files every http(s) address (on this site, or on another for the external list).

        Raises ValueError if the file cannot be read as what its name says it is."""
        text = (self.root / path).read_text(encoding="utf-8", errors="replace")
        if path.endswith(".css"):
            return [(next(g for g in m.groups() if g is not None), "") for m in _CSS_URL.finditer(text)]
        if path == "search/search_index.json":
            # Search results link to each document's location, relative to the site's top.
            return [(self.prefix + doc.get("location", ""), " (a search result)")
                    for doc in json.loads(text).get("docs", [])]
        if path.endswith(".json"):
            found = list(_json_addresses(json.loads(text)))
        elif path.endswith(".xml"):
            try:
                root = ElementTree.fromstring(text.encode("utf-8"))
            except ElementTree.ParseError as error:
                raise ValueError(str(error)) from None
            found = [a for e in root.iter() for v in (*e.attrib.values(), e.text or "") for a in _addresses(v)]
        elif path.endswith(".csv"):
            # A cell holds a whole text field, which may be longer than the csv module's default limit.
            csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
            found = [a for row in csv.reader(io.StringIO(text)) for cell in row for a in _addresses(cell)]
        else:
            found = list(_addresses(text))
        return [(link, "") for link in found]

    # --- resolving -----------------------------------------------------------------------------

    def internal(self, link: str, base: str) -> tuple[str | None, str, str] | None:
        """Where a link in the file at ``base`` leads on this site: (site path, fragment, address).
        The site path is None when the link is to this site's host but outside the site's folder
        (the address then says where, or is "" if it climbs out with ".."). None when the link
        is not to this site at all."""
        link = link.strip()
        if ":" in link or link.startswith("//"):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if not self.site_url or f"{parts.scheme}://{parts.netloc}" != self.origin:
                    return None
                return self._resolve(parts.path or "/", parts.fragment)
            path, fragment = parts.path, parts.fragment
        else:  # most links: relative, and urlsplit is the slow part of the check
            path, _, fragment = link.partition("#")
            path = path.partition("?")[0]
        if path.startswith("/"):
            return self._resolve(path, fragment)
        if not path:
            return self._resolve(self.prefix + base, fragment)  # "#place" or "?query": this very file
        # Relative to the folder the file is served from (reviews/x/index.html is at reviews/x/).
        folder = base.rpartition("/")[0]
        if path.startswith("../") and "./" not in path.lstrip("./") and not path.lstrip("./").startswith("."):
            # The common case, quickly: "../../timeline/" climbs a folder per "../".
            rest = path.lstrip("./")
            climbs, odd = divmod(len(path) - len(rest), 3)
            if not odd and path[: 3 * climbs] == "../" * climbs:
                parts = folder.split("/") if folder else []
                if climbs <= len(parts):
                    kept = "/".join(parts[: len(parts) - climbs])
                    return self._resolve(self.prefix + (kept + "/" if kept else "") + rest, fragment)
        return self._resolve(self.prefix + (folder + "/" if folder else "") + path, fragment)

    def _resolve(self, path: str, fragment: str) -> tuple[str | None, str, str]:
        key = (path, fragment)
        if key not in self._resolved:
            self._resolved[key] = self._resolve_uncached(path, fragment)
        return self._resolved[key]

    def _resolve_uncached(self, path: str, fragment: str) -> tuple[str | None, str, str]:
        path, fragment = unquote(path), unquote(fragment)
        if not (path + "/").startswith(self.prefix):
            return None, fragment, path
        rest = path[len(self.prefix):]
        folder = rest in ("", ".") or rest.endswith(("/", "/."))
        rest = posixpath.normpath(rest) if rest else "."
        if rest == ".." or rest.startswith("../"):
            return None, fragment, ""  # climbs out of the site's top folder
        rest = "" if rest == "." else rest
        return (rest + "/" if folder and rest else rest), fragment, path

    def target(self, path: str) -> str | None:
        """The file a site path is answered with, or None if the build made none."""
        if path == "" or path.endswith("/"):
            return path + "index.html" if path + "index.html" in self.files else None
        if path in self.files:
            return path
        if path + "/index.html" in self.files:
            return path + "/index.html"  # a folder: the host redirects to its address ending "/"
        return None

    def problem(self, link: str, base: str) -> str | None:
        """Why a link in the file at ``base`` leads nowhere, or None if it leads somewhere."""
        if link.strip().startswith("//"):
            # "//reviews/" is the website called "reviews": an address meant for this site, written with one "/" too many.
            return "it starts with '//', which browsers read as another website's name"
        resolved = self.internal(link, base)
        if resolved is None:
            return None
        path, fragment, address = resolved
        if path is None:
            if not address:
                return f"it climbs out of the site's top folder ({self.prefix})"
            return f"it leads to {address}, outside the site's own folder ({self.prefix})"
        found = self.target(path)
        if found is None:
            return f"it leads to {path or 'the home page'}, which is not on the site"
        if fragment in ANYWHERE or fragment.startswith(":~:") or not found.endswith(".html"):
            return None
        if fragment not in self.page(found).ids:
            page = "this page" if found == base and "://" not in link else _address(found, "the page ")
            return f'it leads to the place "#{fragment}" on {page}, which has no such place'
        return None


def check(site_dir: Path, site_url: str = "") -> list[Broken]:
    """Every broken link in the written site, in file order (an empty list: none)."""
    return _check(Site(site_dir, site_url))


def check_beside(site_dir: Path, site_url: str = "") -> Callable[[], list[Broken]]:
    """:func:`check`, in a forked copy of this process while this one goes on with other work; call what this
    returns for the broken links. The files are listed first, here: what is written after this call (the search
    index) is not checked, and may be written while the copy reads the pages. Where there is no fork (Windows),
    the check is made here and now."""
    site = Site(site_dir, site_url)
    if not forked.available():
        broken = _check(site)
        return lambda: broken
    pending = forked.start(lambda: _check(site))

    def result() -> list[Broken]:
        found = pending()
        return found if found is not None else _check(site)  # type: ignore[return-value]

    return result


def _check(site: Site) -> list[Broken]:
    broken: list[Broken] = []
    absolute: dict[str, str | None] = {}  # a full address leads to the same place from any file
    for path in sorted(site.files):
        if path.endswith(".html"):
            page = site.page(path)
            if not page.protected:
                broken.append(Broken(path, "", "the page has no Content Security Policy (so nothing stops an "
                                                 "injected script running on it)"))
            for what in page.blocked:
                broken.append(Broken(path, "", what))
            links = page.links
        elif path.endswith(TEXT_FILES):
            try:
                links = site.links_in(path)
            except ValueError as error:
                broken.append(Broken(path, "", f"it cannot be read, so nor can its links ({error})"))
                continue
        else:
            continue
        for link, how in dict.fromkeys(links):  # each link once per file, however often it repeats
            if "://" in link:
                if link not in absolute:
                    absolute[link] = site.problem(link, path)
                if absolute[link]:
                    broken.append(Broken(path, link, absolute[link] + how))
                continue
            if link.strip().lower().startswith("javascript:"):
                broken.append(Broken(path, link, "it runs script from a link, which the pages' Content Security "
                                                 "Policy blocks"))
                continue
            if path == "404.html" and _relative(link):
                broken.append(Broken(path, link, "it is relative, but this page is shown at every missing address, "
                                                 "so it would lead somewhere different from each"))
                continue
            reason = site.problem(link, path)
            if reason:
                broken.append(Broken(path, link, reason + how))
    return broken


def external(site_dir: Path, site_url: str = "") -> dict[str, list[str]]:
    """Every address on another site that the built site names, with the files naming it, both sorted."""
    site = Site(site_dir, site_url)
    found: dict[str, set[str]] = {}
    for path in sorted(site.files):
        if path.endswith(".html"):
            links = [link for link, _ in site.page(path).links]
        elif path.endswith(TEXT_FILES) and path != "search/search_index.json":
            try:
                links = [link for link, _ in site.links_in(path)]
            except ValueError:
                continue  # the check reports it
        else:
            continue
        for link in links:
            link = link.strip()
            parts = urlsplit(link)
            if link.startswith("//"):
                link = "https:" + link
            elif parts.scheme not in ("http", "https"):
                continue
            if site.internal(link, path) is None:
                found.setdefault(link, set()).add(path)
    return {address: sorted(files) for address, files in sorted(found.items())}


def report(broken: list[Broken]) -> str:
    """The build's message: what is broken, where, and that the site must not be published."""
    lines = [f"{len(broken)} {'link is' if len(broken) == 1 else 'links are'} broken on the built site, so it must "
             "not be published. Each is a fault in the templates or the build, not in the data; fix it and "
             "build again:"]
    lines += [f"  - {b.explain()}" for b in broken[:MAX_LISTED]]
    if len(broken) > MAX_LISTED:
        lines.append(f"  ... and {len(broken) - MAX_LISTED} more.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tracker.links",
        description="Check the links of a built site, or list the addresses on other sites it links to.")
    parser.add_argument("command", choices=["external", "check"],
                        help="external: list every link to another site, with the pages that have it, for a "
                             "person to open (nothing is fetched); check: the build's own check of the links "
                             "within the site")
    parser.add_argument("site", nargs="?", default="site", type=Path,
                        help="the built site folder (default: site, where `make build` puts it)")
    parser.add_argument("--site-url", default=None,
                        help="the address the site was built for (default: read from the site's home page)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"There is no built site in {args.site}: build it first (make build), or give its folder.",
              file=sys.stderr)
        return 2
    site_url = args.site_url if args.site_url is not None else _site_url(args.site)
    if args.command == "check":
        broken = check(args.site, site_url)
        print(report(broken) if broken else f"Every link within the site in {args.site} leads somewhere.")
        return 1 if broken else 0
    found = external(args.site, site_url)
    print(f"{len(found)} addresses on other sites are linked from the site in {args.site}. Nothing was fetched: "
          "open each to check it still shows what the pages say it does.")
    for address, files in found.items():
        print()
        print(address + ("   (http, not https)" if address.startswith("http:") else ""))
        for path in files:
            print(f"    {_address(path)}")
    return 0


# --- helpers ---------------------------------------------------------------------------------------

def _in_quotes(tag_so_far: str) -> bool:
    """Whether the end of a tag's opening text lies inside a quoted attribute value."""
    quote = None
    for c in tag_so_far:
        if quote is None and c in "\"'":
            quote = c
        elif c == quote:
            quote = None
    return quote is not None


def _read_page(text: str) -> _Page:
    page = _Page()
    ids, found, blocked = page.ids, page.links, page.blocked
    ids.update(_ID.findall(text))
    if "id='" in text or "id =" in text or "id= " in text or "\nid=" in text or "\tid=" in text:
        ids.update(a or b or c for a, b, c in _ID_ELSE.findall(text))  # rare spellings (a hand-written page)
    unusual = "\non" in text or "\nstyle" in text  # an attribute on a line of its own (hand-written HTML)
    for match in [*_BLOCKED.finditer(text), *(_BLOCKED_ELSE.finditer(text) if unusual else ())]:
        at = match.start()
        start = text.rfind("<", 0, at)
        # Inside a tag (not in text or a script), and not inside one of its quoted values: escaped
        # data text such as a description holding "&lt;p onclick=…" is words, not an attribute.
        if start > text.rfind(">", 0, at) and not _in_quotes(text[start:at]):
            element = re.match(r"<([a-zA-Z][^\s/>]*)", text[text.rfind("<", 0, at):])
            kind = ("an inline event handler (" + match.group(1).lower() + "), which the pages' Content Security "
                    "Policy blocks: use a script file") if match.group(1).lower() != "style" else (
                   "an inline style, which the pages' Content Security Policy blocks: use a class and the stylesheet")
            blocked.append(f"a <{(element.group(1) if element else '?').lower()}> element has {kind}")
    # findall, not finditer: a page has many tags, and this loop is much of the check's time.
    tokens = _TOKENS_ANY_CASE if _UPPER_TAG.search(text) else _TOKENS
    for raw, raw_attributes, body, element, attributes in tokens.findall(text):
        if raw:
            if raw.lower() != "script":
                continue
            attributes = _attributes(raw_attributes)
            if "src" in attributes:
                found.append((attributes["src"], ""))
            if attributes.get("type", "").strip().lower() == "application/ld+json":
                try:
                    found += [(a, " (in the page's structured data)") for a in _json_addresses(json.loads(body))]
                except ValueError:
                    blocked.append("its structured data (JSON-LD) is not valid JSON")
            continue
        if not element:
            continue  # a comment
        element, attributes = element.lower(), _attributes(attributes)
        if element == "a" and "name" in attributes:
            ids.add(attributes["name"])
        if element == "meta":
            equiv = attributes.get("http-equiv", "").lower()
            if equiv == "content-security-policy":
                page.protected = True
            elif equiv == "refresh":
                refresh = _REFRESH.match(attributes.get("content", ""))
                if refresh and refresh["url"].strip():
                    found.append((refresh["url"].strip(), " (where the page sends the browser on)"))
        for name, value in attributes.items():
            if name in LINK_ATTRIBUTES and (element in LINK_ATTRIBUTES[name] or "*" in LINK_ATTRIBUTES[name]):
                if name == "srcset":
                    found += [(c.split()[0], "") for c in value.split(",") if c.strip()]
                else:
                    found.append((value, ""))
    return page


def _attributes(text: str) -> dict[str, str]:
    if not text or text.isspace():
        return {}
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        value = double or single or bare
        found.setdefault(name.lower(), html.unescape(value) if "&" in value else value)
    return found


def _json_addresses(value) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_LINKS:
                yield from _json_addresses(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_addresses(item)
    elif isinstance(value, str):
        yield from _addresses(value)


def _addresses(text: str) -> Iterator[str]:
    """The http(s) addresses in a text, without the punctuation of the sentence around them."""
    for match in _HTTP.finditer(text):
        yield match.group(0).rstrip(".,;:!?)]")


def _relative(link: str) -> bool:
    parts = urlsplit(link.strip())
    return not (parts.scheme or parts.netloc or parts.path.startswith("/") or not parts.path)


def _address(path: str, page: str = "") -> str:
    """A site file as the address people see: reviews/x/index.html is reviews/x/, index.html the home page."""
    if path == "index.html":
        return "the home page"
    return page + path.removesuffix("index.html")


def _where(path: str) -> str:
    if path == "index.html":
        return "On the home page (index.html)"
    if path.endswith(".html"):
        return f"On the page {_address(path)} ({path})"
    return f"In the file {path}"


def _site_url(site_dir: Path) -> str:
    """The address the site was built for, from its home page's canonical link ("" if it has none)."""
    text = (site_dir / "index.html").read_text(encoding="utf-8", errors="replace")
    match = re.search(r'<link rel="canonical" href="([^"]*)"', text)
    return html.unescape(match.group(1)) if match else ""


if __name__ == "__main__":
    sys.exit(main())
