"""The interactive map: one self-contained HTML page (``map.html``) that opens offline in any browser.

The layout is Graphviz's (the real ``dot``, as for the diagrams), inlined as SVG; panzoom (vendored from
npm with its licence, ``vendor/``) pans and zooms it; ``assets/map.js`` adds the side panel, search,
filters, focus, the URL fragment, and a "what if" evaluated in the page by ``assets/evaluate.js``, a port
of argmap's evaluator that the tests hold to the Python one. The page's data is JSON in a
non-executable script element; a Content-Security-Policy lets only the page's own scripts (by hash)
run and forbids every network request.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources

import networkx as nx

from argmap.analysis.questions import SchemeCritique
from argmap.model import ArgumentMap
from argmap.render.diagram import BLUE, EDGE_STYLE, FILL, VERMILLION, diagram_dot, render
from argmap.render.map_page.data import page_data

__all__ = ["map_page", "map_page_dot", "map_page_html"]

_ASSETS = resources.files("argmap.render.map_page")
#: The scripts the page inlines, in order: the pan/zoom library, the evaluator, the page.
SCRIPTS = ("vendor/panzoom.min.js", "assets/evaluate.js", "assets/map.js")


def map_page_dot(graph: nx.DiGraph) -> str:
    """The DOT the page's diagram is laid out from: the whole map, element ids the page finds nodes by,
    no legend (the page has its own) and no evaluation (the page draws it, and redraws it on a what-if)."""
    return diagram_dot(graph, None, legend=False, element_ids=True)


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could close it or open a comment.

    >>> _script_json({"t": "</script><!--"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace(
        "\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _inline_svg(svg: bytes) -> str:
    """Graphviz's SVG without its XML prologue, doctype and comments, ready to sit inside HTML."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _legend() -> str:
    def line(relation: str) -> str:
        style = EDGE_STYLE[relation]
        dash = {"solid": "", "dashed": ' stroke-dasharray="6 3"', "dotted": ' stroke-dasharray="2 3"'}[style["style"]]
        head = ('<path d="M30 2 L38 7 L30 12 Z" fill="{c}"/>' if style["arrowhead"] == "normal"
                else '<path d="M37 1 L37 13" stroke="{c}" stroke-width="3"/>').format(c=style["color"])
        return (f'<svg width="40" height="14" aria-hidden="true"><path d="M2 7 L36 7" stroke="{style["color"]}" '
                f'stroke-width="2.5"{dash}/>{head}</svg>')

    def box(fill: str, border: str, extra: str = "") -> str:
        return (f'<svg width="26" height="14" aria-hidden="true"><rect x="1" y="1" width="24" height="12" rx="3" '
                f'fill="{fill}" stroke="{border}" stroke-width="1.5"{extra}/></svg>')

    items = [
        (box(FILL["pro"], BLUE), "PRO claim (for the resolution)"),
        (box(FILL["con"], VERMILLION), "CON claim (against it)"),
        (line("support"), "supports"), (line("attack"), "attacks (speaks against)"),
        (line("undercut"), "undercuts an inference (an oval)"),
        ('<span class="pill label-IN">IN 0.85</span>', "stands (grounded labelling); strength 0 to 1 (DF-QuAD)"),
        ('<span class="pill label-OUT">OUT</span>', "falls: the claim is faded"),
        (box("#fff", "#000", ' stroke-dasharray="2 2"'), "dashed border: implicit premise, or undecided"),
        (box("#fff", "#000", ' stroke-width="3" stroke-dasharray="5 2"'), "changed by your what-if"),
    ]
    rows = "".join(f"<li>{mark} {html.escape(text)}</li>" for mark, text in items)
    return f'<details id="legend" open><summary>Legend</summary><ul>{rows}</ul></details>'


def map_page_html(argument_map: ArgumentMap, graph: nx.DiGraph, questions: list[SchemeCritique], svg: bytes) -> str:
    """The page for one map, given the SVG ``dot`` made of :func:`map_page_dot`."""
    scripts = [_asset(name) for name in SCRIPTS]
    title = html.escape(argument_map.title)
    policy = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
              "script-src " + " ".join(_sha256(s) for s in scripts))
    select = ('<label>{label} <select id="filter-{key}" data-key="{key}">{options}</select></label>')
    options = {
        "side": '<option value="">both sides</option><option value="pro">pro</option><option value="con">con</option>',
        "status": ('<option value="">stands or falls</option><option value="IN">stands (IN)</option>'
                   '<option value="OUT">falls (OUT)</option><option value="UNDEC">undecided</option>'),
        "source": '<option value="">any source</option>', "tag": '<option value="">any tag</option>',
        "focus": '<option value="0">whole map</option>' + "".join(
            f'<option value="{n}">{n} step{"s" if n > 1 else ""} around the selected claim</option>' for n in (1, 2, 3)),
    }
    labels = {"side": "Side", "status": "Status", "source": "Source", "tag": "Tag", "focus": "Focus"}
    filters = "".join(select.format(label=labels[k], key=k, options=v) for k, v in options.items())
    body = f"""<header>
<h1>{title}</h1>
<p id="status" aria-live="polite"></p>
<form id="search" role="search"><label for="search-box">Find a claim</label>
<input id="search-box" type="search" autocomplete="off" placeholder="words or id (press /)" aria-describedby="search-count">
<span id="search-count" class="meta" aria-live="polite"></span><ul id="search-results" aria-label="Claims found"></ul></form>
<button type="button" id="more" aria-expanded="false" aria-controls="filters">Filters and zoom</button>
<div class="filters" id="filters">{filters} <span id="shown" class="meta" aria-live="polite"></span></div>
<div class="buttons" id="buttons"><button type="button" id="fit">Fit to screen</button>
<button type="button" id="zoom-in" aria-label="Zoom in">+</button><button type="button" id="zoom-out" aria-label="Zoom out">&minus;</button>
<button type="button" id="reset" disabled>Reset what-if</button></div>
</header>
<main>
<div id="viewport">{_inline_svg(svg)}<div id="tip" role="tooltip" hidden></div>
<div id="minimap" aria-hidden="true"><svg id="minimap-svg" xmlns="http://www.w3.org/2000/svg"></svg></div>{_legend()}</div>
<aside id="panel" hidden aria-labelledby="panel-title">
<button type="button" id="panel-close" aria-label="Close the panel (Escape)">&times;</button>
<h2 id="panel-title" tabindex="-1"></h2><div id="panel-body"></div></aside>
</main>
<details id="outline"><summary>All claims as a list, in reading order</summary><ol id="outline-list"></ol></details>
"""
    data = _script_json(page_data(argument_map, graph, questions))
    script_tags = "".join(f"<script>{s}</script>\n" for s in scripts)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            f"<title>Map: {title}</title>\n<style>{_asset('assets/map.css')}</style>\n</head>\n<body>\n{body}"
            f'<script type="application/json" id="argmap-data">{data}</script>\n{script_tags}</body>\n</html>\n')


def map_page(argument_map: ArgumentMap, graph: nx.DiGraph, questions: list[SchemeCritique]) -> str:
    """The page for one map, laid out by Graphviz's ``dot`` here (raises RenderError without it)."""
    return map_page_html(argument_map, graph, questions, render(map_page_dot(graph), "svg"))
