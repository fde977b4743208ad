"""A content-addressed cache of ``argmap check``'s answer, under ``.argmap-cache/`` in the project.

An entry is valid for exactly the input it was computed from: argmap's version, the paths asked
about, the list of files the loader would read there (maps, sources, the schemes file) and the
SHA-256 of each. Any edit, added or removed file changes that fingerprint, and the check runs
again. The folder is safe to delete (and ignored by git); a cache that cannot be read or written
is skipped, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from argmap import __version__
from argmap.diagnostics import Diagnostic, Location
from argmap.load.memo import Memo
from argmap.load.files import MAP_SUFFIXES, SCHEMES_FILE, SOURCE_SUFFIXES, find_project_root

CACHE_DIR = ".argmap-cache"
#: Older entries than the newest this many are deleted when a new one is written.
KEEP_ENTRIES = 32


def discovered_files(paths: list[str]) -> list[Path]:
    """Every file the loader reads for ``paths``: the maps and sources under them, each project's
    sources/ and schemes file (sorted, so the list itself is part of the fingerprint)."""
    found: set[Path] = set()
    for given in map(Path, paths):
        if given.is_dir():
            found.update(p for p in given.rglob("*") if p.suffix in MAP_SUFFIXES + SOURCE_SUFFIXES and p.is_file())
        elif given.is_file():
            found.add(given)
        root = find_project_root(given)
        if (root / "sources").is_dir():
            found.update(p for p in (root / "sources").rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file())
        if (root / SCHEMES_FILE).is_file():
            found.add(root / SCHEMES_FILE)
    return sorted(found)


def project_memo(paths: list[str] | None) -> Memo:
    """The memo of derived data for the project ``paths`` lie in (``.argmap-cache/derived/``): every
    command after the first skips re-deriving what unchanged sources already gave."""
    return Memo(find_project_root(Path((paths or ["arguments"])[0])) / CACHE_DIR / "derived")


class CheckCache:
    """The cache entry of one ``argmap check``: the input is listed and hashed once, when the entry
    is made, and the same fingerprint serves the look-up and the store."""

    def __init__(self, paths: list[str]):
        self.paths = paths
        self.files = discovered_files(paths)
        digest = hashlib.sha256(f"argmap {__version__}\n{os.getcwd()}\n{json.dumps(sorted(paths))}\n".encode())
        for file in self.files:
            digest.update(f"{file}\n".encode())
            try:
                digest.update(hashlib.sha256(file.read_bytes()).digest())
            except OSError:
                digest.update(b"unreadable")
        self.entry = find_project_root(Path(paths[0])) / CACHE_DIR / f"check-{digest.hexdigest()}.json"

    @property
    def memo(self) -> Memo:
        """Where the loader keeps what it derives from unchanged files (:func:`project_memo`)."""
        return project_memo(self.paths)

    def load(self) -> list[Diagnostic] | None:
        """The diagnostics computed for exactly this input before, or None."""
        try:
            data = json.loads(self.entry.read_text(encoding="utf-8"))
            return [Diagnostic(d["code"], Location(d["file"], d["line"], d["column"]), d["message"], d["hint"])
                    for d in data["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, diagnostics: list[Diagnostic], read: set[Path]) -> None:
        """Remember the diagnostics, unless the loader read a file the fingerprint does not cover."""
        try:
            if {p.resolve() for p in read} - {p.resolve() for p in self.files}:
                return
            self.entry.parent.mkdir(exist_ok=True)
            records = [{"code": d.code, "file": d.location.file, "line": d.location.line,
                        "column": d.location.column, "message": d.message, "hint": d.hint} for d in diagnostics]
            temporary = self.entry.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"diagnostics": records}), encoding="utf-8")
            os.replace(temporary, self.entry)
            entries = sorted(self.entry.parent.glob("check-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[KEEP_ENTRIES:]:
                old.unlink(missing_ok=True)
        except OSError:
            return
