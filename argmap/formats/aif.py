"""The Argument Interchange Format, as the JSON that AIFdb and OVA read and write: export and import.

Claims become I-nodes; a support inference an RA-node (its text the AIFdb scheme name, or "Default
Inference"); an attack a CA-node ("Default Conflict"); an undercut a CA-node whose edge points at
the RA- or CA-node it attacks. Edges run premise -> S-node -> conclusion, as AIF requires. Each
citation is a locution (L-node -> YA "Asserting" -> I-node). docs/interchange.md has the mapping.
"""
from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from argmap.formats.imported import (ImportedCitation, ImportedClaim, ImportedMap, ImportedRelation, ImportProblem,
                                     argmap_id, link_edges)
from argmap.load.schemes import Scheme
from argmap.model import Source
from argmap.load.gcpause import paused_gc

DEFAULT_TEXT = {"support": "Default Inference", "attack": "Default Conflict", "undercut": "Default Conflict"}
NODE_TYPE = {"support": "RA", "attack": "CA", "undercut": "CA"}
#: argmap's scheme ids and the names AIFdb's scheme vocabulary gives them.
AIFDB_SCHEMES = {
    "expert-opinion": "Expert Opinion", "position-to-know": "Position To Know", "analogy": "Analogy",
    "cause-to-effect": "Cause To Effect", "positive-consequences": "Positive Consequences",
    "negative-consequences": "Negative Consequences", "sign": "Sign", "example": "Example",
    "popular-opinion": "Popular Opinion", "precedent": "Precedent", "ad-hominem": "Ad Hominem",
    "slippery-slope": "Slippery Slope", "established-rule": "Established Rule",
}
AIFDB_NAMES_TO_IDS = {name.lower(): scheme for scheme, name in AIFDB_SCHEMES.items()}
AIFDB_NAMES_TO_IDS |= {scheme.replace("-", " "): scheme for scheme in AIFDB_SCHEMES}


def aif_timestamp(date: str) -> str:
    """An AIFdb timestamp from a source's date ('' when the source states none).

    >>> aif_timestamp("2021-08-30"), aif_timestamp("")
    ('2021-08-30 00:00:00', '')
    """
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date or "")
    if not match:
        return ""
    return f"{match.group(1)}-{match.group(2) or '01'}-{match.group(3) or '01'} 00:00:00"


@paused_gc
def to_aif(graph: nx.DiGraph, schemes: dict[str, Scheme] | None = None, sources: dict[str, Source] | None = None) -> dict:
    """The AIF JSON document (``nodes``, ``edges``, ``locutions``, ``participants``) of an argument graph.

    Scheme names follow AIFdb's vocabulary; a conflict node never carries an inference scheme (an
    argmap scheme on an attack travels in ``argmapScheme``). Each citation becomes a locution: an
    L-node (the speaker's verified quote) asserting its claim through a YA-node, with the source,
    paragraph and quote in the locution's ``argmap`` record and the source's date as its timestamp.

    >>> g = nx.DiGraph(map="m")
    >>> g.add_node("r", kind="claim", text="R", citations=[]); g.add_node("p", kind="claim", text="P", citations=[])
    >>> g.add_node("p->r", kind="argument", relation="support", scheme="")
    >>> g.add_edge("p", "p->r", type="premise"); g.add_edge("p->r", "r", type="support")
    >>> [(n["text"], n["type"]) for n in to_aif(g)["nodes"]]
    [('R', 'I'), ('P', 'I'), ('Default Inference', 'RA')]
    """
    sources = sources or {}
    ids = {node: str(number) for number, node in enumerate(graph, 1)}
    nodes, locutions, participants, extra_edges = [], [], {}, []
    next_id = len(ids) + 1
    for node, data in graph.nodes(data=True):
        if data["kind"] == "claim":
            nodes.append({"nodeID": ids[node], "text": data["text"], "type": "I", "timestamp": "", "argmapId": node})
            continue
        entry = {"nodeID": ids[node], "type": NODE_TYPE[data["relation"]], "timestamp": "", "argmapId": node}
        if data["relation"] == "support" and data["scheme"] in AIFDB_SCHEMES:
            entry |= {"text": AIFDB_SCHEMES[data["scheme"]], "scheme": AIFDB_SCHEMES[data["scheme"]]}
        elif data["relation"] == "support" and data["scheme"]:
            name = schemes[data["scheme"]].name if schemes and data["scheme"] in schemes else data["scheme"]
            entry |= {"text": name, "scheme": name}
        else:
            entry["text"] = DEFAULT_TEXT[data["relation"]]
            if data["scheme"]:
                entry["argmapScheme"] = data["scheme"]
        nodes.append(entry)
    for node, data in graph.nodes(data=True):
        for citation in data.get("citations", []) if data["kind"] == "claim" else []:
            source = sources.get(citation["source"])
            speaker = citation["speaker"] or (source.get("author") if source else "") or citation["source"]
            person = participants.setdefault(speaker, {"participantID": str(len(participants) + 1),
                                                       "firstname": speaker.split(",")[0], "surname": ""})
            timestamp = aif_timestamp(source.get("date")) if source else ""
            l_node, ya_node = str(next_id), str(next_id + 1)
            next_id += 2
            nodes += [{"nodeID": l_node, "text": f"{speaker.split(',')[0]}: {citation['quote']}", "type": "L",
                       "timestamp": timestamp},
                      {"nodeID": ya_node, "text": "Asserting", "type": "YA", "timestamp": timestamp}]
            extra_edges += [(l_node, ya_node), (ya_node, ids[node])]
            locutions.append({"nodeID": l_node, "personID": person["participantID"], "timestamp": timestamp,
                              "argmap": {"source": citation["source"], "quote": citation["quote"],
                                         "paragraph": citation["paragraph"], "speaker": citation["speaker"]}})
    pairs = [(ids[source], ids[target]) for source, target in graph.edges] + extra_edges
    edges = [{"edgeID": str(number), "fromID": source, "toID": target, "formEdgeID": None}
             for number, (source, target) in enumerate(pairs, 1)]
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": list(participants.values())}


# -- reading AIF ----------------------------------------------------------------------------------

#: AIF node types that belong to the dialogue (locutions, illocutions, transitions), not the argument.
DIALOGUE_TYPES = ("L", "YA", "TA")


def read_aif(data: object, name: str) -> ImportedMap:
    """An :class:`ImportedMap` from AIF JSON as AIFdb, OVA (its ``{"AIF": ...}`` wrapper included) and
    AraucariaDB write it: I-nodes become claims, RA-nodes supports (linked when several premises, one
    per conclusion when several), CA-nodes attacks, or undercuts when they point at an RA- or CA-node;
    MA-nodes (rephrase) become notes; L/YA/TA dialogue nodes are skipped and counted, except that a
    locution argmap wrote carries its citation back.
    """
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ImportProblem("not AIF JSON: expected an object with 'nodes' and 'edges' lists")
    nodes: dict[str, dict] = {}
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or "nodeID" not in node or "type" not in node:
            raise ImportProblem(f"node {index + 1} lacks 'nodeID' or 'type'")
        nodes[str(node["nodeID"])] = node
    incoming, outgoing = link_edges(data["edges"], nodes, "fromID", "toID", "edgeID")
    imported = ImportedMap(argmap_id(name, set(), "map"), str(data.get("title") or name))
    for key, node in nodes.items():
        if node["type"] == "I" and isinstance(node.get("text"), str) and node["text"].strip():
            own = str(node.get("argmapId") or "")
            imported.add_claim(ImportedClaim(f"n{key}", " ".join(str(node["text"]).split()),
                                             original_id="" if own else f"AIF node {key}", id_hint=own))
    _read_inferences(imported, nodes, incoming, outgoing)
    _read_locutions(imported, data, nodes, incoming, outgoing)
    skipped = Counter(node["type"] for node in nodes.values() if node["type"] in (*DIALOGUE_TYPES, "PA"))
    if skipped:
        imported.notes.append("skipped dialogue and preference nodes: "
                              + ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items())))
    return imported


def _read_inferences(imported: ImportedMap, nodes: dict[str, dict], incoming: dict[str, list[str]],
                     outgoing: dict[str, list[str]]) -> None:
    """RA and CA nodes as relations; MA (rephrase) nodes as notes on the claims they join."""
    dropped = 0
    for key, node in nodes.items():
        kind = node["type"]
        premises = [f"n{s}" for s in incoming[key] if nodes[s]["type"] == "I" and f"n{s}" in imported.claims]
        if kind == "MA":
            for source in premises:
                for target in outgoing[key]:
                    if f"n{target}" in imported.claims:
                        claim = imported.claims[source]
                        claim.note = "; ".join(filter(None, [claim.note, f"rephrased as \u201c{imported.claims[f'n{target}'].text[:80]}\u201d"]))
            continue
        if kind not in ("RA", "CA"):
            continue
        if not premises:
            dropped += 1
            continue
        scheme = _scheme_of(node) if kind == "RA" else str(node.get("argmapScheme") or "")
        targets = outgoing[key] or []
        for number, target in enumerate(targets, 1):
            relation_key = f"s{key}" if len(targets) == 1 else f"s{key}-{number}"
            target_type = nodes[target]["type"]
            if target_type == "I" and f"n{target}" in imported.claims:
                relation = "support" if kind == "RA" else "attack"
                imported.add_relation(ImportedRelation(relation_key, relation, premises, f"n{target}", scheme))
            elif target_type in ("RA", "CA") and kind == "CA":
                imported.add_relation(ImportedRelation(relation_key, "undercut", premises, f"s{target}"))
            else:
                dropped += 1
    for relation in list(imported.relations.values()):       # undercuts of inferences that were split or dropped
        if relation.relation == "undercut" and relation.target not in imported.relations:
            split = [k for k in imported.relations if k.startswith(relation.target + "-")]
            if split:
                relation.target = split[0]
            else:
                del imported.relations[relation.key]
                dropped += 1
    if dropped:
        imported.notes.append(f"{dropped} inference(s) without premises or with an unsupported target were left out")


def _scheme_of(node: dict) -> str:
    """The argmap scheme id of an RA-node's AIFdb scheme name ('' for a default inference)."""
    name = str(node.get("scheme") or node.get("text") or "").strip().lower()
    name = name.removeprefix("argument from ").removeprefix("argument ")
    return AIFDB_NAMES_TO_IDS.get(name, "")


def _read_locutions(imported: ImportedMap, data: dict, nodes: dict[str, dict], incoming: dict[str, list[str]],
                    outgoing: dict[str, list[str]]) -> None:
    """Citations carried back from locutions argmap wrote (L -> YA -> I, with an 'argmap' record)."""
    for locution in data.get("locutions") or []:
        if not isinstance(locution, dict) or not isinstance(locution.get("argmap"), dict):
            continue
        record = locution["argmap"]
        for ya in outgoing.get(str(locution.get("nodeID")), []):
            for target in outgoing.get(ya, []):
                claim = imported.claims.get(f"n{target}")
                if claim and record.get("source") and record.get("quote"):
                    claim.citations.append(ImportedCitation(str(record["source"]), str(record["quote"]),
                                                            str(record.get("speaker") or "")))
