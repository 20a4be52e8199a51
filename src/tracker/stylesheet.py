"""Material's stylesheet less the rules for what no page of this site can contain (a smaller first visit).

Material ships one stylesheet for every feature it has: content tabs, admonitions, code blocks, blog, tags,
version picker... This site uses few of them. A rule is dropped only when one of the classes its selector
requires (outside :is(), :not(), :where() and :has(), which are kept whatever they hold) is a word found
nowhere in the templates, scripts, hand-written pages or engine that make the site's HTML. Anything else,
custom properties, fonts, keyframes, at-rules, is kept as written, so the output is the same for the same input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_GROUPS = ("@media", "@supports", "@layer", "@container")
"""At-rules that hold rules, which are trimmed inside; other at-rules (@font-face, @keyframes) are kept whole."""


def words_in(paths: Iterable[Path], suffixes: tuple[str, ...] = (".html", ".js", ".md", ".py")) -> set[str]:
    """Every word that could be a class name, in the files under ``paths`` (files or folders)."""
    found: set[str] = set()
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in suffixes:
                found.update(_WORD.findall(file.read_text(encoding="utf-8", errors="replace")))
    return found


def trim_site(site_dir: Path, theme_dirs: Iterable[Path], docs_dir: Path) -> list[tuple[str, int, int]]:
    """Trim Material's stylesheet in the built site, by the words in the theme's templates (ours and Material's),
    our scripts, the hand-written pages and the engine; (file, bytes before, bytes after) for each trimmed."""
    engine = Path(__file__).parent
    used = words_in([*theme_dirs], (".html",)) | words_in([docs_dir, engine], (".md", ".py"))
    used |= words_in([d / "assets" / "javascripts" for d in theme_dirs if (d / "main.html").is_file()
                      and not (d / "mkdocs_theme.yml").is_file()], (".js",))  # our scripts, not Material's bundle
    trimmed = []
    for css in sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css")):
        trimmed.append((css.name, *trim_file(css, used)))
    return trimmed


def trim(css: str, used: set[str]) -> str:
    """``css`` without the rules whose every selector needs a class not in ``used``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments, the source map's among them (no longer true)
    rules, _ = _parse(css, 0)
    return _emit(rules, used)


def trim_file(path: Path, used: set[str]) -> tuple[int, int]:
    """Trim a stylesheet in place; (bytes before, bytes after)."""
    css = path.read_text(encoding="utf-8")
    out = trim(css, used)
    path.write_text(out, encoding="utf-8")
    return len(css.encode()), len(out.encode())


# A rule: (prelude, declarations) for a style rule or a kept-whole at-rule, (prelude, [rules]) for a group,
# (statement, None) for a statement such as @charset.
_Rule = tuple[str, "str | list[_Rule] | None"]


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _parse(css: str, i: int) -> tuple[list[_Rule], int]:
    out: list[_Rule] = []
    n = len(css)
    while i < n:
        j = i
        while j < n and css[j] not in "{;}":
            j = _skip_string(css, j) if css[j] in "\"'" else j + 1
        if j >= n:
            break
        if css[j] == "}":
            return out, j + 1
        prelude = css[i:j].strip()
        if css[j] == ";":
            out.append((prelude, None))
            i = j + 1
        elif prelude.startswith(_GROUPS):
            children, i = _parse(css, j + 1)
            out.append((prelude, children))
        else:
            k, depth = j + 1, 1
            while k < n and depth:
                if css[k] in "\"'":
                    k = _skip_string(css, k)
                    continue
                depth += {"{": 1, "}": -1}.get(css[k], 0)
                k += 1
            out.append((prelude, css[j + 1:k - 1]))
            i = k
    return out, i


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [attr="a,b"])."""
    parts, depth, start = [], 0, 0
    for k, c in enumerate(prelude):
        depth += 1 if c in "([" else -1 if c in ")]" else 0
        if c == "," and depth == 0:
            parts.append(prelude[start:k])
            start = k + 1
    parts.append(prelude[start:])
    return parts


def _required(selector: str) -> list[str]:
    """The classes a selector requires: those outside any parentheses or brackets."""
    outside, depth = [], 0
    for c in selector:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            outside.append(c)
    return _CLASS.findall("".join(outside))


def _emit(rules: list[_Rule], used: set[str]) -> str:
    out = []
    for prelude, body in rules:
        if body is None:
            out.append(prelude + ";")
        elif isinstance(body, list):
            inner = _emit(body, used)
            if inner:
                out.append(prelude + "{" + inner + "}")
        elif prelude.startswith("@"):
            out.append(prelude + "{" + body + "}")
        else:
            kept = [s for s in _selectors(prelude) if all(c in used for c in _required(s))]
            if kept:
                out.append(",".join(kept) + "{" + body + "}")
    return "".join(out)
