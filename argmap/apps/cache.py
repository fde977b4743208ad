"""What ``argmap check`` keeps under ``.argmap-cache/`` in the project, all of it JSON (never pickle).

- ``check-<fingerprint>.json``, its answer, and ``project-<fingerprint>.json``, the checked project
  (:mod:`argmap.load.snapshot`) that later commands read instead of loading again. The fingerprint is
  argmap's version, the paths asked about, the list of files the loader would read there (maps,
  sources, the schemes file) and the SHA-256 of each: any edit, added or removed file changes it.
- ``input-<fingerprint>.json``, what a check of that input saw (each map file's text and layout, the
  answer): the state an incremental check starts from (:mod:`argmap.check.incremental`).
- ``state-<question>.json`` names the input the last check was asked about, from whose state
  :meth:`CheckCache.recheck` answers after an edit of one map file; ``base-<question>.json`` the last
  input a checked project was kept for, from which :meth:`CheckCache.patched` carries an edit into that
  project (:mod:`argmap.check.patch`), however many ``argmap check`` runs came between. An input met
  again (an edit undone) is answered from its kept files, and these two then name it, so the next
  edit is checked against it rather than against the text before the undo.
- ``fragments-<kind>-<map>.json``, what ``argmap build`` keeps of each map's exports by the digest of
  their inputs (:mod:`argmap.apps.fragments`).

The folder is safe to delete (and ignored by git); a cache that cannot be read or written is
skipped, never an error.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from argmap import __version__
from argmap.diagnostics import Diagnostic, Location
from argmap.load.gcpause import paused_gc
from argmap.load.memo import Memo
from argmap.load.files import MAP_SUFFIXES, SCHEMES_FILE, SOURCE_SUFFIXES, find_project_root

if TYPE_CHECKING:
    from argmap.check.incremental import Recheck
    from argmap.load.project import Project

CACHE_DIR = ".argmap-cache"
#: Older entries than the newest this many are deleted when a new one is written.
KEEP_ENTRIES = 32
#: Checked projects kept (:meth:`CheckCache.store_snapshot`).
KEEP_SNAPSHOTS = 2
#: How many states (and base states) are kept: one per way the project is asked about (folder and paths).
KEEP_STATES = 8


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
        self.question = f"argmap {__version__}\n{os.getcwd()}\n{json.dumps(sorted(paths))}\n"
        #: Each input file's SHA-256 (hex), by path: what tells an incremental check which file changed.
        self.digests: dict[str, str] = {}
        for file in self.files:
            try:
                self.digests[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
            except OSError:
                self.digests[str(file)] = "unreadable"
        self.folder = find_project_root(Path(paths[0])) / CACHE_DIR
        fingerprint = self.fingerprint(self.digests)
        self.entry = self.folder / f"check-{fingerprint}.json"
        self.snapshot = self.folder / f"project-{fingerprint}.json"
        #: What a check of this input saw (see :meth:`store`).
        self.input = self.folder / f"input-{fingerprint}.json"
        asked = hashlib.sha256(self.question.encode()).hexdigest()
        #: Names the input the last check was asked about (the state :meth:`recheck` starts from).
        self.state = self.folder / f"state-{asked}.json"
        #: The last state a checked project was kept for: what :meth:`patched` carries edits from, however
        #: many ``argmap check`` runs (which keep no project) came after it.
        self.base = self.folder / f"base-{asked}.json"

    def fingerprint(self, digests: dict[str, str]) -> str:
        """What names the cache files of these inputs with these contents (by path, their SHA-256)."""
        digest = hashlib.sha256(self.question.encode())
        for file in self.files:
            digest.update(f"{file}\n{digests[str(file)]}\n".encode())
        return digest.hexdigest()

    def checked(self, paths: list[str] | None = None) -> tuple[Project, list[Diagnostic]]:
        """The checked project and its diagnostics: read back when these inputs were checked before; else
        the last checked project with the edit of one map file carried into it (:meth:`patched`); else
        loaded from ``paths`` (default: the cache's) and checked, and remembered for the next time."""
        found = self.load_snapshot()
        if found is not None:
            self.met_again()
        else:
            found = self.patched()
        if found is None:
            from argmap.check.checker import check
            from argmap.load.project import load_project

            project = load_project(paths if paths is not None else self.paths, memo=self.memo)
            found = project, check(project)
            self.remember(*found)
        return found

    @property
    def memo(self) -> Memo:
        """Where the loader keeps what it derives from unchanged files (:func:`project_memo`)."""
        return project_memo(self.paths)

    def load(self) -> list[Diagnostic] | None:
        """The diagnostics computed for exactly this input before, or None."""
        try:
            data = json.loads(self.entry.read_text(encoding="utf-8"))
            return [_diagnostic(d) for d in data["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, diagnostics: list[Diagnostic], state: dict, base: bool = False) -> None:
        """Remember the diagnostics and this input's ``state`` (what :meth:`recheck` starts from); ``base``:
        a checked project is kept for this input too (what :meth:`patched` starts from)."""
        records = [_record(d) for d in diagnostics]
        _write_json(self.entry, {"diagnostics": records})
        _write_json(self.input, state | {"digests": self.digests, "diagnostics": records})
        self._point(base)
        _keep_newest(self.entry.parent, "check-*.json", KEEP_ENTRIES)

    def met_again(self) -> None:
        """This input was answered from the cache: when its state is kept, the next edit starts from it
        (and is carried into its checked project, when that is kept too)."""
        if self.input.is_file():
            self._point(base=self.snapshot.is_file())

    def _point(self, base: bool) -> None:
        """Name this input in the state (and the base) pointer, and keep the states pointers name."""
        pointer = {"input": self.input.name}
        _write_json(self.state, pointer)
        if base:
            _write_json(self.base, pointer)
        for pattern in ("state-*.json", "base-*.json"):
            _keep_newest(self.folder, pattern, KEEP_STATES)
        named = set()
        for kept in [*self.folder.glob("state-*.json"), *self.folder.glob("base-*.json")]:
            try:
                named.add(json.loads(kept.read_bytes())["input"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
        _keep_newest(self.folder, "input-*.json", KEEP_STATES, spared=named)

    @paused_gc
    def remember(self, project: Project, diagnostics: list[Diagnostic]) -> None:
        """Store a whole check's answer with what an incremental check of the next edit needs: each map
        file's text (exactly as hashed) and layout, and where each source is."""
        from argmap.check.incremental import generated_ids, layout_offsets
        from argmap.check.relation_edit import Relations
        from argmap.load.yamlio import decode_text

        texts, layouts = {}, {}
        for path, layout in project.layouts.items():
            data = _read_bytes(Path(path))
            if data is None or hashlib.sha256(data).hexdigest() != self.digests.get(path):
                return  # changed while it was checked: remember nothing rather than a mixture
            text, _ = decode_text(data, path)
            if text is None:
                return
            texts[path], layouts[path] = text, layout_offsets(text, layout)
        read = {Path(f) for m in project.maps.values() for f in m.files} | {Path(s.path) for s in project.sources.values()}
        if {p.resolve() for p in read} - {p.resolve() for p in self.files}:
            return  # the loader read a file the fingerprint does not cover
        self.store_snapshot(project, diagnostics)
        self.store(diagnostics, {"version": __version__, "texts": texts, "layouts": layouts,
                                 "relations": {m.id: Relations.of(m).to_json() for m in project.maps.values()},
                                 "sources": {i: s.path for i, s in project.sources.items()},
                                 "left_out": any(m.left_out for m in project.maps.values()),
                                 "generated": generated_ids(project.maps.values())}, base=True)

    def store_snapshot(self, project: Project, diagnostics: list[Diagnostic]) -> None:
        """Keep the checked project itself (:mod:`argmap.load.snapshot`) for the commands that follow;
        only the newest KEEP_SNAPSHOTS are kept (a big map's snapshot is tens of megabytes)."""
        import orjson

        from argmap.load.snapshot import snapshot_data

        _write_bytes(self.snapshot, orjson.dumps(snapshot_data(project, diagnostics)))
        _keep_newest(self.snapshot.parent, "project-*.json", KEEP_SNAPSHOTS)

    @paused_gc
    def load_snapshot(self, snapshot: Path | None = None) -> tuple[Project, list[Diagnostic]] | None:
        """The checked project and its diagnostics, when this exact input (or the one ``snapshot`` names)
        was checked before."""
        import orjson

        from argmap.load.snapshot import project_from_snapshot

        try:
            return project_from_snapshot(orjson.loads((snapshot or self.snapshot).read_bytes()))
        except (OSError, ValueError, LookupError, TypeError, AttributeError):
            return None

    @paused_gc
    def recheck(self) -> list[Diagnostic] | None:
        """The answer after an edit of one map file, from the last check's state (see
        :mod:`argmap.check.incremental`); None when a check from scratch is needed."""
        found = self._rechecked(self.state)
        if found is None:
            return None
        path, new, result, state, _ = found
        self._advance(path, new, result, state)
        return result.diagnostics

    @paused_gc
    def patched(self) -> tuple[Project, list[Diagnostic]] | None:
        """After an edit of one map file that the incremental check takes: the last checked project with
        the edit carried into it (:func:`argmap.check.patch.patch_project`), kept as this input's; None
        when the project must be loaded from its files."""
        from argmap.check.patch import patch_project
        from argmap.load.sources import display_name

        found = self._rechecked(self.base)
        if found is None:
            return None
        path, new, result, state, before = found
        last = self.load_snapshot(self.folder / f"project-{self.fingerprint(before)}.json")
        if last is None or not patch_project(last[0], display_name(Path(path)), result):
            return None
        self.store_snapshot(last[0], result.diagnostics)
        self._advance(path, new, result, state, base=True)
        return last[0], result.diagnostics

    def _advance(self, path: str, new: str, result: Recheck, state: dict, base: bool = False) -> None:
        """Keep the answer after the edit and the state it leaves (the edited file's ``new`` text and layout,
        its map's relations)."""
        relations = state["relations"]
        if result.relations is not None:
            owner = next(i for i, kept in relations.items() if kept["files"] == result.relations.files)
            relations = relations | {owner: result.relations.to_json()}
        self.store(result.diagnostics, state | {"texts": state["texts"] | {path: new},
                                                "layouts": state["layouts"] | {path: result.layout},
                                                "generated": result.generated, "relations": relations}, base)

    def _rechecked(self, start: Path) -> tuple[str, str, Recheck, dict, dict[str, str]] | None:
        """The edited file, its new text, the incremental check's result from the state kept in ``start``,
        that state and the inputs' digests it was kept for; None when a check from scratch is needed."""
        import orjson

        from argmap.check.incremental import recheck_edit
        from argmap.check.relation_edit import Relations
        from argmap.load.sources import SourcesOnDemand, display_name
        from argmap.load.yamlio import decode_text

        try:
            named = orjson.loads(start.read_bytes())["input"]
            if not isinstance(named, str) or not named.startswith("input-") or Path(named).name != named:
                return None      # a pointer names a file of this folder, nothing else
            state = orjson.loads((self.folder / named).read_bytes())
            before: dict[str, str] = state["digests"]
            if state["version"] != __version__ or before.keys() != self.digests.keys():
                return None
            changed = [path for path, digest in self.digests.items() if before[path] != digest]
            if len(changed) != 1 or changed[0] not in state["texts"]:
                return None
            path = changed[0]
            layout = {key: ([tuple(i) for i in items], tuple(end)) for key, (items, end) in state["layouts"][path].items()}
            answer = [_diagnostic(d) for d in state["diagnostics"]]
            data = _read_bytes(Path(path))
            if data is None or hashlib.sha256(data).hexdigest() != self.digests[path]:
                return None
            new, _ = decode_text(data, path)
            if new is None:
                return None
            name = display_name(Path(path))
            owners = [kept for kept in state["relations"].values() if name in kept["files"]]
            result = recheck_edit(Path(path), name, state["texts"][path], new, layout, answer,
                                  SourcesOnDemand(state["sources"], self.memo), state["left_out"],
                                  [tuple(g) for g in state["generated"]],
                                  Relations.from_json(owners[0]) if len(owners) == 1 else None)
        except (OSError, ValueError, LookupError, TypeError, AttributeError):
            return None
        if result is None:
            return None
        return path, new, result, state, before


def _record(diagnostic: Diagnostic) -> dict:
    where = diagnostic.location
    return {"code": diagnostic.code, "file": where.file, "line": where.line, "column": where.column,
            "message": diagnostic.message, "hint": diagnostic.hint}


def _diagnostic(record: dict) -> Diagnostic:
    """A diagnostic from what :func:`_record` wrote."""
    return Diagnostic(record["code"], Location(record["file"], record["line"], record["column"]), record["message"],
                      record["hint"])


def _keep_newest(folder: Path, pattern: str, count: int, spared: set[str] = frozenset()) -> None:
    """Delete all but the ``count`` newest files of ``folder`` matching ``pattern`` and those ``spared``
    (by name; errors ignored)."""
    try:
        entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[count:]:
            if old.name not in spared:
                old.unlink(missing_ok=True)
    except OSError:
        return


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_json(entry: Path, value: dict) -> None:
    """Write a cache file atomically; a cache that cannot be written is skipped. orjson writes a 10,000-claim
    state (2 MB) in a tenth of json's time; json writes what orjson refuses (a lone surrogate)."""
    import orjson

    try:
        data = orjson.dumps(value)
    except TypeError:
        data = json.dumps(value, separators=(",", ":")).encode("utf-8")
    _write_bytes(entry, data)


def _write_bytes(entry: Path, data: bytes) -> None:
    """Write a cache file atomically (as every output is: :func:`~argmap.apps.output.write_atomic`); a
    cache that cannot be written is skipped."""
    from argmap.apps.output import OutputError, write_atomic

    try:
        write_atomic(entry, data)
    except OutputError:
        return
