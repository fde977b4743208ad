"""Evaluate an argument graph: which claims stand (Dung's grounded, preferred and stable semantics)
and how strong each is (DF-QuAD gradual strength).

**From the argument graph to a Dung framework** (:func:`attack_framework`). Every claim and every
inference is an abstract argument. An attack or undercut inference attacks its target. Support is
read as *necessary* support between premises and their inference: an inference stands only while
all its premises stand, so whatever attacks a premise also attacks every inference built on it
(Cayrol & Lagasquie-Schiex's secondary attack, applied to the premise -> inference link). This makes
a linked argument fall when any co-premise falls, and makes an objection count only while its own
premises stand (their supported attack). A claim does not fall because one of its reasons fell:
claims are presumptively acceptable, and support raises their gradual strength instead.

**Gradual strength** (:func:`dfquad_strengths`) follows DF-QuAD: base score tau = the claim's
weight (0.5 by default), F(v1..vn) = 1 - prod(1 - vi), and
C(v0, va, vs) = v0 - v0*(va - vs) if va >= vs else v0 + (1 - v0)*(vs - va).
An inference's base score is its weakest premise's strength; undercuts are its attackers.
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from itertools import product

import networkx as nx

from argmap.gcpause import paused_gc
from argmap.graph import build_graph
from argmap.model import ArgumentMap

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"
#: Above this many undecided arguments in one connected part, extensions are not enumerated.
MAX_COMPONENT = 20
#: At most this many preferred / stable extensions are listed (the total is still counted).
MAX_EXTENSIONS = 64
MAX_ITERATIONS = 200


def attack_framework(graph: nx.DiGraph) -> nx.DiGraph:
    """The Dung framework of an argument graph: an edge ``x -> y`` means x attacks y.

    Edges that come from the premise rule carry ``via`` = the premise that was attacked.

    >>> g = nx.DiGraph()
    >>> g.add_edges_from([("p", "p->c"), ("q", "q->p")], type="premise")
    >>> g.add_edge("p->c", "c", type="support"); g.add_edge("q->p", "p", type="attack")
    >>> sorted(attack_framework(g).edges(data="via"))
    [('q->p', 'p', None), ('q->p', 'p->c', 'p')]
    """
    framework = nx.DiGraph()
    framework.add_nodes_from(graph)
    direct_attackers: dict[str, list[str]] = {}
    for source, target, kind in graph.edges(data="type"):
        if kind in ("attack", "undercut"):
            framework.add_edge(source, target)
            direct_attackers.setdefault(target, []).append(source)
    for premise, inference, kind in graph.edges(data="type"):
        if kind == "premise":
            for attacker in direct_attackers.get(premise, ()):
                framework.add_edge(attacker, inference, via=premise)
    return framework


def grounded_labelling(framework: nx.DiGraph) -> dict[str, str]:
    """Dung's grounded labelling in linear time: IN if all attackers are OUT, OUT if some attacker is IN,
    UNDEC otherwise (the least fixpoint, the most sceptical answer).

    >>> af = nx.DiGraph([("a", "b"), ("b", "c")])   # reinstatement: a defeats b, so c is back IN
    >>> grounded_labelling(af)
    {'a': 'IN', 'b': 'OUT', 'c': 'IN'}
    """
    live_attackers = {node: framework.in_degree(node) for node in framework}
    labels: dict[str, str] = {}
    queue = deque(node for node, count in live_attackers.items() if count == 0)
    for node in queue:
        labels[node] = IN
    while queue:
        winner = queue.popleft()
        for loser in framework.successors(winner):
            if loser in labels:
                continue
            labels[loser] = OUT
            for freed in framework.successors(loser):
                if freed in labels:
                    continue
                live_attackers[freed] -= 1
                if live_attackers[freed] == 0:
                    labels[freed] = IN
                    queue.append(freed)
    return {node: labels.get(node, UNDEC) for node in framework}


def _admissible_sets(framework: nx.DiGraph, nodes: list[str]) -> list[frozenset[str]]:
    """All admissible subsets of one undecided component (attacks from outside are already defeated)."""
    inside = set(nodes)
    attackers = {n: [a for a in framework.predecessors(n) if a in inside] for n in nodes}
    found: list[frozenset[str]] = []

    def extend(index: int, chosen: set[str]) -> None:
        if index == len(nodes):
            attacked = {t for c in chosen for t in framework.successors(c)}
            if all(a in attacked for c in chosen for a in attackers[c]):
                found.append(frozenset(chosen))
            return
        node = nodes[index]
        if node not in attackers[node] and not any(a in chosen for a in attackers[node]) \
                and not any(t in chosen for t in framework.successors(node)):
            chosen.add(node)
            extend(index + 1, chosen)
            chosen.discard(node)
        extend(index + 1, chosen)

    extend(0, set())
    return found


@dataclass
class Extensions:
    """Preferred and stable extensions; ``complete`` is False when a part was too large to enumerate."""

    preferred: list[list[str]]
    stable: list[list[str]]
    preferred_count: int
    stable_count: int
    complete: bool = True
    note: str = ""


def extensions(framework: nx.DiGraph, labels: dict[str, str] | None = None) -> Extensions:
    """Preferred and stable extensions, built on the grounded labelling.

    Every preferred extension contains the grounded one, and only undecided arguments can be added.
    Undecided arguments in different connected parts do not interact, so each part is solved alone
    and the extensions are their combinations.

    >>> af = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])   # a and b attack each other
    >>> result = extensions(af)
    >>> result.preferred, result.stable
    ([['a', 'c'], ['b']], [['a', 'c'], ['b']])
    """
    labels = labels or grounded_labelling(framework)
    grounded = [n for n, label in labels.items() if label == IN]
    undecided = [n for n, label in labels.items() if label == UNDEC]
    parts = [sorted(c) for c in nx.weakly_connected_components(framework.subgraph(undecided))]
    too_big = [p for p in parts if len(p) > MAX_COMPONENT]
    if too_big:
        return Extensions([], [], 0, 0, False, f"{len(too_big)} undecided part(s) have more than {MAX_COMPONENT} "
                          "arguments; preferred and stable extensions were not enumerated")
    preferred_parts, stable_parts = [], []
    for part in parts:
        admissible = _admissible_sets(framework, part)
        maximal = [s for s in admissible if not any(s < other for other in admissible)]
        preferred_parts.append(maximal)
        stable_parts.append([s for s in maximal
                             if all(any(a in s for a in framework.predecessors(n)) for n in part if n not in s)])
    preferred_count = math.prod(len(p) for p in preferred_parts)
    stable_count = math.prod(len(p) for p in stable_parts)

    def combine(choices: list[list[frozenset[str]]]) -> list[list[str]]:
        combined = []
        for combination in product(*choices):
            combined.append(sorted(set(grounded).union(*combination)))
            if len(combined) == MAX_EXTENSIONS:
                break
        return sorted(combined)

    return Extensions(combine(preferred_parts), combine(stable_parts), preferred_count, stable_count)


def combine_strength(base: float, attack: float, support: float) -> float:
    """DF-QuAD's combination function C(v0, va, vs).

    >>> combine_strength(0.5, 0.8, 0.0), combine_strength(0.5, 0.0, 0.6)
    (0.09999999999999998, 0.8)
    """
    if attack >= support:
        return base - base * (attack - support)
    return base + (1 - base) * (support - attack)


def aggregate(values: list[float]) -> float:
    """DF-QuAD's aggregation F(v1..vn) = 1 - prod(1 - vi); F() = 0.

    >>> aggregate([]), aggregate([0.5, 0.5])
    (0, 0.75)
    """
    return 1 - math.prod(1 - v for v in values) if values else 0


@dataclass
class Strengths:
    values: dict[str, float]
    cycles: list[list[str]] = field(default_factory=list)
    converged: bool = True


def dfquad_strengths(graph: nx.DiGraph) -> Strengths:
    """DF-QuAD strength of every claim and inference, computed from the leaves up.

    Cycles are detected (strongly connected components) and reported; inside a cycle the strengths
    are iterated until they change by less than 1e-9, at most 200 times, so nothing loops forever.

    >>> g = nx.DiGraph()
    >>> g.add_node("c", kind="claim", weight=0.5); g.add_node("p", kind="claim", weight=1.0)
    >>> g.add_node("p->c", kind="argument", premises=["p"])
    >>> g.add_edge("p", "p->c", type="premise"); g.add_edge("p->c", "c", type="support")
    >>> dfquad_strengths(g).values["c"]
    1.0
    """
    values: dict[str, float] = {}

    def strength(node: str) -> float:
        data = graph.nodes[node]
        attackers, supporters, premises = [], [], []
        for source, edge in graph.pred[node].items():
            value = values.get(source, 0.0)
            kind = edge["type"]
            if kind == "premise":
                premises.append(value)
            elif kind == "support":
                supporters.append(value)
            else:
                attackers.append(value)
        base = data["weight"] if data["kind"] == "claim" else (min(premises) if premises else 0.0)
        return combine_strength(base, aggregate(attackers), aggregate(supporters))

    # The acyclic bulk in Kahn's order; only what is left (cycles and what hangs below them) is condensed.
    waiting = dict(graph.in_degree())
    queue = deque(node for node, count in waiting.items() if count == 0)
    while queue:
        node = queue.popleft()
        values[node] = strength(node)
        for successor in graph.successors(node):
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
        for node in members:
            values.setdefault(node, graph.nodes[node]["weight"] if graph.nodes[node]["kind"] == "claim" else 0.5)
        for _ in range(MAX_ITERATIONS):
            change = 0.0
            for node in members:
                new = strength(node)
                change = max(change, abs(new - values[node]))
                values[node] = new
            if change < 1e-9:
                break
        else:
            converged = False
    return Strengths(values, cycles, converged)


@dataclass
class Evaluation:
    """Labels, explanations, strengths and extensions for one map, as plain data."""

    labels: dict[str, str]
    explanations: dict[str, str]
    strengths: dict[str, float]
    extensions: Extensions
    cycles: list[list[str]]
    converged: bool

    def to_dict(self, graph: nx.DiGraph) -> dict:
        """JSON-ready: one entry per claim and per argument."""
        def entry(node: str) -> dict:
            return {"label": self.labels[node], "strength": round(self.strengths[node], 6),
                    "why": self.explanations[node]}
        return {
            "claims": {n: entry(n) | {"text": d["text"], "side": d["side"]}
                       for n, d in graph.nodes(data=True) if d["kind"] == "claim"},
            "arguments": {n: entry(n) | {"relation": d["relation"]}
                          for n, d in graph.nodes(data=True) if d["kind"] == "argument"},
            "extensions": {"preferred": self.extensions.preferred, "stable": self.extensions.stable,
                           "preferred_count": self.extensions.preferred_count,
                           "stable_count": self.extensions.stable_count, "complete": self.extensions.complete,
                           "note": self.extensions.note},
            "cycles": self.cycles, "converged": self.converged,
        }


def explain_labels(framework: nx.DiGraph, labels: dict[str, str]) -> dict[str, str]:
    """One sentence per argument saying why it has its label (which attacker defeats it, who defends it).

    >>> af = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> explain_labels(af, grounded_labelling(af))["c"]
    "IN: its attacker 'b' is OUT (defeated by 'a')"
    """
    def attacker_phrase(attacker: str, target: str) -> str:
        via = framework.edges[attacker, target].get("via")
        return f"'{attacker}'" + (f" (which attacks its premise '{via}')" if via else "")

    explanations = {}
    for node in framework:
        attackers = list(framework.predecessors(node))
        label = labels[node]
        if label == IN and not attackers:
            explanations[node] = "IN: unattacked"
        elif label == IN:
            parts = []
            for attacker in attackers:
                defeaters = [d for d in framework.predecessors(attacker) if labels[d] == IN]
                parts.append(f"{attacker_phrase(attacker, node)} is OUT (defeated by '{defeaters[0]}')")
            explanations[node] = ("IN: its attacker " if len(parts) == 1 else "IN: its attackers ") + "; ".join(parts)
        elif label == OUT:
            winner = next(a for a in attackers if labels[a] == IN)
            explanations[node] = f"OUT: attacked by {attacker_phrase(winner, node)}, which is IN"
        else:
            open_attackers = [a for a in attackers if labels[a] == UNDEC]
            explanations[node] = ("UNDEC: attacked by " + ", ".join(attacker_phrase(a, node) for a in open_attackers)
                                  + ", undecided (the attacks form a cycle)")
    return explanations


@paused_gc
def evaluate(target: ArgumentMap | nx.DiGraph) -> Evaluation:
    """Grounded labels with explanations, DF-QuAD strengths and extensions for a map or its graph."""
    graph = build_graph(target) if isinstance(target, ArgumentMap) else target
    framework = attack_framework(graph)
    labels = grounded_labelling(framework)
    strengths = dfquad_strengths(graph)
    return Evaluation(labels, explain_labels(framework, labels), strengths.values, extensions(framework, labels),
                      strengths.cycles, strengths.converged)


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
        lines.append(f"preferred extensions: {ext.preferred_count}, stable extensions: {ext.stable_count}"
                     + (f" ({ext.note})" if ext.note else ""))
    if evaluation.cycles:
        lines.append(f"cycles in the graph (strengths iterated, converged: {evaluation.converged}): "
                     + "; ".join(", ".join(c) for c in evaluation.cycles))
    return "\n".join(lines)


def _side(graph: nx.DiGraph, node: str) -> str:
    return "resolution" if graph.nodes[node].get("resolution") else (graph.nodes[node]["side"] or "-")
