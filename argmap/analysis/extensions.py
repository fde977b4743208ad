"""Preferred and stable extensions, enumerated by an answer-set solver (clingo).

The encodings are ASPARTIX's (Egly, Gaggl & Woltran), the approach of the ICCMA competitions'
reference systems: guess a set, require it conflict-free and defending its members; *complete*
adds that every argument it defends is in; *stable*, that it attacks everything outside it;
*preferred* are the subset-maximal complete sets, found with clingo's domain heuristic
(``--heuristic=Domain --enum-mode=domRec``) instead of a saturation encoding.

Only the grounded labelling's undecided part needs a solver: every preferred (and stable)
extension is the grounded extension plus one of each undecided component's, so each component
is solved alone and the counts multiply.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import islice, product

import networkx as nx

from argmap.analysis.semantics import IN, UNDEC, grounded_labelling

#: At most this many preferred / stable extensions are listed (the total is still counted).
MAX_EXTENSIONS = 64
#: A component with more extensions than this is not counted to the end (the count is then unknown).
MAX_COUNTED = 100_000

_CONFLICT_FREE_AND_ADMISSIBLE = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
#show in/1.
"""
ENCODINGS = {
    "stable": _CONFLICT_FREE_AND_ADMISSIBLE + ":- out(X), not defeated(X).\n",
    "preferred": _CONFLICT_FREE_AND_ADMISSIBLE + ":- out(X), not undefended(X).\n#heuristic in(X) : arg(X). [1,true]\n",
}
_OPTIONS = {"stable": [], "preferred": ["--heuristic=Domain", "--enum-mode=domRec"]}


@dataclass
class Extensions:
    """Preferred and stable extensions (at most MAX_EXTENSIONS listed) and how many there are;
    a count is None when it is not known (a component had more than MAX_COUNTED)."""

    preferred: list[list[str]]
    stable: list[list[str]]
    preferred_count: int | None
    stable_count: int | None
    complete: bool = True
    note: str = ""


def solve_component(framework: nx.DiGraph, nodes: list[str], semantics: str) -> tuple[list[frozenset[str]], bool]:
    """The extensions of the sub-framework on ``nodes`` under ``semantics``; the flag is False when
    enumeration stopped at MAX_COUNTED."""
    import clingo

    index = {node: number for number, node in enumerate(nodes)}
    facts = [f"arg({number})." for number in index.values()]
    facts += [f"att({index[a]},{index[b]})." for a, b in framework.subgraph(nodes).edges()]
    control = clingo.Control(["0", *_OPTIONS[semantics]], logger=lambda code, message: None)
    control.add("base", [], ENCODINGS[semantics] + "\n".join(facts))
    control.ground([("base", [])])
    found: list[frozenset[str]] = []
    with control.solve(yield_=True) as handle:
        for model in handle:
            found.append(frozenset(nodes[symbol.arguments[0].number] for symbol in model.symbols(shown=True)))
            if len(found) > MAX_COUNTED:
                return found[:MAX_COUNTED], False
    return found, True


def extensions(framework: nx.DiGraph, labels: dict[str, str] | None = None) -> Extensions:
    """Preferred and stable extensions, built on the grounded labelling.

    >>> af = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])   # a and b attack each other
    >>> result = extensions(af)
    >>> result.preferred, result.stable
    ([['a', 'c'], ['b']], [['a', 'c'], ['b']])
    >>> five = nx.DiGraph([(x, y) for x in "abcde" for y in "abcde" if x != y])
    >>> extensions(five).preferred_count, extensions(five).stable_count
    (5, 5)
    """
    labels = labels or grounded_labelling(framework)
    grounded = [n for n, label in labels.items() if label == IN]
    undecided = [n for n, label in labels.items() if label == UNDEC]
    parts = [sorted(c) for c in nx.weakly_connected_components(framework.subgraph(undecided))]
    listed: dict[str, list[list[str]]] = {}
    counts: dict[str, int | None] = {}
    exact = True
    for semantics in ("preferred", "stable"):
        solved = [solve_component(framework, part, semantics) for part in parts]
        exact = exact and all(done for _, done in solved)
        counts[semantics] = math.prod(len(found) for found, _ in solved) if all(d for _, d in solved) else None
        combinations = islice(product(*(found for found, _ in solved)), MAX_EXTENSIONS)
        listed[semantics] = sorted(sorted(set(grounded).union(*choice)) for choice in combinations)
    note = "" if exact else (f"an undecided part has more than {MAX_COUNTED:,} extensions; they were not all counted")
    return Extensions(listed["preferred"], listed["stable"], counts["preferred"], counts["stable"], exact, note)


def reader_nodes(graph: nx.DiGraph) -> set[str]:
    """The framework a reader would draw: every claim, and every inference that is more than a copy
    of its premise (a copy has one premise and no undercut, so it stands and falls with it)."""
    shown = set()
    pred = graph._pred  # networkx's own adjacency: no edge view per inference
    for node, data in graph.nodes(data=True):
        if data["kind"] == "claim":
            shown.add(node)
        elif len(data.get("premises", ())) != 1 or any(
                edge["type"] in ("attack", "undercut") for edge in pred[node].values()):
            shown.add(node)
    return shown


def project_extensions(found: Extensions, shown: set[str]) -> Extensions:
    """The same extensions listed over ``shown`` only (copies decide nothing, so counts stay)."""
    def project(sets: list[list[str]]) -> list[list[str]]:
        return [list(s) for s in sorted({tuple(n for n in s if n in shown) for s in sets})]
    return Extensions(project(found.preferred), project(found.stable), found.preferred_count, found.stable_count,
                      found.complete, found.note)
