"""Digests of what argument diagrams are drawn from, so a build keeps the DOT of what an edit did not touch:
a per-subtree view's whole DOT (:func:`view_digest`) and, in a whole-map diagram, each node's lines
(:func:`piece_digest`). Each digest covers everything :func:`argmap.render.diagram.diagram_dot` reads for
that piece, and the text of ``diagram.py`` itself, so a change to how diagrams are drawn keeps nothing.
"""
from __future__ import annotations

import hashlib

import networkx as nx
import orjson

from argmap.analysis.evaluate import Evaluation
from argmap.render import code_digest

def _drawing_code() -> str:
    """The digest of diagram.py's text: a change to how diagrams are drawn changes every digest."""
    return code_digest(("render/diagram.py",))


def view_digest(graph: nx.DiGraph, evaluation: Evaluation | None, nodes: set[str], caption: str = "") -> str:
    """A digest of everything ``diagram_dot(graph, evaluation, nodes=nodes, caption=caption)`` reads (each
    drawn node's data, the relations into it and its label and strength; the graph's title;
    diagram.py's code): equal digests, equal DOT, so a build keeps the DOT of a view the edit did not touch.

    >>> g = nx.DiGraph(title="T"); g.add_node("c", kind="claim", text="A")
    >>> view_digest(g, None, {"c"}) == view_digest(g, None, {"c"}) != view_digest(g, None, {"c"}, "other")
    True
    """
    digest = hashlib.sha256(_key((_drawing_code(), caption, evaluation is None, sorted(graph.graph.items()))))
    for node in sorted(node for node in nodes if node in graph):      # any fixed order will do
        mark = (evaluation.labels[node], evaluation.strengths[node]) if evaluation is not None else None
        digest.update(_key((node, graph.nodes[node], sorted(graph.in_edges(node, data="type")), mark)))
    return digest.hexdigest()


def piece_digest(graph: nx.DiGraph, node: str, evaluation: Evaluation | None, *context: object) -> str:
    """A digest of everything a node's DOT lines read: its data, the relations into it, its label and
    strength, and the ``context`` they are drawn in (element number, label width, fonts, relation).

    >>> g = nx.DiGraph(); g.add_node("c", kind="claim", text="A")
    >>> piece_digest(g, "c", None, None, 34) != piece_digest(g, "c", None, None, 30)
    True
    """
    mark = (evaluation.labels[node], evaluation.strengths[node]) if evaluation is not None else None
    return hashlib.sha256(_key((_drawing_code(), node, graph.nodes[node], sorted(graph.in_edges(node, data="type")),
                                mark, context))).hexdigest()


def _key(value: object) -> bytes:
    """Data as bytes to digest: JSON by orjson (fast; dataclasses and tuples as JSON, anything else by its
    repr); by repr alone when orjson refuses it (a lone surrogate in a text)."""
    try:
        return orjson.dumps(value, default=repr, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return repr(value).encode("utf-8", "surrogatepass")
