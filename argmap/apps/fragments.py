"""Pieces of a map's exports kept between builds by the digest of what they were made from, so a build
after a small edit remakes only the pieces the edit touched (a large map's per-subtree diagrams, say).

One file a map and kind under ``.argmap-cache/`` (``fragments-<kind>-<map digest>.json``): a signature
line, then a JSON object from digest to piece (a text, a list of texts, or the pieces of a long table or list
by their text). A build reads it once, asks :meth:`FragmentStore.made` for each piece, and
:meth:`FragmentStore.save` writes back exactly the pieces this build used, so the file never grows
beyond one build's pieces. Data only (JSON, never code); a missing or damaged file costs the pieces
being made again; the folder is safe to delete.

The pieces are rendered output (HTML, Word XML, DOT) that a build puts into its exports as they are, so
a file planted in a shared project folder could put script into ``brief.html``. Each file is therefore
signed (HMAC-SHA256) with a key of this user's own, kept outside the project
(``~/.cache/argmap/fragments.key``, made on first use): a file signed by anyone else, or not at all, is
ignored and its pieces are made again. Without a key (no writable home) nothing is kept.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path
from typing import Callable

import orjson

from argmap.apps.output import OutputError, write_atomic


class FragmentStore:
    """Pieces (JSON values) by the digest of their inputs, for one map and one kind (None: keep nothing)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.previous: dict[str, object] = {}
        self.used: dict[str, object] = {}
        #: How many pieces were found (``reused``) and made (``made_count``) this build.
        self.reused = self.made_count = 0
        if path is not None and signing_key() is not None:
            try:
                signature, _, data = path.read_bytes().partition(b"\n")
                kept = orjson.loads(data) if hmac.compare_digest(signature, _signature(data)) else {}
                self.previous = kept if isinstance(kept, dict) else {}
            except (OSError, orjson.JSONDecodeError):
                self.previous = {}

    @classmethod
    def for_map(cls, cache_folder: Path | None, kind: str, map_id: str) -> FragmentStore:
        """The store of ``kind`` pieces for map ``map_id`` in ``cache_folder`` (None: a store that keeps nothing)."""
        return cls(cls.path_for(cache_folder, kind, map_id))

    @staticmethod
    def path_for(cache_folder: Path | None, kind: str, map_id: str) -> Path | None:
        """Where the store of ``kind`` pieces for map ``map_id`` is kept (None: nowhere), without reading
        it: for a worker process that reads it itself."""
        if cache_folder is None:
            return None
        name = hashlib.sha256(map_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return cache_folder / f"fragments-{kind}-{name}.json"

    def made(self, digest: str, make: Callable[[], object],
             shape: type | tuple[type, ...] = (str, list, dict)) -> object:
        """The piece with this digest: the one kept when there is one of this ``shape``, else ``make()``.
        The caller checks a kept list's or dict's items (a planted or damaged file may hold anything)."""
        piece = self.used.get(digest)
        if piece is None:
            piece = self.previous.get(digest)
            if not isinstance(piece, shape):
                piece = make()
                self.made_count += 1
            else:
                self.reused += 1
            self.used[digest] = piece
        return piece

    def save(self) -> None:
        """Keep this build's pieces for the next one (unless nothing changed); a failed write is skipped."""
        if self.path is None or signing_key() is None or self.used == self.previous:
            return
        data = orjson.dumps(self.used)
        try:
            write_atomic(self.path, _signature(data) + b"\n" + data)
        except OutputError:
            return


@functools.cache
def signing_key() -> bytes | None:
    """This user's key for signing kept pieces: 32 random bytes in ``$XDG_CACHE_HOME/argmap`` (default
    ``~/.cache/argmap``), made once, readable by the user only; None when it can be neither read nor made."""
    path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "argmap" / "fragments.key"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent)      # readable by this user only
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(32))
            try:
                os.link(temporary, path)      # whole or not at all; a key another process made first stays
            except FileExistsError:
                pass
            finally:
                os.unlink(temporary)
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _signature(data: bytes) -> bytes:
    """The HMAC-SHA256 of ``data`` under this user's key, in hex."""
    return hmac.new(signing_key() or b"", data, hashlib.sha256).hexdigest().encode()
