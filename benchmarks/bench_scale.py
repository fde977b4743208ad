"""Per-claim cost of every export step at 1k, 10k (and, for check and evaluate, 100k) claims, to
find what grows faster than the map. A flat column is linear; a growing one is not.

Run: .venv/bin/python benchmarks/bench_scale.py   (medians of 3 up to 10k claims; one run at 100k)
"""
from __future__ import annotations

import gc
from functools import partial
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap import check, load_project  # noqa: E402
from argmap.analysis.evaluate import evaluate  # noqa: E402
from argmap.analysis.graph import build_graph  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402
from argmap.formats.aif import to_aif  # noqa: E402
from argmap.formats.argdown import to_argdown  # noqa: E402
from argmap.load.schemes import builtin_schemes  # noqa: E402
from argmap.render.brief import brief_markdown  # noqa: E402
from argmap.render.diagram import diagram_dot  # noqa: E402
from argmap.render.docx import brief_docx  # noqa: E402
from argmap.render.html_page import markdown_to_html  # noqa: E402
from argmap.teach.critique import critique, critique_markdown  # noqa: E402
from argmap.teach.worksheet import choose_blanks, make_worksheet  # noqa: E402


def timed(action: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], result


def export_steps(argument_map, graph, evaluation, markdown: str, schemes) -> list[tuple[str, Callable[[], object]]]:
    """The export steps after the brief's Markdown, each as a call to time."""
    return [("brief.html", partial(markdown_to_html, markdown, "b")),
            ("brief.docx", partial(brief_docx, markdown, "b")),
            ("diagram DOT", partial(diagram_dot, graph, evaluation)),
            ("AIF", partial(to_aif, graph, schemes, argument_map.sources)),
            ("Argdown", partial(to_argdown, graph, schemes)),
            ("critique", lambda: critique_markdown(critique(argument_map, graph, evaluation, schemes), argument_map)),
            ("worksheet", lambda: make_worksheet(argument_map, graph, schemes, choose_blanks(argument_map, 8, 1), 1))]


def main() -> None:
    steps = ["load+check", "graph+evaluate", "brief.md", "brief.html", "brief.docx", "diagram DOT", "AIF", "Argdown",
             "critique", "worksheet"]
    print("microseconds per claim (flat across a row = linear)")
    print(f"{'step':<16}" + "".join(f"{n:>12,}" for n in (1_000, 10_000, 100_000)))
    results: dict[str, list[str]] = {s: [] for s in steps}
    memory = []
    with tempfile.TemporaryDirectory() as folder:
        for claims in (1_000, 10_000, 100_000):
            repeats = 3 if claims <= 10_000 else 1
            maps = write_synthetic_project(Path(folder) / str(claims), claims)
            seconds, project = timed(lambda m=maps: (p := load_project([m]), check(p))[0], repeats)
            tracemalloc.start()                     # memory in a separate pass: tracing slows everything
            check(load_project([maps]))
            memory.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            results["load+check"].append(f"{seconds / claims * 1e6:12.1f}")
            argument_map = project.maps["synthetic"]
            seconds, (graph, evaluation) = timed(lambda m=argument_map: (g := build_graph(m), evaluate(g)), repeats)
            results["graph+evaluate"].append(f"{seconds / claims * 1e6:12.1f}")
            if claims > 10_000:
                for step in steps[2:]:
                    results[step].append(f"{'-':>12}")
                continue
            schemes = builtin_schemes()
            seconds, markdown = timed(partial(brief_markdown, argument_map, graph, evaluation), repeats)
            results["brief.md"].append(f"{seconds / claims * 1e6:12.1f}")
            for step, action in export_steps(argument_map, graph, evaluation, markdown, schemes):
                seconds, _ = timed(action, repeats)
                results[step].append(f"{seconds / claims * 1e6:12.1f}")
    for step in steps:
        print(f"{step:<16}" + "".join(results[step]))
    print("peak traced memory of load+check: " + ", ".join(f"{m / 1e6:.0f} MB" for m in memory))


if __name__ == "__main__":
    main()
