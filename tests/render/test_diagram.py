"""Diagrams, rendered by the real Graphviz: every DOT file is accepted, every claim is drawn."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from argmap import check, load_project
from argmap.render.diagram import EDGE_STYLE, diagram_dot, neighbourhood, render
from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.apps.synthetic import write_synthetic_project
from tests.conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"


def svg_nodes(svg: bytes) -> dict[str, str]:
    """Node id -> all text drawn in that node, from Graphviz's SVG."""
    root = ElementTree.fromstring(svg)
    nodes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            title = group.find(f"{SVG}title").text
            nodes[title] = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
    return nodes


def test_real_dot_accepts_the_china_map_and_draws_every_claim(china_graph) -> None:
    svg = render(diagram_dot(china_graph, evaluate(china_graph)), "svg")
    nodes = svg_nodes(svg)
    for claim, data in china_graph.nodes(data=True):
        if data["kind"] == "claim":
            assert claim in nodes
            first_words = " ".join(data["text"].split()[:3])
            assert first_words in nodes[claim], (claim, nodes[claim])
    assert "OUT 0.51" in nodes["resolution"]
    assert b"Legend" in svg


@pytest.mark.parametrize("output_format,magic", [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")])
def test_image_formats(china_graph, output_format: str, magic: bytes) -> None:
    assert render(diagram_dot(china_graph), output_format).startswith(magic)


ADVERSARIAL = [
    'He said "no" & left <quickly>',
    "Backslash \\ and \\n are not escapes; {braces} [brackets] |pipes|",
    "\u201cCurly\u201d quotes and it\u2019s \u2014 dashes",
    "\u4e60\u8fd1\u5e73 (Xi Jinping) and \u5f20\u4e00\u9e23 (Zhang Yiming)",
    "<TABLE><TR><TD>html injection</TD></TR></TABLE>",
    "A very long claim " + "that keeps going " * 20,
]


def test_adversarial_labels_survive_real_dot(project) -> None:
    lines = ["map: adv", "title: 'Quotes \" & <angles> \u2019'", "resolution: R"]
    lines.append("claims:")
    for number, text in enumerate(ADVERSARIAL):
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        lines += [f"  - id: c.{number}_x", f'    text: "{escaped}"', "    implicit: true",
                  "    supports: resolution" if number % 2 else "    attacks: resolution",
                  "    scheme: expert-opinion"]
    project.write("arguments/adv.yaml", "\n".join(lines) + "\n")
    loaded = load_project(["arguments"])
    assert not [d for d in check(loaded) if d.is_error]
    graph = build_graph(loaded.maps["adv"])
    nodes = svg_nodes(render(diagram_dot(graph, evaluate(graph), width=20), "svg"))
    for number, text in enumerate(ADVERSARIAL):
        drawn = "".join(nodes[f"c.{number}_x"].split())     # wrapping may split over-long words
        assert "".join(text.split()[:2]) in drawn, (text, drawn)
    assert "<quickly>" in nodes["c.0_x"] and "<TABLE>" in nodes["c.4_x"]


def test_focus_and_depth_select_the_neighbourhood(china_graph) -> None:
    near = neighbourhood(china_graph, "consumer-protection", 1)
    claims = {n for n in near if china_graph.nodes[n]["kind"] == "claim"}
    assert claims == {"consumer-protection", "resolution", "privacy-act-limits-firms", "pipl-modeled-on-gdpr",
                      "stated-aim", "positive-for-users", "political-control", "other-pressures"}
    assert {"protection-arg", "stated-aim-arg", "users-gain-arg"} <= near     # undercut steps come with their undercuts
    drawn = svg_nodes(render(diagram_dot(china_graph, focus="consumer-protection", depth=1, legend=False), "svg"))
    assert set(drawn) == near - {"privacy-act-limits-firms->consumer-protection",
                                 "pipl-modeled-on-gdpr->consumer-protection"}
    assert len(neighbourhood(china_graph, "consumer-protection", 0)) == 1


def test_linked_arguments_keep_all_co_premises(china_graph) -> None:
    near = neighbourhood(china_graph, "political-control", 1)
    assert {"us-motive-differs", "same-ends-needed", "disanalogy-arg"} <= near


@pytest.mark.parametrize("group", ["side", "source", "tag"])
def test_grouping_makes_clusters(china_graph, group: str) -> None:
    source = diagram_dot(china_graph, group=group)
    render(source, "svg")
    if group != "tag":
        key = "pro" if group == "side" else "crackdown-not-a-model"
        assert "subgraph cluster_" in source and f"label=<{key}>" in source


def test_relations_differ_without_colour() -> None:
    shapes = {(style["style"], style["arrowhead"]) for style in EDGE_STYLE.values()}
    assert len(shapes) == len(EDGE_STYLE)        # greyscale-safe: line style and head differ too
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert {style["color"] for style in EDGE_STYLE.values()} <= okabe_ito


def test_five_hundred_claims_render(tmp_path) -> None:
    maps = write_synthetic_project(tmp_path, 500)
    loaded = load_project([maps])
    graph = build_graph(loaded.maps["synthetic"])
    assert len(svg_nodes(render(diagram_dot(graph), "svg"))) >= 500


def test_without_graphviz_dot_output_works_and_images_fail_clearly(tmp_path) -> None:
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    env = {**os.environ, "PATH": str(empty_path), "PYTHONPATH": str(REPO)}
    assert shutil.which("dot", path=str(empty_path)) is None
    command = [sys.executable, "-m", "argmap", "diagram", str(REPO / "arguments")]
    dot = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert dot.returncode == 0 and dot.stdout.startswith("digraph")
    png = subprocess.run([*command, "-o", "out.png"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert png.returncode == 1 and "graphviz" in png.stderr and "Traceback" not in png.stderr
    assert not (tmp_path / "out.png").exists()


def test_contention_view_holds_what_bears_on_the_contention(china_graph) -> None:
    from argmap.render.diagram_views import argument_view
    view = argument_view(china_graph, "balance-arg")
    assert {"balance-arg", "resolution", "restores-balance", "founders-lobbied", "tech-ran-wild",
            "stifling-innovation", "stifling-innovation->restores-balance"} <= view
    assert not {"lessons-in-china", "not-a-model-us", "consumer-protection"} & view
    nodes = svg_nodes(render(diagram_dot(china_graph, nodes=view, caption="c"), "svg"))
    assert {n for n in view if china_graph.nodes[n]["kind"] == "claim"} <= set(nodes)


def test_palette_survives_colour_blindness_and_greyscale() -> None:
    """Measured, not assumed: CIEDE2000 differences under simulated deficiencies (Machado 2009, full
    severity), lightness differences for greyscale, and WCAG contrast of black text on the fills."""
    import colorspacious
    import numpy

    from argmap.render.diagram import BORDER, FILL

    def rgb(hex_colour: str) -> numpy.ndarray:
        return numpy.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)

    def seen_as(colour: numpy.ndarray, deficiency: str | None) -> numpy.ndarray:
        if deficiency is None:
            return colour
        space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        return numpy.clip(colorspacious.cspace_convert(colour / 255, space, "sRGB1"), 0, 1) * 255

    def luminance(colour: numpy.ndarray) -> float:
        c = colour / 255
        c = numpy.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2])

    edges = [style["color"] for style in EDGE_STYLE.values()]
    pairs = [(a, b) for i, a in enumerate(edges) for b in edges[i + 1:]] + [(FILL["pro"], FILL["con"]),
                                                                            (BORDER["pro"], BORDER["con"])]
    for deficiency in (None, "deuteranomaly", "protanomaly", "tritanomaly"):
        for a, b in pairs:
            difference = colorspacious.deltaE(seen_as(rgb(a), deficiency), seen_as(rgb(b), deficiency),
                                               input_space="sRGB255")
            assert difference >= 12, (deficiency, a, b, difference)
    lightness = [colorspacious.cspace_convert(rgb(FILL[side]), "sRGB255", "CAM02-UCS")[0] for side in ("pro", "con")]
    assert abs(lightness[0] - lightness[1]) >= 8                 # pro and con stay apart when printed in grey
    for fill in FILL.values():
        assert (luminance(rgb(fill)) + 0.05) / 0.05 >= 7         # black text: WCAG AAA contrast


def test_side_and_relation_never_share_a_colour() -> None:
    """Side is the boxes' channel, relation the lines': a line coloured like a side would read as that side."""
    from argmap.render.diagram import BORDER, FILL
    sides = {c.upper() for side in ("pro", "con") for c in (BORDER[side], FILL[side])}
    assert not {style["color"].upper() for style in EDGE_STYLE.values()} & sides
