"""Digests of what argument diagrams are drawn from, so a build keeps the DOT of what an edit did not touch:
a per-subtree view's whole DOT (:func:`view_digest`) and, in a whole-map diagram, each node's lines
(:func:`piece_digest`). Each digest covers everything :func:`argmap.render.diagram.diagram_dot` reads for
that piece, and the text of ``diagram.py`` itself, so a change to how diagrams are drawn keeps nothing.
"""
from __future__ import annotations

import hashlib
from functools import cached_property

import networkx as nx
import orjson

from argmap.analysis.evaluate import Evaluation
from argmap.render import code_digest

def _drawing_code() -> str:
    """The digest of diagram.py's text: a change to how diagrams are drawn changes every digest."""
    return code_digest(("render/diagram.py",))


class NodeDigests:
    """Each node's digest of what its drawing reads (its data, the relations into it, its label and
    strength; diagram.py's code), made once per node however many diagrams draw it: the whole-map DOT,
    the views and the worksheet each asked for it again (0.7 s of a 10,000-claim build went to digests).
    Made for one graph and evaluation that no longer change.

    >>> g = nx.DiGraph(); g.add_node("c", kind="claim", text="A")
    >>> NodeDigests(g, None).of("c") == NodeDigests(g, None).of("c")
    True
    """

    def __init__(self, graph: nx.DiGraph, evaluation: Evaluation | None) -> None:
        self.graph, self.evaluation = graph, evaluation
        self.made: dict[str, bytes] = {}

    def of(self, node: str) -> bytes:
        """The node's digest (raw SHA-256 bytes)."""
        found = self.made.get(node)
        if found is None:
            evaluation = self.evaluation
            mark = (evaluation.labels[node], evaluation.strengths[node]) if evaluation is not None else None
            into = sorted((source, node, edge["type"]) for source, edge in self.graph._pred[node].items())
            found = self.made[node] = hashlib.sha256(_key((_drawing_code(), node, self.graph._node[node], into,
                                                           mark))).digest()
        return found

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each node's place in the graph's order, found once for all the views drawn from it."""
        return {node: number for number, node in enumerate(self.graph)}


def view_digest(digests: NodeDigests, nodes: set[str], caption: str = "") -> str:
    """A digest of everything ``diagram_dot(graph, evaluation, nodes=nodes, caption=caption)`` reads (each
    drawn node's :class:`NodeDigests` digest; the graph's title; diagram.py's code): equal digests, equal
    DOT, so a build keeps the DOT of a view the edit did not touch.

    >>> g = nx.DiGraph(title="T"); g.add_node("c", kind="claim", text="A")
    >>> same = NodeDigests(g, None)
    >>> view_digest(same, {"c"}) == view_digest(same, {"c"}) != view_digest(same, {"c"}, "other")
    True
    """
    graph = digests.graph
    digest = hashlib.sha256(_key((_drawing_code(), caption, digests.evaluation is None, sorted(graph.graph.items()))))
    for node in sorted(node for node in nodes if node in graph):      # any fixed order will do
        digest.update(digests.of(node))
    return digest.hexdigest()


def piece_digest(digests: NodeDigests, node: str, *context: object) -> str:
    """A digest of everything a node's DOT lines read: its :class:`NodeDigests` digest and the ``context``
    they are drawn in (element number, label width, fonts, relation).

    >>> g = nx.DiGraph(); g.add_node("c", kind="claim", text="A")
    >>> same = NodeDigests(g, None)
    >>> piece_digest(same, "c", None, 34) != piece_digest(same, "c", None, 30)
    True
    """
    return hashlib.sha256(digests.of(node) + _key(context)).hexdigest()


def _key(value: object) -> bytes:
    """Data as bytes to digest: JSON by orjson (fast; dataclasses and tuples as JSON, anything else by its
    repr); by repr alone when orjson refuses it (a lone surrogate in a text)."""
    try:
        return orjson.dumps(value, default=repr, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return repr(value).encode("utf-8", "surrogatepass")
