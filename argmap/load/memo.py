"""A content-addressed memo of what the loader derives from a file's text (e.g. where a Markdown source's
blocks start and end), kept as JSON under ``.argmap-cache/`` so a later run need not derive it again.

An entry is named by the SHA-256 of what it was derived from, the kind of derivation and argmap's
version, so an edit, an upgrade or another kind never reads a stale entry; the folder is safe to delete.
Entries are data (JSON), never code, and the caller checks that what it recalls fits the content: a
damaged entry costs a recomputation. The folder is the project's own (only ``argmap check`` reads it;
``compare`` and ``grade`` never read a student's); a memo that cannot be read or written is skipped.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


class Memo:
    """Derived data by content hash, in one folder (None: remember nothing)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _entry(self, kind: str, content: str) -> Path | None:
        if self.folder is None:
            return None
        from argmap import __version__

        digest = hashlib.sha256(f"{kind}\n{__version__}\n".encode() + content.encode("utf-8", "surrogatepass"))
        return self.folder / f"{kind}-{digest.hexdigest()}.json"

    def recall(self, kind: str, content: str) -> Any | None:
        """What was kept for this content and kind, or None."""
        entry = self._entry(kind, content)
        if entry is None:
            return None
        try:
            return json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def keep(self, kind: str, content: str, value: Any) -> None:
        """Keep ``value`` (JSON data) for this content and kind; written atomically, errors ignored."""
        entry = self._entry(kind, content)
        if entry is None:
            return
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(value, out, separators=(",", ":"))
            os.replace(temporary, entry)
        except OSError:
            return


#: The memo that keeps nothing: what every loader uses unless a command asks for the cache.
NO_MEMO = Memo(None)
