"""Argument diagrams: Graphviz DOT from an argument graph, rendered by the real ``dot`` program.

Visual language (the legend inside every diagram explains it):
- the resolution at the top (rank direction bottom-to-top: reasons sit below what they support);
- side is shown by the boxes (fill and border): pro claims light blue with a "PRO" tag, con claims light
  orange with a "CON" tag;
- relation is shown by the lines, in colours no side uses: support a bluish-green solid line with an
  arrow; attack a black dashed line with a flat "tee" head; undercut a reddish-purple dotted line with a
  tee head, drawn to the inference node it attacks. Line style and head differ too, so the diagram
  survives greyscale printing and colour blindness (Okabe-Ito palette);
- an inference gets its own small node when it is linked (co-premises join there), names a scheme,
  or is undercut; a plain single-premise reason is drawn as one edge;
- implicit premises have a dashed border and say "implicit"; cited claims show how many sources.

Large maps: ``focus`` and ``depth`` draw a claim's neighbourhood; ``group`` clusters by side,
source or tag. ``dot`` is run with a bounded crossing-minimisation budget so 500 claims still render.
"""
from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass
from functools import partial
from typing import Callable

import graphviz
import networkx as nx

from argmap.analysis.evaluate import OUT, Evaluation
from argmap.render import DIAGRAM_FORMATS, Made, kept_texts
from argmap.analysis.graph import claim_relations
from argmap.render.diagram_memo import NodeDigests, piece_digest
from argmap.load.gcpause import paused_gc

FORMATS = DIAGRAM_FORMATS
FONT = "DejaVu Sans"
BLUE, VERMILLION, PURPLE, GREY = "#0072B2", "#D55E00", "#CC79A7", "#555555"
GREEN, BLACK = "#009E73", "#000000"
FILL = {"pro": "#EAF3FB", "con": "#F4BE98", None: "#EEEEEE"}
BORDER = {"pro": BLUE, "con": VERMILLION, None: "#000000"}
EDGE_STYLE = {
    "support": {"color": GREEN, "style": "solid", "arrowhead": "normal", "penwidth": "1.6"},
    "attack": {"color": BLACK, "style": "dashed", "arrowhead": "tee", "penwidth": "1.8"},
    "undercut": {"color": PURPLE, "style": "dotted", "arrowhead": "tee", "penwidth": "2.4"},
}
#: Graph attributes that keep ``dot`` fast on large maps (bounded network-simplex and mincross passes).
LARGE_MAP_ATTRIBUTES = {"nslimit": "2", "nslimit1": "2", "mclimit": "0.3", "searchsize": "10"}
LARGE_MAP_CLAIMS = 150


@dataclass(frozen=True)
class Fonts:
    """Point sizes of a diagram's text: claims, the resolution, the grey details line, inference ovals,
    the legend and the title."""

    claim: int = 12
    resolution: int = 16
    details: int = 9
    inference: int = 9
    legend: int = 10
    title: int = 18


class RenderError(RuntimeError):
    """Graphviz could not render a diagram: ``dot`` is missing, or it rejected the input."""


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def label_text(text: str) -> str:
    """Text for inside a Graphviz HTML-like label: markup escaped, characters XML cannot hold dropped.

    Every label argmap writes is HTML-like (``<...>``), where a backslash is just a backslash; in a
    quoted DOT string a trailing one would escape the closing quote.

    >>> label_text('Costs: <b>"x"</b>\x01 ends in a backslash \\\\')
    'Costs: &lt;b&gt;&quot;x&quot;&lt;/b&gt; ends in a backslash \\\\'
    """
    return html.escape(_NOT_XML.sub("", text))


def title_words(text: str, limit: int) -> str:
    """A diagram title's words: the text, cut at a word near ``limit`` characters.

    >>> title_words("China has promulgated rules meant to defend users", 30)
    'China has promulgated rules\u2026'
    """
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "\u2026"


def wrap_label(text: str, width: int) -> str:
    """Escape text for an HTML-like label and wrap it at ``width`` characters.

    >>> wrap_label('Say "A & B" <now>, it\u2019s fine', 12)
    'Say &quot;A &amp; B&quot;<BR/>&lt;now&gt;, it\u2019s<BR/>fine'
    """
    return "<BR/>".join(label_text(line) for line in textwrap.wrap(text, width) or [""])


def neighbourhood(graph: nx.DiGraph, focus: str, depth: int) -> set[str]:
    """The claims within ``depth`` claim-to-claim steps of ``focus`` (either direction), plus the
    inferences between them; a linked inference brings all its co-premises, so it is never cut in half.

    >>> g = nx.DiGraph(resolution="r")
    >>> g.add_nodes_from(["r", "a", "b"], kind="claim")
    >>> for p, t in [("a", "r"), ("b", "a")]:
    ...     g.add_node(f"{p}->{t}", kind="argument", relation="support", target=t, premises=[p])
    ...     g.add_edge(p, f"{p}->{t}", type="premise"); g.add_edge(f"{p}->{t}", t, type="support")
    >>> sorted(neighbourhood(g, "r", 1))
    ['a', 'a->r', 'r']
    """
    near = nx.single_source_shortest_path_length(claim_relations(graph).to_undirected(as_view=True), focus,
                                                 cutoff=depth)
    chosen = set(near)
    for node, data in graph.nodes(data=True):
        if data["kind"] != "argument":
            continue
        target = data["target"]
        reaches = target in near or (graph.nodes[target]["kind"] == "argument" and target in chosen)
        if reaches and any(p in near for p in data["premises"]):
            chosen.add(node)
            chosen.update(data["premises"])
    # undercuts of chosen inferences whose premises are near
    for node, data in graph.nodes(data=True):
        if data["kind"] == "argument" and data["target"] in chosen and any(p in near for p in data["premises"]):
            chosen.add(node)
            chosen.update(data["premises"])
    return chosen


def _needs_node(graph: nx.DiGraph, argument: str) -> bool:
    data = graph.nodes[argument]
    undercut = any(kind == "undercut" for _, _, kind in graph.in_edges(argument, data="type"))
    return data["linked"] or bool(data["scheme"] or data.get("label")) or undercut or data["relation"] == "undercut"


def _claim_label(graph: nx.DiGraph, node: str, evaluation: Evaluation | None, width: int, fonts: Fonts) -> str:
    data = graph.nodes[node]
    sources = {c["source"] for c in data["citations"]}
    if data["resolution"]:
        tag = "RESOLUTION"
    else:
        tag = (data["side"] or "").upper()
    footer = [tag] if tag else []
    if data["implicit"]:
        footer.append("implicit")
    if sources:
        footer.append(f"{len(sources)} source" + ("s" if len(sources) > 1 else ""))
    if evaluation is not None:
        footer.append(f"<B>{evaluation.labels[node]} {evaluation.strengths[node]:.2f}</B>")
    size = fonts.resolution if data["resolution"] else fonts.claim
    rest = " \u00b7 ".join(footer)
    plain = " \u00b7 ".join([node, *(re.sub(r"<[^>]+>", "", f) for f in footer)])
    # the id on a line of its own when the line would be wider than the claim's text: no box is widened by it
    details = label_text(node) + ("<BR/>" if len(plain) > width and rest else " \u00b7 " if rest else "") + rest
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{size}">{wrap_label(data["text"], width)}</FONT></TD></TR>',
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{fonts.details}" COLOR="{GREY}">{details}</FONT></TD></TR>']
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>>'


def _group_key(graph: nx.DiGraph, node: str, group: str) -> str | None:
    data = graph.nodes[node]
    if group == "side":
        return None if data["resolution"] else (data["side"] or None)
    if group == "source":
        return data["citations"][0]["source"] if data["citations"] else None
    return data["tags"][0] if data["tags"] else None


def _legend(dot: graphviz.Digraph, fonts: Fonts = Fonts()) -> None:
    size = str(fonts.legend)
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", fontsize=str(fonts.legend + 1), style="rounded", color=GREY, fontname=FONT)
        legend.node("legend_pro", "PRO claim", shape="box", style="rounded,filled", fillcolor=FILL["pro"],
                    color=BORDER["pro"], fontsize=size, fontname=FONT)
        legend.node("legend_con", "CON claim", shape="box", style="rounded,filled", fillcolor=FILL["con"],
                    color=BORDER["con"], fontsize=size, fontname=FONT)
        legend.node("legend_implicit", "implicit premise", shape="box", style="rounded,dashed,filled",
                    fillcolor="#FFFFFF", fontsize=size, fontname=FONT)
        legend.node("legend_inference", "scheme\n(inference)", shape="ellipse", fontsize=size, fontname=FONT,
                    style="filled", fillcolor="#FFFFFF")
        legend.node("legend_target", "claim", shape="box", style="rounded", fontsize=size, fontname=FONT)
        for relation, text in (("support", "supports"), ("attack", "attacks"), ("undercut", "undercuts")):
            legend.node(f"legend_{relation}", text, shape="plaintext", style="solid", fontsize=size, fontname=FONT)
            legend.edge(f"legend_{relation}", "legend_target" if relation != "undercut" else "legend_inference",
                        **EDGE_STYLE[relation])
        marks = ("<B>IN 0.85</B>: the claim stands (grounded labelling), strength 0 to 1 (DF-QuAD)",
                 "<B>OUT</B>, grey text: the claim falls; <B>UNDEC</B>: undecided",
                 "<I>n</I> source(s): how many sources the claim cites",
                 "the small grey word: the claim's id in the map")
        legend.node("legend_marks", "<" + "<BR ALIGN=\"LEFT\"/>".join(marks) + "<BR ALIGN=\"LEFT\"/>>",
                    shape="plaintext", style="solid", fontsize=size, fontname=FONT)
        legend.edge("legend_pro", "legend_con", style="invis")
        legend.edge("legend_con", "legend_implicit", style="invis")
        legend.edge("legend_implicit", "legend_marks", style="invis")


def in_graph_order(graph: nx.DiGraph, nodes: set[str], position: dict[str, int] | None = None) -> list[str]:
    """The graph's ``nodes`` among ``nodes``, in the graph's order: what a view draws, found in time linear in
    the view (plus one pass over the node names, or none given each node's ``position``) rather than by
    scanning every node's data per view.

    >>> g = nx.DiGraph(); g.add_nodes_from(["r", "a", "b"])
    >>> in_graph_order(g, {"b", "r", "elsewhere"})
    ['r', 'b']
    """
    if len(nodes) >= len(graph):
        return [node for node in graph if node in nodes]
    position = position or {node: number for number, node in enumerate(graph)}
    return sorted((node for node in nodes if node in position), key=position.__getitem__)


@paused_gc
def diagram_dot(graph: nx.DiGraph, evaluation: Evaluation | None = None, focus: str | None = None,
                depth: int = 2, group: str | None = None, width: int = 34, legend: bool = True,
                nodes: set[str] | None = None, caption: str = "", element_ids: bool = False,
                fonts: Fonts = Fonts(), title: str | None = None, made: Made | None = None,
                digests: NodeDigests | None = None) -> str:
    """The DOT source of an argument diagram (see the module docstring for the visual language).

    ``focus``/``depth`` draw a claim's neighbourhood; ``nodes`` draws exactly these nodes (e.g. an
    :func:`argmap.render.diagram_views.argument_view`); ``caption`` is added to the title.
    ``element_ids`` gives every SVG element an id the interactive map finds it by: ``n<i>`` for the graph's i-th node, ``n<i>-<k>`` for the
    k-th line drawn for inference i. ``fonts`` sets the point sizes (slides use larger ones); ``title``
    replaces the map's title and the caption. ``made`` keeps each node's DOT lines between runs by the
    digest of what they are drawn from (:func:`argmap.render.diagram_memo.piece_digest`), made from
    ``digests`` when the caller shares them between diagrams of the same graph and evaluation."""
    node_digests = digests or NodeDigests(graph, evaluation)
    element_number = node_digests.positions if element_ids else {}

    def ids(node: str, line: int | None = None) -> dict[str, str]:
        if not element_ids:
            return {}
        return {"id": f"n{element_number[node]}" + ("" if line is None else f"-{line}")}

    keep = nodes if nodes is not None else neighbourhood(graph, focus, depth) if focus else set(graph)
    drawn = in_graph_order(graph, keep, digests.positions if digests else None)
    claims = [node for node in drawn if graph.nodes[node]["kind"] == "claim"]
    caption = caption or (f"around {focus}, depth {depth}" if focus else "")
    attributes = {"rankdir": "BT", "fontname": FONT, "newrank": "true", "nodesep": "0.25", "ranksep": "0.45",
                  "labelloc": "t", "fontsize": str(fonts.title), "label": "<" + (label_text(title) if title else (
                      label_text(graph.graph.get("title", "")) + (f" ({label_text(caption)})" if caption else ""))) + ">"}
    if len(claims) > LARGE_MAP_CLAIMS:
        attributes |= LARGE_MAP_ATTRIBUTES
    dot = graphviz.Digraph(graph.graph.get("map", "map"), graph_attr=attributes,
                           node_attr={"fontname": FONT, "shape": "box", "style": "rounded,filled",
                                      "penwidth": "1.2", "margin": "0.08"},
                           edge_attr={"fontname": FONT})
    groups: dict[str | None, list[str]] = {}
    for node in claims:
        groups.setdefault(_group_key(graph, node, group) if group else None, []).append(node)

    def add_claim(target: graphviz.Digraph, node: str) -> None:
        data = graph.nodes[node]
        extra = {}
        if data["implicit"] or data["resolution"]:
            extra["style"] = "rounded,filled" + (",dashed" if data["implicit"] else "") + (
                ",bold" if data["resolution"] else "")
        if data["resolution"]:
            extra["penwidth"] = "2.5"
        if evaluation is not None and evaluation.labels[node] == OUT:
            extra["fontcolor"] = GREY
        side = None if data["resolution"] else data["side"]
        target.node(node, _claim_label(graph, node, evaluation, width, fonts), color=BORDER[side], fillcolor=FILL[side],
                    **extra, **ids(node))

    def kept(target: graphviz.Digraph, node: str, draw: Callable[[], None], *context: object) -> None:
        """``draw()`` the node's lines, or append the lines it drew last time for the same inputs."""
        if made is None:
            return draw()
        start, drawn = len(target.body), []

        def make() -> list[str]:
            draw()
            drawn.append(True)
            return target.body[start:]
        lines = kept_texts(made, piece_digest(node_digests, node, element_number.get(node), *context), make)
        if not drawn:
            target.body.extend(lines)           # the lines graphviz wrote for the same inputs
        return None

    def add_argument(edges: graphviz.Digraph, node: str, style: dict[str, str]) -> None:
        data = graph.nodes[node]
        if _needs_node(graph, node):
            label = label_text(data.get("label") or data["scheme"].replace("-", " "))
            if data["linked"]:
                label = (label + "<BR/>" if label else "") + "linked"
            parts = [f"<I>{label}</I>"] if label else []
            if evaluation is not None:
                parts.append(f"<B>{evaluation.labels[node]}</B>")
            edges.node(node, f"<{'<BR/>'.join(parts)}>" if parts else "", shape="ellipse",
                       fillcolor="#FFFFFF", color=style["color"], fontsize=str(fonts.inference), width="0.3",
                       height="0.2",
                       margin="0.03", **ids(node))
            for line, premise in enumerate(data["premises"]):
                edges.edge(premise, node, arrowhead="none", **ids(node, line))
            edges.edge(node, data["target"], **ids(node, len(data["premises"])))
        else:
            edges.edge(data["premises"][0], data["target"], **ids(node, 0))

    for number, (key, members) in enumerate(groups.items()):
        if key is None:
            for node in members:
                kept(dot, node, partial(add_claim, dot, node), width, fonts)
            continue
        with dot.subgraph(name=f"cluster_{number}") as cluster:
            cluster.attr(label=f"<{label_text(key)}>", style="rounded,dashed", color=GREY, fontsize="14")
            for node in members:
                kept(cluster, node, partial(add_claim, cluster, node), width, fonts)
    resolution = graph.graph.get("resolution")
    if resolution in keep:
        with dot.subgraph() as top:
            top.attr(rank="max")
            top.node(resolution)
    # Edges are declared inside one anonymous subgraph per relation whose edge defaults carry the style.
    for relation, style in EDGE_STYLE.items():
        with dot.subgraph() as edges:
            edges.attr("edge", **style)
            for node in drawn:
                data = graph.nodes[node]
                if data["kind"] != "argument" or data["relation"] != relation:
                    continue
                kept(edges, node, partial(add_argument, edges, node, style), relation, fonts.inference)
    if legend:
        _legend(dot, fonts)
    return dot.source


#: What a render says when Graphviz is not installed.
DOT_MISSING = ("Graphviz's 'dot' program is not installed; install Debian's 'graphviz' package "
               "(apt-get install graphviz) or use --format dot")


def render(dot_source: str, output_format: str) -> bytes:
    """Lay out and render DOT with Graphviz's ``dot`` (svg, png or pdf); ``dot`` itself returns the source."""
    if output_format == "dot":
        return dot_source.encode("utf-8")
    try:
        return graphviz.Source(dot_source).pipe(format=output_format)
    except graphviz.ExecutableNotFound as error:
        raise RenderError(DOT_MISSING) from error
    except graphviz.CalledProcessError as error:
        message = (error.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"Graphviz's dot failed to render {output_format}: {message}") from error
