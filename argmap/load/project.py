"""Load argument maps from YAML files into the typed model, reporting every shape problem at once.

Authoring rules (docs/format.md has the full format):
- in ``reasons``, ``objections``, ``linked`` and ``premises`` a one-word lowercase string
  (``state-is-unchecked``) references a claim by id; any other string is the text of a new claim;
- a claim without ``id`` gets a stable one made from its text;
- files that share a ``map`` id form one map, so claims can be referenced across files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import ArgmapError, Diagnostic, Location
from argmap.load.entries import read_map
from argmap.load.gcpause import paused_gc
from argmap.load.files import MAP_SUFFIXES, SOURCE_SUFFIXES, find_project_root
from argmap.load.map_file import ID_PATTERN, MapFile, MapReader
from argmap.load.memo import NO_MEMO, Memo
from argmap.load.sources import display_name, load_source
from argmap.load.yamlio import compose_yaml, decode_text, read_text
from argmap.load.assemble import assemble
from argmap.model import ArgumentMap, Source

__all__ = ["ID_PATTERN", "Project", "find_project_root", "load", "load_project"]


@dataclass
class Project:
    """Everything loaded from the paths given: maps, sources and the problems found on the way."""

    maps: dict[str, ArgumentMap]
    sources: dict[str, Source]
    diagnostics: list[Diagnostic]
    #: Each map file's :attr:`~argmap.load.map_file.MapFile.layout`, by path as given.
    layouts: dict[str, dict[str, tuple[list[tuple[int, int]], tuple[int, int]]]] = field(default_factory=dict)


# -- files to maps ----------------------------------------------------------------------------


def _collect_paths(paths: list[Path], problems: list[Diagnostic]) -> tuple[list[Path], list[Path]]:
    map_files: list[Path] = []
    source_files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix in MAP_SUFFIXES:
                    map_files.append(file)
                elif file.suffix in SOURCE_SUFFIXES and file.is_file():
                    source_files.append(file)
        elif path.suffix in MAP_SUFFIXES:
            map_files.append(path)
        elif path.suffix in SOURCE_SUFFIXES:
            source_files.append(path)
        elif not path.exists():
            problems.append(
                Diagnostic(
                    "AM001",
                    Location(str(path)),
                    "path does not exist",
                    "give a map file (.yaml), a source (.md) or a folder of them",
                )
            )
        else:
            problems.append(
                Diagnostic(
                    "AM001",
                    Location(str(path)),
                    "not a map (.yaml/.yml) or source (.md) file",
                    "give a map file (.yaml), a source (.md) or a folder of them",
                )
            )
    return map_files, source_files


class _SourcePool:
    """Loads each source file once, however many maps or paths name it."""

    def __init__(self, problems: list[Diagnostic], memo: Memo):
        self.memo = memo
        self.by_path: dict[Path, Source | None] = {}
        self.by_id: dict[str, Source] = {}
        self.problems = problems

    def add(self, file: Path) -> Source | None:
        resolved = file.resolve()
        if resolved in self.by_path:
            return self.by_path[resolved]
        source, found = load_source(file, display_name(file), self.memo)
        self.problems.extend(found)
        if source and source.id in self.by_id:
            self.problems.append(
                Diagnostic(
                    "AM503",
                    source.location,
                    f"source id '{source.id}' is already used by {self.by_id[source.id].path}",
                    "give each source a unique id",
                )
            )
            source = None
        if source:
            self.by_id[source.id] = source
        self.by_path[resolved] = source
        return source

    def add_declared(self, value: str, where: Location, map_path: Path) -> Source | None:
        """A source named by path in a map: must exist inside the map's project."""
        root = find_project_root(map_path)
        try:
            target = (map_path.parent / value).resolve()
            target.exists()
        except (OSError, ValueError) as error:
            self.problems.append(
                Diagnostic(
                    "AM204",
                    where,
                    f"'{value[:80]}' is not a usable file path ({error})",
                    "write a path relative to this map file, e.g. ../sources/article.md",
                )
            )
            return None
        if not target.is_relative_to(root):
            self.problems.append(
                Diagnostic(
                    "AM205",
                    where,
                    f"source path '{value}' points outside the project ({root})",
                    "copy the source into the project's sources/ folder and cite it by id",
                )
            )
            return None
        if not target.exists():
            self.problems.append(
                Diagnostic(
                    "AM204",
                    where,
                    f"source file '{value}' does not exist",
                    "check the path (it is relative to this map file)",
                )
            )
            return None
        if target.is_dir():
            for file in sorted(f for f in target.rglob("*") if f.suffix in SOURCE_SUFFIXES):
                self.add(file)
            return None
        return self.add(target)


def project_files(paths: list[str | Path] | None, overlays: Mapping[Path, str],
                  problems: list[Diagnostic]) -> tuple[list[Path], list[Path]]:
    """The map files (with the overlaid ones that are not on disk yet) and source files the loader reads
    for ``paths``; a path that is neither is reported in ``problems``."""
    map_paths, source_paths = _collect_paths([Path(p) for p in (paths or ["arguments"])], problems)
    known = {p.resolve() for p in map_paths}
    map_paths += sorted(p for p in overlays if p not in known and p.suffix in MAP_SUFFIXES
                        and any(p.is_relative_to(Path(given).resolve()) for given in (paths or ["arguments"])))
    return map_paths, source_paths


def declared_by_path(source: str) -> bool:
    """Whether a citation names its source by file path (the file joins the project) rather than by id."""
    return "/" in source or source.endswith(SOURCE_SUFFIXES)


def _read_map_file(path: Path, problems: list[Diagnostic], overlays: Mapping[Path, str]) -> MapFile | None:
    name = display_name(path)
    unsaved = overlays.get(path.resolve())
    if unsaved is None:
        text, found = read_text(path, name)
    else:
        data = unsaved.encode("utf-8", "surrogatepass")
        text, found = decode_text(data, name, "map", len(data))
    problems.extend(found)
    if text is None:
        return None
    root, found = compose_yaml(text, name)
    problems.extend(found)
    if root is None:
        return None
    return read_map(MapReader(path, name, problems), root)


@paused_gc
def load_project(paths: list[str | Path] | None = None, overlays: Mapping[Path, str] | None = None,
                 memo: Memo = NO_MEMO) -> Project:
    """Load every map and source under ``paths`` (default ``arguments/``); never raises for bad input.

    ``overlays`` maps resolved paths of map files to text that replaces what is on disk (an editor's
    unsaved buffers); an overlaid map file need not exist yet. ``memo`` recalls what was derived from
    unchanged sources before (see :mod:`argmap.load.memo`)."""
    problems: list[Diagnostic] = []
    overlays = overlays or {}
    map_paths, source_paths = project_files(paths, overlays, problems)
    pool = _SourcePool(problems, memo)
    for file in source_paths:
        pool.add(file)
    for root in sorted({find_project_root(p) for p in map_paths}):
        if (root / "sources").is_dir():
            for file in sorted(f for f in (root / "sources").rglob("*") if f.suffix in SOURCE_SUFFIXES):
                pool.add(file)
    groups: dict[str, list[MapFile]] = {}
    layouts = {}
    for path in map_paths:
        file = _read_map_file(path, problems, overlays)
        if file is None:
            continue
        layouts[str(path)] = file.layout
        for value, where in file.source_paths:
            pool.add_declared(value, where, path)
        for citation in (c for claim in file.claims for c in claim.citations):
            if declared_by_path(citation.source):
                source = pool.add_declared(citation.source, citation.source_location or citation.location, path)
                citation.source = source.id if source else ""
        groups.setdefault(file.map_id or path.stem, []).append(file)
    maps = {map_id: assemble(map_id, files, pool.by_id, problems) for map_id, files in groups.items()}
    return Project(maps, pool.by_id, problems, layouts)


def load(path: str | Path) -> ArgumentMap:
    """Load the one map in ``path`` (a file or folder); raises ArgmapError when it cannot be loaded.

    Use :func:`load_project` to load several maps, or to get the diagnostics instead of an error.
    """
    project = load_project([path])
    errors = [d for d in project.diagnostics if d.is_error]
    if errors:
        raise ArgmapError(errors)
    if len(project.maps) != 1:
        raise ArgmapError(
            [
                Diagnostic(
                    "AM102",
                    Location(str(path)),
                    f"expected one map, found {len(project.maps)}",
                    "name a file or folder that holds exactly one map",
                )
            ]
        )
    return next(iter(project.maps.values()))
