"""Structure analysis of an argument graph: counts, depth, unanswered attacks, centrality, cycles,
disconnected parts. Each measure is a function over the graph built by :func:`argmap.graph.build_graph`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from argmap.check.checker import cycles_among
from argmap.analysis.graph import claim_relations, claims_of


def depths(graph: nx.DiGraph) -> dict[str, int | None]:
    """Each claim's depth below the resolution (0 for the resolution; None when not connected to it).

    >>> g = nx.DiGraph(resolution="r")
    >>> g.add_nodes_from(["r", "a", "b", "loose"], kind="claim")
    >>> for p, t in [("a", "r"), ("b", "a")]:
    ...     g.add_node(f"{p}->{t}", kind="argument", relation="support", target=t, premises=[p])
    >>> depths(g)
    {'r': 0, 'a': 1, 'b': 2, 'loose': None}
    """
    relations = claim_relations(graph)
    resolution = graph.graph.get("resolution")
    found = nx.single_source_shortest_path_length(relations.reverse(copy=False), resolution) \
        if resolution in relations else {}
    return {claim: found.get(claim) for claim in claims_of(graph)}


def unanswered_attacks(graph: nx.DiGraph) -> list[str]:
    """Attacks and undercuts that nothing attacks back: no attack on the attacking inference, nor on
    any of its premises. Each is a point the attacked side has not yet answered.

    >>> g = nx.DiGraph()
    >>> g.add_nodes_from(["c", "x", "y"], kind="claim")
    >>> g.add_edge("x", "x->c", type="premise"); g.add_edge("x->c", "c", type="attack")
    >>> unanswered_attacks(g)
    ['x->c']
    >>> g.add_edge("y", "y->x", type="premise"); g.add_edge("y->x", "x", type="attack")
    >>> unanswered_attacks(g)
    ['y->x']
    """
    objections = ("attack", "undercut")
    into = graph._pred             # read directly, as the algorithms in semantics.py do: no view per node
    attacked = {target for target, edges in into.items() if any(e.get("type") in objections for e in edges.values())}
    result = []
    for node, edges in graph._succ.items():
        for edge in edges.values():
            if edge.get("type") not in objections or node in attacked:
                continue
            if not any(p in attacked for p, e in into[node].items() if e.get("type") == "premise"):
                result.append(node)
    return sorted(result)


def unsupported_claims(graph: nx.DiGraph) -> list[str]:
    """Claims with no citation, no supporting argument, and not marked implicit (bare assertions).

    >>> g = nx.DiGraph(); g.add_node("c", kind="claim", citations=[], implicit=False, resolution=False)
    >>> unsupported_claims(g)
    ['c']
    """
    supported = {t for _, t, kind in graph.edges(data="type") if kind == "support"}
    return [n for n in claims_of(graph) if not graph.nodes[n]["citations"] and not graph.nodes[n]["implicit"]
            and not graph.nodes[n]["resolution"] and n not in supported]


def central_claims(graph: nx.DiGraph, top: int = 5) -> list[tuple[str, float, float]]:
    """The most central claims: (id, PageRank, betweenness) on the claim-to-claim relation graph,
    highest PageRank first. PageRank rewards claims that much reasoning flows into; betweenness,
    claims that the reasoning must pass through.

    >>> g = nx.DiGraph(); g.add_nodes_from("rab", kind="claim")
    >>> for p, t in [("a", "r"), ("b", "a")]:
    ...     g.add_node(f"{p}->{t}", kind="argument", relation="support", target=t, premises=[p])
    >>> [c for c, _, _ in central_claims(g, top=2)]
    ['r', 'a']
    """
    relations = claim_relations(graph)
    if relations.number_of_nodes() == 0:
        return []
    rank = nx.pagerank(relations)
    betweenness = nx.betweenness_centrality(relations, k=min(200, len(relations)), seed=0) \
        if len(relations) > 2 else dict.fromkeys(relations, 0.0)
    ordered = sorted(relations, key=lambda n: (-rank[n], n))[:top]
    return [(n, rank[n], betweenness[n]) for n in ordered]


def support_cycles(graph: nx.DiGraph) -> list[list[str]]:
    """Claims that support each other in a circle.

    >>> g = nx.DiGraph(); g.add_nodes_from("ab", kind="claim")
    >>> g.add_node("a->b", kind="argument", relation="support", target="b", premises=["a"])
    >>> g.add_node("b->a", kind="argument", relation="support", target="a", premises=["b"])
    >>> support_cycles(g)
    [['a', 'b']]
    """
    return cycles_among((u, v) for u, v, t in claim_relations(graph).edges(data="type") if t == "support")


def disconnected_parts(graph: nx.DiGraph) -> list[list[str]]:
    """Groups of claims not connected to the resolution by any relation.

    >>> g = nx.DiGraph(resolution="r"); g.add_nodes_from(["r", "x"], kind="claim")
    >>> disconnected_parts(g)
    [['x']]
    """
    relations = claim_relations(graph)
    resolution = graph.graph.get("resolution")
    return sorted(sorted(part) for part in nx.weakly_connected_components(relations) if resolution not in part)


@dataclass
class Stats:
    claims_by_side: dict[str, int]
    arguments_by_relation: dict[str, int]
    linked_arguments: int
    implicit_claims: int
    cited_claims: int
    schemes: dict[str, int]
    depth: dict[str, int | None]
    unanswered: dict[str, list[str]]
    unsupported: list[str]
    central: list[tuple[str, float, float]]
    cycles: list[list[str]]
    disconnected: list[list[str]]


def structure_stats(graph: nx.DiGraph) -> Stats:
    """Every structural measure of one map's graph."""
    claims = claims_of(graph)
    arguments = [n for n, k in graph.nodes(data="kind") if k == "argument"]
    unanswered: dict[str, list[str]] = {}
    for attack in unanswered_attacks(graph):
        target = graph.nodes[attack]["target"]
        side = graph.nodes[target]["side"] or ("pro" if graph.nodes[target].get("resolution") else "none")
        unanswered.setdefault(side, []).append(attack)
    return Stats(
        claims_by_side=dict(Counter(graph.nodes[c]["side"] or "resolution" for c in claims)),
        arguments_by_relation=dict(Counter(graph.nodes[a]["relation"] for a in arguments)),
        linked_arguments=sum(graph.nodes[a]["linked"] for a in arguments),
        implicit_claims=sum(graph.nodes[c]["implicit"] for c in claims),
        cited_claims=sum(bool(graph.nodes[c]["citations"]) for c in claims),
        schemes=dict(Counter(graph.nodes[a]["scheme"] for a in arguments if graph.nodes[a]["scheme"])),
        depth=depths(graph), unanswered=unanswered, unsupported=unsupported_claims(graph),
        central=central_claims(graph), cycles=support_cycles(graph), disconnected=disconnected_parts(graph))


def render_stats(graph: nx.DiGraph, stats: Stats) -> str:
    """A plain-text report for people."""
    depth_values = [d for d in stats.depth.values() if d is not None]
    lines = [
        f"map {graph.graph['map']}: {graph.graph['title']}",
        f"claims: {sum(stats.claims_by_side.values())} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(stats.claims_by_side.items()))
        + f"); cited {stats.cited_claims}, implicit {stats.implicit_claims}",
        f"arguments: {sum(stats.arguments_by_relation.values())} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(stats.arguments_by_relation.items()))
        + f"); linked {stats.linked_arguments}",
        "schemes: " + (", ".join(f"{k} {v}" for k, v in sorted(stats.schemes.items())) or "none"),
        f"depth below the resolution: max {max(depth_values, default=0)}",
        *[f"  level {level} ({depth_values.count(level)}): "
          + ", ".join(sorted(c for c, d in stats.depth.items() if d == level)) for level in sorted(set(depth_values))],
        "most central claims (PageRank, betweenness):",
        *[f"  {c:<32} {r:.3f}  {b:.3f}" for c, r, b in stats.central],
    ]
    for side in sorted(stats.unanswered):
        lines.append(f"unanswered attacks on {side} claims: {len(stats.unanswered[side])}")
        lines += [f"  {a}" for a in stats.unanswered[side]]
    lines.append("unsupported claims: " + (", ".join(stats.unsupported) or "none"))
    lines.append("support cycles: " + ("; ".join(" -> ".join(c) for c in stats.cycles) or "none"))
    lines.append("parts not connected to the resolution: "
                 + ("; ".join(", ".join(p) for p in stats.disconnected) or "none"))
    return "\n".join(lines)
