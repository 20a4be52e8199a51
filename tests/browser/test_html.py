"""Every page is valid HTML, as the Nu HTML Checker (vnu.jar) sees it."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_nu_html_checker_finds_no_errors(site_dir, vnu_jar):
    files = sorted(str(p) for p in site_dir.rglob("*.html"))
    assert files, f"no HTML files in {site_dir}"
    # One run over every page: the checker takes seconds to start.
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=600,
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar exited {result.returncode} without a JSON report:\n"
                    f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}", pytrace=False)
    messages = report.get("messages", [])
    if messages:
        lines = []
        for m in messages:
            path = unquote(urlsplit(m.get("url", "")).path)
            rel = path[len(str(site_dir)) + 1:] if path.startswith(str(site_dir)) else path
            line = m.get("lastLine", m.get("firstLine", "?"))
            lines.append(f"{rel}:{line}: {m.get('type')}: {m.get('message')}"
                         + (f"  [{' '.join(m['extract'].split())[:120]}]" if m.get("extract") else ""))
        pytest.fail(f"Nu HTML Checker: {len(messages)} errors in "
                    f"{len({l.split(':')[0] for l in lines})} of {len(files)} files:\n" + "\n".join(lines),
                    pytrace=False)
    assert result.returncode == 0, f"vnu.jar exited {result.returncode}: {result.stderr[-2000:]}"
