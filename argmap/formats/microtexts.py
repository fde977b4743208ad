"""arg-microtexts (Peldszus & Stede): an ``.xml`` argument graph over the segments of its ``.txt``.

EDUs are text segments; ADUs are argumentative units made of one EDU (or a ``joint`` of several).
An ADU becomes a claim whose citation is its segment, verbatim from the text; ``sup``/``exa``
become support, ``reb`` attack, ``und`` an undercut of the edge it targets, ``add`` a further
premise of the argument it joins (a linked argument). The ADU nothing points from is the central
claim: the resolution.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from argmap.check.quotes import MIN_QUOTE_WORDS, words_of
from argmap.formats.imported import (ImportedCitation, ImportedClaim, ImportedMap, ImportedRelation, ImportedSource,
                                     ImportProblem, argmap_id)

RELATIONS = {"sup": "support", "exa": "support", "reb": "attack", "und": "undercut"}


def read_microtext(xml_text: str, text: str, name: str) -> ImportedMap:
    """An :class:`ImportedMap` (with its text as the one source) from a microtext's XML and ``.txt``."""
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise ImportProblem(f"not well-formed XML: {error}", line, column + 1) from error
    if root.tag != "arggraph":
        raise ImportProblem(f"not an arg-microtexts graph: the root element is <{root.tag}>, not <arggraph>")
    source_id = argmap_id(root.get("id") or name, set(), "text")
    segments = {e.get("id"): " ".join((e.text or "").split()) for e in root.iter("edu")}
    joints = [j.get("id") for j in root.iter("joint")]
    edges = {e.get("id"): e for e in root.iter("edge")}
    parts: dict[str, list[str]] = {}
    for edge in edges.values():
        if edge.get("type") == "seg":
            parts.setdefault(edge.get("trg"), []).append(edge.get("src"))
    imported = ImportedMap(source_id, f"Microtext {root.get('id') or name}" + (
        f" ({root.get('topic_id').replace('_', ' ')})" if root.get("topic_id") else ""))
    imported.sources.append(ImportedSource(source_id, imported.title, text, {"kind": "other"}))
    for adu in root.iter("adu"):
        key = adu.get("id")
        edus = _edus_of(key, parts, joints)
        if not edus or any(e not in segments for e in edus):
            raise ImportProblem(f"ADU {key} is not segmented into known EDUs")
        quotes = [segments[e] for e in edus]
        citable = [q for q in quotes if len(words_of(q)) >= MIN_QUOTE_WORDS]
        claim = imported.add_claim(ImportedClaim(key, " ".join(quotes), [ImportedCitation(source_id, q) for q in citable],
                                                 tags=[adu.get("type")] if adu.get("type") else [], original_id=f"ADU {key}"))
        if len(citable) < len(quotes):
            claim.note = (f"a segment of fewer than {MIN_QUOTE_WORDS} words is not quoted (argmap's rule for quotes); "
                          "the claim's text is the segment itself")
    for key, edge in edges.items():
        kind = edge.get("type")
        if kind in RELATIONS:
            source, target = edge.get("src"), edge.get("trg")
            if source not in imported.claims:
                raise ImportProblem(f"edge {key} starts at {source}, which is not an ADU")
            relation = RELATIONS[kind]
            if relation != "undercut" and target not in imported.claims:
                raise ImportProblem(f"edge {key} points at {target}, which is not an ADU")
            imported.add_relation(ImportedRelation(key, relation, [source], target,
                                                   "example" if kind == "exa" else ""))
    for key, edge in edges.items():
        if edge.get("type") == "add":
            joined = imported.relations.get(edge.get("trg"))
            if joined is None:
                raise ImportProblem(f"'add' edge {key} joins {edge.get('trg')}, which is not an argument edge")
            joined.premises.append(edge.get("src"))
    for relation in list(imported.relations.values()):
        if relation.relation == "undercut" and relation.target not in imported.relations:
            raise ImportProblem(f"undercut {relation.key} targets {relation.target}, which is not an edge")
    sources_of = {p for r in imported.relations.values() for p in r.premises}
    central = [key for key in imported.claims if key not in sources_of]
    if central:
        imported.resolution = central[0]
    imported.notes.append(f"Imported from the arg-microtexts graph {root.get('id') or name} (stance: "
                          f"{root.get('stance') or 'not given'}); an opponent's ADU the author rebuts is an "
                          "attack, and the author's answer an attack or undercut on it.")
    return imported


def _edus_of(adu: str, parts: dict[str, list[str]], joints: list[str]) -> list[str]:
    """The EDUs an ADU is segmented into, through a joint when it has one."""
    found: list[str] = []
    for part in parts.get(adu, []):
        found += parts.get(part, []) if part in joints else [part]
    return found
