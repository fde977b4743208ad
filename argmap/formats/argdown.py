"""Export a map as Argdown (https://argdown.org), so it opens in Argdown's editor and tools.

Every claim is a titled statement (``[claim-id]: text``) tagged #pro, #con, #implicit or #resolution,
with its sources as YAML data. Every inference is an Argdown argument with a premise-conclusion
structure: a support concludes its target; an attack concludes the target's negation and attacks the
target; an undercut concludes that the target inference fails and undercuts that argument. The
model runs in loose mode, where + and - between statements mean support and attack.
"""
from __future__ import annotations

import json
import re

import networkx as nx

from argmap.load.schemes import Scheme

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
        sources = sorted({f"{c['source']}, paragraph {c['paragraph']}" for c in data["citations"]})
        extra = (" {sources: [" + ", ".join(json.dumps(s, ensure_ascii=False) for s in sources) + "]}") if sources else ""
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
