"""Many diagrams through one ``dot`` process: a build lays out dozens of diagrams at a time, and each
``dot`` process spends about 18 ms loading its plugins before it lays anything out (50 subtree diagrams
of a 10,000-claim map: 1.44 s of CPU one process each, 0.57 s in one). ``dot -O`` writes each input's
renders next to it, every format from one layout, byte for byte what a process of its own prints, but
for one id: after the first graph Graphviz names the top group ``page0,1_graph0``, which is put back
to ``graph0`` (a test compares every diagram of the China map and a large map both ways).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import deque
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from argmap.render.diagram import DOT_MISSING, RenderError, render

#: The most diagrams one ``dot`` process lays out: enough to pay its start-up once for a burst of
#: diagrams, few enough that the other threads get their share.
MAX_BATCH = 32

_PAGED_GRAPH_ID = re.compile(rb'<g id="page\d+,\d+_graph0" class="graph"')
#: A source that names its graph, as every diagram argmap draws does; any other is rendered alone.
_NAMED_GRAPH = re.compile(r'\s*(?i:strict\s+)?(?i:di)?(?i:graph)\s+(?:[A-Za-z_\x80-\uffff][\w\x80-\uffff]*|"[^"]+")\s*\{')


def render_batch(sources: list[str], formats: tuple[str, ...]) -> list[dict[str, bytes]]:
    """Each DOT source laid out once and rendered in every format (svg, png, pdf), by one ``dot``
    (:class:`RenderError` when it fails: one bad source fails the batch).

    >>> [renders["svg"].startswith(b"<?xml") for renders in render_batch(["digraph a {a}", "digraph {b}"], ("svg",))]
    [True, True]
    """
    if not sources:
        return []       # dot given no file reads its standard input
    named = [bool(_NAMED_GRAPH.match(source)) for source in sources]
    if not all(named):  # dot numbers an unnamed graph (%3, %5, ...) by how many it has read: those go alone
        together = iter(render_batch([s for s, n in zip(sources, named, strict=True) if n], formats)
                        if any(named) else [])
        return [next(together) if n else {kind: render(source, kind) for kind in formats}
                for source, n in zip(sources, named, strict=True)]
    executable = shutil.which("dot")
    if executable is None:
        raise RenderError(DOT_MISSING)
    with tempfile.TemporaryDirectory(prefix="argmap-dot-") as folder:
        paths = [Path(folder, f"{number:05d}.gv") for number in range(len(sources))]
        for path, source in zip(paths, sources, strict=True):
            path.write_text(source, encoding="utf-8")
        result = subprocess.run([executable, *(f"-T{kind}" for kind in formats), "-O", *map(str, paths)],
                                capture_output=True, check=False)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()
            raise RenderError(f"Graphviz's dot failed to render {', '.join(formats)}: {message}")
        if result.stderr:
            sys.stderr.buffer.write(result.stderr)
        return [{kind: _as_alone(Path(f"{path}.{kind}").read_bytes(), kind) for kind in formats} for path in paths]


def _as_alone(data: bytes, kind: str) -> bytes:
    """A render as a ``dot`` of its own makes it (the SVG's top group id, see the module's docstring)."""
    return _PAGED_GRAPH_ID.sub(b'<g id="graph0" class="graph"', data, count=1) if kind == "svg" else data


@dataclass
class _Job:
    source: str
    formats: tuple[str, ...]
    futures: dict[str, Future] = field(default_factory=dict)


class GraphvizBatches:
    """Diagrams queued for layout in a thread pool: each of at most ``runners`` threads takes the jobs
    waiting (a share of them, up to :data:`MAX_BATCH`, all asking the same formats) into one ``dot``. A
    burst of diagrams thus goes through a few processes, a lone diagram at once."""

    def __init__(self, pool: Executor, runners: int):
        self.pool = pool
        self.runners = runners
        self.running = 0
        self.waiting: deque[_Job] = deque()
        self.lock = threading.Lock()

    def submit(self, source: str, formats: tuple[str, ...]) -> dict[str, Future]:
        """Futures of the source's renders, one per format."""
        job = _Job(source, formats, {kind: Future() for kind in formats})
        with self.lock:
            self.waiting.append(job)
            start = self.running < self.runners
            self.running += start
        if start:
            self.pool.submit(self._run)
        return job.futures

    def _run(self) -> None:
        while batch := self._take():
            try:
                made = render_batch([job.source for job in batch], batch[0].formats)
            except Exception:  # noqa: BLE001 - no runner may die with futures unresolved: the build waits on them
                for job in batch:  # each alone, so only the diagram at fault fails, named as dot names it
                    _settle(job, lambda job=job: {kind: render(job.source, kind) for kind in job.formats})
                continue
            for job, renders in zip(batch, made, strict=True):
                _settle(job, lambda renders=renders: renders)

    def _take(self) -> list[_Job]:
        """The next batch: a share of the waiting jobs asking what the first asks; none ends the runner."""
        with self.lock:
            if not self.waiting:
                self.running -= 1
                return []
            size = min(MAX_BATCH, -(-len(self.waiting) // self.runners))
            formats = self.waiting[0].formats
            batch, kept = [], deque()
            while self.waiting and len(batch) < size:
                job = self.waiting.popleft()
                (batch if job.formats == formats else kept).append(job)
            self.waiting.extendleft(reversed(kept))
            return batch


def _settle(job: _Job, make: Callable[[], dict[str, bytes]]) -> None:
    """Resolve a job's futures with its renders, or each with the error that stopped them."""
    try:
        renders = make()
    except Exception as error:  # noqa: BLE001 - raised again to whoever waits for these renders
        for future in job.futures.values():
            future.set_exception(error)
        return
    for kind, future in job.futures.items():
        future.set_result(renders[kind])
