"""The engine's front door: load the data and plan the site, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import load
from .pages import Page, Site
from .render import Renderer


@dataclass
class Build:
    """One build's worth of computed state. Made anew for every build."""

    site: Site
    renderer: Renderer
    pages: dict[str, Page]
    """src_uri -> generated page."""

    @classmethod
    def prepare(cls, data_dir: Path, template_dir: Path, site_url: str = "", edit_url_base: str | None = None) -> "Build":
        """Load the data and plan the site. ``edit_url_base`` is used when site.yml gives none."""
        site = Site(load(data_dir), edit_url_base)
        return cls(site, Renderer(template_dir, site, site_url), {p.src_uri: p for p in site.pages})

    def front_matter(self, page: Page) -> str:
        """The Markdown source MkDocs sees for a generated page: its metadata only."""
        import html

        import yaml

        # Material puts page titles and descriptions into its templates unescaped
        # (a title may be HTML there), so data text must arrive already escaped.
        meta: dict = {"title": html.escape(page.title), "description": html.escape(page.description)}
        if not page.searchable:
            meta["search"] = {"exclude": True}
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when there: ten times faster
        return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False) + "---\n"

    def content(self, src_uri: str) -> str | None:
        page = self.pages.get(src_uri)
        return self.renderer.render(page) if page else None

    def downloads(self) -> dict[str, bytes]:
        """Files published beside the pages: data downloads, schemas and feeds (site path -> bytes)."""
        from . import exports

        return exports.downloads(self.site, self.renderer.site_url)

    def redirects(self) -> dict[str, bytes]:
        """Pages at the addresses meetings and decisions had when they were kept inside a review's folder
        (reviews/<review>/meetings/<id>/), each pointing to where the record now lives, so links people
        saved still work."""
        from html import escape

        from .pages import href

        found: dict[str, bytes] = {}
        for folder, records in (("meetings", self.site.tracker.council.meetings),
                                ("decisions", self.site.tracker.council.decisions)):
            for record in records:
                for review_id in record.reviews:
                    old = f"reviews/{review_id}/{folder}/{record.id}/"
                    target = href(old, self.site.url(record))
                    title = escape(self.site.label(record))
                    found[old + "index.html"] = (
                        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                        f'<meta http-equiv="refresh" content="0; url={escape(target)}">'
                        f'<link rel="canonical" href="{escape(target)}"><meta name="robots" content="noindex"></head>'
                        f'<body><p>This record has moved to <a href="{escape(target)}">{title}</a>.</p></body></html>\n'
                    ).encode()
        return found

    @property
    def as_at_words(self) -> str:
        return self.site.as_at_words

    @property
    def latest_words(self) -> str | None:
        """The site-wide 'latest information' date, for every page's footer."""
        return self.site.latest.words() if self.site.latest else None
