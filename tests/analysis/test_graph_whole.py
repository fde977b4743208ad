"""The argument graph, its attack framework and the worksheet's relabelled graph are handed to networkx
whole, as its own dict-of-dicts (much faster than edge by edge). Each must equal graphs built with networkx's public ``add_node`` and
``add_edge``, down to the order of nodes, edges, predecessors and successors: explanations name the
first attacker, and the extensions listed follow the solver's order."""
from __future__ import annotations

import random

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.graph import build_graph
from argmap.analysis.semantics import SWITCHED_OFF, attack_framework
from argmap.apps.synthetic import write_synthetic_project
from argmap.load.project import load_project
from tests.analysis.test_oracles import bipolar_maps


def graph_edge_by_edge(argument_map) -> nx.DiGraph:
    """build_graph as it was written before: one add_node and add_edge call at a time."""
    graph = nx.DiGraph(map=argument_map.id, title=argument_map.title, resolution=argument_map.resolution)
    for claim in argument_map.claims.values():
        citations = [{"source": c.source, "quote": c.quote, "highlight": c.highlight, "speaker": c.speaker,
                      "note": c.note, "paragraph": c.locator.paragraph if c.locator else None,
                      "spans": c.locator.spans if c.locator else []} for c in claim.citations]
        graph.add_node(claim.id, kind="claim", text=claim.text, side=claim.side, weight=claim.base_score,
                       implicit=claim.implicit, resolution=claim.is_resolution, tags=claim.tags,
                       citations=citations, note=claim.note)
    for argument in argument_map.arguments.values():
        sides = {argument_map.claims[p].side for p in argument.premises}
        graph.add_node(argument.id, kind="argument", relation=argument.relation, scheme=argument.scheme,
                       linked=argument.linked, premises=list(argument.premises), target=argument.target,
                       side=sides.pop() if len(sides) == 1 else None, note=argument.note, answers=argument.answers)
        for premise in argument.premises:
            graph.add_edge(premise, argument.id, type="premise")
        graph.add_edge(argument.id, argument.target, type=argument.relation)
    return graph


def framework_edge_by_edge(graph: nx.DiGraph, switched_off: list[str]) -> nx.DiGraph:
    """attack_framework as it was written before: one add_edge call at a time."""
    framework = nx.DiGraph()
    framework.add_nodes_from(graph)
    direct: dict[str, list[str]] = {}
    for claim in switched_off:
        framework.add_edge(SWITCHED_OFF, claim)
        direct[claim] = [SWITCHED_OFF]
    for source, target, kind in graph.edges(data="type"):
        if kind in ("attack", "undercut"):
            framework.add_edge(source, target)
            direct.setdefault(target, []).append(source)
    for premise, inference, kind in graph.edges(data="type"):
        if kind == "premise":
            for attacker in direct.get(premise, ()):
                framework.add_edge(attacker, inference, via=premise)
    return framework


def layout(graph: nx.DiGraph) -> tuple:
    """Everything about a graph, in order, through networkx's public views (after checking that an edge's
    data is one dict seen from both ends, as networkx keeps it)."""
    assert all(graph.pred[target][source] is data for source, target, data in graph.edges(data=True))
    return (graph.graph, list(graph.nodes(data=True)), list(graph.edges(data=True)),
            {node: list(graph.pred[node].items()) for node in graph},
            {node: list(graph.succ[node].items()) for node in graph}, graph.number_of_edges())


class OrderedSet(frozenset):
    """A frozenset that iterates in the order it was given, so both builders see the same order."""

    def __new__(cls, items: list[str]):
        made = super().__new__(cls, items)
        made.order = list(dict.fromkeys(items))
        return made

    def __iter__(self):
        return iter(self.order)


def test_the_graph_of_the_china_map_and_of_a_synthetic_map_equals_one_built_edge_by_edge(
        china_map, tmp_path) -> None:
    maps = write_synthetic_project(tmp_path, 600)
    for argument_map in [china_map, *load_project([maps]).maps.values()]:
        whole = build_graph(argument_map)
        assert layout(whole) == layout(graph_edge_by_edge(argument_map))
        whole.add_edge("new-a", "new-b", type="support")   # still a graph networkx can change
        assert whole.has_edge("new-a", "new-b") and "new-a" in whole.pred["new-b"]


@settings(max_examples=400, deadline=None)
@given(bipolar_maps(), st.randoms(use_true_random=False))
def test_the_attack_framework_equals_one_built_edge_by_edge(graph: nx.DiGraph, rng: random.Random) -> None:
    claims = [n for n, kind in graph.nodes(data="kind") if kind == "claim"]
    switched_off = rng.sample(claims, rng.randint(0, len(claims)))
    whole = attack_framework(graph, OrderedSet(switched_off))
    assert layout(whole) == layout(framework_edge_by_edge(graph, switched_off))


def worksheet_graph_by_relabelling(graph: nx.DiGraph, claim_label: dict, argument_label: dict,
                                   blanks: dict) -> nx.DiGraph:
    """The worksheet's graph as it was made before: a copy, then networkx's relabel_nodes."""
    copy = graph.copy()
    for claim, number in blanks.items():
        copy.nodes[claim].update(text=f"Blank {number}: " + "_" * 24, citations=[])
    for node, data in copy.nodes(data=True):
        if data["kind"] == "argument":
            data.update(scheme="", label=argument_label.get(node, ""))
    mapping = {**claim_label, **argument_label}
    renamed = nx.relabel_nodes(copy, lambda n: mapping.get(n, n))
    renamed.graph["resolution"] = claim_label[graph.graph["resolution"]]
    renamed.graph["title"] = f"Worksheet: {graph.graph.get('title', '')}"
    for _, data in renamed.nodes(data=True):
        if data["kind"] == "argument":
            data["premises"] = [mapping.get(p, p) for p in data["premises"]]
            data["target"] = mapping.get(data["target"], data["target"])
    return renamed


def test_the_worksheet_graph_equals_a_relabelled_copy(china_map, china_graph) -> None:
    from argmap.teach.worksheet import _worksheet_graph
    claims = list(china_map.claims)
    claim_label = {claim: f"C{number}" for number, claim in enumerate(claims, 1)}
    argument_label = {argument: f"A{number}" for number, argument in enumerate(china_map.arguments, 1)}
    blanks = {claim: number for number, claim in enumerate(claims[1::3], 1)}
    whole = _worksheet_graph(china_graph, claim_label, argument_label, blanks)
    assert layout(whole) == layout(worksheet_graph_by_relabelling(china_graph, claim_label, argument_label, blanks))
    assert china_graph.nodes[claims[1]]["text"] != whole.nodes["C2"]["text"]   # the map's graph is left as it was


def unanswered_by_views(graph: nx.DiGraph) -> list[str]:
    """unanswered_attacks as it was written before, over networkx's edge views."""
    attacked = {target for _, target, kind in graph.edges(data="type") if kind in ("attack", "undercut")}
    return sorted(node for node, _, kind in graph.edges(data="type") if kind in ("attack", "undercut")
                  and node not in attacked
                  and not any(p in attacked for p, _, k in graph.in_edges(node, data="type") if k == "premise"))


@settings(max_examples=400, deadline=None)
@given(bipolar_maps())
def test_unanswered_attacks_read_from_the_adjacency_equal_those_read_through_views(graph: nx.DiGraph) -> None:
    from argmap.analysis.stats import unanswered_attacks

    assert unanswered_attacks(graph) == unanswered_by_views(graph)
