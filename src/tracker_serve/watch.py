"""Saved files, as the operating system reports them (no polling), turned into preview updates."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import logging

import watchfiles

from tracker import preview

from .builder import Change
from .server import Preview

log = logging.getLogger(__name__)

TIMINGS = "TRACKER_PREVIEW_TIMINGS"
"""Set (by the benchmark) to print the processor time each update took, beside the time on the clock."""

STEP_MS = 30
"""How long the folders must stay quiet before a batch of saves is acted on (an editor may write twice)."""


def watched(project: Path, data_dir: Path) -> list[Path]:
    places = [data_dir, project / "overrides", project / "docs", project / "hooks", project / "mkdocs.yml"]
    return [p for p in places if p.exists()]


def watch(state: Preview, project: Path, data_dir: Path, stop: threading.Event | None = None) -> None:
    stopping = stop or state.stopping
    for batch in watchfiles.watch(*watched(project, data_dir), step=STEP_MS, stop_event=stopping,
                                  raise_interrupt=False, watch_filter=_Filter()):
        if state.stopping.is_set():
            return
        apply(state, {Path(path) for _, path in batch})


def apply(state: Preview, paths: set[Path]) -> None:
    """One batch of saved files: update the preview, say what happened, and reload the open pages."""
    log.debug("Saved: %s", ", ".join(sorted(map(str, paths))))
    started, cpu = time.perf_counter(), time.thread_time()
    state.waiting += 1  # the background builder steps aside: the clerk is waiting for this
    try:
        change = state.builder.update(paths)
    except Exception as error:  # noqa: BLE001 - the preview goes on; the clerk sees a problem, not a traceback
        log.debug("The update failed", exc_info=True)
        with state.builder.lock:
            state.builder.problems = [preview.internal_problem("the preview", error)]
        change = Change(0, state.builder.problems)
    finally:
        state.waiting -= 1
    if change.problems:
        state.report_problems()
        return
    if getattr(state, "_reported", None):
        state._reported = None
        print("The problems are fixed: the preview shows the site again.", flush=True)  # noqa: T201
    state.bump()
    pages = "every page" if change.pages is None else f"{change.pages} page{'s' if change.pages != 1 else ''}"
    timings = f", {time.thread_time() - cpu:.2f} s of processor time" if os.environ.get(TIMINGS) else ""
    print(f"Updated in {time.perf_counter() - started:.2f} s{timings} ({pages} to build again, as they are "  # noqa: T201
          "looked at).", flush=True)


class _Filter(watchfiles.DefaultFilter):
    """Editors' temporary files and compiled templates are not changes to the site."""

    def __call__(self, change, path: str) -> bool:
        name = Path(path).name
        return super().__call__(change, path) and not name.endswith((".preview-tmp", ".pyc", "~")) \
            and not name.startswith(".#")

