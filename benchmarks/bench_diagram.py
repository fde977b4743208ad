"""DOT generation vs Graphviz layout time, for generated maps of 1k and 10k claims.

Run: .venv/bin/python benchmarks/bench_diagram.py   (medians of 3; layout = the real `dot -Tsvg`)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds  # noqa: E402

from argmap import check, load_project  # noqa: E402
from argmap.render.diagram import diagram_dot, render  # noqa: E402
from argmap.analysis.graph import build_graph  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402


def main() -> None:
    print(f"{'claims':>7} {'DOT generation':>15} {'dot -Tsvg layout':>17} {'generation share':>17}")
    with tempfile.TemporaryDirectory() as folder:
        for claims in (500, 1_000, 10_000):
            maps = write_synthetic_project(Path(folder) / str(claims), claims)
            project = load_project([maps])
            assert not check(project)
            graph = build_graph(project.maps["synthetic"])
            generation = median_seconds(lambda g=graph: diagram_dot(g), 3)
            source = diagram_dot(graph)
            layout = median_seconds(lambda dot=source: render(dot, "svg"), 3 if claims < 10_000 else 1)
            print(f"{claims:>7} {generation:>14.3f}s {layout:>16.2f}s {generation / layout:>16.1%}")


if __name__ == "__main__":
    main()
