"""Open data: the record as JSON and CSV, its schema, and Atom feeds (to be filled in)."""

from __future__ import annotations


def downloads(site) -> dict[str, bytes]:
    """Site path -> file content for every download."""
    return {}
