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
from concurrent.futures import Executor, Future, ThreadPoolExecutor
import time
from dataclasses import dataclass, field
from pathlib import Path
from contextlib import ExitStack, contextmanager
from typing import Callable, Iterable, Iterator

import networkx as nx

from argmap.render.brief import contention_arguments
from argmap.render.escape import escape_markdown
from argmap.diagnostics import ArgmapError
from argmap.render.diagram import diagram_dot
from argmap.render.diagram_memo import NodeDigests
from argmap.render.map_page import map_page
from argmap.render.slides import fit_to_slide, legend_dot, overview_dot
from argmap.analysis.questions import critical_questions
from argmap.analysis.evaluate import Evaluation, evaluate
from argmap.formats.aif import to_aif
from argmap.formats.argdown import to_argdown
from argmap.analysis.graph import build_graph
from argmap.render.html_page import markdown_to_html
from argmap.model import ArgumentMap
from argmap.apps.cache import CheckCache
from argmap.apps.documents import (brief_documents, critique_documents, flow_documents, speech_document,
                                   worksheet_texts)
from argmap.apps.fragments import FragmentStore
from argmap.apps.export_groups import EXPORT_GROUPS, RENDER_MANIFEST, configured_groups, export_group
from argmap.apps.renders import RenderCache, json_bytes, resolved
from argmap.apps.workers import MapWorkers, results_by_name
from argmap.apps.diagram_files import (contention_diagrams, contention_slides, contention_stem,
                                       worksheet_diagrams)
from argmap.apps.output import Inputs, check_output, same_file, write_atomic
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
#: From this many claims a map's brief (Markdown, HTML), Word speech document, flow sheet and critique are made in
#: worker processes, in parallel with its diagrams (apps/workers.py): worth a worker's start only for a large map.
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
    #: Worker processes for this map's documents (the brief, the Word speech documents, the critique); None:
    #: made here.
    workers: MapWorkers | None = None
    #: Where pieces are kept between builds (None: nowhere).
    cache_folder: Path | None = None
    #: The stores of pieces kept between builds, by kind (:meth:`kept`).
    stores: dict[str, FragmentStore] = field(default_factory=dict)

    @classmethod
    def of(cls, argument_map: ArgumentMap, folder: Path, pool: Executor | None = None,
           cache_folder: Path | None = None) -> CompiledMap:
        """``cache_folder``: where pieces are kept between builds (None: everything is made anew)."""
        graph = build_graph(argument_map)
        return cls(argument_map, graph, evaluate(graph), schemes_for_map(argument_map), RenderCache(folder, pool),
                   cache_folder=cache_folder)

    def kept(self, kind: str) -> FragmentStore:
        """The pieces of ``kind`` kept from the last build (``views``: per-subtree DOT; ``claims``: each
        node's lines in a whole-map DOT; ``cards``: the briefs' evidence), saved by :meth:`save` once the
        build has made its own exports (pieces are named by what they are made from, so a failing build
        keeps nothing wrong)."""
        if kind not in self.stores:
            self.stores[kind] = FragmentStore.for_map(self.cache_folder, kind, self.map.id)
        return self.stores[kind]

    def save(self) -> None:
        """Keep this build's pieces for the next build."""
        for store in self.stores.values():
            store.save()

    def kept_path(self, kind: str) -> Path | None:
        """Where a worker keeps its pieces of ``kind`` between builds (None: nowhere)."""
        return FragmentStore.path_for(self.cache_folder, kind, self.map.id)

    def run(self, task: Callable[..., dict[str, bytes] | bytes], *arguments: object) -> dict[str, bytes] | bytes | Future:
        """``task(map, graph, evaluation, *arguments)`` (a function of :mod:`argmap.apps.documents`): in a
        worker process when the build has them for this map, else here."""
        if self.workers is not None:
            return self.workers.submit(task, *arguments)
        return task(self.map, self.graph, self.evaluation, *arguments)

    def files(self, task: Callable[..., dict[str, bytes]], names: tuple[str, ...],
              *arguments: object) -> dict[str, bytes | Future]:
        """The files ``names`` that ``task`` makes (:meth:`CompiledMap.run`), each to be waited for alone."""
        made = self.run(task, *arguments)
        return results_by_name(made, names) if isinstance(made, Future) else made

    def speech(self, name: str, side: str) -> bytes | Future:
        """The Word speech document ``name`` of ``side`` ("both", "pro", "con"), its Markdown and Word
        made with their own kept cards and parts (:meth:`run`)."""
        return self.run(speech_document, side, f"Brief: {self.map.title}", self.kept_path(f"cards-{name}"),
                        self.kept_path(name))


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
    # the documents first: in worker processes they are written while the diagrams are drawn here
    sides = {"brief.docx": "both"} | ({f"brief-{side}.docx": side for side in ("pro", "con")}
                                      if claims <= SIDE_BRIEF_LIMIT else {})
    documents = {name: compiled.speech(name, side) for name, side in sides.items()}
    contentions = contention_arguments(argument_map)
    slides = claims <= SLIDE_LIMIT
    if slides:
        contention_files, contention_links = contention_slides(compiled.renders, graph, evaluation, contentions)
    else:          # a large map's diagrams are named before they are drawn, so the brief can link them now
        contention_files, contention_links = {}, {a: f"diagrams/{contention_stem(a)}.svg" for a in contentions}
    interactive = claims <= INTERACTIVE_LIMIT
    brief = compiled.files(brief_documents, ("brief.md", "brief.html"), f"Brief: {argument_map.title}",
                           {"diagram": "diagram.svg" if slides and contentions else None,
                            "contention_diagrams": contention_links, "interactive": "map.html" if interactive else None},
                           compiled.kept_path("cards"), compiled.kept_path("brief.html"))
    flow = compiled.files(flow_documents, ("flow.xlsx", "flow.html"))
    digests = NodeDigests(graph, evaluation)    # one digest per node, whichever diagrams draw it
    if slides:
        contention_files |= compiled.renders.diagram("slides/legend", legend_dot(graph), ("svg",))
    else:
        contention_files = contention_diagrams(compiled.renders, argument_map, graph, evaluation, contentions,
                                               digests, compiled.kept("views"), compiled.kept("claims"))
    if slides and contentions:
        overview = compiled.renders.diagram("diagram", fit_to_slide(overview_dot(graph, contentions, evaluation)))
    else:
        overview = {"diagram.dot": diagram_dot(graph, evaluation, made=compiled.kept("claims").made,
                                               digests=digests).encode("utf-8")}
    if interactive:
        questions = critical_questions(argument_map, schemes, evaluation)
        page = compiled.renders.pool.submit(_map_page_bytes, argument_map, graph, questions) \
            if compiled.renders.pool else _map_page_bytes(argument_map, graph, questions)
        contention_files["map.html"] = page
    return {
        **brief,
        **documents,
        **overview,
        "evaluation.json": json_bytes(evaluation.to_dict(graph)),
        "map.aif.json": json_bytes(to_aif(graph, schemes, argument_map.sources)),
        "map.argdown": to_argdown(graph, schemes).encode("utf-8"),
        **flow,
        **contention_files,
    }


def _map_page_bytes(argument_map: ArgumentMap, graph: nx.DiGraph, questions: list) -> bytes:
    return map_page(argument_map, graph, questions).encode("utf-8")


def teaching_exports(compiled: CompiledMap, folder: Path) -> dict[str, bytes | Future]:
    """The critique sheet (Markdown, JSON), a worksheet with its answer key, and the worksheet's diagrams:
    up to SLIDE_LIMIT claims as slides, above it its DOT alone. The critique goes to a worker (:meth:`CompiledMap.run`),
    which takes it up once the brief is done: measured at 10,000 claims on 2 cores, the build's own
    process, with the diagrams and interchange formats, then finished last; the worksheet stays here, as
    its DOT shares this process's kept lines."""
    critique_sheet = compiled.files(critique_documents, ("critique.md", "critique.json"), compiled.schemes)
    texts, sheet_graph = worksheet_texts(compiled.map, compiled.graph, compiled.schemes)
    texts |= critique_sheet
    if len(compiled.map.claims) > SLIDE_LIMIT:
        return texts | {"worksheet.dot": diagram_dot(sheet_graph, made=compiled.kept("claims").made).encode("utf-8")}
    return texts | worksheet_diagrams(compiled.renders, sheet_graph)


def _meanwhile(out: Path, compiled_maps: list[tuple[Path, CompiledMap]], outputs: dict[Path, bytes | Future]) -> set[Path]:
    """What the build's own process does while its workers and ``dot`` finish: remove the temporary files a
    killed build left, save the pieces this process kept (named by what they are made from, so a build
    that fails after this keeps nothing wrong), and find the outputs already made that equal their files
    (returned: they need no writing)."""
    remove_leftover_temporaries(out)
    for _, compiled in compiled_maps:
        compiled.save()
    return {path for path, data in outputs.items() if isinstance(data, bytes) and same_file(path, data)}


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
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool, ExitStack() as ending:
        compiled_maps = []       # dot runs in parallel processes; a large map's documents in worker processes
        for argument_map in progress(maps):
            folder = out / argument_map.id
            on_step(argument_map, "graph+evaluate")
            with _timed(timings, "graph+evaluate"):
                compiled = CompiledMap.of(argument_map, folder, pool, cache.folder)
                if len(argument_map.claims) >= PARALLEL_TEXT_LIMIT:
                    compiled.workers = MapWorkers((argument_map, compiled.graph, compiled.evaluation),
                                                  os.cpu_count() or 2)
                    ending.callback(compiled.workers.shutdown)
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
        # while the workers and dot finish: keep this process's pieces, and compare what is made with the files
        unchanged = _meanwhile(out, compiled_maps, outputs)
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
    for path, data in [*sorted(outputs.items()), *sorted(manifests.items())]:   # manifests last
        (report.written if path not in unchanged and write_atomic(path, data) else report.unchanged).append(path)
    for argument_map in maps:
        report.removed += remove_stale_outputs(out / argument_map.id, set(outputs) | set(manifests), groups)
    for _, compiled in compiled_maps:
        for kind, store in compiled.stores.items():
            reused, made = report.pieces.get(kind, (0, 0))
            report.pieces[kind] = (reused + store.reused, made + store.made_count)
    report.seconds = time.perf_counter() - started
    return report
