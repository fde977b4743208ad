"""One consistent view of a project for the language server: loaded and checked with the editor's
unsaved buffers in place of their files, evaluated when it has no errors, and indexed for positions.
A snapshot is made after each (debounced) change and then only read."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx

from argmap.analysis.evaluate import Evaluation, evaluate
from argmap.analysis.graph import build_graph
from argmap.apps.lsp.positions import REFERENCE_KEYS, ClaimBlock, DocumentIndex, Scalar, index_document
from argmap.apps.lsp.recheck import CheckedState, checked_state, recheck
from argmap.check.checker import check
from argmap.diagnostics import Diagnostic
from argmap.load.files import find_project_root
from argmap.load.project import Project, load_project
from argmap.load.schemes import Scheme, schemes_for_map
from argmap.load.sources import path_of_display_name
from argmap.model import ArgumentMap, Citation


@dataclass(frozen=True)
class Place:
    """A range in a file (0-based, character columns)."""

    path: Path
    start: tuple[int, int]
    end: tuple[int, int]


def maps_folder(document: Path) -> tuple[Path, list[Path]]:
    """The project root of a document and what to load with it: the project's ``arguments/`` when the
    document lies in it, else the document's own folder (or the document alone outside any project)."""
    root = find_project_root(document)
    arguments = root / "arguments"
    if document.is_relative_to(arguments):
        return root, [arguments]
    if (root / "sources").is_dir():
        return root, [document.parent]
    return root, [document]


@dataclass
class Snapshot:
    """The project with the editor's buffers in place; ``previous`` (the snapshot before the change)
    lets an edit of one map file be re-checked alone (:mod:`argmap.apps.lsp.recheck`)."""

    root: Path
    paths: list[Path]
    overlays: dict[Path, str]
    previous: InitVar[Snapshot | None] = None
    diagnostics: list[Diagnostic] = field(init=False)
    checked: CheckedState | None = field(init=False)

    def __post_init__(self, previous: Snapshot | None) -> None:
        state = previous.checked if previous is not None else None
        self.checked = recheck(state, self.root, self.paths, self.overlays) if state is not None else None
        if self.checked is not None:
            self.diagnostics = self.checked.diagnostics
            return
        project = load_project(self.paths, self.overlays)
        self.diagnostics = check(project)
        self.__dict__["project"] = project
        self.checked = checked_state(self.root, self.paths, self.overlays, project, self.diagnostics)

    @cached_property
    def project(self) -> Project:
        """The loaded and checked model (checking places every quote), made when a feature first needs
        it after an incremental re-check."""
        project = load_project(self.paths, self.overlays)
        check(project)
        return project

    # ---- files and their indexes ----
    @cached_property
    def map_files(self) -> list[Path]:
        return sorted({path_of_display_name(f) for m in self.project.maps.values() for f in m.files} | {
            p for p in self.overlays if any(p.is_relative_to(given.resolve()) for given in self.paths)})

    def text(self, path: Path) -> str | None:
        if path in self.overlays:
            return self.overlays[path]
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def index(self, path: Path) -> DocumentIndex | None:
        cache = self.__dict__.setdefault("_indexes", {})
        if path not in cache:
            text = self.text(path)
            cache[path] = index_document(text) if text is not None and len(text) <= 4 * 1024 * 1024 else None
        return cache[path]

    def item_index(self, path: Path, line: int) -> DocumentIndex | None:
        """An index of the one ``claims``/``arguments`` item holding a 0-based line (read alone, at its
        lines), or the whole file's when no layout places it or the whole index exists: a diagnostic's
        range needs no composing of a 10,000-claim file."""
        layout = self.checked.layouts.get(path) if self.checked else None
        text = self.text(path)
        if path in self.__dict__.get("_indexes", {}) or layout is None or text is None:
            return self.index(path)
        for key, (items, end) in layout.items():
            lines = [number for _, number in items]
            if items and lines[0] <= line < end[1]:
                number = bisect_right(lines, line) - 1
                stop = items[number + 1][0] if number + 1 < len(items) else end[0]
                cache = self.__dict__.setdefault("_item_indexes", {})
                if (path, key, number) not in cache:
                    window = f"{key}:\n" + "\n" * (items[number][1] - 1) + text[items[number][0]:stop]
                    cache[path, key, number] = index_document(window)
                return cache[path, key, number]
        return self.index(path)

    def claim_blocks(self, path: Path) -> list[ClaimBlock]:
        """The file's claims as a tree, each with its id (the loader's, where the file gives none)."""
        index = self.index(path)
        if index is None:
            return []
        at = {(path_of_display_name(c.location.file), c.location.line, c.location.column): c.id
              for m in self.project.maps.values() for c in m.claims.values()}
        for block in index.all_claims():
            block.id = block.id or at.get((path, block.start[0] + 1, block.start[1] + 1), "")
        return [b for b in index.claims]

    def scalars(self) -> list[tuple[Path, Scalar]]:
        return [(path, s) for path in self.map_files if (index := self.index(path)) for s in index.scalars]

    # ---- the model ----
    def map_of(self, path: Path) -> ArgumentMap | None:
        """The map a file belongs to (None for a file of no map)."""
        return self._map_by_file.get(path)

    @cached_property
    def _map_by_file(self) -> dict[Path, ArgumentMap]:
        return {path_of_display_name(f): m for m in self.project.maps.values() for f in m.files}

    @cached_property
    def claim_ids(self) -> dict[str, ArgumentMap]:
        return {claim: m for m in self.project.maps.values() for claim in m.claims}

    @cached_property
    def argument_ids(self) -> dict[str, ArgumentMap]:
        return {argument: m for m in self.project.maps.values() for argument in m.arguments}

    @cached_property
    def evaluations(self) -> dict[str, tuple[nx.DiGraph, Evaluation]]:
        """Each map's graph and evaluation, when the project has no errors (else none: labels of a
        broken map would mislead)."""
        if any(d.is_error for d in self.diagnostics):
            return {}
        found = {}
        for map_id, argument_map in self.project.maps.items():
            graph = build_graph(argument_map)
            found[map_id] = (graph, evaluate(graph))
        return found

    def schemes(self) -> dict[str, Scheme]:
        argument_map = next(iter(self.project.maps.values()), None)
        return schemes_for_map(argument_map) if argument_map else {}

    def citation(self, path: Path, scalar: Scalar) -> tuple[ArgumentMap, Citation] | None:
        """The citation whose ``quote`` or ``source`` a scalar is."""
        argument_map = self.map_of(path)
        if argument_map is None:
            return None
        quote, source = scalar.siblings.get("quote"), scalar.siblings.get("source")
        for claim in argument_map.claims.values():
            for citation in claim.citations:
                if citation.quote == quote and citation.source == source:
                    return argument_map, citation
        return None

    # ---- definitions and references ----
    def definition(self, name: str) -> Place | None:
        """Where a claim or argument id is defined (its ``id:`` or ``argument_id:`` value)."""
        for path, scalar in self.scalars():
            if scalar.is_key or scalar.value != name:
                continue
            if (scalar.key == "id" and "text" in scalar.siblings) or scalar.key == "argument_id" or (
                    scalar.key == "id" and scalar.path[-1:] in (("arguments",), ("linked",))):
                return Place(path, scalar.start, scalar.end)
        claim = self.claim_ids.get(name, None)
        if claim is not None and claim.claims[name].generated_id:         # the claim's text stands for its id
            for path in self.map_files:
                for block in self.claim_blocks(path):
                    for found in [block, *self._descendants(block)]:
                        if found.id == name:
                            return Place(path, found.id_start, found.id_end)
        return None

    @staticmethod
    def _descendants(block: ClaimBlock) -> list[ClaimBlock]:
        stack, found = list(block.children), []
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(child.children)
        return found

    def references(self, name: str, include_definition: bool = True) -> list[Place]:
        """Every place a claim or argument id is named: its definition and each relation to it."""
        found = []
        definition = self.definition(name)
        for path, scalar in self.scalars():
            if scalar.is_key or scalar.value != name:
                continue
            place = Place(path, scalar.start, scalar.end)
            if place == definition:
                if include_definition:
                    found.append(place)
            elif scalar.key in REFERENCE_KEYS:
                found.append(place)
        return found
