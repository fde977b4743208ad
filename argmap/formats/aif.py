"""Export a map in the Argument Interchange Format, as the JSON that AIFdb and OVA read.

Claims become I-nodes; a support inference an RA-node (its text the scheme name, or "Default
Inference"); an attack a CA-node ("Default Conflict"); an undercut a CA-node whose edge points at
the RA- or CA-node it attacks. Edges run premise -> S-node -> conclusion, as AIF requires.
"""
from __future__ import annotations

import networkx as nx

from argmap.load.schemes import Scheme

DEFAULT_TEXT = {"support": "Default Inference", "attack": "Default Conflict", "undercut": "Default Conflict"}
NODE_TYPE = {"support": "RA", "attack": "CA", "undercut": "CA"}


def to_aif(graph: nx.DiGraph, schemes: dict[str, Scheme] | None = None) -> dict:
    """The AIF JSON document (``nodes``, ``edges``, ``locutions``) of an argument graph.

    >>> g = nx.DiGraph(map="m")
    >>> g.add_node("r", kind="claim", text="R"); g.add_node("p", kind="claim", text="P")
    >>> g.add_node("p->r", kind="argument", relation="support", scheme="")
    >>> g.add_edge("p", "p->r", type="premise"); g.add_edge("p->r", "r", type="support")
    >>> [(n["text"], n["type"]) for n in to_aif(g)["nodes"]]
    [('R', 'I'), ('P', 'I'), ('Default Inference', 'RA')]
    """
    schemes = schemes or {}
    ids = {node: str(number) for number, node in enumerate(graph, 1)}
    nodes = []
    for node, data in graph.nodes(data=True):
        if data["kind"] == "claim":
            nodes.append({"nodeID": ids[node], "text": data["text"], "type": "I", "timestamp": ""})
            continue
        scheme = schemes.get(data["scheme"])
        text = scheme.name if scheme else (data["scheme"].replace("-", " ").capitalize() if data["scheme"]
                                           else DEFAULT_TEXT[data["relation"]])
        entry = {"nodeID": ids[node], "text": text, "type": NODE_TYPE[data["relation"]], "timestamp": ""}
        if data["scheme"]:
            entry["scheme"] = text
        nodes.append(entry)
    edges = [{"edgeID": str(number), "fromID": ids[source], "toID": ids[target], "formEdgeID": None}
             for number, (source, target) in enumerate(graph.edges, 1)]
    return {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}
