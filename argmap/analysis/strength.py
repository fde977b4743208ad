"""Gradual strength (:func:`dfquad_strengths`) follows DF-QuAD: base score tau = the claim's
weight (0.5 by default), F(v1..vn) = 1 - prod(1 - vi), and
C(v0, va, vs) = v0 - v0*(va - vs) if va >= vs else v0 + (1 - v0)*(vs - va).
An inference's base score is its weakest premise's strength; undercuts are its attackers.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import networkx as nx

MAX_ITERATIONS = 200


def combine_strength(base: float, attack: float, support: float) -> float:
    """DF-QuAD's combination function C(v0, va, vs).

    >>> combine_strength(0.5, 0.8, 0.0), combine_strength(0.5, 0.0, 0.6)
    (0.09999999999999998, 0.8)
    """
    if attack >= support:
        return base - base * (attack - support)
    return base + (1 - base) * (support - attack)


@dataclass
class Strengths:
    values: dict[str, float]
    cycles: list[list[str]] = field(default_factory=list)
    converged: bool = True


def dfquad_strengths(graph: nx.DiGraph, switched_off: frozenset[str] = frozenset(),
                     weights: dict[str, float] | None = None) -> Strengths:
    """DF-QuAD strength of every claim and inference, computed from the leaves up.

    A "what if": claims in ``switched_off`` have strength 0 (they bear on nothing, and the
    inferences they are premises of get base score 0); ``weights`` replaces claims' base scores.

    Cycles are detected (strongly connected components) and reported; inside a cycle the strengths
    are iterated synchronously (every member from the previous round's values, so the result does
    not depend on ids or file order) and damped by half, until they change by less than 1e-9, at
    most MAX_ITERATIONS rounds; ``converged`` says honestly whether they settled.

    >>> g = nx.DiGraph()
    >>> g.add_node("c", kind="claim", weight=0.5); g.add_node("p", kind="claim", weight=1.0)
    >>> g.add_node("p->c", kind="argument", premises=["p"])
    >>> g.add_edge("p", "p->c", type="premise"); g.add_edge("p->c", "c", type="support")
    >>> dfquad_strengths(g).values["c"]
    1.0
    """
    values: dict[str, float] = {}
    weights = weights or {}
    nodes, pred = graph._node, graph._pred  # networkx's own dicts: no view object per node

    def base_score(node: str) -> float:
        return 0.0 if node in switched_off else weights.get(node, nodes[node]["weight"])

    def strength(node: str) -> float:
        if node in switched_off:
            return 0.0
        # F(v1..vn) = 1 - prod(1 - vi), the products kept as they are multiplied (no lists per node)
        attack_kept = support_kept = 1.0
        weakest_premise = None
        for source, edge in pred[node].items():
            value = values.get(source, 0.0)
            kind = edge["type"]
            if kind == "premise":
                if weakest_premise is None or value < weakest_premise:
                    weakest_premise = value
            elif kind == "support":
                support_kept *= 1 - value
            else:
                attack_kept *= 1 - value
        if nodes[node]["kind"] == "claim":
            base = base_score(node)
        else:
            base = 0.0 if weakest_premise is None else weakest_premise
        return combine_strength(base, 1 - attack_kept, 1 - support_kept)

    # The acyclic bulk in Kahn's order; only what is left (cycles and what hangs below them) is condensed.
    succ = graph._succ
    waiting = {node: len(sources) for node, sources in pred.items()}
    queue = deque(node for node, count in waiting.items() if count == 0)
    while queue:
        node = queue.popleft()
        values[node] = strength(node)
        for successor in succ[node]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                queue.append(successor)
    rest = graph.subgraph(node for node in graph if node not in values)
    condensed = nx.condensation(rest)
    cycles: list[list[str]] = []
    converged = True
    for component in nx.topological_sort(condensed):
        members = sorted(condensed.nodes[component]["members"])
        if len(members) == 1 and not graph.has_edge(members[0], members[0]):
            values[members[0]] = strength(members[0])
            continue
        cycles.append(members)
        converged = _iterate_cycle(members, values, strength, base_score, graph) and converged
    return Strengths(values, cycles, converged)


def _iterate_cycle(members: list[str], values: dict[str, float], strength, base_score, graph: nx.DiGraph) -> bool:
    """Synchronous, damped fixpoint iteration of one cycle's strengths, starting from base scores
    (claims) and 0.5 (inferences); returns whether it converged."""
    for node in members:
        values[node] = base_score(node) if graph.nodes[node]["kind"] == "claim" else 0.5
    for _ in range(MAX_ITERATIONS):
        updated = {node: (values[node] + strength(node)) / 2 for node in members}
        change = max(abs(updated[node] - values[node]) for node in members)
        values.update(updated)
        if change < 1e-9:
            return True
    return False
