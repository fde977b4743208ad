"""What every importer produces, and how it becomes a readable argmap map.

Each format's reader (AIF, Argdown, Kialo, arg-microtexts, SADFace) turns its input into an
:class:`ImportedMap`: claims with their texts and citations, relations between them (support,
attack, undercut; linked premises kept together), sources with their text, and notes on what was
left out. :func:`map_yaml` writes it as YAML a person would have written: the resolution on top,
each claim nested under the one claim it serves when it serves only one, ids only where something
refers to them, schemes, speakers and notes kept.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

import yaml

from argmap.load.map_file import ID_PATTERN

#: Nested reasons go at most this deep; deeper claims are written flat with 'supports:'/'attacks:'
#: (argmap refuses YAML nested more than 100 levels, and each reason level takes two).
MAX_NESTING = 20


class ImportProblem(ValueError):
    """The input is not valid in its format; the message names the place and what is wrong."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line, self.column = line, column


@dataclass
class ImportedCitation:
    source: str
    quote: str
    speaker: str = ""
    note: str = ""


@dataclass
class ImportedClaim:
    key: str
    text: str
    citations: list[ImportedCitation] = field(default_factory=list)
    note: str = ""
    implicit: bool = False
    tags: list[str] = field(default_factory=list)
    original_id: str = ""
    #: An id to keep when it is a valid argmap id (a title in Argdown, argmap's own id in its AIF).
    id_hint: str = ""


@dataclass
class ImportedRelation:
    """Premises (claim keys) that support or attack a claim, or undercut another relation (by key)."""

    key: str
    relation: str
    premises: list[str]
    target: str
    scheme: str = ""
    note: str = ""


@dataclass
class ImportedSource:
    id: str
    title: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportedMap:
    id: str
    title: str
    claims: dict[str, ImportedClaim] = field(default_factory=dict)
    relations: dict[str, ImportedRelation] = field(default_factory=dict)
    resolution: str = ""
    sources: list[ImportedSource] = field(default_factory=list)
    description: str = ""
    notes: list[str] = field(default_factory=list)

    def add_claim(self, claim: ImportedClaim) -> ImportedClaim:
        self.claims[claim.key] = claim
        return claim

    def add_relation(self, relation: ImportedRelation) -> None:
        self.relations[relation.key] = relation


def link_edges(edges: list, known: object, source_key: str, target_key: str,
               id_key: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The incoming and outgoing neighbours of every node of a node-and-edge JSON format (AIF,
    SADFace); an edge that is not an object, or that names a node the document lacks, is a problem
    naming the edge and the end.

    >>> link_edges([{"from": "a", "to": "b"}], {"a": 1, "b": 2}, "from", "to", "id")
    ({'a': [], 'b': ['a']}, {'a': ['b'], 'b': []})
    """
    incoming: dict[str, list[str]] = {key: [] for key in known}
    outgoing: dict[str, list[str]] = {key: [] for key in known}
    for index, edge in enumerate(edges):
        if not isinstance(edge, dict):
            raise ImportProblem(f"edge {index + 1} is not an object with '{source_key}' and '{target_key}'")
        source, target = str(edge.get(source_key)), str(edge.get(target_key))
        for end, key in ((source_key, source), (target_key, target)):
            if key not in incoming:
                raise ImportProblem(f"edge {edge.get(id_key, index + 1)} points at node {key} ({end}), which does not "
                                    "exist")
        outgoing[source].append(target)
        incoming[target].append(source)
    return incoming, outgoing


def argmap_id(text: str, taken: set[str], fallback: str = "claim") -> str:
    """A valid, unused argmap id made from ``text`` (an original id, or a claim's first words).

    >>> argmap_id("Node 931", set()), argmap_id("RA#7", {"ra-7"})
    ('node-931', 'ra-7-2')
    """
    base = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6]) or fallback
    if not ID_PATTERN.match(base):
        base = f"{fallback}-{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def choose_resolution(imported: ImportedMap, wanted: str = "") -> None:
    """Set the resolution: the claim named by ``wanted`` (key or text), else the claim every other
    claim leads to, else the root most claims lead to; a note says which was chosen and why."""
    if wanted:
        match = imported.claims.get(wanted) or next((c for c in imported.claims.values() if c.text == wanted), None)
        if match is None:
            raise ImportProblem(f"--resolution '{wanted}' is neither a claim id nor a claim's text in the file")
        imported.resolution = match.key
        return
    if imported.resolution or not imported.claims:
        return
    leads_to: dict[str, set[str]] = {key: set() for key in imported.claims}
    targets_of: dict[str, list[str]] = {key: [] for key in imported.claims}
    for relation in imported.relations.values():
        if relation.target in imported.claims:
            for premise in relation.premises:
                targets_of[premise].append(relation.target)
    for key in imported.claims:                       # everything reachable upwards from each claim
        stack, seen = [key], set()
        while stack:
            for target in targets_of[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        for target in seen:
            leads_to[target].add(key)
    roots = [key for key in imported.claims if not targets_of[key]]
    best = max(roots or list(imported.claims), key=lambda k: (len(leads_to[k]), -list(imported.claims).index(k)))
    imported.resolution = best
    if len(roots) > 1:
        imported.notes.append(f"{len(roots)} claims are conclusions of nothing; the resolution is the one "
                              f"{len(leads_to[best])} other claim(s) lead to, the most of any: "
                              f"\u201c{imported.claims[best].text[:80]}\u201d (give --resolution to choose another)")


def map_yaml(imported: ImportedMap) -> str:
    """The map as readable argmap YAML (see the module docstring)."""
    ids = _claim_ids(imported)
    relation_ids = _relation_ids(imported, ids)
    nested_under, children = _nesting(imported)
    roots = [imported.resolution] + [k for k in imported.claims if k not in nested_under and k != imported.resolution]
    nested: set[str] = set()                 # relations written by nesting a claim under its target
    placed: set[str] = set()
    for root in roots:
        stack = [(root, 0)]
        placed.add(root)
        while stack:
            key, depth = stack.pop()
            for child in children.get(key, []):
                if child not in placed and depth < MAX_NESTING:
                    placed.add(child)
                    nested.add(nested_under[child])
                    stack.append((child, depth + 1))
    roots += [k for k in imported.claims if k not in placed]        # nesting cycles: written flat
    flat = [r for k, r in imported.relations.items() if k not in nested]
    referenced = {p for r in flat for p in r.premises} | {r.target for r in flat if r.relation != "undercut"}

    def claim_entry(key: str) -> dict:
        claim = imported.claims[key]
        entry: dict = {"id": ids[key]} if key in referenced or key == imported.resolution else {}
        entry["text"] = claim.text
        if claim.implicit:
            entry["implicit"] = True
        if claim.tags:
            entry["tags"] = claim.tags
        if claim.citations:
            cites = [_citation_entry(c) for c in claim.citations]
            entry["cite"] = cites[0] if len(cites) == 1 else cites
        notes = [claim.note] if claim.note else []
        if claim.original_id:
            notes.append(f"imported from {claim.original_id}")
        if notes:
            entry["note"] = "; ".join(notes)
        own = nested_under.get(key)
        if own in nested:
            relation = imported.relations[own]
            if relation.scheme:
                entry["scheme"] = relation.scheme
            if own in relation_ids:
                entry["argument_id"] = relation_ids[own]
        for field_name, kind in (("reasons", "support"), ("objections", "attack")):
            kids = [c for c in children.get(key, []) if nested_under[c] in nested
                    and imported.relations[nested_under[c]].relation == kind]
            if kids:
                entry[field_name] = [claim_entry(child) for child in kids]
        return entry

    document: dict = {"map": imported.id, "title": imported.title}
    if imported.description:
        document["description"] = imported.description
    document["resolution"] = claim_entry(imported.resolution)
    if claims := [claim_entry(key) for key in dict.fromkeys(roots[1:])]:
        document["claims"] = claims
    arguments = []
    for relation in flat:
        entry: dict = {"id": relation_ids[relation.key]} if relation.key in relation_ids else {}
        entry["premises"] = [ids[p] for p in relation.premises]
        target = relation_ids[relation.target] if relation.relation == "undercut" else ids[relation.target]
        entry[{"support": "supports", "attack": "attacks", "undercut": "undercuts"}[relation.relation]] = target
        if relation.scheme:
            entry["scheme"] = relation.scheme
        if relation.note:
            entry["note"] = relation.note
        arguments.append(entry)
    if arguments:
        document["arguments"] = arguments
    header = "".join(f"# {line}\n" for note in imported.notes for line in _wrap(note))
    body = yaml.dump(document, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return header + body


class _IndentedDumper(yaml.SafeDumper):
    """Indents list items under their key, as people write YAML (PyYAML puts them flush)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _wrap(note: str) -> list[str]:
    return textwrap.wrap(note, 96) or [""]


def _citation_entry(citation: ImportedCitation) -> dict:
    entry = {"source": citation.source, "quote": citation.quote}
    if citation.speaker:
        entry["speaker"] = citation.speaker
    if citation.note:
        entry["note"] = citation.note
    return entry


def _nesting(imported: ImportedMap) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Which claims nest under which: a claim that is the single premise of exactly one support or
    attack of a claim, and premise of nothing else, goes under that claim."""
    uses: dict[str, int] = {key: 0 for key in imported.claims}
    for relation in imported.relations.values():
        for premise in relation.premises:
            uses[premise] += 1
    nested_under: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    for key, relation in imported.relations.items():
        if relation.relation == "undercut" or len(relation.premises) != 1:
            continue
        premise = relation.premises[0]
        if uses[premise] == 1 and premise != imported.resolution and relation.target in imported.claims:
            nested_under[premise] = key
            children.setdefault(relation.target, []).append(premise)
    return nested_under, children


def _claim_ids(imported: ImportedMap) -> dict[str, str]:
    """Every claim gets an id (written only where something refers to it, see :func:`map_yaml`)."""
    taken: set[str] = {"resolution"}
    ids = {imported.resolution: "resolution"} if imported.resolution else {}
    hinted = {key: claim.id_hint for key, claim in imported.claims.items()
              if key not in ids and claim.id_hint and ID_PATTERN.match(claim.id_hint)}
    for key, hint in hinted.items():
        if hint not in taken:
            ids[key] = hint
            taken.add(hint)
    for key, claim in imported.claims.items():
        if key not in ids:
            ids[key] = argmap_id(claim.text, taken)
    return ids


def _relation_ids(imported: ImportedMap, ids: dict[str, str]) -> dict[str, str]:
    """Ids for the relations an undercut names (the only relations that need one)."""
    taken = set(ids.values())
    needed = {r.target for r in imported.relations.values() if r.relation == "undercut"}
    return {key: argmap_id(f"{key}-arg" if not key.endswith("arg") else key, taken, "arg") for key in imported.relations
            if key in needed}
