"""The data an interactive map page carries: every node with its text, evaluation and evidence, and the
evaluator's model (:func:`evaluator_model`), as one JSON document the page's script reads.

Nothing here is HTML: the page builds its DOM from this data with ``textContent``, so a claim, quote or
title holding markup is shown as text and never run.
"""
from __future__ import annotations

import re

import networkx as nx

from argmap.analysis.questions import SchemeCritique
from argmap.model import ArgumentMap, Citation, Source
from argmap.render.brief.cards import full_cite, highlight_span, short_cite

_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def evaluator_model(graph: nx.DiGraph) -> dict:
    """What the page's evaluator (``assets/evaluate.js``) needs, in the orders that make its floating-point
    answers the Python evaluator's: nodes in graph order, predecessors in the graph's predecessor order,
    edges in the graph's edge order.

    >>> g = nx.DiGraph(); g.add_node("c", kind="claim", weight=0.5); g.add_node("p", kind="claim", weight=0.5)
    >>> g.add_node("p->c", kind="argument"); g.add_edge("p", "p->c", type="premise")
    >>> g.add_edge("p->c", "c", type="support")
    >>> evaluator_model(g)["preds"]
    [[[2, 'support']], [], [[1, 'premise']]]
    """
    index = {node: number for number, node in enumerate(graph)}
    return {
        "ids": list(graph),
        "kinds": [data["kind"] for _, data in graph.nodes(data=True)],
        "weights": [data.get("weight") if data["kind"] == "claim" else None for _, data in graph.nodes(data=True)],
        "preds": [[[index[source], edge["type"]] for source, edge in graph.pred[node].items()] for node in graph],
        "edges": [[index[u], index[v], kind] for u, v, kind in graph.edges(data="type")],
    }


def reading_order(argument_map: ArgumentMap) -> list[str]:
    """Claims as a reader meets them: the resolution, then each argument on it in map order with its
    premises and, depth first, what bears on them; claims nothing reaches come last, in file order.

    >>> from argmap.model import Argument, Claim
    >>> from argmap.diagnostics import Location
    >>> here = Location("m.yaml")
    >>> claims = {i: Claim(i, i, here) for i in ("r", "b", "a", "x")}
    >>> arguments = {"a->r": Argument("a->r", "support", ["a"], "r", here),
    ...              "b->a": Argument("b->a", "attack", ["b"], "a", here)}
    >>> reading_order(ArgumentMap("m", "T", "r", "", claims, arguments, {}, [], []))
    ['r', 'a', 'b', 'x']
    """
    into: dict[str, list[str]] = {}
    for argument in argument_map.arguments.values():
        into.setdefault(argument.target, []).append(argument.id)
    order: list[str] = []
    seen: set[str] = set()
    stack = [argument_map.resolution]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if node in argument_map.claims:
            order.append(node)
        children = into.get(node, []) if node in argument_map.claims else argument_map.arguments[node].premises
        if node in argument_map.arguments:
            children = [*children, *into.get(node, [])]          # a premise first, then undercuts of the step
        stack.extend(reversed(children))
    return order + [c for c in argument_map.claims if c not in seen]


def safe_url(url: str) -> str:
    """A source's address if it is a plain web address, else "" (no ``javascript:`` or ``data:`` links).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url("https://x/\\"><b>")
    ('https://example.org/a?b=1', '', '')
    """
    return url if _WEB_ADDRESS.match(url.strip()) else ""


def evidence_card(source: Source, citation: Citation) -> dict:
    """One citation as the page shows it: the cites, and the paragraph(s) around the quote as segments
    marked ``quote`` (the quoted words, underlined) or ``highlight`` (marked inside them)."""
    card = {"source": source.id, "short": short_cite(source, citation), "full": full_cite(source, citation),
            "quote": citation.quote, "speaker": citation.speaker, "note": citation.note,
            "url": safe_url(source.get("url")), "segments": []}
    if not citation.locator or not citation.locator.spans:
        return card
    spans = citation.locator.spans
    first = source.paragraph_at(spans[0][0])
    last = source.paragraph_at(max(spans[-1][1] - 1, 0))
    low = first.start if first else spans[0][0]
    high = last.end if last else spans[-1][1]
    highlight = highlight_span(source, citation)
    segments: list[list[str]] = []
    position = low
    for start, end in spans:
        segments.append([source.body[position:start], ""])
        for piece_start, piece_end, kind in _split(start, end, highlight):
            segments.append([source.body[piece_start:piece_end], kind])
        position = end
    segments.append([source.body[position:high], ""])
    card["segments"] = [s for s in segments if s[0]]
    card["paragraphs"] = [first.number if first else citation.locator.paragraph,
                          last.number if last else citation.locator.end_paragraph]
    return card


def _split(start: int, end: int, highlight: tuple[int, int] | None) -> list[tuple[int, int, str]]:
    """A quoted span cut where the highlight begins and ends."""
    if not highlight or highlight[1] <= start or highlight[0] >= end:
        return [(start, end, "quote")]
    low, high = max(start, highlight[0]), min(end, highlight[1])
    return [(a, b, kind) for a, b, kind in ((start, low, "quote"), (low, high, "highlight"), (high, end, "quote"))
            if b > a]


def page_data(argument_map: ArgumentMap, graph: nx.DiGraph, questions: list[SchemeCritique]) -> dict:
    """Everything the page shows, keyed by node index (the SVG's element ids are ``n<index>``). Labels,
    strengths and explanations are not in it: the page computes them (``assets/evaluate.js``), what-if or not."""
    index = {node: number for number, node in enumerate(graph)}
    questions_of = {q.argument: q for q in questions}
    nodes = []
    for node, data in graph.nodes(data=True):
        entry = {"id": node, "kind": data["kind"], "note": data.get("note") or ""}
        if data["kind"] == "claim":
            claim = argument_map.claims[node]
            entry |= {"text": claim.text, "side": "resolution" if claim.is_resolution else (claim.side or ""),
                      "weight": data["weight"], "implicit": claim.implicit, "tags": list(claim.tags),
                      "by": claim.by,
                      "evidence": [evidence_card(argument_map.sources[c.source], c) for c in claim.citations
                                   if c.source in argument_map.sources]}
        else:
            scheme = questions_of.get(node)
            entry |= {"relation": data["relation"], "premises": [index[p] for p in data["premises"]],
                      "target": index[data["target"]], "scheme": data["scheme"], "side": data["side"] or "",
                      "scheme_name": scheme.scheme_name if scheme else "",
                      "questions": [{"id": q.id, "question": q.question,
                                     "answered_by": [index[a] for a in q.answered_by if a in index]}
                                    for q in scheme.questions] if scheme else []}
        nodes.append(entry)
    sources = {s.id: {"title": s.get("title")} for s in argument_map.cited_sources()}
    return {"map": argument_map.id, "title": argument_map.title, "resolution": index[argument_map.resolution],
            "order": [index[c] for c in reading_order(argument_map)], "nodes": nodes, "sources": sources,
            "model": evaluator_model(graph)}
