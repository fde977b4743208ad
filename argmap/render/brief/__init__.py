"""Markdown debate briefs: the case for each side, evidence cards, A2 blocks and the evaluation.

Headings follow debaters' Word templates so a brief converted to a document keeps its navigation:
pocket = H1 (a side, the evaluation, the sources), hat = H2 (case, answers, offense), block = H3
(a contention or an A2 block), tag = H4 (an evidence card). Cards put the tag first, then the cite
(the short spoken form in bold, then the full written form), then the card: the source's sentences
with the quoted words in bold and the highlight marked ``==like this==``.

Like markdown-it's rules, each section is a plain function (:mod:`.sections`) over one state object
(:class:`.state.BriefState`) handed from section to section.
"""
from __future__ import annotations

import networkx as nx

from argmap.analysis.evaluate import Evaluation
from argmap.model import ArgumentMap
from argmap.render.brief import sections
from argmap.render.brief.state import BriefState
from argmap.render.escape import escape_markdown
from argmap.render import Made
from argmap.load.gcpause import paused_gc
from argmap.load.schemes import schemes_for_map


def contention_arguments(argument_map: ArgumentMap) -> list[str]:
    """The arguments directly on the resolution (each side's contentions), in map order."""
    return [a.id for a in argument_map.arguments.values() if a.target == argument_map.resolution]


@paused_gc
def brief_markdown(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation, side: str = "both",
                   diagram: str | None = None, contention_diagrams: dict[str, str] | None = None,
                   interactive: str | None = None, speech: bool = False, by_strength: bool = False,
                   made: Made | None = None) -> str:
    """The brief as CommonMark (tables and ``==mark==`` aside, which GitHub and argmap's HTML render).
    ``diagram`` links the whole map's diagram, ``interactive`` its interactive map; ``contention_diagrams``
    maps contention ids to theirs. ``speech`` makes the speech document a debater reads from: tags,
    cites, cards and blocks, without ids, labels, strengths, evaluation or the analyst's readings.
    ``by_strength`` orders the contentions strongest first instead of as the speaker runs them. ``made``
    keeps each card between runs by the digest of its source and citation (the same brief either way)."""
    sides = ["pro", "con"] if side == "both" else [side]
    state = BriefState(argument_map, graph, evaluation, diagram, interactive, contention_diagrams or {},
                       schemes=schemes_for_map(argument_map), speech=speech, by_strength=by_strength, made=made)
    sections.write_header(state)
    for one in sides if not speech else []:
        sections.write_overview(state, one)
    state.doc.heading(2, "Contents")
    toc_at = len(state.doc.lines)
    for one in sides:
        sections.write_case(state, one)
        sections.write_answers(state, one)
        sections.write_offense(state, one)
    sections.write_analyst_readings(state)
    sections.write_evaluation(state)
    sections.write_sources(state)
    toc = [f"{'  ' * (level - 1)}- [{escape_markdown(text)}](#{anchor})"
           for level, text, anchor in state.doc.toc[1:] if anchor != "contents"]
    lines = state.doc.lines[:toc_at] + toc + state.doc.lines[toc_at:]
    return state.link_cards("\n".join(_squeeze_blank_lines(lines)).strip()) + "\n"


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        if line == "" and result and result[-1] == "":
            continue
        result.append(line)
    return result
