"""Export a map as Argdown (https://argdown.org), so it opens in Argdown's editor and tools.

Every claim is a titled statement (``[claim-id]: text``) tagged #pro, #con, #implicit or #resolution,
with its citations (source, verbatim quote, paragraph, speaker) as the statement's YAML data
(``{cite: [...]}``), which Argdown keeps and :func:`read_argdown` reads back. Every inference is an Argdown argument with a premise-conclusion
structure: a support concludes its target; an attack concludes the target's negation and attacks the
target; an undercut concludes that the target inference fails and undercuts that argument. The
model runs in loose mode, where + and - between statements mean support and attack.
"""
from __future__ import annotations

import json
import re

import networkx as nx

from argmap.formats.imported import ImportedCitation, ImportedClaim, ImportedMap, ImportedRelation, ImportProblem, argmap_id
from argmap.load.schemes import Scheme
from argmap.load.gcpause import paused_gc

_TRAILING_TAGS = re.compile(r"(\s+#[\w-]+)+\s*$")

_UNSAFE = {"[": "(", "]": ")", "<": "\u2039", ">": "\u203a", "{": "(", "}": ")", "#": "no. ", "@": "(at)",
           "*": "\u2217", "_": "\u02cd", "\\": "\u2216"}
_UNSAFE_PATTERN = re.compile("|".join(map(re.escape, [*_UNSAFE, "//", "/*"])))


def argdown_text(text: str) -> str:
    """Text made safe for Argdown: no brackets, braces, tags, mentions, emphasis, escapes or comment markers.

    >>> argdown_text("A [b] <c> #d @e // f")
    'A (b) \u2039c\u203a no. d (at)e / / f'
    """
    replacements = {**_UNSAFE, "//": "/ /", "/*": "/ *"}
    return " ".join(_UNSAFE_PATTERN.sub(lambda m: replacements[m.group(0)], text).split())


def argument_title(argument_id: str) -> str:
    """An argmap argument id as an Argdown argument title ('a->b' would close the angle brackets).

    >>> argument_title("a+b->c#2")
    'a and b to c no. 2'
    """
    return argument_id.replace("->", " to ").replace("+", " and ").replace("#", " no. ")


@paused_gc
def to_argdown(graph: nx.DiGraph, schemes: dict[str, Scheme] | None = None) -> str:
    """The Argdown document of an argument graph."""
    schemes = schemes or {}
    lines = ["===", f"title: {json.dumps(argdown_text(graph.graph.get('title', '')))}", "model:", "    mode: loose", "===", "",
             f"// Exported by argmap from map '{graph.graph.get('map', '')}'.", "", "# Claims", ""]
    for node, data in graph.nodes(data=True):
        if data["kind"] != "claim":
            continue
        tags = ["#resolution"] if data["resolution"] else [f"#{data['side']}"] if data["side"] else []
        if data["implicit"]:
            tags.append("#implicit")
        extra = ""
        if data["citations"]:
            cites = [{"source": c["source"], "quote": c["quote"], "paragraph": c["paragraph"]}
                     | ({"speaker": c["speaker"]} if c["speaker"] else {}) for c in data["citations"]]
            extra = " {cite: " + json.dumps(cites, ensure_ascii=False) + "}"
        lines += [" ".join([f"[{node}]: {argdown_text(data['text'])}", *tags]) + extra, ""]
    lines += ["# Arguments", ""]
    for node, data in graph.nodes(data=True):
        if data["kind"] != "argument":
            continue
        scheme = schemes.get(data["scheme"])
        description = scheme.name if scheme else data["scheme"].replace("-", " ")
        target = data["target"]
        lines.append(f"<{argument_title(node)}>" + (f": {argdown_text(description)}." if description else ""))
        if data["relation"] == "attack":
            lines.append(f"    -> [{target}]")
        elif data["relation"] == "undercut":
            lines.append(f"    _> <{argument_title(target)}>")
        lines.append("")
        premises = data["premises"]
        lines += [f"({number}) [{premise}]" for number, premise in enumerate(premises, 1)]
        lines.append("----")
        if data["relation"] == "support":
            conclusion = f"[{target}]"
        elif data["relation"] == "attack":
            conclusion = f"It is not the case that: {argdown_text(graph.nodes[target]['text'])}"
        else:
            conclusion = f"The inference of @<{argument_title(target)}> does not hold."
        lines += [f"({len(premises) + 1}) {conclusion}", ""]
    return "\n".join(lines).rstrip() + "\n"


# -- reading Argdown ------------------------------------------------------------------------------

_PCS_ROLES = ("premise", "intermediary-conclusion", "main-conclusion")


def read_argdown(parsed: dict, name: str) -> ImportedMap:
    """An :class:`ImportedMap` from the JSON the Argdown CLI writes (``argdown json``): statements
    (equivalence classes) become claims, with tags and any ``cite`` data; an argument with a
    premise-conclusion structure becomes an inference from its premises (linked when several) to its
    conclusion, or, when it attacks or undercuts something, that attack from its premises; an argument
    with only a description becomes a claim of that text; relations between statements become
    single-premise supports and attacks (a contradiction attacks both ways).
    """
    if not isinstance(parsed, dict) or not isinstance(parsed.get("statements"), dict):
        raise ImportProblem("not Argdown JSON: expected 'statements' and 'arguments'")
    statements, arguments = parsed["statements"], parsed.get("arguments") or {}
    imported = ImportedMap(argmap_id(name, set(), "map"), name)
    for title, statement in statements.items():
        members = [m for m in statement.get("members", []) if str(m.get("text", "")).strip()]
        if not members:
            continue
        member = members[0]
        text = " ".join(_TRAILING_TAGS.sub("", member["text"]).split())
        tags = [t for t in statement.get("tags", []) if t not in ("pro", "con", "implicit", "resolution")]
        data = member.get("data") or {}
        citations = [ImportedCitation(str(c["source"]), str(c["quote"]), str(c.get("speaker") or ""))
                     for c in data.get("cite", []) if isinstance(c, dict) and c.get("source") and c.get("quote")]
        claim = imported.add_claim(ImportedClaim(f"s:{title}", text, citations, tags=tags, id_hint=title,
                                                 implicit="implicit" in statement.get("tags", [])))
        if "resolution" in statement.get("tags", []):
            imported.resolution = claim.key
    auxiliary = _read_arguments(imported, arguments, parsed.get("relations") or [])
    for title in auxiliary:
        imported.claims.pop(f"s:{title}", None)
    for number, relation in enumerate(parsed.get("relations") or []):
        if relation.get("fromType") == relation.get("toType") == "equivalence-class":
            source, target = f"s:{relation['from']}", f"s:{relation['to']}"
            if source not in imported.claims or target not in imported.claims:
                continue
            kind = relation.get("relationType")
            if kind in ("support", "entails"):
                imported.add_relation(ImportedRelation(f"r{number}", "support", [source], target))
            elif kind in ("attack", "contrary", "contradictory"):
                imported.add_relation(ImportedRelation(f"r{number}", "attack", [source], target))
                if kind == "contradictory":
                    imported.add_relation(ImportedRelation(f"r{number}b", "attack", [target], source))
    return imported


def _read_arguments(imported: ImportedMap, arguments: dict, relations: list[dict]) -> set[str]:
    """Arguments as inferences; returns the titles of conclusions that only stood for an attack."""
    premises_of: dict[str, list[str]] = {}
    conclusion_of: dict[str, str] = {}
    for title, argument in arguments.items():
        pcs = argument.get("pcs") or []
        premises = [f"s:{m['title']}" for m in pcs if m.get("role") == "premise" and f"s:{m.get('title')}" in imported.claims]
        conclusion = next((m.get("title") for m in pcs if m.get("role") == "main-conclusion"), None)
        if premises:
            premises_of[title] = premises
            conclusion_of[title] = conclusion or ""
        else:
            descriptions = [m for m in argument.get("members", []) if str(m.get("text", "")).strip()]
            if descriptions:
                key = f"a:{title}"
                text = " ".join(_TRAILING_TAGS.sub("", descriptions[0]["text"]).split())
                imported.add_claim(ImportedClaim(key, f"{title}: {text}" if title else text, id_hint=""))
                premises_of[title] = [key]
    auxiliary: set[str] = set()
    outgoing: dict[str, list[dict]] = {}
    from_statement: dict[str, list[dict]] = {}
    for relation in relations:
        if relation.get("fromType") == "argument":
            outgoing.setdefault(relation["from"], []).append(relation)
        else:
            from_statement.setdefault(relation["from"], []).append(relation)
    for title, conclusion in conclusion_of.items():
        # Argdown moves an argument's own relations to its conclusion; an untitled conclusion that only
        # attacks or undercuts (argmap writes "It is not the case that: ...") stands for the argument.
        moved = [r for r in from_statement.get(conclusion, []) if r.get("relationType") in ("attack", "undercut")]
        if conclusion.startswith("Untitled") and moved:
            outgoing.setdefault(title, []).extend(moved)
    for title, premises in premises_of.items():
        scheme = _scheme_from(arguments[title])
        key = f"i:{title}"
        attacks = [r for r in outgoing.get(title, []) if r.get("relationType") in ("attack", "undercut")]
        for number, relation in enumerate(attacks):
            target = relation["to"]
            if relation.get("toType") == "argument" or relation.get("relationType") == "undercut":
                imported.add_relation(ImportedRelation(f"{key}#{number}", "undercut", premises, f"i:{target}", scheme))
            elif f"s:{target}" in imported.claims:
                imported.add_relation(ImportedRelation(f"{key}#{number}", "attack", premises, f"s:{target}", scheme))
        if attacks and conclusion_of.get(title):
            auxiliary.add(conclusion_of[title])
        elif conclusion_of.get(title) and f"s:{conclusion_of[title]}" in imported.claims:
            imported.add_relation(ImportedRelation(key, "support", premises, f"s:{conclusion_of[title]}", scheme))
        for number, relation in enumerate(r for r in outgoing.get(title, []) if r.get("relationType") == "support"):
            if relation.get("toType") == "equivalence-class" and f"s:{relation['to']}" in imported.claims \
                    and relation["to"] != conclusion_of.get(title):
                imported.add_relation(ImportedRelation(f"{key}+{number}", "support", premises, f"s:{relation['to']}",
                                                       scheme))
    for relation in list(imported.relations.values()):       # undercuts name the inference of an argument
        if relation.relation == "undercut" and relation.target not in imported.relations:
            matches = [k for k in imported.relations if k == relation.target or k.startswith(relation.target + "#")]
            if matches:
                relation.target = matches[0]
            else:
                del imported.relations[relation.key]
                imported.notes.append(f"an undercut of <{relation.target[2:]}> was left out: that argument has no inference")
    return auxiliary


def _scheme_from(argument: dict) -> str:
    """The scheme an argument's description names (argmap writes 'Argument from expert opinion.')."""
    from argmap.load.schemes import builtin_schemes

    texts = [str(m.get("text", "")).strip().rstrip(".").lower() for m in argument.get("members", [])]
    for scheme_id, scheme in builtin_schemes().items():
        if scheme.name.lower() in texts or scheme_id.replace("-", " ") in texts:
            return scheme_id
    return ""
