"""SADFace (the Simple Argument Description Format): JSON with ``nodes`` (atoms and schemes),
``edges`` between them, ``resources`` (texts) and ``metadata``.

An atom becomes a claim, with a citation of each of its ``sources`` that quotes a text resource; a
scheme node whose name says support (or names an inference scheme) becomes support from the atoms
pointing at it to the atom it points at, a ``conflict``/``attack`` scheme an attack, and a scheme
pointing at another scheme an undercut.
"""
from __future__ import annotations

from argmap.formats.imported import (ImportedCitation, ImportedClaim, ImportedMap, ImportedRelation, ImportedSource,
                                     ImportProblem, argmap_id, link_edges)

CONFLICT_NAMES = ("conflict", "attack", "rebut", "undercut", "contradiction")


def _text(value: object) -> str:
    """A text field, or '' when the document has something else there."""
    return value if isinstance(value, str) else ""


def _list(value: object) -> list:
    """A list field, or nothing when the document has something else there."""
    return value if isinstance(value, list) else []


def read_sadface(data: object, name: str) -> ImportedMap:
    """An :class:`ImportedMap` from a SADFace document."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ImportProblem("not SADFace: expected an object with 'nodes' and 'edges' lists")
    metadata = data.get("metadata")
    core = metadata.get("core") if isinstance(metadata, dict) else None
    core = core if isinstance(core, dict) else {}
    imported = ImportedMap(argmap_id(name, set(), "map"), _text(core.get("title")) or name,
                           description=_text(core.get("description")))
    taken: set[str] = set()
    resource_ids: dict[str, str] = {}
    for resource in _list(data.get("resources")):
        if isinstance(resource, dict) and resource.get("type", "text") == "text" and _text(resource.get("content")):
            source_id = argmap_id(_text(resource.get("title")) or str(resource.get("id")), taken, "source")
            resource_ids[str(resource.get("id"))] = source_id
            imported.sources.append(ImportedSource(source_id, _text(resource.get("title")) or source_id,
                                                   _text(resource["content"])))
    kinds: dict[str, str] = {}
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or "id" not in node or node.get("type") not in ("atom", "scheme"):
            raise ImportProblem(f"node {index + 1} needs an 'id' and a type 'atom' or 'scheme'")
        key = str(node["id"])
        kinds[key] = node["type"]
        if node["type"] == "atom":
            citations = [ImportedCitation(resource_ids[str(s.get("resource_id"))], _text(s.get("text")))
                         for s in _list(node.get("sources")) if isinstance(s, dict)
                         and str(s.get("resource_id")) in resource_ids and _text(s.get("text"))]
            imported.add_claim(ImportedClaim(f"a{key}", " ".join(_text(node.get("text")).split()) or key, citations,
                                             original_id=f"SADFace atom {key}"))
    incoming, outgoing = link_edges(data["edges"], kinds, "source_id", "target_id", "id")
    names = {str(n["id"]): (_text(n.get("name")) or "support").lower() for n in data["nodes"] if n["type"] == "scheme"}
    for key, scheme_name in names.items():
        premises = [f"a{s}" for s in incoming[key] if kinds[s] == "atom"]
        if not premises:
            imported.notes.append(f"scheme node {key} has no premises and was left out")
            continue
        conflict = any(word in scheme_name for word in CONFLICT_NAMES)
        for number, target in enumerate(outgoing[key], 1):
            relation_key = f"s{key}" if len(outgoing[key]) == 1 else f"s{key}-{number}"
            if kinds[target] == "atom":
                imported.add_relation(ImportedRelation(relation_key, "attack" if conflict else "support", premises,
                                                       f"a{target}"))
            elif conflict:
                imported.add_relation(ImportedRelation(relation_key, "undercut", premises, f"s{target}"))
    return imported
