"""The documents of a build that can be made away from its main thread, in a worker process (each a
top-level function, so a spawned worker can run it; :mod:`argmap.apps.workers`), with the pieces they are
made of kept between builds (:class:`argmap.apps.fragments.FragmentStore`): the brief (Markdown and HTML),
the Word speech documents, the flow sheet and the critique sheet; and the worksheet's texts, made in the
build's own process with the worksheet's diagrams."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from argmap.analysis.evaluate import Evaluation
from argmap.apps.fragments import FragmentStore
from argmap.apps.renders import json_bytes
from argmap.load.schemes import Scheme
from argmap.model import ArgumentMap
from argmap.render.brief import brief_markdown
from argmap.render.docx import brief_docx
from argmap.render.flow import flow_html, flow_sides, flow_xlsx
from argmap.render.html_page import markdown_to_html
from argmap.teach.critique import critique, critique_markdown
from argmap.teach.worksheet import choose_blanks, make_worksheet

#: Worksheet settings for the exports (the same every build, so the files stay stable).
WORKSHEET_BLANKS, WORKSHEET_SEED = 8, 1


def word_document(markdown: str, title: str, kept: Path | None = None) -> bytes:
    """A Word brief's bytes, converting only the parts not ``kept`` from the last build (a top-level
    function, so a worker process can run it)."""
    store = FragmentStore(kept)
    document = brief_docx(markdown, title, store.made, signed=True)
    store.save()
    return document


def html_document(markdown: str, title: str, kept: Path | None = None) -> bytes:
    """brief.html's bytes, rendering only the parts not ``kept`` from the last build (a top-level
    function, so a worker process can run it)."""
    store = FragmentStore(kept)
    page = markdown_to_html(markdown, title, store.made)
    store.save()
    return page.encode("utf-8")


def speech_document(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation, side: str, title: str,
                    cards: Path | None = None, parts: Path | None = None) -> bytes:
    """A Word speech document of ``side`` ("both", "pro", "con"): the brief's speech Markdown, with the
    evidence cards kept in ``cards``, converted to Word with the parts kept in ``parts`` (a top-level
    function, so a worker process can make it while the build goes on)."""
    store = FragmentStore(cards)
    markdown = brief_markdown(argument_map, graph, evaluation, side, speech=True, made=store.made)
    store.save()
    return word_document(markdown, title, parts)


def brief_documents(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation, title: str,
                    links: dict, cards: Path | None = None, parts: Path | None = None) -> dict[str, bytes]:
    """brief.md, its evidence cards kept in ``cards``, and brief.html, its parts kept in ``parts``;
    ``links``: the brief's links to the build's diagrams and interactive map (:func:`brief_markdown`'s
    ``diagram``, ``contention_diagrams`` and ``interactive``)."""
    store = FragmentStore(cards)
    brief = brief_markdown(argument_map, graph, evaluation, made=store.made, **links)
    store.save()
    return {"brief.md": brief.encode("utf-8"), "brief.html": html_document(brief, title, parts)}


def flow_documents(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation) -> dict[str, bytes]:
    """The flow sheet, as a workbook and as HTML (a top-level function, so a worker process can make it)."""
    sides = flow_sides(argument_map, graph)
    return {"flow.xlsx": flow_xlsx(argument_map, sides), "flow.html": flow_html(argument_map, sides).encode("utf-8")}


def critique_documents(argument_map: ArgumentMap, graph: nx.DiGraph, evaluation: Evaluation,
                       schemes: dict[str, Scheme]) -> dict[str, bytes]:
    """The critique sheet, Markdown and JSON (a top-level function, so a worker process can make it)."""
    result = critique(argument_map, graph, evaluation, schemes)
    return {"critique.md": critique_markdown(result, argument_map).encode("utf-8"),
            "critique.json": json_bytes(result.to_dict())}


def worksheet_texts(argument_map: ArgumentMap, graph: nx.DiGraph,
                    schemes: dict[str, Scheme]) -> tuple[dict[str, bytes], nx.DiGraph]:
    """The worksheet and its answer key; and the worksheet's graph (blanks as empty boxes, claims as C1,
    C2, ...) its diagrams are drawn from."""
    blanks = choose_blanks(argument_map, WORKSHEET_BLANKS, WORKSHEET_SEED)
    sheet = make_worksheet(argument_map, graph, schemes, blanks, WORKSHEET_SEED)
    return {"worksheet.md": sheet.markdown.encode("utf-8"), "answer-key.md": sheet.answer_key.encode("utf-8")}, \
        sheet.graph
