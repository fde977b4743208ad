"""Evaluate an argument graph: which claims stand (:mod:`argmap.analysis.semantics`) and how strong
each is (:mod:`argmap.analysis.strength`), as plain data and as a table for people."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from argmap.analysis.graph import build_graph
from argmap.analysis.extensions import Extensions, extensions, project_extensions, reader_nodes
from argmap.analysis.semantics import (IN, OUT, SWITCHED_OFF, UNDEC, attack_framework, explain_labels,
                                       grounded_labelling)
from argmap.analysis.strength import dfquad_strengths
from argmap.load.gcpause import paused_gc
from argmap.model import ArgumentMap

__all__ = ["IN", "OUT", "UNDEC", "Evaluation", "WhatIf", "evaluate", "render_evaluation"]


@dataclass(frozen=True)
class WhatIf:
    """A reader's hypothetical change: claims switched off (as if defeated: OUT, strength 0) and
    claims given another base weight. The interactive map evaluates the same changes in the page."""

    switched_off: frozenset[str] = frozenset()
    weights: dict[str, float] = field(default_factory=dict)


@dataclass
class Evaluation:
    """Labels, explanations, strengths and extensions for one map, as plain data."""

    labels: dict[str, str]
    explanations: dict[str, str]
    strengths: dict[str, float]
    extensions: Extensions
    cycles: list[list[str]]
    converged: bool

    @paused_gc
    def to_dict(self, graph: nx.DiGraph) -> dict:
        """JSON-ready: one entry per claim and per argument."""
        labels, strengths, why = self.labels, self.strengths, self.explanations
        claims, arguments = {}, {}
        for node, data in graph.nodes(data=True):
            if data["kind"] == "claim":
                claims[node] = {"label": labels[node], "strength": round(strengths[node], 6), "why": why[node],
                                "text": data["text"], "side": data["side"]}
            elif data["kind"] == "argument":
                arguments[node] = {"label": labels[node], "strength": round(strengths[node], 6), "why": why[node],
                                   "relation": data["relation"]}
        return {
            "claims": claims,
            "arguments": arguments,
            "extensions": {"preferred": self.extensions.preferred, "stable": self.extensions.stable,
                           "preferred_count": self.extensions.preferred_count,
                           "stable_count": self.extensions.stable_count, "complete": self.extensions.complete,
                           "note": self.extensions.note},
            "cycles": self.cycles, "converged": self.converged,
        }


@paused_gc
def evaluate(target: ArgumentMap | nx.DiGraph, what_if: WhatIf = WhatIf()) -> Evaluation:
    """Grounded labels with explanations, DF-QuAD strengths and extensions for a map or its graph,
    optionally under a reader's :class:`WhatIf`.

    >>> g = nx.DiGraph()
    >>> g.add_node("c", kind="claim", weight=0.5); g.add_node("x", kind="claim", weight=0.5)
    >>> g.add_node("x->c", kind="argument", premises=["x"])
    >>> g.add_edge("x", "x->c", type="premise"); g.add_edge("x->c", "c", type="attack")
    >>> evaluate(g).labels["c"], evaluate(g, WhatIf(frozenset({"x"}))).labels["c"]
    ('OUT', 'IN')
    """
    graph = build_graph(target) if isinstance(target, ArgumentMap) else target
    framework = attack_framework(graph, what_if.switched_off)
    labels = grounded_labelling(framework)
    explanations = explain_labels(framework, labels)
    if what_if.switched_off:
        framework.remove_node(SWITCHED_OFF)
        del labels[SWITCHED_OFF], explanations[SWITCHED_OFF]
    strengths = dfquad_strengths(graph, what_if.switched_off, what_if.weights)
    found = project_extensions(extensions(framework, labels), reader_nodes(graph))
    return Evaluation(labels, explanations, strengths.values, found, strengths.cycles, strengths.converged)


def render_evaluation(graph: nx.DiGraph, evaluation: Evaluation, explain: bool = True) -> str:
    """A table for people: every claim with its label and strength, grouped by side, strongest first."""
    lines = [f"map {graph.graph['map']}: {graph.graph['title']}",
             f"{'label':<6} {'strength':>8}  {'side':<10} claim"]
    claims = [n for n, k in graph.nodes(data="kind") if k == "claim"]
    order = {"resolution": 0, "pro": 1, "con": 2}
    for node in sorted(claims, key=lambda n: (order.get(_side(graph, n), 3), -evaluation.strengths[n], n)):
        lines.append(f"{evaluation.labels[node]:<6} {evaluation.strengths[node]:>8.3f}  {_side(graph, node):<10} {node}")
        if explain and evaluation.labels[node] != IN:
            lines.append(f"{'':<28}{evaluation.explanations[node]}")
    fallen = [n for n, k in graph.nodes(data="kind") if k == "argument" and evaluation.labels[n] != IN]
    if fallen:
        lines.append("inferences that do not stand:")
        lines += [f"  {n}: {evaluation.explanations[n]}" if explain else f"  {n}" for n in sorted(fallen)]
    labels = [evaluation.labels[c] for c in claims]
    lines.append(f"claims: {labels.count(IN)} IN, {labels.count(OUT)} OUT, {labels.count(UNDEC)} UNDEC")
    ext = evaluation.extensions
    if labels.count(UNDEC):
        lines.append(f"preferred extensions: {_count(ext.preferred_count)}, "
                     f"stable extensions: {_count(ext.stable_count)}"
                     + (f" ({ext.note})" if ext.note else ""))
    if evaluation.cycles:
        lines.append(f"cycles in the graph (strengths iterated, converged: {evaluation.converged}): "
                     + "; ".join(", ".join(c) for c in evaluation.cycles))
    return "\n".join(lines)


def _side(graph: nx.DiGraph, node: str) -> str:
    return "resolution" if graph.nodes[node].get("resolution") else (graph.nodes[node]["side"] or "-")


def _count(value: int | None) -> str:
    return "not computed" if value is None else str(value)
