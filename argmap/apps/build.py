"""``argmap build``: the main job. Checks every map and writes its exports.

For each map, ``<out>/<map>/`` gets the brief (Markdown and HTML for the analyst; Word speech documents for
both sides and each side: ``brief.docx``, ``brief-pro.docx``, ``brief-con.docx``), the flow sheet (``flow.xlsx``, ``flow.html``), the
overview diagram (``diagram``: DOT, SVG, PNG) and each contention as slides (``slides/``; above SLIDE_LIMIT
claims, split diagrams under ``diagrams/`` instead), the evaluation (JSON), the map in AIF JSON and Argdown,
the critique sheet, and a worksheet with its answer key and its diagrams (``worksheet-diagrams/``); ``<out>/index.md`` and ``index.html`` list the maps. Everything is produced in memory
first, so a map that fails its check, or a render that fails, writes nothing; then each changed file is
replaced atomically and unchanged files are left alone.

Images are re-rendered only when their DOT changed, so a different Graphviz version does not churn
them; ``renders.json`` beside them records, for each image, the hash of the DOT it came from and of
its own bytes, and is written last. A build killed halfway leaves a manifest that no longer matches,
so the next build renders again instead of keeping a stale image; temporary files a killed build
left behind are removed.
"""
from __future__ import annotations

import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
import multiprocessing
import re
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from contextlib import contextmanager, nullcontext
from typing import Callable, Iterable, Iterator

import networkx as nx

from argmap.render.brief import brief_markdown, contention_arguments
from argmap.render.escape import escape_markdown
from argmap.diagnostics import ArgmapError
from argmap.render.diagram import diagram_dot, title_words
from argmap.render.diagram_views import split_views
from argmap.render.diagram_memo import NodeDigests, view_digest
from argmap.render.flow import flow_html, flow_sides, flow_xlsx
from argmap.render.map_page import map_page
from argmap.render.slides import (contention_steps, fit_to_slide, legend_dot, overview_dot, slide_dot,
                                  slides_for)
from argmap.analysis.questions import critical_questions
from argmap.analysis.evaluate import Evaluation, evaluate
from argmap.formats.aif import to_aif
from argmap.formats.argdown import to_argdown
from argmap.analysis.graph import build_graph
from argmap.render.html_page import markdown_to_html
from argmap.model import ArgumentMap
from argmap.apps.cache import CheckCache
from argmap.apps.documents import html_document, speech_document, teaching_texts
from argmap.apps.fragments import FragmentStore
from argmap.apps.export_groups import EXPORT_GROUPS, RENDER_MANIFEST, configured_groups, export_group
from argmap.apps.renders import RenderCache, json_bytes, resolved
from argmap.apps.output import Inputs, check_output, write_atomic
from argmap.load.files import find_project_root
from argmap.load.schemes import Scheme, schemes_for_map
from argmap.load.gcpause import paused_gc



#: The interactive map (map.html) is made up to this many claims: its whole-map layout, which pan, zoom,
#: search and focus make usable, takes ``dot`` about a minute here (benchmarks/bench_map_page.py).
INTERACTIVE_LIMIT = 2_500
#: Each side's own speech document (brief-pro.docx, brief-con.docx) is made up to this many claims;
#: Word export costs ~1.7 ms a claim, so a 10,000-claim build keeps only the whole brief.docx.
SIDE_BRIEF_LIMIT = 1_000
#: Up to this many claims every exported diagram is slide-sized: the overview (diagram.svg), the slides
#: (one claim and its direct reasons each) and the worksheet's. Above it the whole map is not laid out
#: (its DOT is still written) and each contention gets diagrams split by subtree. docs/exports.md.
SLIDE_LIMIT = 1_000
#: From this many claims (in any map) the Word and HTML briefs are made in worker processes, in parallel
#: with the rest of the build: worth the ~0.5 s a worker takes to start only for a large map.
PARALLEL_TEXT_LIMIT = 2_000


@dataclass
class CompiledMap:
    """A checked map compiled once for all export steps: its graph, evaluation, schemes, and the
    cache of its folder's images."""

    map: ArgumentMap
    graph: nx.DiGraph
    evaluation: Evaluation
    schemes: dict[str, Scheme]
    renders: RenderCache
    #: Worker processes for the documents made from text alone (Word, HTML); None: made here.
    workers: Executor | None = None
    #: Where pieces are kept between builds (None: nowhere).
    cache_folder: Path | None = None
    #: The stores of pieces kept between builds, by kind (:meth:`kept`).
    stores: dict[str, FragmentStore] = field(default_factory=dict)

    @classmethod
    def of(cls, argument_map: ArgumentMap, folder: Path, pool: Executor | None = None,
           workers: Executor | None = None, cache_folder: Path | None = None) -> CompiledMap:
        """``cache_folder``: where pieces are kept between builds (None: everything is made anew)."""
        graph = build_graph(argument_map)
        return cls(argument_map, graph, evaluate(graph), schemes_for_map(argument_map), RenderCache(folder, pool),
                   workers, cache_folder)

    def kept(self, kind: str) -> FragmentStore:
        """The pieces of ``kind`` kept from the last build (``views``: per-subtree DOT; ``claims``: each
        node's lines in a whole-map DOT; ``cards``: the briefs' evidence), saved by :meth:`save` once the
        build has written its exports."""
        if kind not in self.stores:
            self.stores[kind] = FragmentStore.for_map(self.cache_folder, kind, self.map.id)
        return self.stores[kind]

    def save(self) -> None:
        """Keep this build's pieces for the next build."""
        for store in self.stores.values():
            store.save()

    def speech(self, name: str, side: str) -> bytes | Future:
        """The Word speech document ``name`` of ``side`` ("both", "pro", "con"), Markdown and Word both
        made in a worker process when the build has them (with its own kept cards and parts), else here."""
        title, kept = f"Brief: {self.map.title}", FragmentStore.for_map
        arguments = (self.map, self.graph, self.evaluation, side, title, kept(self.cache_folder, f"cards-{name}",
                     self.map.id).path, kept(self.cache_folder, name, self.map.id).path)
        return self.workers.submit(speech_document, *arguments) if self.workers else speech_document(*arguments)

    def html(self, brief: str) -> bytes | Future:
        """brief.html from the brief's Markdown, its parts kept between builds: in a worker process when
        the build has them, else here."""
        arguments = (brief, f"Brief: {self.map.title}", FragmentStore.for_map(self.cache_folder, "brief.html",
                                                                              self.map.id).path)
        return self.workers.submit(html_document, *arguments) if self.workers else html_document(*arguments)


ExportStep = Callable[[CompiledMap, Path], dict[str, bytes]]


@dataclass
class BuildReport:
    maps: list[str]
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    #: For each kind of piece this process kept between builds: how many were kept and how many made.
    pieces: dict[str, tuple[int, int]] = field(default_factory=dict)

    def timing_table(self) -> str:
        """Where the time went, step by step, and how many pieces were kept (``argmap build --timings``)."""
        width = max(map(len, self.timings), default=4)
        lines = [f"{step:<{width}}  {seconds:8.2f} s" for step, seconds in self.timings.items()]
        kept = ", ".join(f"{kind} {reused} of {reused + made}" for kind, (reused, made) in self.pieces.items())
        return "\n".join(lines + ([f"pieces kept from the last build: {kept}"] if kept else []))

    def summary(self, out: Path) -> str:
        removed = f", {len(self.removed)} stale file(s) removed" if self.removed else ""
        return (f"built {len(self.maps)} map(s) into {out}/: {len(self.written)} file(s) written, "
                f"{len(self.unchanged)} unchanged{removed} ({self.seconds:.1f} s)")


def map_exports(compiled: CompiledMap, folder: Path) -> dict[str, bytes | Future]:
    """The brief, diagrams, evaluation and interchange formats (AIF, Argdown) of one checked map.

    Up to SLIDE_LIMIT claims every diagram is slide-sized: ``diagram.svg`` is the overview (the
    resolution and its contentions) and each contention is drawn as a run of slides (``slides/``), one
    claim with its direct reasons and objections each. Above it, each contention gets a diagram of
    everything bearing on it, split by subtree (``diagrams/contention-<id>--<below>.svg``)."""
    argument_map, graph, evaluation, schemes = compiled.map, compiled.graph, compiled.evaluation, compiled.schemes
    claims = len(argument_map.claims)
    # the Word briefs first: in worker processes they are written while the diagrams are drawn here
    sides = {"brief.docx": "both"} | ({f"brief-{side}.docx": side for side in ("pro", "con")}
                                      if claims <= SIDE_BRIEF_LIMIT else {})
    documents = {name: compiled.speech(name, side) for name, side in sides.items()}
    contention_files: dict[str, bytes | Future] = {}
    contention_links: dict[str, str] = {}
    contentions = contention_arguments(argument_map)
    digests = NodeDigests(graph, evaluation)    # one digest per node, whichever diagrams draw it
    for argument_id in contentions:
        stem = "contention-" + _file_stem(argument_id)
        if claims <= SLIDE_LIMIT:
            slides = slide_run(compiled.renders, graph, argument_id, f"slides/{stem}", evaluation)
            contention_files |= slides
            if slides:
                contention_links[argument_id] = f"slides/{stem}-01.svg"
            continue
        title = title_words(" + ".join(argument_map.claims[p].text for p in argument_map.arguments[argument_id].premises), 70)
        for number, (part, nodes, continued) in enumerate(split_views(graph, argument_id)):
            name = stem if number == 0 else f"{stem}--{_file_stem(part)}"
            below = " + ".join(argument_map.claims[p].text for p in argument_map.arguments[part].premises)
            caption = f"contention: {title}" if number == 0 else f"contention: {title}; below: {title_words(below, 70)}"
            if continued:
                caption += f"; continued in {continued} more diagram(s)"
            view = compiled.kept("views").made(view_digest(digests, nodes, caption),
                                               partial(diagram_dot, graph, evaluation, nodes=nodes, caption=caption,
                                                       made=compiled.kept("claims").made, digests=digests), str)
            contention_files |= compiled.renders.diagram(f"diagrams/{name}", view, ("svg",))
        contention_links[argument_id] = f"diagrams/{stem}.svg"
    if claims <= SLIDE_LIMIT:
        contention_files |= compiled.renders.diagram("slides/legend", legend_dot(graph), ("svg",))
    if claims <= SLIDE_LIMIT and contentions:
        overview = compiled.renders.diagram("diagram", fit_to_slide(overview_dot(graph, contentions, evaluation)))
    else:
        overview = {"diagram.dot": diagram_dot(graph, evaluation, made=compiled.kept("claims").made,
                                               digests=digests).encode("utf-8")}
    whole = "diagram.svg" in overview
    interactive = claims <= INTERACTIVE_LIMIT
    brief = brief_markdown(argument_map, graph, evaluation, diagram="diagram.svg" if whole else None,
                           contention_diagrams=contention_links, interactive="map.html" if interactive else None,
                           made=compiled.kept("cards").made)
    if interactive:
        questions = critical_questions(argument_map, schemes, evaluation)
        page = compiled.renders.pool.submit(_map_page_bytes, argument_map, graph, questions) \
            if compiled.renders.pool else _map_page_bytes(argument_map, graph, questions)
        contention_files["map.html"] = page
    return {
        "brief.md": brief.encode("utf-8"),
        "brief.html": compiled.html(brief),
        **documents,
        **overview,
        "evaluation.json": json_bytes(evaluation.to_dict(graph)),
        "map.aif.json": json_bytes(to_aif(graph, schemes, argument_map.sources)),
        "map.argdown": to_argdown(graph, schemes).encode("utf-8"),
        "flow.xlsx": flow_xlsx(argument_map, sides := flow_sides(argument_map, graph)),
        "flow.html": flow_html(argument_map, sides).encode("utf-8"),
        **contention_files,
    }


def _map_page_bytes(argument_map: ArgumentMap, graph: nx.DiGraph, questions: list) -> bytes:
    return map_page(argument_map, graph, questions).encode("utf-8")


def _file_stem(argument_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", argument_id).strip("-")[:80] or "argument"


def teaching_exports(compiled: CompiledMap, folder: Path) -> dict[str, bytes | Future]:
    """The critique sheet (Markdown, JSON), a worksheet with its answer key, and the worksheet's diagrams.
    Made here: in a worker process, pickling the map there and back cost more than it saved (measured on
    10,000 claims and 2 cores)."""
    texts, sheet_graph = teaching_texts(compiled.map, compiled.graph, compiled.evaluation, compiled.schemes)
    return texts | worksheet_diagrams(compiled, sheet_graph)


def worksheet_diagrams(compiled: CompiledMap, sheet_graph: nx.DiGraph) -> dict[str, bytes | Future]:
    """The worksheet's diagram (blanks as empty boxes, claims as C1, C2, ...) as slide-sized pages, one claim
    with its direct reasons and objections each, contention by contention (``worksheet-diagrams/``); a map
    above SLIDE_LIMIT claims gets its DOT only."""
    if len(compiled.map.claims) > SLIDE_LIMIT:
        return {"worksheet.dot": diagram_dot(sheet_graph, made=compiled.kept("claims").made).encode("utf-8")}
    files: dict[str, bytes | Future] = {}
    for step in contention_steps(sheet_graph):
        files |= slide_run(compiled.renders, sheet_graph, step, f"worksheet-diagrams/{_file_stem(step.lower())}")
    return files


def slide_run(renders: RenderCache, graph: nx.DiGraph, contention: str, stem: str,
              evaluation: Evaluation | None = None) -> dict[str, bytes | Future]:
    """One contention's slides, ``<stem>-01.svg``, ``<stem>-02.svg``, ... (with their DOT)."""
    files: dict[str, bytes | Future] = {}
    for number, slide in enumerate(slides_for(graph, contention), 1):
        files |= renders.diagram(f"{stem}-{number:02d}", slide_dot(graph, slide, evaluation), ("svg",))
    return files


@contextmanager
def _timed(timings: dict[str, float], step: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[step] = timings.get(step, 0.0) + time.perf_counter() - started


def remove_stale_outputs(folder: Path, produced: set[Path], groups: tuple[str, ...] = EXPORT_GROUPS) -> list[Path]:
    """Delete files in a map's export folder that this build no longer produces (e.g. the diagram of
    a contention that was removed), so the folder holds exactly the current exports; with only some
    ``groups`` built, files of the other groups are left alone."""
    stale = [p for p in folder.rglob("*") if p.is_file() and p not in produced
             and export_group(p.relative_to(folder).as_posix()) in groups] if folder.is_dir() else []
    for path in stale:
        path.unlink()
    return stale


def remove_leftover_temporaries(out: Path) -> list[Path]:
    """Delete the temporary files (``.<name>.<random>.tmp``) that a killed build left under ``out``."""
    removed = []
    if out.is_dir():
        for path in out.rglob(".*.tmp"):
            if path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def index_markdown(maps: list[ArgumentMap], files: dict[str, list[str]]) -> str:
    """The index page: every map with its resolution and links to its exports."""
    lines = ["# Argument maps", "", "Built by `argmap build` from `arguments/`; do not edit by hand.", ""]
    for argument_map in maps:
        resolution = argument_map.claims[argument_map.resolution].text
        links = " \u00b7 ".join(f"[{name}]({argument_map.id}/{name})" for name in files[argument_map.id])
        if "diagram.svg" not in files[argument_map.id]:
            links += (f"\n\nThe whole map ({len(argument_map.claims):,} claims) is too large to lay out readably; "
                      f"its diagrams are the per-contention ones under `diagrams/`, split by subtree.")
        lines += [f"## {escape_markdown(argument_map.title)}", "",
                  f"**Resolution:** {escape_markdown(resolution)}", "",
                  f"{len(argument_map.claims)} claims, {len(argument_map.arguments)} relations, "
                  f"sources: {', '.join(s.id for s in argument_map.cited_sources())}.", "", links, ""]
    return "\n".join(lines)


@paused_gc
def build_exports(paths: Iterable[str | Path] | None, out: Path,
                  steps: Iterable[ExportStep] = (map_exports, teaching_exports),
                  progress: Callable[[Iterable[ArgumentMap]], Iterable[ArgumentMap]] = iter,
                  force: bool = False, only: tuple[str, ...] | None = None,
                  on_step: Callable[[ArgumentMap, str], None] = lambda argument_map, step: None) -> BuildReport:
    """Check the maps under ``paths`` and write their exports under ``out``; raises ArgmapError on errors
    and OutputError when ``out`` lies among the inputs (writing nothing either way, unless ``force``).
    ``steps`` are the per-map export functions; ``progress`` wraps the map loop; ``on_step`` hears of
    each step as it starts (a long build's progress); ``only`` (else the project's argmap.toml, else
    everything) names the export groups to write, leaving the others as they are."""
    started = time.perf_counter()
    given = [str(p) for p in paths] if paths else None
    # a project checked before is read back (with an edit of one map file carried into it), not re-checked
    cache = CheckCache(given or ["arguments"])
    project, diagnostics = cache.checked(given)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise ArgmapError(errors)
    inputs = Inputs()
    inputs.add_project(project, given)
    check_output(out, inputs, force)
    maps = sorted(project.maps.values(), key=lambda m: m.id)
    groups = only or configured_groups(find_project_root(Path(given[0]) if given else Path("arguments"))) \
        or EXPORT_GROUPS
    outputs: dict[Path, bytes | Future] = {}
    manifests: dict[Path, bytes] = {}
    files: dict[str, list[str]] = {}
    timings: dict[str, float] = {"load+check": time.perf_counter() - started}
    large = any(len(m.claims) >= PARALLEL_TEXT_LIMIT for m in maps)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool, \
            (ProcessPoolExecutor(os.cpu_count() or 2, mp_context=multiprocessing.get_context("spawn"))
             if large else nullcontext()) as workers:     # dot runs in parallel processes; big documents too
        compiled_maps = []
        for argument_map in progress(maps):
            folder = out / argument_map.id
            on_step(argument_map, "graph+evaluate")
            with _timed(timings, "graph+evaluate"):
                compiled = CompiledMap.of(argument_map, folder, pool, workers, cache.folder)
            produced: dict[str, bytes | Future] = {}
            for step in steps:
                on_step(argument_map, getattr(step, "__name__", "step"))
                with _timed(timings, getattr(step, "__name__", "step")):
                    produced |= step(compiled, folder)
            produced = {name: data for name, data in produced.items() if export_group(name) in groups}
            kept = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                    and export_group(p.relative_to(folder).as_posix()) not in groups] if folder.is_dir() else []
            files[argument_map.id] = sorted({*produced, *(n for n in kept if n != RENDER_MANIFEST)})
            outputs |= {folder / name: data for name, data in produced.items()}
            compiled_maps.append((folder, compiled))
        for argument_map in maps[-1:]:
            on_step(argument_map, "graphviz, Word, HTML (waiting)")
        with _timed(timings, "graphviz, Word, HTML (waiting)"):
            outputs = {path: resolved(data) for path, data in outputs.items()}
    for folder, compiled in compiled_maps:
        if compiled.renders.pending and (manifest := compiled.renders.manifest(groups)) is not None:
            manifests[folder / RENDER_MANIFEST] = manifest
    index = index_markdown(maps, files)
    outputs[out / "index.md"] = index.encode("utf-8")
    outputs[out / "index.html"] = markdown_to_html(index, "Argument maps").encode("utf-8")
    report = BuildReport([m.id for m in maps], timings=timings)
    for path in [*outputs, *manifests]:
        check_output(path, inputs, force)
    remove_leftover_temporaries(out)
    for path, data in [*sorted(outputs.items()), *sorted(manifests.items())]:   # manifests last
        (report.written if write_atomic(path, data) else report.unchanged).append(path)
    for argument_map in maps:
        report.removed += remove_stale_outputs(out / argument_map.id, set(outputs) | set(manifests), groups)
    for _, compiled in compiled_maps:
        compiled.save()
        for kind, store in compiled.stores.items():
            reused, made = report.pieces.get(kind, (0, 0))
            report.pieces[kind] = (reused + store.reused, made + store.made_count)
    report.seconds = time.perf_counter() - started
    return report
