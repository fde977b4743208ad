"""``argmap build``: the main job. Checks every map and writes its exports.

For each map, ``<out>/<map>/`` gets the brief (Markdown and HTML), the diagram (DOT, SVG, PNG) and the
evaluation (JSON); ``<out>/index.md`` and ``index.html`` list the maps. Everything is produced in memory
first, so a map that fails its check, or a render that fails, writes nothing; then each changed file is
replaced atomically and unchanged files are left alone. Images are re-rendered only when their DOT
changed, so a different Graphviz version does not churn them.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from argmap.brief import brief_markdown, escape_markdown
from argmap.check import check
from argmap.diagnostics import ArgmapError
from argmap.diagram import diagram_dot, render
from argmap.evaluate import evaluate
from argmap.graph import build_graph
from argmap.html_page import markdown_to_html
from argmap.load import load_project
from argmap.model import ArgumentMap
from argmap.output import write_atomic

ExportStep = Callable[[ArgumentMap, Path], dict[str, bytes]]


@dataclass
class BuildReport:
    maps: list[str]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self, out: Path) -> str:
        return (f"built {len(self.maps)} map(s) into {out}/: {len(self.written)} file(s) written, "
                f"{len(self.unchanged)} unchanged ({self.seconds:.1f} s)")


def _images(folder: Path, dot: str) -> dict[str, bytes]:
    """SVG and PNG of a diagram, reused from disk when the DOT they were rendered from is unchanged."""
    previous = folder / "diagram.dot"
    images = {}
    for name in ("diagram.svg", "diagram.png"):
        existing = folder / name
        if previous.is_file() and previous.read_text(encoding="utf-8") == dot and existing.is_file():
            images[name] = existing.read_bytes()
        else:
            images[name] = render(dot, name.rsplit(".", 1)[1])
    return images


def map_exports(argument_map: ArgumentMap, folder: Path) -> dict[str, bytes]:
    """The brief, diagram and evaluation of one checked map, as file name -> content."""
    graph = build_graph(argument_map)
    evaluation = evaluate(graph)
    dot = diagram_dot(graph, evaluation)
    brief = brief_markdown(argument_map, graph, evaluation, diagram="diagram.svg")
    return {
        "brief.md": brief.encode("utf-8"),
        "brief.html": markdown_to_html(brief, f"Brief: {argument_map.title}").encode("utf-8"),
        "diagram.dot": dot.encode("utf-8"),
        **_images(folder, dot),
        "evaluation.json": (json.dumps(evaluation.to_dict(graph), indent=2, ensure_ascii=False) + "\n").encode(),
    }


def index_markdown(maps: list[ArgumentMap], files: dict[str, list[str]]) -> str:
    """The index page: every map with its resolution and links to its exports."""
    lines = ["# Argument maps", "", "Built by `argmap build` from `arguments/`; do not edit by hand.", ""]
    for argument_map in maps:
        resolution = argument_map.claims[argument_map.resolution].text
        links = " \u00b7 ".join(f"[{name}]({argument_map.id}/{name})" for name in files[argument_map.id])
        lines += [f"## {escape_markdown(argument_map.title)}", "",
                  f"**Resolution:** {escape_markdown(resolution)}", "",
                  f"{len(argument_map.claims)} claims, {len(argument_map.arguments)} relations, "
                  f"sources: {', '.join(s.id for s in argument_map.cited_sources())}.", "", links, ""]
    return "\n".join(lines)


def build_exports(paths: Iterable[str | Path] | None, out: Path, steps: Iterable[ExportStep] = (map_exports,),
                  progress: Callable[[Iterable[ArgumentMap]], Iterable[ArgumentMap]] = iter) -> BuildReport:
    """Check the maps under ``paths`` and write their exports under ``out``; raises ArgmapError on errors
    (writing nothing). ``steps`` are the per-map export functions; ``progress`` wraps the map loop."""
    started = time.perf_counter()
    project = load_project(list(paths) if paths else None)
    errors = [d for d in check(project) if d.is_error]
    if errors:
        raise ArgmapError(errors)
    maps = sorted(project.maps.values(), key=lambda m: m.id)
    outputs: dict[Path, bytes] = {}
    files: dict[str, list[str]] = {}
    for argument_map in progress(maps):
        folder = out / argument_map.id
        produced: dict[str, bytes] = {}
        for step in steps:
            produced |= step(argument_map, folder)
        files[argument_map.id] = sorted(produced)
        outputs |= {folder / name: data for name, data in produced.items()}
    index = index_markdown(maps, files)
    outputs[out / "index.md"] = index.encode("utf-8")
    outputs[out / "index.html"] = markdown_to_html(index, "Argument maps").encode("utf-8")
    report = BuildReport([m.id for m in maps])
    for path, data in sorted(outputs.items()):
        (report.written if write_atomic(path, data) else report.unchanged).append(path)
    report.seconds = time.perf_counter() - started
    return report
