"""``argmap worksheet``: a classroom exercise made from a map, and its answer key.

The worksheet shows the map's structure as an outline with some claims blanked, the source passages
to work from, and tasks (fill the blanks, say which claim a paragraph supports, name an argument's
scheme and a critical question). Claims are relabelled C1, C2, ... and inferences A1, A2, ... in the
worksheet and its diagram, so neither ids made from claim text nor the diagram's SVG reveal a blank.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import networkx as nx

from argmap.render.escape import escape_markdown
from argmap.model import ArgumentMap
from argmap.load.schemes import Scheme
from argmap.analysis.graph import graph_from_adjacency, relations_into
from argmap.analysis.stats import unanswered_attacks
from argmap.load.gcpause import paused_gc

RELATION_WORDS = {"support": "reason", "attack": "objection", "undercut": "undercut"}


@dataclass
class Worksheet:
    markdown: str
    answer_key: str
    graph: nx.DiGraph
    blanks: dict[str, int]


def eligible_blanks(argument_map: ArgumentMap) -> list[str]:
    """Claims worth blanking: cited, explicit, not the resolution."""
    return sorted(c.id for c in argument_map.claims.values()
                  if c.citations and not c.implicit and not c.is_resolution)


def choose_blanks(argument_map: ArgumentMap, count: int, seed: int, ids: list[str] | None = None) -> list[str]:
    """The claims to blank: the given ids, or ``count`` eligible claims drawn with ``seed`` (reproducible).

    >>> from argmap.model import Claim, Citation
    >>> from argmap.diagnostics import Location
    >>> here = Location("m.yaml")
    >>> claims = {i: Claim(i, i, here, citations=[Citation("s", "q", here)]) for i in "abcdef"}
    >>> m = ArgumentMap("m", "T", "", "", claims, {}, {}, [], [])
    >>> choose_blanks(m, 3, seed=7) == choose_blanks(m, 3, seed=7)
    True
    """
    if ids:
        unknown = [i for i in ids if i not in argument_map.claims]
        if unknown:
            raise KeyError(", ".join(unknown))
        return list(ids)
    pool = eligible_blanks(argument_map)
    return random.Random(seed).sample(pool, min(count, len(pool)))


def _outline_order(argument_map: ArgumentMap, graph: nx.DiGraph) -> tuple[list[tuple[int, str, str | None]], list[str]]:
    """Depth-first outline from the resolution: (depth, node, via-argument) rows, and the arguments in order."""
    rows: list[tuple[int, str, str | None]] = []
    arguments: list[str] = []
    seen: set[str] = set()

    def visit(start: str) -> None:
        """Depth first with an explicit stack (steps: visit a node, or list an argument), so no depth
        of reasons can exhaust Python's recursion limit."""
        stack: list[tuple[str, str, int, str | None]] = [("visit", start, 0, None)]
        while stack:
            step, node, depth, via = stack.pop()
            if step == "argument":
                arguments.append(node)
                continue
            rows.append((depth, node, via))
            if node in seen:
                continue
            seen.add(node)
            steps: list[tuple[str, str, int, str | None]] = []
            for argument in sorted(a for a, kind in relations_into(graph, node) if kind != "premise"):
                steps.append(("argument", argument, 0, None))
                steps += [("visit", premise, depth + 1, argument) for premise in argument_map.arguments[argument].premises]
                for undercut in sorted(u for u, kind in relations_into(graph, argument) if kind == "undercut"):
                    steps.append(("argument", undercut, 0, None))
                    steps += [("visit", premise, depth + 2, undercut)
                              for premise in argument_map.arguments[undercut].premises]
            stack.extend(reversed(steps))

    visit(argument_map.resolution)
    for claim in argument_map.claims:            # parts not connected to the resolution still appear
        if claim not in seen:
            visit(claim)
    return rows, list(dict.fromkeys(arguments))


@paused_gc
def focus_map(argument_map: ArgumentMap, graph: nx.DiGraph, source: str | None = None,
              contention: str | None = None) -> ArgumentMap:
    """The part of a map a worksheet is about: the claims citing one source (with the uncited claims
    argued directly for or against them), and/or one contention with everything bearing on it."""
    from argmap.teach.assignment import Assignment, assessed_claims, restrict_map

    claims = set(argument_map.claims)
    if source:
        claims &= assessed_claims(argument_map, Assignment(argument_map.id, "", [source]))
    if contention:
        bearing = {contention, *nx.ancestors(graph, contention)}
        for step in graph.successors(contention):            # its own inferences, and what undercuts them
            bearing |= nx.ancestors(graph, step)
        claims &= {n for n in bearing if n in argument_map.claims}
    return restrict_map(argument_map, claims | {argument_map.resolution})


def make_worksheet(argument_map: ArgumentMap, graph: nx.DiGraph, schemes: dict[str, Scheme], blanked: list[str],
                   seed: int = 0) -> Worksheet:
    """The worksheet, its answer key, and the relabelled graph to draw (blanks as empty boxes)."""
    rows, arguments = _outline_order(argument_map, graph)
    claim_label = {}
    for _, node, _ in rows:
        claim_label.setdefault(node, f"C{len(claim_label) + 1}")
    argument_label = {a: f"A{n}" for n, a in enumerate(arguments, 1)}
    blanks = {claim: number for number, claim in enumerate(sorted(blanked, key=lambda c: int(claim_label[c][1:])), 1)}
    rng = random.Random(seed)

    def shown(claim: str) -> str:
        if claim in blanks:
            return f"**[Blank {blanks[claim]}]** \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
        return escape_markdown(argument_map.claims[claim].text)

    lines = [f"# Worksheet: {escape_markdown(argument_map.title)}", "",
             "Name: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_  Date: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_", "",
             f"This map has {len(blanks)} blank(s). Read the source passages, then complete the tasks. "
             "Claims are numbered C1, C2, ...; the relations between them (the inferences) A1, A2, ...", "",
             f"**Resolution (C1):** {escape_markdown(argument_map.claims[argument_map.resolution].text)}", "",
             "## The map", ""]
    printed: set[str] = set()
    for depth, node, via in rows[1:]:
        relation = ""
        if via:
            argument = argument_map.arguments[via]
            relation = f"{argument_label[via]}, {RELATION_WORDS[argument.relation]}"
            if argument.relation == "undercut":
                relation += f" of {argument_label[argument.target]}"
            if argument.linked:
                relation += ", linked"
        side = argument_map.claims[node].side
        marker = f"{side.upper()} " if side else ""
        again = " *(shown above)*" if node in printed else ""
        lines.append(f"{'  ' * (depth - 1)}- {marker}{claim_label[node]} ({relation}): {shown(node)}{again}")
        printed.add(node)
    key = [f"# Answer key: {escape_markdown(argument_map.title)}", "", "## Blanks", ""]
    for claim, number in blanks.items():
        cites = "; ".join(f"{argument_map.sources[c.source].get('title')}, \u00b6{c.locator.paragraph}"
                          for c in argument_map.claims[claim].citations if c.locator)
        key.append(f"{number}. {claim_label[claim]}: {escape_markdown(argument_map.claims[claim].text)} "
                   f"(source: {escape_markdown(cites)})")
    tasks = ["For each blank, write the missing claim in your own words and name the passage that supports it."]
    answers = ["See the blanks above."]
    cited = sorted({(c.source, c.locator.paragraph, claim.id) for claim in argument_map.claims.values()
                    for c in claim.citations if c.locator})
    paragraphs = sorted({(s, n) for s, n, _ in cited})
    asked = set(rng.sample(paragraphs, min(2, len(paragraphs))))
    for source_id, number in sorted(asked):
        supported = sorted({cid for s, n, cid in cited if (s, n) == (source_id, number)},
                           key=lambda c: int(claim_label[c][1:]))
        source_title = argument_map.sources[source_id].get("title")
        tasks.append(f"Which claims in the map does paragraph {number} of \u201c{source_title}\u201d support?")
        answers.append(", ".join(f"{claim_label[c]}" + (f" (blank {blanks[c]})" if c in blanks else "")
                                 + f": {argument_map.claims[c].text}" for c in supported))
    schemed = [a for a in arguments if argument_map.arguments[a].scheme in schemes]
    for argument_id in rng.sample(schemed, min(2, len(schemed))):
        scheme = schemes[argument_map.arguments[argument_id].scheme]
        tasks.append(f"Name the argumentation scheme of {argument_label[argument_id]} and one critical question "
                     "it faces.")
        answers.append(f"{scheme.name}. Any of: " + " ".join(q.question for q in scheme.questions))
    unanswered = [a for a in unanswered_attacks(graph) if a in argument_label]
    if unanswered:
        tasks.append("Find an attack in the map that nothing answers, and write an answer to it.")
        answers.append("Unanswered: " + ", ".join(argument_label[a] for a in unanswered)
                       + ". Any answer that targets the attacking claim or its inference counts.")
    # every passage a blank or a task asks about is printed, so the sheet can be done from the sheet alone
    passages = sorted({(c.source, n) for claim in blanks for c in argument_map.claims[claim].citations if c.locator
                       for n in range(c.locator.paragraph, c.locator.end_paragraph + 1)} | asked)
    lines += ["", "## Source passages", ""]
    for source_id, number in passages:
        source = argument_map.sources[source_id]
        lines += [f"**{escape_markdown(source.get('title'))}, paragraph {number}**", "",
                  "> " + escape_markdown(source.paragraphs[number - 1].text), ""]
    lines += ["## Tasks", ""] + [f"{n}. {escape_markdown(t)}" for n, t in enumerate(tasks, 1)]
    key += ["", "## Tasks", ""] + [f"{n}. {escape_markdown(t)}  \n   **Answer:** {escape_markdown(a)}"
                                   for n, (t, a) in enumerate(zip(tasks, answers, strict=True), 1)]
    return Worksheet("\n".join(lines).rstrip() + "\n", "\n".join(key).rstrip() + "\n",
                     _worksheet_graph(graph, claim_label, argument_label, blanks), blanks)


def _worksheet_graph(graph: nx.DiGraph, claim_label: dict[str, str], argument_label: dict[str, str],
                     blanks: dict[str, int]) -> nx.DiGraph:
    """A copy of the graph to draw: nodes renamed to their labels, blanks emptied, schemes hidden.
    Made in one pass as networkx's own dict-of-dicts, in the order ``nx.relabel_nodes`` of a copy gives
    (a copy and then a relabelled copy took 0.5 s at 10,000 claims)."""
    mapping = {**claim_label, **argument_label}
    nodes, successors, predecessors = {}, {}, {}
    for node, data in graph._node.items():
        name = mapping.get(node, node)
        data = dict(data)
        if node in blanks:
            data.update(text=f"Blank {blanks[node]}: " + "_" * 24, citations=[])
        if data["kind"] == "argument":
            data.update(scheme="", label=argument_label.get(node, ""),
                        premises=[mapping.get(p, p) for p in data["premises"]],
                        target=mapping.get(data["target"], data["target"]))
        nodes[name], successors[name], predecessors[name] = data, {}, {}
    for source, targets in graph._succ.items():
        for target, edge in targets.items():
            successors[mapping.get(source, source)][mapping.get(target, target)] = \
                predecessors[mapping.get(target, target)][mapping.get(source, source)] = dict(edge)
    attributes = graph.graph | {"resolution": claim_label[graph.graph["resolution"]],
                                "title": f"Worksheet: {graph.graph.get('title', '')}"}
    return graph_from_adjacency(nodes, successors, predecessors, **attributes)
