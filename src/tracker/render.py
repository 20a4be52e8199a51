"""Render generated pages' content with the templates in overrides/records/.

The environment escapes everything by default: data reaches the page only as
text, so no HTML, script or template syntax in a data file can change a page.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from . import status, text
from .load import REVIEW_FOLDERS
from .pages import Page, Site, href


class Renderer:
    """Renders one generated page's body HTML."""

    def __init__(self, template_dir: Path, site: Site, site_url: str = ""):
        self.site = site
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Compiled templates are kept between runs (checked against their source), so a
            # build does not recompile all of them: two thirds of rendering the real record.
            bytecode_cache=jinja2.FileSystemBytecodeCache(),
        )
        self.env.filters["blocks"] = text.blocks
        self.env.filters["plain"] = text.plain
        self.env.filters["count"] = "{:,}".format  # 4,581, as GOV.UK writes numbers
        self.env.filters["segments"] = site.abbreviations.segments
        self.env.globals.update(site=site, statuses=status)

    def render(self, page: Page) -> str:
        template = self.env.get_template(page.template)
        html = template.render(
            page=page,
            canonical=self.site_url + page.url if self.site_url else None,
            record=page.record,
            link=lambda target: href(page.url, target if isinstance(target, str) else self.site.url(target)),
            abbreviations=self.site.abbreviations.found_in(*_texts(page.record)),
            **(page.context() if callable(page.context) else page.context),
        )
        # A line break after each closing block tag, so search and text readers never
        # run a label into its value ("Owner" + "Democratic Services").
        return _BLOCK_END.sub(r"</\1>\n", html)


_BLOCK_END = re.compile(r"</(dt|dd|th|td|li|p|h[1-6]|div|caption)>(?=<)")
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def headings(html: str) -> list[dict]:
    """The page's h2 and h3 headings as table-of-contents tokens (level, id, name, children)."""
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(html):
        token = {"level": int(level), "id": anchor, "name": re.sub(r"<[^>]+>", "", inner).strip(), "children": []}
        if token["level"] == 3 and tokens:
            tokens[-1]["children"].append(token)
        elif token["level"] == 2:
            tokens.append(token)
    return tokens


_NOT_ON_PAGE = {*REVIEW_FOLDERS.values(), "sources"}
"""A review's records and sources have pages of their own; its page does not quote them."""


def _texts(record: object) -> list[str]:
    """Every text in a record, to find the abbreviations its page uses."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:  # type: ignore[union-attr]
                if name not in _NOT_ON_PAGE:
                    walk(getattr(value, name))

    walk(record)
    return found
