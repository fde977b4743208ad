"""The flow sheet: the debate as debaters flow it by hand, one column per speech, each argument on its
row and every answer beside what it answers. One sheet per side's case (its contentions, the other
side's responses, this side's answers to those, ...), written as a spreadsheet (openpyxl) and as HTML.
"""
from __future__ import annotations

import html
import io
import re
from copy import copy
from dataclasses import dataclass

import networkx as nx

from argmap.analysis.graph import build_graph, relations_into, with_reasons
from argmap.model import ArgumentMap, opposite_side
from argmap.render.archive import FIXED_TIME, reproducible_zip
from argmap.render.brief.cards import short_cite
from argmap.render.brief.state import linked_tag

#: Columns after the case: the speeches that answer, in turn (a flow wider than this is rare by hand).
MAX_COLUMNS = 6
SIDE_NAMES = {"pro": "Pro", "con": "Con"}
FILL = {"pro": "EAF3FB", "con": "F4BE98"}


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    side: str
    text: str


def _responses(graph: nx.DiGraph, order: dict[str, int], claims: list[str], side: str) -> list[str]:
    """The arguments of ``side`` that attack any of these claims or their reasons, or undercut an inference
    among them, in the map's order."""
    targets = {n for n in with_reasons(graph, claims) if graph.nodes[n]["kind"] == "claim"}
    targets |= {a for claim in list(targets) for _, a, kind in graph.out_edges(claim, data="type") if kind == "premise"}
    found = {a for target in targets for a, kind in relations_into(graph, target)
             if kind in ("attack", "undercut") and graph.nodes[graph.nodes[a]["premises"][0]]["side"] == side}
    return sorted(found, key=order.__getitem__)


def _label(argument_map: ArgumentMap, claim_ids: list[str]) -> str:
    """A cell's text: the claims (linked premises joined), each with its short cite."""
    parts = []
    for claim_id in claim_ids:
        claim = argument_map.claims[claim_id]
        cites = [short_cite(argument_map.sources[c.source], c) for c in claim.citations if c.source in argument_map.sources]
        parts.append(claim.text + (f" [{'; '.join(dict.fromkeys(cites))}]" if cites else ""))
    return linked_tag(parts)


def flow_cells(argument_map: ArgumentMap, side: str, graph: nx.DiGraph | None = None) -> list[Cell]:
    """The cells of one side's flow: its contentions down the first column; each response in the next
    column, from the row of what it answers downwards; answers to answers further right. ``graph`` is the
    map's argument graph (built here when not given)."""
    graph = graph if graph is not None else build_graph(argument_map)
    order = {argument: number for number, argument in enumerate(argument_map.arguments)}
    cells: list[Cell] = []
    row = 0
    contentions = [a for a in argument_map.arguments.values() if a.target == argument_map.resolution
                   and a.relation == ("support" if side == "pro" else "attack")
                   and argument_map.claims[a.premises[0]].side == side]
    for contention in contentions:
        stack: list[tuple[list[str], int, str, set[str]]] = [(contention.premises, 0, side, set())]
        while stack:
            claims, column, speaker, seen = stack.pop()
            cells.append(Cell(row, column, speaker, _label(argument_map, claims)))
            answers = [] if column + 1 >= MAX_COLUMNS else [
                a for a in _responses(graph, order, claims, opposite_side(speaker)) if a not in seen]
            if not answers:
                row += 1
            for answer in reversed(answers):
                stack.append((argument_map.arguments[answer].premises, column + 1, opposite_side(speaker),
                              seen | {answer}))
    return cells


def column_names(side: str) -> list[str]:
    names = []
    for column in range(MAX_COLUMNS):
        speaker = side if column % 2 == 0 else opposite_side(side)
        names.append(f"{SIDE_NAMES[speaker]} {'case' if column == 0 else 'answers' if speaker == side else 'responds'}")
    return names


def flow_sides(argument_map: ArgumentMap, graph: nx.DiGraph | None = None) -> dict[str, list[Cell]]:
    """Each side's flow cells (:func:`flow_cells`), for the workbook and the page to share."""
    graph = graph if graph is not None else build_graph(argument_map)
    return {side: flow_cells(argument_map, side, graph) for side in ("pro", "con")}


def flow_xlsx(argument_map: ArgumentMap, sides: dict[str, list[Cell]] | None = None) -> bytes:
    """The flow as a workbook: a sheet per side's case, a column per speech, text wrapped, sides filled.
    ``sides``: the cells of :func:`flow_sides` (made here when not given). openpyxl is imported here, not
    with the module: it brings numpy, a third of the build's start-up (0.17 s), which its worker takes on."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.styles.cell_style import StyleArray

    book = Workbook()
    book.remove(book.active)
    sides = sides or flow_sides(argument_map)
    for side in ("pro", "con"):
        sheet = book.create_sheet(f"{SIDE_NAMES[side]} case")
        for column, name in enumerate(column_names(side), 1):
            header = sheet.cell(row=1, column=column, value=name)
            header.font = Font(bold=True)
            sheet.column_dimensions[header.column_letter].width = 42
        styled: dict[str, StyleArray] = {}   # per side: the style of its first cell, copied to the rest
        for cell in sides[side]:
            target = sheet.cell(row=cell.row + 2, column=cell.column + 1, value=cell.text)
            if cell.side in styled:
                # openpyxl's idiom for a cell styled like another: setting each style anew looks it up
                # in the workbook's styles by value, which took 0.4 s for a 10,000-claim flow
                target._style = copy(styled[cell.side])
                continue
            target.alignment = Alignment(wrap_text=True, vertical="top")
            target.fill = PatternFill("solid", fgColor=FILL[cell.side])
            styled[cell.side] = target._style
        sheet.freeze_panes = "A2"
    book.properties.creator = "argmap"
    book.properties.created = FIXED_TIME.replace(tzinfo=None)
    stream = io.BytesIO()
    book.save(stream)
    return reproducible_zip(stream.getvalue(), _fixed_modified)


def _fixed_modified(name: str, content: bytes) -> bytes:
    """openpyxl stamps the time of saving into docProps/core.xml; a flow's bytes must depend on the map only."""
    if name != "docProps/core.xml":
        return content
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", content)


def flow_html(argument_map: ArgumentMap, sides: dict[str, list[Cell]] | None = None) -> str:
    """The flow as a standalone, landscape-printing HTML page: a table per side's case (``sides``: as for
    :func:`flow_xlsx`)."""
    parts = []
    sides = sides or flow_sides(argument_map)
    for side in ("pro", "con"):
        cells = sides[side]
        rows = max((c.row for c in cells), default=-1) + 1
        grid = {(c.row, c.column): c for c in cells}
        body = []
        for row in range(rows):
            tds = []
            for column in range(MAX_COLUMNS):
                cell = grid.get((row, column))
                tds.append(f'<td class="{cell.side}">{html.escape(cell.text)}</td>' if cell else "<td></td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        head = "".join(f"<th scope=\"col\">{html.escape(n)}</th>" for n in column_names(side))
        parts.append(f"<h2>{SIDE_NAMES[side]} case</h2>\n<table><thead><tr>{head}</tr></thead><tbody>"
                     + "\n".join(body) + "</tbody></table>")
    title = html.escape(f"Flow: {argument_map.title}")
    style = ("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:1em}table{border-collapse:collapse;width:100%;"
             "table-layout:fixed;font-size:.8em}th,td{border:1px solid #999;padding:.3em;vertical-align:top}"
             f"td.pro{{background:#{FILL['pro']}}}td.con{{background:#{FILL['con']}}}"
             "@page{size:landscape}@media print{tr{page-break-inside:avoid}}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>{style}</style>\n</head>\n<body>\n<h1>{title}</h1>\n" + "\n".join(parts) + "\n</body>\n</html>\n")
