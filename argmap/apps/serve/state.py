"""What ``argmap serve`` shows, recomputed after each change: the project checked, each map evaluated,
its interactive map page and brief. A map's page is laid out again only when its DOT or data changed
(``dot`` is the slow part), and a project with errors keeps the last good pages on screen."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.analysis.questions import critical_questions
from argmap.check.checker import check
from argmap.check.coverage import source_coverage
from argmap.diagnostics import Diagnostic, render_json
from argmap.load.files import MAP_SUFFIXES, SCHEMES_FILE, SOURCE_SUFFIXES
from argmap.load.project import Project, load_project
from argmap.load.schemes import schemes_for_map
from argmap.load.sources import path_of_display_name
from argmap.render.brief import brief_markdown
from argmap.render.diagram import RenderError, render
from argmap.render.html_page import markdown_to_html
from argmap.render.map_page import map_page_dot, map_page_html
from argmap.render.map_page.data import page_data


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass
class MapView:
    """One map's pages as last built from an error-free project. The brief's HTML is made when first
    asked for (it costs more than the map page, and most saves are looked at on the map)."""

    map_page: str
    brief_markdown: str
    title: str
    evaluation: dict
    key: str
    version: int
    _brief: str | None = None

    @property
    def brief(self) -> str:
        if self._brief is None:
            self._brief = markdown_to_html(self.brief_markdown, f"Brief: {self.title}")
        return self._brief


@dataclass
class Workspace:
    """The project a server shows; :meth:`refresh` is called once at start and after each change."""

    root: Path
    version: int = 0
    project: Project | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    maps: dict[str, MapView] = field(default_factory=dict)
    stale: bool = False
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def arguments(self) -> Path:
        return self.root / "arguments"

    def map_files(self) -> list[Path]:
        """The map files of the project, relative to its root (what the editor may open and save)."""
        if not self.arguments.is_dir():
            return []
        return sorted(p.relative_to(self.root) for p in self.arguments.rglob("*")
                      if p.suffix in MAP_SUFFIXES and p.is_file() and not p.is_symlink())

    def refresh(self) -> None:
        """Check again; rebuild the pages of maps whose content changed (all of them only if none has errors)."""
        started = time.perf_counter()
        project = load_project([self.arguments])
        diagnostics = check(project)
        errors = any(d.is_error for d in diagnostics)
        maps = dict(self.maps)
        if not errors:
            for map_id, argument_map in project.maps.items():
                graph = build_graph(argument_map)
                evaluation = evaluate(graph)
                questions = critical_questions(argument_map, schemes_for_map(argument_map), evaluation)
                dot = map_page_dot(graph)
                data = page_data(argument_map, graph, questions)
                key = sha256(dot + json.dumps(data, sort_keys=True, ensure_ascii=False))
                if map_id in maps and maps[map_id].key == key:
                    continue
                try:
                    page = map_page_html(argument_map, graph, questions, render(dot, "svg"))
                except RenderError as error:
                    page = f"<!DOCTYPE html><p>{error}</p>"
                brief = brief_markdown(argument_map, graph, evaluation, interactive=f"../map/{map_id}.html")
                maps[map_id] = MapView(page, brief, argument_map.title, {map_id: evaluation.to_dict(graph)}, key,
                                       self.version + 1)
            for gone in set(maps) - set(project.maps):
                del maps[gone]
        with self.lock:
            self.project, self.diagnostics, self.maps, self.stale = project, diagnostics, maps, errors
            self.version += 1
            self.seconds = time.perf_counter() - started

    def diagnostics_json(self) -> str:
        """What ``argmap check --format json`` prints for the project."""
        return render_json(self.diagnostics)

    def state(self) -> dict:
        """The live state the page reads after each event: diagnostics with root-relative files, and
        each map's version (a page reloads only the maps whose version moved)."""
        def relative(name: str) -> str:
            path = path_of_display_name(name)
            return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else name
        return {
            "version": self.version, "stale": self.stale, "seconds": round(self.seconds, 4),
            "files": [str(p) for p in self.map_files()],
            "sources": sorted(self.project.sources) if self.project else [],
            "maps": {k: {"version": v.version, "title": self.project.maps[k].title if self.project
                         and k in self.project.maps else k} for k, v in self.maps.items()},
            "diagnostics": [d.to_dict() | {"file": relative(d.location.file), "line": d.location.line,
                                           "column": d.location.column} for d in self.diagnostics],
        }

    def source_view(self, source_id: str) -> dict | None:
        """A source's paragraphs, each with the claims that cite it (the coverage), for the source pane."""
        project = self.project
        if project is None or source_id not in project.sources:
            return None
        source = project.sources[source_id]
        cited: dict[int, list[dict]] = {}
        status: dict[int, str] = {}
        for argument_map in project.maps.values():
            for report in source_coverage(argument_map):
                if report.source == source_id:
                    for row in report.paragraphs:
                        status[row.number] = row.status if status.get(row.number) != "cited" else "cited"
            for claim in argument_map.claims.values():
                for citation in claim.citations:
                    if citation.source == source_id and citation.locator:
                        for start, end in citation.locator.spans:
                            paragraph = source.paragraph_at(start)
                            if paragraph:
                                cited.setdefault(paragraph.number, []).append(
                                    {"claim": claim.id, "text": claim.text, "start": start - paragraph.start,
                                     "end": end - paragraph.start})
        return {"id": source.id, "title": source.get("title"),
                "paragraphs": [{"number": p.number, "text": source.body[p.start:p.end],
                                "status": status.get(p.number, "uncited"), "marks": cited.get(p.number, [])}
                               for p in source.paragraphs]}


def watched(path: Path) -> bool:
    """Whether a changed file is one the workspace reads (a map, a source, the schemes file)."""
    return path.suffix in MAP_SUFFIXES + SOURCE_SUFFIXES or path.name == SCHEMES_FILE
