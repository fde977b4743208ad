"""Diagnostics after a keystroke without re-checking the whole project: the language server keeps what
its last check saw (:class:`CheckedState`) and hands an edit of one map file to
:func:`argmap.check.incremental.recheck_edit`, as ``argmap check`` does with its cache folder.

The whole model is loaded only when a feature asks for it (hover, completion, rename, ...), so
diagnostics of a 2,000-claim map arrive in the time of the edited claims, not of the map.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.check.incremental import Layout, generated_ids, layout_offsets, recheck_edit
from argmap.check.relation_edit import Relations
from argmap.diagnostics import Diagnostic
from argmap.load.files import SCHEMES_FILE, SOURCE_SUFFIXES
from argmap.load.project import Project, project_files
from argmap.load.sources import display_name
from argmap.load.yamlio import read_text
from argmap.model import Source


@dataclass(frozen=True)
class CheckedState:
    """What one check saw: each map file's text (buffer or disk) and layout, the sources it verified
    against and the content hash of every source and schemes file, and its answer."""

    texts: dict[Path, str]
    layouts: dict[Path, Layout]
    sources: dict[str, Source]
    stamps: dict[Path, str]
    left_out: bool
    generated: list[tuple[str, int, int, str]]
    diagnostics: list[Diagnostic]
    #: Each map's relations (:mod:`argmap.check.relation_edit`): an edit of what a relation connects is
    #: answered without a whole check too.
    relations: tuple[Relations, ...] = ()


def _stamps(root: Path, sources: dict[str, Source]) -> dict[Path, str]:
    """The content hash of every file a source could come from: the project's sources/, the sources the
    maps name by path, and the schemes file (a missing one has none). Hashes, not modification times:
    two writes within one tick of the file system's clock must not look like none."""
    files = {Path(source.path).resolve() for source in sources.values()} | {root / SCHEMES_FILE}
    if (root / "sources").is_dir():
        files |= {f.resolve() for f in (root / "sources").rglob("*") if f.suffix in SOURCE_SUFFIXES}
    found = {}
    for file in files:
        try:
            found[file] = hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()
        except OSError:
            continue
    return found


def map_texts(paths: list[Path], overlays: dict[Path, str]) -> dict[Path, str] | None:
    """Every map file's text as the loader would read it now (an editor's buffer before the disk), or
    None when one cannot be read (the loader then reports it)."""
    map_paths, _ = project_files(paths, overlays, [])
    texts = {}
    for path in map_paths:
        resolved = path.resolve()
        text = overlays.get(resolved)
        if text is None:
            text, _ = read_text(path, display_name(path))
        if text is None:
            return None
        texts[resolved] = text
    return texts


def checked_state(root: Path, paths: list[Path], overlays: dict[Path, str], project: Project,
                  diagnostics: list[Diagnostic]) -> CheckedState | None:
    """The state of a whole check of ``project`` (loaded from ``paths`` with ``overlays``), or None when
    a file changed on disk while it was checked."""
    texts = map_texts(paths, overlays)
    layouts = {Path(path).resolve(): layout for path, layout in project.layouts.items()}
    if texts is None or not layouts.keys() <= texts.keys():
        return None
    return CheckedState(texts, {path: layout_offsets(texts[path], layout) for path, layout in layouts.items()},
                        project.sources, _stamps(root, project.sources),
                        any(m.left_out for m in project.maps.values()), generated_ids(project.maps.values()),
                        diagnostics, tuple(Relations.of(m) for m in project.maps.values()))


def recheck(state: CheckedState, root: Path, paths: list[Path], overlays: dict[Path, str]) -> CheckedState | None:
    """The state after the files changed since ``state``, when only one map file did and
    :func:`recheck_edit` can answer for the edit; None when the project must be checked whole."""
    texts = map_texts(paths, overlays)
    if texts is None or texts.keys() != state.texts.keys() or _stamps(root, state.sources) != state.stamps:
        return None
    changed = [path for path, text in texts.items() if text != state.texts[path]]
    if not changed:
        return state
    if len(changed) != 1 or changed[0] not in state.layouts:
        return None
    path, name = changed[0], display_name(changed[0])
    owners = [number for number, kept in enumerate(state.relations) if name in kept.files]
    result = recheck_edit(path, name, state.texts[path], texts[path], state.layouts[path], state.diagnostics,
                          state.sources, state.left_out, state.generated,
                          state.relations[owners[0]] if len(owners) == 1 else None)
    if result is None:
        return None
    relations = state.relations
    if result.relations is not None:
        relations = relations[:owners[0]] + (result.relations,) + relations[owners[0] + 1:]
    return replace(state, texts=texts, layouts=state.layouts | {path: result.layout}, generated=result.generated,
                   diagnostics=result.diagnostics, relations=relations)
