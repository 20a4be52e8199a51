"""Work done in a forked copy of this process: what is loaded is shared without being copied, and only the
result comes back, through a pipe. Where there is no fork (Windows), callers do the work themselves."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable

def available() -> bool:
    """Whether this system can fork (not Windows)."""
    return hasattr(os, "fork")


def start(work: Callable[[], object]) -> Callable[[], object | None]:
    """Start ``work`` in a forked copy; returns a function that waits for it and gives what it returned, or None
    when it failed (an error, or a result that could not be sent): the caller then does the work itself, so any
    error is raised where and as it always was."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        status = 1
        try:
            result = work()
            with os.fdopen(write, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        except BaseException:  # noqa: BLE001 - the parent does the work again, and raises the error
            pass
        finally:
            os._exit(status)  # never the parent's clean-up (MkDocs' temporary folders, open files)
    os.close(write)

    def result() -> object | None:
        with os.fdopen(read, "rb") as pipe:
            try:
                found = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError):
                found = None
        _, status = os.waitpid(pid, 0)
        return found if status == 0 else None

    return result
