"""`tracker schema`: the JSON Schemas editors use, written from the model (all or nothing)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from .. import schema
from ..cli import TEMP_SUFFIX, _write_bytes, find_data_dir, keep_mode


def run(args) -> int:
    out = Path(args.out) if args.out else find_data_dir(args.data).resolve().parent / "schemas"
    if args.check:
        stale = schema.stale(out)
        if stale:
            print(f"These schemas in {out} are out of date with the model: {', '.join(stale)}.\n"
                  "Run 'tracker schema' and commit the result.", file=sys.stderr)
            return 1
        print(f"The schemas in {out} match the model.")
        return 0
    changed = _write_schemas(out)
    print(f"Wrote {', '.join(changed)} in {out}." if changed else f"The schemas in {out} were already up to date.")
    return 0


def _write_schemas(out: Path) -> list[str]:
    """Write every schema that is out of date, each to a temporary file first; only when all of them are written
    and read back as the JSON Schemas they should be are they put in place. Then remove the ones no kind uses."""
    out.mkdir(parents=True, exist_ok=True)
    expected = schema.schemas()
    changed = schema.stale(out)
    gone = schema.unused(out)
    temps: dict[str, Path] = {}
    try:
        for name in changed:
            if name not in expected:
                continue
            text = expected[name]
            fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=out)
            temps[name] = Path(temp)
            with os.fdopen(fd, "wb") as handle:
                _write_bytes(handle, text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
        for name, temp in temps.items():
            _check_schema(temp, expected[name])
        for name, temp in temps.items():
            keep_mode(temp, out / name)  # mkstemp makes it 0600
            os.replace(temp, out / name)
        for name in gone:
            (out / name).unlink()
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
    return changed


def _check_schema(temp: Path, text: str) -> None:
    """A schema written to disk is the one the model gives, and is itself a valid JSON Schema."""
    written = temp.read_text(encoding="utf-8")
    if written != text:
        raise OSError(f"the temporary file {temp.name} does not hold the schema written to it")
    document = json.loads(written)
    try:
        from jsonschema.validators import validator_for
    except ImportError:  # pragma: no cover - jsonschema comes with the project's dependencies
        return
    validator_for(document).check_schema(document)
