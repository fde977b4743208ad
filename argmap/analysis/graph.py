"""Compile an argument map into a networkx graph in the shape of the Argument Interchange Format.

Nodes are claims (AIF I-nodes, ``kind="claim"``) and inferences (``kind="argument"``: RA-nodes for
support, CA-nodes for attack and undercut). Edges are typed:

- ``premise``: claim -> the argument it is a premise of (several for a linked argument);
- ``support`` / ``attack``: argument -> the claim it supports or attacks;
- ``undercut``: argument -> the argument whose inference it attacks.

docs/graph.md documents every node and edge attribute.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from argmap.load.gcpause import paused_gc
from argmap.model import ArgumentMap


@paused_gc
def build_graph(argument_map: ArgumentMap) -> nx.DiGraph:
    """The map as a typed DiGraph (see the module docstring).

    >>> from argmap.model import Argument, ArgumentMap, Claim
    >>> from argmap.diagnostics import Location
    >>> here = Location("example.yaml")
    >>> claims = {i: Claim(i, f"Claim {i}", here) for i in ("r", "a", "b")}
    >>> arguments = {"a+b->r": Argument("a+b->r", "support", ["a", "b"], "r", here)}
    >>> graph = build_graph(ArgumentMap("m", "T", "r", "", claims, arguments, {}, [], []))
    >>> sorted(graph.in_edges("a+b->r", data="type"))
    [('a', 'a+b->r', 'premise'), ('b', 'a+b->r', 'premise')]
    >>> graph.edges["a+b->r", "r"]["type"], graph.nodes["a+b->r"]["linked"]
    ('support', True)
    """
    nodes: dict[str, dict] = {}
    successors: dict[str, dict[str, dict]] = {}
    predecessors: dict[str, dict[str, dict]] = {}

    def add_node(node: str, data: dict) -> None:
        if node in nodes:
            nodes[node].update(data)
        else:
            nodes[node], successors[node], predecessors[node] = data, {}, {}

    def add_edge(source: str, target: str, relation: str) -> None:
        for end in (source, target):
            if end not in nodes:
                add_node(end, {})
        successors[source][target] = predecessors[target][source] = {"type": relation}

    for claim in argument_map.claims.values():
        citations = [{"source": c.source, "quote": c.quote, "highlight": c.highlight, "speaker": c.speaker,
                      "note": c.note, "paragraph": c.locator.paragraph if c.locator else None,
                      "spans": c.locator.spans if c.locator else []} for c in claim.citations]
        add_node(claim.id, {"kind": "claim", "text": claim.text, "side": claim.side, "weight": claim.base_score,
                            "implicit": claim.implicit, "resolution": claim.is_resolution, "tags": claim.tags,
                            "citations": citations, "note": claim.note})
    for argument in argument_map.arguments.values():
        premise_sides = {argument_map.claims[p].side for p in argument.premises}
        add_node(argument.id, {"kind": "argument", "relation": argument.relation, "scheme": argument.scheme,
                               "linked": argument.linked, "premises": list(argument.premises),
                               "target": argument.target,
                               "side": premise_sides.pop() if len(premise_sides) == 1 else None,
                               "note": argument.note, "answers": argument.answers})
        for premise in argument.premises:
            add_edge(premise, argument.id, "premise")
        add_edge(argument.id, argument.target, argument.relation)
    return graph_from_adjacency(nodes, successors, predecessors, map=argument_map.id, title=argument_map.title,
                                resolution=argument_map.resolution)


def graph_from_adjacency(nodes: dict[str, dict], successors: dict[str, dict[str, dict]],
                         predecessors: dict[str, dict[str, dict]], **attributes: object) -> nx.DiGraph:
    """A DiGraph handed networkx's own dict-of-dicts whole: node data, and each edge's data dict as both
    ``successors[u][v]`` and ``predecessors[v][u]`` (one dict, as networkx keeps it). networkx's setters
    for ``_node``, ``_succ`` (= ``_adj``) and ``_pred`` keep its views in step. Edge by edge, ``add_edge``
    cost 0.6 s of the graph's 1.1 s at 100,000 claims.

    >>> edge = {"type": "support"}
    >>> g = graph_from_adjacency({"a": {}, "b": {}}, {"a": {"b": edge}, "b": {}}, {"a": {}, "b": {"a": edge}}, map="m")
    >>> list(g.edges(data="type")), list(g.predecessors("b")), g.graph
    ([('a', 'b', 'support')], ['a'], {'map': 'm'})
    """
    graph = nx.DiGraph(**attributes)
    graph._node, graph._succ, graph._pred = nodes, successors, predecessors
    return graph


def claims_of(graph: nx.DiGraph) -> list[str]:
    """The claim nodes of an argument graph, in insertion order.

    >>> g = nx.DiGraph(); g.add_node("c", kind="claim"); g.add_node("a", kind="argument")
    >>> claims_of(g)
    ['c']
    """
    return [n for n, kind in graph.nodes(data="kind") if kind == "claim"]


def relations_into(graph: nx.DiGraph, node: str) -> Iterator[tuple[str, str]]:
    """(source, edge type) of each edge into ``node``, in the graph's order: what
    ``graph.in_edges(node, data="type")`` gives, without building an edge view per call (a brief or a
    worksheet asks it for every node, several times).

    >>> g = nx.DiGraph(); g.add_edge("x->c", "c", type="attack"); g.add_edge("y->c", "c", type="support")
    >>> list(relations_into(g, "c"))
    [('x->c', 'attack'), ('y->c', 'support')]
    """
    return ((source, edge["type"]) for source, edge in graph._pred[node].items())


def arguments_into(graph: nx.DiGraph, node: str, relation: str) -> list[str]:
    """The arguments that support, attack or undercut ``node``.

    >>> g = nx.DiGraph(); g.add_edge("x->c", "c", type="attack"); g.add_edge("y->c", "c", type="support")
    >>> arguments_into(g, "c", "attack")
    ['x->c']
    """
    return [source for source, kind in relations_into(graph, node) if kind == relation]


def claim_relations(graph: nx.DiGraph) -> nx.DiGraph:
    """Claims only, with an edge premise -> conclusion for every support or attack (undercuts point at
    the conclusion of the argument they undercut). Used for depth and centrality.

    >>> g = nx.DiGraph()
    >>> g.add_nodes_from(["r", "p", "u"], kind="claim")
    >>> g.add_node("p->r", kind="argument", relation="support", target="r", premises=["p"])
    >>> g.add_node("u->p->r", kind="argument", relation="undercut", target="p->r", premises=["u"])
    >>> sorted(claim_relations(g).edges(data="type"))
    [('p', 'r', 'support'), ('u', 'r', 'undercut')]
    """
    relations = nx.DiGraph()
    relations.add_nodes_from(claims_of(graph))
    for node, data in graph.nodes(data=True):
        if data["kind"] != "argument":
            continue
        target, seen = data["target"], {node}
        while graph.nodes[target]["kind"] == "argument" and target not in seen:
            seen.add(target)
            target = graph.nodes[target]["target"]
        if graph.nodes[target]["kind"] == "argument":
            continue  # undercuts that undercut each other in a circle reach no claim
        for premise in data["premises"]:
            relations.add_edge(premise, target, type=data["relation"])
    return relations


def with_reasons(graph: nx.DiGraph, claims: Iterable[str]) -> set[str]:
    """The claims with every reason given for them, reasons of reasons included, and the support
    inferences between them: what an opponent answers when answering these claims.

    >>> g = nx.DiGraph()
    >>> g.add_node("p->c", kind="argument", premises=["p"]); g.add_node("q->p", kind="argument", premises=["q"])
    >>> g.add_edges_from([("p", "p->c"), ("q", "q->p")], type="premise")
    >>> g.add_edge("p->c", "c", type="support"); g.add_edge("q->p", "p", type="support")
    >>> sorted(with_reasons(g, ["c"]))
    ['c', 'p', 'p->c', 'q', 'q->p']
    """
    found = set(claims)
    stack = list(found)
    while stack:
        for argument, kind in relations_into(graph, stack.pop()):
            if kind == "support" and argument not in found:
                fresh = [p for p in graph.nodes[argument]["premises"] if p not in found]
                found.update([argument, *fresh])
                stack.extend(fresh)
    return found
