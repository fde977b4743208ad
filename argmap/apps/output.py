"""Write outputs atomically and only when their content changed.

A reader never sees a half-written file: data goes to a temporary file in the same folder, which
then replaces the target in one ``os.replace``. An unchanged file is left alone, so its timestamp
and git's view of it stay quiet.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output could not be written; the message names the path and what to do."""


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; returns False (and writes nothing) when it is unchanged."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        reason = f"'{blocker}' is a file, not a folder" if blocker else (error.strerror or str(error))
        raise OutputError(f"cannot write {path}: {reason}; check that the folder exists "
                          "and is writable, or choose another output with -o/--out") from error
    return True
