"""Slide diagrams: each contention drawn as a sequence of small diagrams that fit a 16:9 slide at
1920 × 1080 with no text under 18 px. A slide shows one claim with the reasons and objections given
directly for or against it (at most :data:`PREMISES_PER_SLIDE` premises; more go on the next slide,
"part 2 of 3"); a reason that has reasons of its own gets the slides after it ("continued"). Text is
set large (:data:`SLIDE_FONTS`), titles are words, and one legend slide explains every mark.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

import networkx as nx

from argmap.render.diagram import Fonts, diagram_dot, render, title_words

#: Point sizes on slides: the smallest (15 pt = 20 px at 100%) stays at 18 px or more when a slide of
#: up to 1,440 × 810 pt is fitted to 1920 × 1080 px.
SLIDE_FONTS = Fonts(claim=20, resolution=22, details=15, inference=15, legend=17, title=24)
SLIDE_WIDTH, SLIDE_HEIGHT, MIN_TEXT_PX = 1920, 1080, 18
#: Premise claims on one slide (side by side on the bottom rank, with their ovals).
PREMISES_PER_SLIDE = 4
#: Characters a claim's text is wrapped at on a slide.
SLIDE_WRAP = 26


@dataclass(frozen=True)
class Slide:
    claim: str
    nodes: frozenset[str]
    part: int
    parts: int
    continued: bool


def slides_for(graph: nx.DiGraph, contention: str) -> list[Slide]:
    """The slides of one contention (an argument on the resolution), in the order a speaker shows them.

    >>> g = nx.DiGraph()
    >>> for c in ("r", "p", "q"): g.add_node(c, kind="claim")
    >>> for a, (prem, t) in {"p->r": ("p", "r"), "q->p": ("q", "p")}.items():
    ...     g.add_node(a, kind="argument", premises=[prem], target=t)
    ...     g.add_edge(prem, a, type="premise"); g.add_edge(a, t, type="support")
    >>> [(s.claim, sorted(s.nodes)) for s in slides_for(g, "p->r")]
    [('p', ['p', 'q', 'q->p'])]
    """
    found: list[Slide] = []
    stack = list(reversed(graph.nodes[contention]["premises"]))
    seen: set[str] = set()
    while stack:
        claim = stack.pop()
        if claim in seen:
            continue
        seen.add(claim)
        arguments = [a for a, _, kind in graph.in_edges(claim, data="type") if kind in ("support", "attack")]
        chunks: list[list[str]] = [[]]
        for argument in arguments:
            size = len(graph.nodes[argument]["premises"])
            if chunks[-1] and sum(len(graph.nodes[a]["premises"]) for a in chunks[-1]) + size > PREMISES_PER_SLIDE:
                chunks.append([])
            chunks[-1].append(argument)
        below = [p for a in arguments for p in graph.nodes[a]["premises"]
                 if any(kind in ("support", "attack") for _, _, kind in graph.in_edges(p, data="type"))]
        for part, chunk in enumerate(chunks if arguments else [], 1):
            nodes = {claim}
            for argument in chunk:
                nodes |= {argument, *graph.nodes[argument]["premises"]}
                for undercut, _, kind in graph.in_edges(argument, data="type"):
                    if kind == "undercut" and len(nodes) < 3 * PREMISES_PER_SLIDE:
                        nodes |= {undercut, *graph.nodes[undercut]["premises"]}
            found.append(Slide(claim, frozenset(nodes), part, len(chunks), bool(below)))
        stack.extend(reversed(below))
    return found


def slide_dot(graph: nx.DiGraph, slide: Slide, evaluation=None) -> str:
    """The DOT of one slide, titled with the claim's words."""
    text = title_words(graph.nodes[slide.claim]["text"], 60)
    title = f"\u201c{text}\u201d: reasons and objections"
    if slide.parts > 1:
        title += f" (part {slide.part} of {slide.parts})"
    if slide.continued:
        title += "; continued on the next slides"
    return diagram_dot(graph, evaluation, nodes=set(slide.nodes), legend=False, fonts=SLIDE_FONTS, width=SLIDE_WRAP,
                       title=title)


def legend_dot(graph: nx.DiGraph) -> str:
    """The legend slide: every mark the slides use, explained, at slide size."""
    return diagram_dot(graph, None, nodes=set(), legend=True, fonts=SLIDE_FONTS, title="How to read the slides")


#: Contentions drawn on the overview slide; more are named in its title and drawn on their own slides.
OVERVIEW_CONTENTIONS = 8
#: The overview sets its small text (details, inference ovals) as large as the claims' (18 pt = 24 px), so a
#: row of contentions up to 1,920 pt wide still fits a slide at 18 px when shrunk to it.
OVERVIEW_FONTS = Fonts(claim=20, resolution=22, details=18, inference=18, legend=18, title=26)


def overview_dot(graph: nx.DiGraph, contentions: list[str], evaluation=None) -> str:
    """The map at a glance, at slide size: the resolution and the contentions on it (the first
    :data:`OVERVIEW_CONTENTIONS`; the slides of each contention go deeper)."""
    resolution = graph.graph["resolution"]
    shown = contentions[:OVERVIEW_CONTENTIONS]
    nodes = {resolution, *shown, *(p for a in shown for p in graph.nodes[a]["premises"])}
    title = f"The debate at a glance: \u201c{title_words(graph.nodes[resolution]['text'], 90)}\u201d"
    if len(contentions) > len(shown):
        title += f" and its first {len(shown)} of {len(contentions)} contentions"
    return diagram_dot(graph, evaluation, nodes=nodes, legend=False, fonts=OVERVIEW_FONTS, width=SLIDE_WRAP,
                       title=title)


def smallest_text_px(svg: str) -> float:
    """The smallest text of a rendered diagram, in pixels, once it is fitted to a 1920 × 1080 slide."""
    width, height = (float(x) for x in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    scale = min(SLIDE_WIDTH / (width * 4 / 3), SLIDE_HEIGHT / (height * 4 / 3))
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)) * 4 / 3 * scale


def fit_to_slide(dot: str) -> str:
    """``dot`` as it is if it fits a slide with no text under :data:`MIN_TEXT_PX`; else with its leaves
    staggered over more ranks by Graphviz's ``unflatten`` (the first spread that fits, or the one that
    comes closest), so a row of claims too wide for the slide wraps instead of shrinking."""
    best, best_px = dot, smallest_text_px(render(dot, "svg").decode("utf-8"))
    for spread in (2, 3, 4):
        if best_px >= MIN_TEXT_PX:
            break
        try:
            staggered = subprocess.run(["unflatten", "-f", "-l", str(spread)], input=dot.encode("utf-8"),
                                       capture_output=True, check=True, timeout=60).stdout.decode("utf-8")
        except (OSError, subprocess.SubprocessError):     # no unflatten (it ships with Graphviz): as it is
            break
        px = smallest_text_px(render(staggered, "svg").decode("utf-8"))
        if px > best_px:
            best, best_px = staggered, px
    return best


def contention_steps(graph: nx.DiGraph) -> list[str]:
    """The inferences directly on the resolution, in the graph's order (the worksheet's graph, relabelled,
    has no map to ask)."""
    resolution = graph.graph["resolution"]
    return [a for a, _ in graph.in_edges(resolution) if graph.nodes[a]["kind"] == "argument"
            and graph.nodes[a].get("relation") in ("support", "attack")]
