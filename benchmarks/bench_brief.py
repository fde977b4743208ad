"""Brief generation (Markdown, then HTML) for generated maps of 1k and 10k claims.

Run: .venv/bin/python benchmarks/bench_brief.py   (medians of 3; graph and evaluation timed apart)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds  # noqa: E402

from argmap import check, load_project  # noqa: E402
from argmap.render.brief import brief_markdown  # noqa: E402
from argmap.analysis.evaluate import evaluate  # noqa: E402
from argmap.analysis.graph import build_graph  # noqa: E402
from argmap.render.html_page import markdown_to_html  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402


def main() -> None:
    print(f"{'claims':>7} {'graph+evaluate':>15} {'brief.md':>9} {'brief.html':>11} {'size':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for claims in (1_000, 10_000):
            maps = write_synthetic_project(Path(folder) / str(claims), claims)
            project = load_project([maps])
            assert not check(project)
            argument_map = project.maps["synthetic"]
            graph = build_graph(argument_map)
            evaluation = evaluate(graph)
            prepare = median_seconds(lambda m=argument_map: evaluate(build_graph(m)), 3)
            markdown = brief_markdown(argument_map, graph, evaluation)
            brief = median_seconds(lambda m=argument_map, g=graph, e=evaluation: brief_markdown(m, g, e), 3)
            html = median_seconds(lambda text=markdown: markdown_to_html(text, "brief"), 3)
            print(f"{claims:>7} {prepare:>14.2f}s {brief:>8.2f}s {html:>10.2f}s {len(markdown) / 1e6:>7.1f}MB")


if __name__ == "__main__":
    main()
