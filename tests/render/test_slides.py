"""Slide diagrams fit a 1920 × 1080 slide with no text under 18 px: measured on the rendered SVGs of the
exports, and on a claim with more reasons than one slide holds."""
from __future__ import annotations

import re
from pathlib import Path

from argmap import check, load_project
from argmap.analysis.graph import build_graph
from argmap.render.diagram import render
from argmap.render.slides import MIN_TEXT_PX, PREMISES_PER_SLIDE, SLIDE_HEIGHT, SLIDE_WIDTH, slide_dot, slides_for
from tests.conftest import REPO


def smallest_text_on_a_slide(svg: str) -> float:
    """The smallest text, in pixels, once the diagram is fitted to a 1920 × 1080 slide (1 pt = 4/3 px)."""
    width, height = (float(x) for x in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    scale = min(SLIDE_WIDTH / (width * 4 / 3), SLIDE_HEIGHT / (height * 4 / 3))
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)) * 4 / 3 * scale


def test_every_exported_diagram_fits_a_slide_with_readable_text():
    """The slide test, on every diagram the build exports: the overview (diagram.svg), the slides and the
    worksheet's diagrams."""
    diagrams = sorted((REPO / "exports").rglob("*.svg"))
    names = {p.relative_to(REPO / "exports" / "china-big-tech").as_posix() for p in diagrams}
    assert {"diagram.svg", "slides/legend.svg"} <= names and len(diagrams) > 60
    assert any(n.startswith("worksheet-diagrams/") for n in names)
    for path in diagrams:
        svg = path.read_text(encoding="utf-8")
        assert smallest_text_on_a_slide(svg) >= MIN_TEXT_PX, path.name
        title = re.search(r"<text[^>]*>([^<]*)<", svg).group(1)
        assert title and not re.search(r"\b[a-z]+(-[a-z]+)+->|contention [a-z]+-", title), (path.name, title)


def test_the_overview_draws_the_resolution_and_every_contention():
    dot = (REPO / "exports" / "china-big-tech" / "diagram.dot").read_text(encoding="utf-8")
    assert "The debate at a glance" in dot
    from argmap import load_project
    china = load_project([REPO / "arguments"]).maps["china-big-tech"]
    contentions = {p for a in china.arguments.values() if a.target == china.resolution for p in a.premises}
    assert all(f'"{c}"' in dot or f"\t{c}\t" in dot or f"\t{c} " in dot for c in contentions)


def test_the_legend_slide_explains_every_mark():
    svg = (REPO / "exports" / "china-big-tech" / "slides" / "legend.svg").read_text(encoding="utf-8")
    for mark in ("PRO claim", "CON claim", "implicit premise", "supports", "attacks", "undercuts", "IN 0.85",
                 "grey text", "source(s)", "id in the map"):
        assert mark in svg, mark


def test_a_claim_with_many_reasons_is_split_into_parts_that_each_fit(project):
    lines = ["map: fan", "title: Fan", "resolution: The resolution holds.", "claims:",
             "  - {id: main, text: The main contention holds for many reasons., supports: resolution}"]
    lines += [f"  - {{id: r{i}, text: Reason number {i} is a sentence of ordinary length for a claim., "
              "supports: main}" for i in range(11)]
    project.write("arguments/fan.yaml", "\n".join(lines) + "\n")
    loaded = load_project(["arguments"])
    assert not [d for d in check(loaded) if d.is_error]
    graph = build_graph(loaded.maps["fan"])
    slides = slides_for(graph, "main->resolution")
    assert [s.parts for s in slides] == [3, 3, 3] and all(
        sum(graph.nodes[n]["kind"] == "claim" for n in s.nodes) <= PREMISES_PER_SLIDE + 1 for s in slides)
    assert set().union(*(s.nodes for s in slides)) >= {f"r{i}" for i in range(11)}
    for slide in slides:
        svg = render(slide_dot(graph, slide), "svg").decode("utf-8")
        assert smallest_text_on_a_slide(svg) >= MIN_TEXT_PX
        assert f"(part {slide.part} of 3)" in svg


def test_slides_are_made_by_the_build():
    assert Path(REPO / "exports" / "china-big-tech" / "slides" / "contention-protection-arg-01.svg").is_file()


def test_without_unflatten_the_overview_is_drawn_as_it_is(monkeypatch):
    import subprocess

    from argmap.render import slides

    dot = (REPO / "exports" / "china-big-tech" / "diagram.dot").read_text(encoding="utf-8")

    tried = []

    def missing(command, *args, **kwargs):
        tried.append(command[0])
        raise FileNotFoundError("unflatten")

    monkeypatch.setattr(subprocess, "run", missing)
    wide = dot.replace("nodesep=0.25", "nodesep=9")            # too wide for a slide: unflatten is tried
    assert slides.fit_to_slide(wide) == wide and tried == ["unflatten"]
