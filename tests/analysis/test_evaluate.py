"""Evaluation: textbook frameworks with known answers, and properties on random frameworks."""
from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import check, load_project
from argmap.analysis.extensions import extensions
from argmap.analysis.evaluate import (IN, OUT, UNDEC, attack_framework, dfquad_strengths, evaluate,
                             grounded_labelling)


def labels_of(edges: list[tuple[str, str]], nodes: str = "") -> dict[str, str]:
    framework = nx.DiGraph(edges)
    framework.add_nodes_from(nodes)
    return grounded_labelling(framework)


def map_from_yaml(project, text: str):
    project.write("arguments/m.yaml", text)
    loaded = load_project(["arguments"])
    assert [d for d in check(loaded) if d.is_error] == []
    return next(iter(loaded.maps.values()))


# -- textbook frameworks ---------------------------------------------------------------------------

def test_reinstatement() -> None:
    assert labels_of([("a", "b"), ("b", "c")]) == {"a": IN, "b": OUT, "c": IN}


def test_odd_cycle_is_undecided_with_no_stable_extension() -> None:
    framework = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    assert set(grounded_labelling(framework).values()) == {UNDEC}
    found = extensions(framework)
    assert found.preferred == [[]] and found.stable == [] and found.stable_count == 0


def test_even_cycle_has_two_preferred_and_stable_extensions() -> None:
    framework = nx.DiGraph([("a", "b"), ("b", "a")])
    assert set(grounded_labelling(framework).values()) == {UNDEC}
    found = extensions(framework)
    assert found.preferred == [["a"], ["b"]] == found.stable


def test_self_attacker() -> None:
    framework = nx.DiGraph([("a", "a"), ("a", "b"), ("c", "d")])
    assert grounded_labelling(framework) == {"a": UNDEC, "b": UNDEC, "c": IN, "d": OUT}
    found = extensions(framework)
    assert found.preferred == [["c"]] and found.stable == []


def test_nixon_diamond(project) -> None:
    nixon = map_from_yaml(project, """
map: nixon
title: Nixon diamond
resolution: {id: pacifist, text: Nixon is a pacifist., attacks: not-pacifist}
claims:
  - {id: quaker, text: Nixon is a Quaker., implicit: true, supports: pacifist}
  - {id: republican, text: Nixon is a Republican., implicit: true, supports: not-pacifist}
  - {id: not-pacifist, text: Nixon is not a pacifist., attacks: pacifist}
""")
    result = evaluate(nixon)
    assert result.labels["pacifist"] == result.labels["not-pacifist"] == UNDEC
    assert result.labels["quaker"] == result.labels["republican"] == IN
    claim_sets = [{n for n in ext if n in nixon.claims} for ext in result.extensions.preferred]
    assert {frozenset(s) for s in claim_sets} == {frozenset({"quaker", "republican", "pacifist"}),
                                                  frozenset({"quaker", "republican", "not-pacifist"})}
    assert result.extensions.stable_count == 2
    assert "cycle" in result.explanations["pacifist"]


LINKED = """
map: linked
title: Linked
resolution: Copper conducts electricity.
claims:
  - {id: metals, text: Every metal conducts electricity., implicit: true}
  - {id: copper, text: Copper is a metal., implicit: true}
  - {id: alloy, text: This sample is an alloy that merely looks like copper., implicit: true, attacks: copper}
  - {id: unusual, text: This metal was treated to be insulating., implicit: true, undercuts: metal-rule}
arguments:
  - {id: metal-rule, premises: [metals, copper], supports: resolution}
"""


def test_undercut_defeats_a_linked_argument_not_its_conclusion(project) -> None:
    without_alloy = "\n".join(line for line in LINKED.splitlines() if "id: alloy" not in line)
    result = evaluate(map_from_yaml(project, without_alloy))
    assert result.labels["metal-rule"] == OUT
    assert "unusual" in result.explanations["metal-rule"]
    assert result.labels["resolution"] == IN            # claims stand unless attacked
    assert result.labels["metals"] == result.labels["copper"] == IN


def test_attacking_one_co_premise_defeats_the_linked_argument(project) -> None:
    text = LINKED.replace("  - {id: unusual, text: This metal was treated to be insulating., implicit: true, "
                          "undercuts: metal-rule}\n", "")
    result = evaluate(map_from_yaml(project, text))
    assert result.labels["copper"] == OUT
    assert result.labels["metal-rule"] == OUT
    assert "premise 'copper'" in result.explanations["metal-rule"]
    assert result.labels["metals"] == IN


def test_dfquad_matches_hand_computation(project) -> None:
    argument_map = map_from_yaml(project, """
map: q
title: Q
resolution: {text: R, weight: 0.5}
claims:
  - {id: s, text: S, weight: 0.8, supports: resolution, implicit: true}
  - {id: a, text: A, weight: 0.6, attacks: resolution, implicit: true}
  - {id: b, text: B, weight: 0.5, attacks: a, implicit: true}
""")
    strengths = evaluate(argument_map).strengths
    a = 0.6 - 0.6 * 0.5                                # attacked by b (0.5): C(0.6, 0.5, 0)
    assert strengths["a"] == pytest.approx(a)
    assert strengths["resolution"] == pytest.approx(0.5 + 0.5 * (0.8 - a))


def test_cycles_are_reported_and_terminate(project) -> None:
    argument_map = map_from_yaml(project, """
map: c
title: C
resolution: R
claims:
  - {id: a, text: A, attacks: b, implicit: true}
  - {id: b, text: B, attacks: a, implicit: true}
""")
    result = evaluate(argument_map)
    assert result.cycles and result.converged
    assert all(0 <= v <= 1 for v in result.strengths.values())


def test_real_map_evaluates(china_evaluation) -> None:
    result = china_evaluation
    assert result.labels["resolution"] == OUT             # the con case's attacks go unanswered
    assert "not-a-model-us" in result.explanations["resolution"]
    assert result.labels["separate-shared-goals->goals-conflict-arg"] == IN
    assert result.labels["goals-conflict-arg"] == OUT
    assert "separate-shared-goals" in result.explanations["goals-conflict-arg"]
    assert result.strengths["framework-answers-consolidation"] == 0.3     # an analyst's claim starts lower


# -- properties on random frameworks ---------------------------------------------------------------

frameworks = st.integers(1, 7).flatmap(lambda n: st.sets(
    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n * 2).map(
    lambda edges, n=n: _framework(n, edges)))


def _framework(n: int, edges: set[tuple[int, int]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(str(i) for i in range(n))
    graph.add_edges_from((str(a), str(b)) for a, b in edges)
    return graph


def conflict_free(framework: nx.DiGraph, chosen: set[str]) -> bool:
    return not any(framework.has_edge(a, b) for a in chosen for b in chosen)


def admissible(framework: nx.DiGraph, chosen: set[str]) -> bool:
    attacked = {t for c in chosen for t in framework.successors(c)}
    return conflict_free(framework, chosen) and all(
        a in attacked for c in chosen for a in framework.predecessors(c))


def brute_force_preferred(framework: nx.DiGraph) -> set[frozenset[str]]:
    nodes = list(framework)
    admissible_sets = [frozenset(s) for k in range(len(nodes) + 1) for s in combinations(nodes, k)
                       if admissible(framework, set(s))]
    return {s for s in admissible_sets if not any(s < other for other in admissible_sets)}


@settings(max_examples=300, deadline=None)
@given(frameworks)
def test_grounded_is_conflict_free_admissible_and_in_every_preferred(framework: nx.DiGraph) -> None:
    grounded = {n for n, label in grounded_labelling(framework).items() if label == IN}
    assert conflict_free(framework, grounded) and admissible(framework, grounded)
    found = extensions(framework)
    for preferred in found.preferred:
        assert grounded <= set(preferred)


@settings(max_examples=300, deadline=None)
@given(frameworks)
def test_extensions_match_their_definitions(framework: nx.DiGraph) -> None:
    found = extensions(framework)
    preferred = {frozenset(p) for p in found.preferred}
    assert preferred == brute_force_preferred(framework)
    for stable in map(set, found.stable):
        assert frozenset(stable) in preferred                    # every stable extension is preferred
        outside = set(framework) - stable
        assert all(any(framework.has_edge(s, o) for s in stable) for o in outside)


@st.composite
def bipolar_graphs(draw, acyclic: bool = True) -> nx.DiGraph:
    """Random argument graphs in argmap's schema (claims, inferences with 1-2 premises)."""
    claims = draw(st.integers(1, 7))
    graph = nx.DiGraph()
    for i in range(claims):
        graph.add_node(f"c{i}", kind="claim", weight=draw(st.floats(0, 1)))
    for index in range(draw(st.integers(0, 10))):
        target = draw(st.integers(0, claims - 1))
        low = target + 1 if acyclic else 0
        if low >= claims:
            continue
        premises = sorted(set(draw(st.lists(st.integers(low, claims - 1), min_size=1, max_size=2))))
        name = f"a{index}"
        graph.add_node(name, kind="argument", premises=[f"c{p}" for p in premises])
        for premise in premises:
            graph.add_edge(f"c{premise}", name, type="premise")
        graph.add_edge(name, f"c{target}", type=draw(st.sampled_from(["support", "attack"])))
    return graph


@settings(max_examples=300, deadline=None)
@given(bipolar_graphs(acyclic=False))
def test_dfquad_strengths_lie_in_unit_interval(graph: nx.DiGraph) -> None:
    result = dfquad_strengths(graph)
    assert all(0 <= v <= 1 for v in result.values.values())
    assert set(result.values) == set(graph)


@settings(max_examples=300, deadline=None)
@given(bipolar_graphs())
def test_unrelated_claim_keeps_its_base_score(graph: nx.DiGraph) -> None:
    strengths = dfquad_strengths(graph).values
    for node, data in graph.nodes(data=True):
        if data["kind"] == "claim" and not any(t in ("support", "attack") for _, _, t in graph.in_edges(node, data="type")):
            assert strengths[node] == data["weight"]


@settings(max_examples=300, deadline=None)
@given(bipolar_graphs(), st.floats(0, 1), st.data())
def test_adding_a_supporter_never_lowers_strength(graph: nx.DiGraph, weight: float, data) -> None:
    claims = [n for n, k in graph.nodes(data="kind") if k == "claim"]
    target = data.draw(st.sampled_from(claims))
    before = dfquad_strengths(graph).values[target]
    graph.add_node("new", kind="claim", weight=weight)
    graph.add_node("new->t", kind="argument", premises=["new"])
    graph.add_edge("new", "new->t", type="premise")
    graph.add_edge("new->t", target, type="support")
    assert dfquad_strengths(graph).values[target] >= before - 1e-12


def test_attack_framework_of_real_graph_has_premise_rule_edges(china_graph) -> None:
    framework = attack_framework(china_graph)
    assert framework.edges["goes-own-way->converging", "convergence-arg"]["via"] == "converging"
