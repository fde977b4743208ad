"""Diagrams laid out many to one ``dot`` process are byte for byte what a process of their own makes
(the real Graphviz, every diagram the China map exports, in every format the build writes), and a
diagram ``dot`` refuses fails alone, named, without holding up the others."""
from __future__ import annotations

from concurrent.futures import Executor, ThreadPoolExecutor
from functools import partial

import pytest

from argmap.render import graphviz_batch
from argmap.render.diagram import RenderError, render
from argmap.render.graphviz_batch import MAX_BATCH, GraphvizBatches, render_batch
from tests.conftest import REPO

CHINA = REPO / "exports" / "china-big-tech"


def _china_diagrams() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(CHINA.rglob("*.dot"))]


def test_a_batch_renders_every_china_diagram_as_dot_alone_does() -> None:
    sources = _china_diagrams()
    assert len(sources) > MAX_BATCH          # more than one batch's worth, so the ids of later graphs are met
    made = render_batch(sources, ("svg",))
    assert [renders["svg"] for renders in made] == [render(source, "svg") for source in sources]
    overview = (CHINA / "diagram.dot").read_text(encoding="utf-8")     # the one the build also rasterises
    pair = render_batch([sources[0], overview], ("svg", "png"))[1]
    assert pair == {"svg": render(overview, "svg"), "png": render(overview, "png")}


def test_unnamed_graphs_and_hostile_labels_come_out_as_dot_alone_makes_them() -> None:
    """dot names an unnamed graph by how many graphs it has read (%3, %5, ...), so such a source is
    rendered alone; a label that spells the group id the batch puts back, or closes the SVG to run a
    script, is text like any other."""
    hostile = ('digraph { a [label="<g id=\\"page0,1_graph0\\" class=\\"graph\\"> </svg>'
               '<script>alert(1)</script>"] }')
    sources = ["digraph { b }", hostile, "DiGraph named { c }", 'strict graph "q q" { d }', hostile,
               "digraph x { e }", *_china_diagrams()[:3]]
    made = render_batch(sources, ("svg",))
    assert [renders["svg"] for renders in made] == [render(source, "svg") for source in sources]
    assert b"<script>" not in made[1]["svg"] and b"&lt;script&gt;" in made[1]["svg"]
    assert render_batch([], ("svg",)) == []

def test_a_refused_diagram_fails_the_batch_and_alone_in_the_pool() -> None:
    sources = _china_diagrams()[:5]
    broken = "digraph { a -> }"
    with pytest.raises(RenderError, match="syntax error"):
        render_batch([*sources, broken], ("svg",))
    with ThreadPoolExecutor(2) as pool:
        batches = GraphvizBatches(pool, 2)
        futures = [batches.submit(source, ("svg",)) for source in [*sources, broken, *sources]]
        results = [future["svg"].exception() or future["svg"].result() for future in futures]
    assert [type(result) for result in results] == [bytes] * 5 + [RenderError] + [bytes] * 5
    assert "syntax error" in str(results[5]) and "stdin" in str(results[5])
    assert results[:5] == results[6:] == [render(source, "svg") for source in sources]


class _Deferred(Executor):
    """An executor that runs what it was given only when asked: a burst is all queued before any runner starts."""

    def __init__(self) -> None:
        self.given: list = []

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN201 - Executor's own signature
        self.given.append(partial(fn, *args, **kwargs))

    def run(self) -> None:
        while self.given:
            self.given.pop(0)()


def test_the_pool_takes_a_burst_in_few_processes_and_mixed_formats_apart(monkeypatch) -> None:
    sources = _china_diagrams()[:12]
    batches_run: list[int] = []
    real = graphviz_batch.render_batch
    monkeypatch.setattr(graphviz_batch, "render_batch",
                        lambda given, formats: batches_run.append(len(given)) or real(given, formats))
    pool = _Deferred()
    batches = GraphvizBatches(pool, 2)
    futures = [batches.submit(source, ("svg",) if number % 3 else ("svg", "png"))
               for number, source in enumerate(sources)]
    assert len(pool.given) == 2 and not batches_run                   # two runners, nothing run yet
    pool.run()
    made = [{kind: future.result(timeout=0) for kind, future in renders.items()} for renders in futures]
    assert batches.running == 0 and not batches.waiting
    assert sum(batches_run) == len(sources) and len(batches_run) <= len(sources) // 2
    for number, (source, renders) in enumerate(zip(sources, made, strict=True)):
        assert renders == {kind: render(source, kind) for kind in (("svg",) if number % 3 else ("svg", "png"))}
