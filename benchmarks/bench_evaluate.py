"""Graph building, grounded labelling and DF-QuAD on generated maps of 1k, 10k and 100k claims.

Run: .venv/bin/python benchmarks/bench_evaluate.py   (medians of 3 runs; loading is timed apart)
"""
from __future__ import annotations

import sys
import tempfile

import networkx as nx
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds  # noqa: E402

from argmap import check, load_project  # noqa: E402
from argmap.analysis.evaluate import attack_framework, dfquad_strengths, grounded_labelling  # noqa: E402
from argmap.load.gcpause import paused_gc  # noqa: E402
from argmap.analysis.graph import build_graph  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402


def main() -> None:
    rows, graphs = [], []
    with tempfile.TemporaryDirectory() as folder:
        for claims in (1_000, 10_000, 100_000):
            maps = write_synthetic_project(Path(folder) / str(claims), claims)
            project = load_project([maps])
            assert not check(project)
            argument_map = project.maps["synthetic"]
            load_time = median_seconds(lambda m=maps: load_project([m]), repeats=1 if claims > 10_000 else 3)
            graph = build_graph(argument_map)
            build = median_seconds(lambda m=argument_map: build_graph(m), 3)
            grounded = median_seconds(paused_gc(lambda g=graph: grounded_labelling(attack_framework(g))), 3)
            dfquad = median_seconds(paused_gc(lambda g=graph: dfquad_strengths(g)), 3)
            total = build + grounded + dfquad
            rows.append((claims, graph.number_of_nodes(), graph.number_of_edges(), load_time, build, grounded,
                         dfquad, total))
            graphs.append((claims, graph))
    print(f"{'claims':>7} {'nodes':>7} {'edges':>7} {'load':>7} {'graph':>7} {'grounded':>9} {'dfquad':>7} "
          f"{'total':>7} {'us/claim':>9}")
    for claims, nodes, edges, load_time, build, grounded, dfquad, total in rows:
        print(f"{claims:>7} {nodes:>7} {edges:>7} {load_time:>6.2f}s {build:>6.2f}s {grounded:>8.2f}s "
              f"{dfquad:>6.2f}s {total:>6.2f}s {total / claims * 1e6:>9.1f}")
    print("total = graph + grounded (framework included) + DF-QuAD, medians of 3; load+check timed once apart")
    print("what grows: one look-up of a node's data, in the graph's own dicts, as the graph grows")
    for claims, graph in graphs:
        print(f"{claims:>7} claims: {node_lookup_nanoseconds(graph):6.0f} ns per look-up, nodes visited in an order "
              "unrelated to where they lie in memory (as a walk along edges visits them)")


def node_lookup_nanoseconds(graph: nx.DiGraph) -> float:
    """The cost of reading one node's data, nodes taken in a shuffled order: every algorithm does this a
    fixed number of times per node and edge, so its growth is the growth of their cost per claim."""
    import random

    nodes = list(graph)
    random.Random(1).shuffle(nodes)
    data = graph._node

    def read_all() -> None:
        for node in nodes:
            data[node]["kind"]
    return median_seconds(read_all, 5) / len(nodes) * 1e9


if __name__ == "__main__":
    main()
