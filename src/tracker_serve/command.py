"""The `tracker serve` and `tracker build` commands (no MkDocs import until one of them runs)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SERVE_HELP = """\
Preview the site at http://127.0.0.1:8000/ while you edit. Save a data file, a template or a
stylesheet and the page in your browser shows the change by itself, usually within a second.
If a file has a problem, every page shows the problem instead (file, line, what is wrong and how
to fix it), and the site comes back by itself once the file is saved without it.
The preview leaves out work nobody is looking at: the search box searches the pages as they were
when the preview started, the downloads are written again once nothing has been saved for a few
seconds, and the links are checked by 'tracker build'. Stop it with Ctrl+C."""

BUILD_HELP = """\
Build the site for publishing into site/ (mkdocs build --strict): every page, download and feed, and a
check of every link. Any problem stops the build and is listed with its file and line."""


def add_commands(commands, data_option) -> None:
    """Add `serve` and `build` to the tracker command's sub-commands."""
    serve = commands.add_parser("serve", help="preview the site in your browser while you edit",
                                description=SERVE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--address", "-a", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="where to serve the preview (default 127.0.0.1:8000)")
    serve.add_argument("--config-file", "-f", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    data_option(serve)
    serve.set_defaults(run=_serve)

    build = commands.add_parser("build", help="build the site for publishing (strict: any problem stops it)",
                                description=BUILD_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("--site-dir", "-d", metavar="DIR", help="where to write the site (default: ./site)")
    build.add_argument("--config-file", "-f", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    data_option(build)
    build.set_defaults(run=_build)


def _config_file(given: str | None) -> Path:
    from tracker.cli import Stop

    if given:
        path = Path(given)
        if not path.is_file():
            raise Stop(f"There is no file {path}.")
        return path.resolve()
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return (folder / "mkdocs.yml").resolve()
    raise Stop("There is no mkdocs.yml here or in a folder above. Run the command from the project folder, "
               "or give --config-file.")


def _data_dir(given: str | None, config_file: Path) -> Path:
    if given or os.environ.get("TRACKER_DATA_DIR"):
        from tracker.cli import find_data_dir

        return find_data_dir(given)
    return config_file.parent / "data"


def _build(args) -> int:
    config_file = _config_file(args.config_file)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA_DIR": str(_data_dir(args.data, config_file))}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    if args.site_dir:
        command += ["-d", str(Path(args.site_dir).resolve())]
    return subprocess.call(command, env=env, cwd=config_file.parent)


def _serve(args) -> int:
    from tracker.cli import Stop

    host, _, port = args.address.rpartition(":")
    if not port.isdigit():
        raise Stop(f"--address should be HOST:PORT, such as 127.0.0.1:8000, not '{args.address}'.")
    config_file = _config_file(args.config_file)
    data_dir = _data_dir(args.data, config_file)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="tracker-preview-") as site_dir:
        return run(config_file, data_dir, Path(site_dir), host or "127.0.0.1", int(port))


def run(config_file: Path, data_dir: Path, site_dir: Path, host: str, port: int,
        ready: threading.Event | None = None, stop: threading.Event | None = None) -> int:
    """Serve the preview until Ctrl+C (or ``stop``). ``ready`` is set once the first page can be shown."""
    import logging

    from tracker import preview

    from .builder import PreviewBuilder
    from .server import Preview, PreviewServer
    from .watch import watch

    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    # MkDocs logs a page it could not build; the preview reports the problem itself, in the clerk's words.
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith(("Error reading page", "Error building page")))
    url = f"http://{host}:{port}/"
    started = time.perf_counter()
    builder = PreviewBuilder(config_file, site_dir, url, data_dir)
    print("Preparing the preview…", flush=True)  # noqa: T201
    change = builder.full()
    state = Preview(builder)
    if change.problems:
        print("\n" + preview.report(change.problems), flush=True)  # noqa: T201
    try:
        server = PreviewServer((host, port), state)
    except OSError as error:
        from tracker.cli import Stop

        raise Stop(f"Cannot serve the preview at {url}: {error.strerror or error}. Is another preview running? "
                   "Stop it, or give another --address, such as 127.0.0.1:8001.") from None
    threads = [threading.Thread(target=server.serve_forever, name="preview-server", daemon=True),
               threading.Thread(target=state.background, name="preview-pages", daemon=True),
               threading.Thread(target=watch, args=(state, config_file.parent, data_dir, stop), name="preview-watch",
                                daemon=True)]
    for thread in threads:
        thread.start()
    print(f"The preview is at {url} (ready in {time.perf_counter() - started:.1f} s). "  # noqa: T201
          "Save a file to see the change; Ctrl+C stops it.", flush=True)
    if ready is not None:
        ready.set()
    try:
        while not (stop and stop.is_set()):
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("\nThe preview has stopped.", flush=True)  # noqa: T201
    finally:
        state.stopping.set()
        state.bump()
        server.shutdown()
        server.server_close()
        builder.close()
    return 0
