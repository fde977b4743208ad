"""Which claims stand: Dung's grounded, preferred and stable semantics over an argument graph.

**From the argument graph to a Dung framework** (:func:`attack_framework`). Every claim and every
inference is an abstract argument. An attack or undercut inference attacks its target. Support is
read as *necessary* support between premises and their inference: an inference stands only while
all its premises stand, so whatever attacks a premise also attacks every inference built on it
(Cayrol & Lagasquie-Schiex's secondary attack, applied to the premise -> inference link). This makes
a linked argument fall when any co-premise falls, and makes an objection count only while its own
premises stand (their supported attack). A claim does not fall because one of its reasons fell:
claims are presumptively acceptable, and support raises their gradual strength instead.
"""
from __future__ import annotations

from collections import deque

import networkx as nx

from argmap.analysis.graph import graph_from_adjacency

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"
#: The hypothetical, unattacked argument that defeats every claim a "what if" switches off. Its name
#: cannot be a claim or inference id (ids have no spaces or brackets); evaluate() drops it from its answers.
SWITCHED_OFF = "(switched off)"


def attack_framework(graph: nx.DiGraph, switched_off: frozenset[str] = frozenset()) -> nx.DiGraph:
    """The Dung framework of an argument graph: an edge ``x -> y`` means x attacks y.

    Edges that come from the premise rule carry ``via`` = the premise that was attacked. Claims in
    ``switched_off`` are attacked by :data:`SWITCHED_OFF`, so they fall as if defeated, and so do the
    inferences they are premises of.

    >>> g = nx.DiGraph()
    >>> g.add_edges_from([("p", "p->c"), ("q", "q->p")], type="premise")
    >>> g.add_edge("p->c", "c", type="support"); g.add_edge("q->p", "p", type="attack")
    >>> sorted(attack_framework(g).edges(data="via"))
    [('q->p', 'p', None), ('q->p', 'p->c', 'p')]
    """
    # networkx's own dict-of-dicts layout, filled in the order edges were once added one by one and
    # handed over whole: attacks[target][attacker] is attacked[attacker][target].
    attacks: dict[str, dict[str, dict]] = {node: {} for node in graph}
    attacked: dict[str, dict[str, dict]] = {node: {} for node in graph}
    if switched_off:
        attacks[SWITCHED_OFF], attacked[SWITCHED_OFF] = {}, {}

    def attack(attacker: str, target: str) -> dict:
        if attacker not in attacks[target]:
            attacks[target][attacker] = attacked[attacker][target] = {}
        return attacks[target][attacker]

    for claim in switched_off:
        attack(SWITCHED_OFF, claim)
    premises_of: list[tuple[str, str]] = []
    for source, targets in graph._succ.items():  # no view object per node
        for target, edge in targets.items():
            kind = edge["type"]
            if kind == "premise":
                premises_of.append((source, target))
            elif kind in ("attack", "undercut"):
                attack(source, target)
    direct = {target: list(attackers) for target, attackers in attacks.items() if attackers}
    for premise, inference in premises_of:
        for attacker in direct.get(premise, ()):
            attack(attacker, inference)["via"] = premise
    return graph_from_adjacency({node: {} for node in attacks}, attacked, attacks)


def grounded_labelling(framework: nx.DiGraph) -> dict[str, str]:
    """Dung's grounded labelling in linear time: IN if all attackers are OUT, OUT if some attacker is IN,
    UNDEC otherwise (the least fixpoint, the most sceptical answer).

    >>> af = nx.DiGraph([("a", "b"), ("b", "c")])   # reinstatement: a defeats b, so c is back IN
    >>> grounded_labelling(af)
    {'a': 'IN', 'b': 'OUT', 'c': 'IN'}
    """
    succ = framework._succ  # networkx's own adjacency dicts: no view object per node
    live_attackers = {node: len(attackers) for node, attackers in framework._pred.items()}
    labels: dict[str, str] = {}
    queue = deque(node for node, count in live_attackers.items() if count == 0)
    for node in queue:
        labels[node] = IN
    while queue:
        winner = queue.popleft()
        for loser in succ[winner]:
            if loser in labels:
                continue
            labels[loser] = OUT
            for freed in succ[loser]:
                if freed in labels:
                    continue
                live_attackers[freed] -= 1
                if live_attackers[freed] == 0:
                    labels[freed] = IN
                    queue.append(freed)
    return {node: labels.get(node, UNDEC) for node in framework}


def explain_labels(framework: nx.DiGraph, labels: dict[str, str]) -> dict[str, str]:
    """One sentence per argument saying why it has its label (which attacker defeats it, who defends it).

    >>> af = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> explain_labels(af, grounded_labelling(af))["c"]
    "IN: its attacker 'b' is OUT (defeated by 'a')"
    """
    pred = framework._pred  # networkx's own adjacency dicts: no view object per node

    def attacker_phrase(attacker: str, target: str) -> str:
        via = pred[target][attacker].get("via")
        if attacker == SWITCHED_OFF:
            return f"its premise '{via}' is switched off" if via else "it is switched off (what if it were defeated)"
        return f"'{attacker}'" + (f" (which attacks its premise '{via}')" if via else "")

    explanations = {}
    for node in framework:
        attackers = pred[node]
        label = labels[node]
        if label == IN and not attackers:
            explanations[node] = "IN: unattacked"
        elif label == IN:
            parts = []
            for attacker in attackers:
                defeaters = [d for d in pred[attacker] if labels[d] == IN]
                parts.append(f"{attacker_phrase(attacker, node)} is OUT (defeated by '{defeaters[0]}')")
            explanations[node] = ("IN: its attacker " if len(parts) == 1 else "IN: its attackers ") + "; ".join(parts)
        elif label == OUT:
            winner = next(a for a in attackers if labels[a] == IN)
            explanations[node] = (f"OUT: {attacker_phrase(winner, node)}" if winner == SWITCHED_OFF
                                  else f"OUT: attacked by {attacker_phrase(winner, node)}, which is IN")
        else:
            open_attackers = [a for a in attackers if labels[a] == UNDEC]
            explanations[node] = ("UNDEC: attacked by " + ", ".join(attacker_phrase(a, node) for a in open_attackers)
                                  + ", undecided (the attacks form a cycle)")
    return explanations


