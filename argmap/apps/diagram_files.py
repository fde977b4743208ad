"""The diagram files of a build: a contention as a run of slides (up to ``SLIDE_LIMIT`` claims), a large
map's contention split by subtree (``diagrams/``), and the worksheet's slides; each drawn by ``dot`` in the
build's pool (:class:`argmap.apps.renders.RenderCache`)."""
from __future__ import annotations

import re
from concurrent.futures import Future
from functools import partial

import networkx as nx

from argmap.analysis.evaluate import Evaluation
from argmap.apps.fragments import FragmentStore
from argmap.apps.renders import RenderCache
from argmap.model import ArgumentMap
from argmap.render.diagram import diagram_dot, title_words
from argmap.render.diagram_memo import NodeDigests, view_digest
from argmap.render.diagram_views import split_views
from argmap.render.slides import contention_steps, slide_dot, slides_for


def file_stem(argument_id: str) -> str:
    """A file name made of an id: lower-case letters, digits and dashes, at most 80 characters.

    >>> file_stem("c0->resolution")
    'c0-resolution'
    """
    return re.sub(r"[^a-z0-9]+", "-", argument_id).strip("-")[:80] or "argument"


def contention_stem(argument_id: str) -> str:
    """The name a contention's diagrams and slides start with."""
    return "contention-" + file_stem(argument_id)


def slide_run(renders: RenderCache, graph: nx.DiGraph, contention: str, stem: str,
              evaluation: Evaluation | None = None) -> dict[str, bytes | Future]:
    """One contention's slides, ``<stem>-01.svg``, ``<stem>-02.svg``, ... (with their DOT)."""
    files: dict[str, bytes | Future] = {}
    for number, slide in enumerate(slides_for(graph, contention), 1):
        files |= renders.diagram(f"{stem}-{number:02d}", slide_dot(graph, slide, evaluation), ("svg",))
    return files


def contention_slides(renders: RenderCache, graph: nx.DiGraph, evaluation: Evaluation,
                      contentions: list[str]) -> tuple[dict[str, bytes | Future], dict[str, str]]:
    """Each contention's slides (``slides/``), and the first slide of each, by contention, for the brief
    to link."""
    files: dict[str, bytes | Future] = {}
    links: dict[str, str] = {}
    for argument_id in contentions:
        stem = contention_stem(argument_id)
        slides = slide_run(renders, graph, argument_id, f"slides/{stem}", evaluation)
        files |= slides
        if slides:
            links[argument_id] = f"slides/{stem}-01.svg"
    return files, links


def contention_diagrams(renders: RenderCache, argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation,
                        contentions: list[str], digests: NodeDigests, views: FragmentStore,
                        claims: FragmentStore) -> dict[str, bytes | Future]:
    """Each contention's diagram of everything bearing on it, split by subtree: ``diagrams/<stem>.svg``
    (:func:`contention_stem`) and ``diagrams/<stem>--<below>.svg``, each captioned with what it shows
    and how many diagrams continue it. A view's DOT is kept in ``views`` and its nodes' lines in
    ``claims`` between builds."""
    files: dict[str, bytes | Future] = {}
    for argument_id in contentions:
        stem = contention_stem(argument_id)
        title = title_words(" + ".join(argument_map.claims[p].text for p in argument_map.arguments[argument_id].premises), 70)
        for number, (part, nodes, continued) in enumerate(split_views(graph, argument_id)):
            name = stem if number == 0 else f"{stem}--{file_stem(part)}"
            below = " + ".join(argument_map.claims[p].text for p in argument_map.arguments[part].premises)
            caption = f"contention: {title}" if number == 0 else f"contention: {title}; below: {title_words(below, 70)}"
            if continued:
                caption += f"; continued in {continued} more diagram(s)"
            view = views.made(view_digest(digests, nodes, caption),
                              partial(diagram_dot, graph, evaluation, nodes=nodes, caption=caption,
                                      made=claims.made, digests=digests), str)
            files |= renders.diagram(f"diagrams/{name}", view, ("svg",))
    return files


def worksheet_diagrams(renders: RenderCache, sheet_graph: nx.DiGraph) -> dict[str, bytes | Future]:
    """The worksheet's diagram (blanks as empty boxes, claims as C1, C2, ...) as slide-sized pages, one claim
    with its direct reasons and objections each, contention by contention (``worksheet-diagrams/``)."""
    files: dict[str, bytes | Future] = {}
    for step in contention_steps(sheet_graph):
        files |= slide_run(renders, sheet_graph, step, f"worksheet-diagrams/{file_stem(step.lower())}")
    return files
