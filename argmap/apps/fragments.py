"""Pieces of a map's exports kept between builds by the digest of what they were made from, so a build
after a small edit remakes only the pieces the edit touched (a large map's per-subtree diagrams, say).

One JSON file a map and kind under ``.argmap-cache/`` (``fragments-<kind>-<map digest>.json``): an
object from digest to piece (a text, or a list of texts). A build reads it once, asks :meth:`FragmentStore.made` for each piece, and
:meth:`FragmentStore.save` writes back exactly the pieces this build used, so the file never grows
beyond one build's pieces. Data only (JSON, never code); a missing or damaged file costs the pieces
being made again; the folder is safe to delete.
"""
from __future__ import annotations

import hashlib
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
        if path is not None:
            try:
                kept = orjson.loads(path.read_bytes())
                self.previous = kept if isinstance(kept, dict) else {}
            except (OSError, orjson.JSONDecodeError):
                self.previous = {}

    @classmethod
    def for_map(cls, cache_folder: Path | None, kind: str, map_id: str) -> FragmentStore:
        """The store of ``kind`` pieces for map ``map_id`` in ``cache_folder`` (None: a store that keeps nothing)."""
        if cache_folder is None:
            return cls(None)
        name = hashlib.sha256(map_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return cls(cache_folder / f"fragments-{kind}-{name}.json")

    def made(self, digest: str, make: Callable[[], object], shape: type | tuple[type, ...] = (str, list)) -> object:
        """The piece with this digest: the one kept when there is one of this ``shape``, else ``make()``.
        The caller checks a kept list's items (a planted or damaged file may hold anything)."""
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
        if self.path is None or self.used == self.previous:
            return
        try:
            write_atomic(self.path, orjson.dumps(self.used))
        except OutputError:
            return
