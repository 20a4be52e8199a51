"""Two builds of the same commit with the same SOURCE_DATE_EPOCH are byte-identical."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from conftest import ROOT, mkdocs_build

EPOCH = 1893499200  # 2030-01-01 12:00 UTC: after every date in the data, and not today
EPOCH_DAY = "2030-01-01"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(site: Path, hash_seed: str) -> dict[str, bytes]:
    # A different hash seed for each build shakes out any ordering that comes from sets or dicts.
    result = mkdocs_build(site, env={"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0, result.stderr
    return files(site)


def test_two_builds_are_byte_identical(tmp_path):
    first, second = build(tmp_path / "a", "1"), build(tmp_path / "b", "2")
    only_one = sorted(set(first) ^ set(second))
    differ = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    assert not only_one and not differ, f"in one build only: {only_one}; different bytes: {differ}"

    # And the date they share is SOURCE_DATE_EPOCH's, not the day of the build.
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", first["sitemap.xml"].decode())) <= {EPOCH_DAY}
    mtime = int.from_bytes(first["sitemap.xml.gz"][4:8], "little")  # the gzip header's MTIME field
    assert datetime.fromtimestamp(mtime, timezone.utc).date().isoformat() == EPOCH_DAY
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
