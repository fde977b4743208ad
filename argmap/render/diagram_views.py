"""Which nodes each diagram of a large map draws: an argument's view (everything bearing on it), split
by subtree into views of at most MAX_VIEW_CLAIMS claims (docs/exports.md, "Large maps")."""
from __future__ import annotations

import networkx as nx


def argument_view(graph: nx.DiGraph, argument: str) -> set[str]:
    """An argument with everything that bears on it: its premises, their reasons, every attack or
    undercut on any of them (and their own support), plus the claim it targets. One contention's view.

    >>> g = nx.DiGraph()
    >>> g.add_edges_from([("p", "p->r"), ("q", "q->p"), ("x", "x->r")], type="premise")
    >>> g.add_edges_from([("p->r", "r"), ("q->p", "p"), ("x->r", "r")], type="support")
    >>> sorted(argument_view(g, "p->r"))
    ['p', 'p->r', 'q', 'q->p', 'r']
    """
    return _view_within(graph, argument, None)


def _view_within(graph: nx.DiGraph, argument: str, max_claims: int | None) -> set[str] | None:
    """:func:`argument_view`, or None as soon as it holds more than ``max_claims`` claims: a view that
    will be split is not walked to its leaves (each split walked its whole subtree: 0.45 s at 10,000)."""
    pred, nodes = graph._pred, graph._node   # networkx's own dicts: no view object per node
    view = {argument, *graph._succ[argument]}
    claims = sum(nodes[node].get("kind") == "claim" for node in view)
    stack = [argument]
    while stack:
        for source in pred[stack.pop()]:
            if source not in view:
                view.add(source)
                stack.append(source)
                claims += nodes[source].get("kind") == "claim"
                if max_claims is not None and claims > max_claims:
                    return None
    return view


#: A diagram of more claims than this is split by subtree (docs/exports.md, "Large maps").
MAX_VIEW_CLAIMS = 150


def split_views(graph: nx.DiGraph, argument: str, max_claims: int = MAX_VIEW_CLAIMS) -> list[tuple[str, set[str], int]]:
    """The diagrams an argument's view is drawn in: one when it holds at most ``max_claims`` claims;
    else a top diagram (the argument, its premises and the arguments one step below them) and, for
    each of those arguments, its own view, split the same way. Each entry is (argument, nodes, how
    many diagrams continue it). Walked with a stack, so no depth of map exhausts the recursion limit.

    >>> g = nx.DiGraph()
    >>> g.add_node("r", kind="claim"); g.add_node("p", kind="claim"); g.add_node("p->r", kind="argument")
    >>> g.add_edge("p", "p->r", type="premise"); g.add_edge("p->r", "r", type="support")
    >>> [(a, sorted(n)) for a, n, _ in split_views(g, "p->r")]
    [('p->r', ['p', 'p->r', 'r'])]
    """
    found: list[tuple[str, set[str], int]] = []
    stack = [argument]
    while stack:
        current = stack.pop()
        view = _view_within(graph, current, max_claims)
        if view is not None:
            found.append((current, view, 0))
            continue
        premises = [p for p, _, kind in graph.in_edges(current, data="type") if kind == "premise"]
        below = [a for node in [current, *premises] for a, _, kind in graph.in_edges(node, data="type")
                 if kind in ("support", "attack", "undercut")]
        top = {current, next(graph.successors(current)), *premises, *below}
        top |= {p for a in below for p, _, kind in graph.in_edges(a, data="type") if kind == "premise"}
        found.append((current, top, len(below)))
        stack.extend(reversed(below))
    return found
