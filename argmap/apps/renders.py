"""The images of a map's export folder, rendered by Graphviz (in batches, in a pool) or reused: a render is reused
only when ``renders.json`` proves it came from the same DOT and is byte for byte what was written then."""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import Executor, Future
from pathlib import Path

from argmap.apps.export_groups import EXPORT_GROUPS, RENDER_MANIFEST, export_group
from argmap.formats.json_text import json_text
from argmap.render.graphviz_batch import GraphvizBatches, render_batch


def resolved(data: bytes | Future) -> bytes:
    """A render's bytes, waiting for it when it runs in the pool."""
    return data.result() if isinstance(data, Future) else data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class RenderCache:
    """The images of one map folder: reused only when ``renders.json`` proves they came from the same
    DOT and are byte for byte what was written then; the new manifest is collected as renders are made."""

    def __init__(self, folder: Path, pool: Executor | None = None):
        self.folder = folder
        self.pool = pool
        self.batches = GraphvizBatches(pool, os.cpu_count() or 2) if pool else None
        try:
            previous = json.loads((folder / RENDER_MANIFEST).read_text(encoding="utf-8"))
            self.previous: dict[str, dict[str, str]] = previous if isinstance(previous, dict) else {}
        except (OSError, ValueError):
            self.previous = {}
        self.pending: dict[str, tuple[str, bytes | Future]] = {}

    def diagram(self, stem: str, dot: str, formats: tuple[str, ...] = ("svg", "png")) -> dict[str, bytes | Future]:
        """``<stem>.dot`` and its renders (``stem`` may name a subfolder, e.g. ``diagrams/x``)."""
        dot_hash = sha256(dot.encode("utf-8"))
        files: dict[str, bytes | Future] = {f"{stem}.dot": dot.encode("utf-8")}
        reused = {kind: self._reused(f"{stem}.{kind}", dot_hash) for kind in formats}
        missing = tuple(kind for kind, data in reused.items() if data is None)
        if missing:  # laid out once for all its formats
            made = self.batches.submit(dot, missing) if self.batches else render_batch([dot], missing)[0]
            reused |= made
        for kind, data in reused.items():
            files[f"{stem}.{kind}"] = data
            self.pending[f"{stem}.{kind}"] = (dot_hash, data)
        return files

    def _reused(self, name: str, dot_hash: str) -> bytes | None:
        entry = self.previous.get(name)
        existing = self.folder / name
        if not isinstance(entry, dict) or entry.get("dot") != dot_hash or not existing.is_file():
            return None
        data = existing.read_bytes()
        return data if sha256(data) == entry.get("render") else None

    def manifest(self, groups: tuple[str, ...] = ()) -> bytes | None:
        """renders.json for the images made so far (call once their renders are done): those of the export
        ``groups`` written now, and what the last manifest said of the others; None when it lists nothing."""
        groups = groups or EXPORT_GROUPS
        entries = {name: {"dot": dot_hash, "render": sha256(resolved(data))}
                   for name, (dot_hash, data) in self.pending.items() if export_group(name) in groups}
        entries |= {name: entry for name, entry in self.previous.items() if export_group(name) not in groups}
        return json_bytes(dict(sorted(entries.items()))) if entries else None


def json_bytes(data: object) -> bytes:
    """JSON as the exports write it: indented, UTF-8, ending in a newline."""
    return (json_text(data) + "\n").encode("utf-8")
