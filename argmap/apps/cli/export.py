"""Commands that write what people read or other tools import: diagram, brief, build, export."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import click

from argmap.apps.cli.common import FORCE, PATHS, emit, fail, forced, main, save, single_map
from argmap.diagnostics import ArgmapError, render_text
from argmap.formats.json_text import json_text
from argmap.render import DIAGRAM_FORMATS


@main.command()
@FORCE
@PATHS
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: standard output for dot, <map>.<format> otherwise).")
@click.option("--format", "output_format", type=click.Choice(DIAGRAM_FORMATS), default=None,
              help="dot, svg, png or pdf (default: from the output's extension, else dot).")
@click.option("--focus", metavar="CLAIM", help="Draw only the neighbourhood of this claim.")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True, help="Steps around --focus.")
@click.option("--group", type=click.Choice(["side", "source", "tag"]), help="Cluster claims by side, source or tag.")
@click.option("--evaluation/--no-evaluation", default=False, help="Show grounded labels and DF-QuAD strengths.")
@click.option("--width", type=click.IntRange(12, 120), default=34, show_default=True, help="Wrap claims at this width.")
def diagram(paths: tuple[str, ...], output: Path | None, output_format: str | None, focus: str | None, depth: int,
            group: str | None, evaluation: bool, width: int) -> None:
    """Draw a map as an argument diagram with Graphviz."""
    from argmap.analysis.evaluate import evaluate as evaluate_graph
    from argmap.analysis.graph import build_graph
    from argmap.load.yamlio import suggest
    from argmap.render import DIAGRAM_FORMATS
    from argmap.render.diagram import RenderError, diagram_dot, render
    argument_map = single_map(paths)
    output_format = output_format or (output.suffix[1:] if output and output.suffix[1:] in DIAGRAM_FORMATS else "dot")
    if focus and focus not in argument_map.claims:
        fail(f"--focus: unknown claim id '{focus}'; {suggest(focus, argument_map.claims)}")
    graph = build_graph(argument_map)
    source = diagram_dot(graph, evaluate_graph(graph) if evaluation else None, focus, depth, group, width)
    try:
        data = render(source, output_format)
    except RenderError as error:
        fail(str(error))
    if output is None and output_format == "dot":
        click.echo(source, nl=False)
        return
    target = output or Path(f"{argument_map.id}.{output_format}")
    save(target, data)
    click.echo(f"wrote {target} ({len(data):,} bytes)")


@main.command(name="map")
@FORCE
@PATHS
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: <map>.html).")
def interactive_map(paths: tuple[str, ...], output: Path | None) -> None:
    """An interactive map: one self-contained HTML page to explore, inspect evidence and ask "what if"."""
    from argmap.analysis.evaluate import evaluate as evaluate_graph
    from argmap.analysis.graph import build_graph
    from argmap.analysis.questions import critical_questions
    from argmap.load.schemes import schemes_for_map
    from argmap.render.diagram import RenderError
    from argmap.render.map_page import map_page
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    evaluation = evaluate_graph(graph)
    questions = critical_questions(argument_map, schemes_for_map(argument_map), evaluation)
    try:
        page = map_page(argument_map, graph, questions)
    except RenderError as error:
        fail(str(error))
    target = output or Path(f"{argument_map.id}.html")
    save(target, page.encode("utf-8"))
    click.echo(f"wrote {target} ({len(page):,} characters); open it in any browser, no network needed")


@main.command()
@FORCE
@PATHS
@click.option("--side", type=click.Choice(["pro", "con", "both"]), default="both", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--html", "as_html", is_flag=True, help="A standalone, print-friendly HTML page instead of Markdown.")
@click.option("--docx", "as_docx", is_flag=True,
              help="A Word document (Heading 1-4 = pocket, hat, block, tag); needs -o.")
@click.option("--diagram", metavar="HREF", help="Link the brief to this diagram file.")
@click.option("--mode", type=click.Choice(["speech", "analyst"]), default=None,
              help="speech: what a debater reads from (no ids, scores or evaluation; the default for --docx); "
                   "analyst: with labels, strengths and the evaluation (the default otherwise).")
@click.option("--order", "order", type=click.Choice(["speaker", "strength"]), default="speaker", show_default=True,
              help="Contentions as the speaker runs them (the map's order, or its 'order' keys), or strongest first.")
def brief(paths: tuple[str, ...], side: str, output: Path | None, as_html: bool, as_docx: bool,
          diagram: str | None, mode: str | None, order: str) -> None:
    """A debate brief: each side's case, evidence cards, A2 blocks, the evaluation and the sources."""
    from argmap.analysis.evaluate import evaluate as evaluate_graph
    from argmap.analysis.graph import build_graph
    from argmap.render.brief import brief_markdown
    from argmap.render.docx import brief_docx
    from argmap.render.html_page import markdown_to_html
    if as_html and as_docx:
        raise click.UsageError("choose one of --html and --docx")
    if as_docx and output is None:
        raise click.UsageError("--docx writes a binary file: give it a name with -o brief.docx")
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    speech = (mode or ("speech" if as_docx else "analyst")) == "speech"
    text = brief_markdown(argument_map, graph, evaluate_graph(graph), side, diagram, speech=speech,
                          by_strength=order == "strength")
    title = f"Brief: {argument_map.title}"
    if as_docx:
        save(output, brief_docx(text, title))
        click.echo(f"wrote {output}", err=True)
        return
    emit(markdown_to_html(text, title) if as_html else text, output)


@main.command()
@FORCE
@PATHS
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="flow.xlsx (a spreadsheet) or flow.html (a page that prints landscape).")
def flow(paths: tuple[str, ...], output: Path) -> None:
    """The debate as a flow sheet: a column per speech, each argument on its row, answers beside it."""
    from argmap.render.flow import flow_html, flow_xlsx
    if output.suffix not in (".xlsx", ".html"):
        raise click.UsageError(f"'{output}': give a name ending in .xlsx or .html")
    argument_map = single_map(paths)
    save(output, flow_xlsx(argument_map) if output.suffix == ".xlsx" else flow_html(argument_map).encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@main.command()
@FORCE
@PATHS
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"), show_default=True)
@click.option("--timings", is_flag=True, help="Print where the time went, step by step.")
@click.option("--only", metavar="GROUPS", default=None,
              help="Write only these exports, comma-separated: brief, diagram, map, evaluation, interchange, flow, "
                   "teaching (default: [build] formats in the project's argmap.toml, else all); the others are left as "
                   "they are.")
def build(paths: tuple[str, ...], out: Path, timings: bool, only: str | None) -> None:
    """The main job: check every map (default: arguments/) and write its exports under --out."""
    from argmap.apps.build import build_exports
    from argmap.apps.output import OutputError
    from argmap.model import ArgumentMap
    from argmap.render.diagram import RenderError
    def progress(maps: list[ArgumentMap]) -> Iterator[ArgumentMap]:
        if len(maps) < 5:
            yield from maps
            return
        with click.progressbar(maps, label="building", file=sys.stderr,
                               item_show_func=lambda m: m.id if m else None) as bar:
            yield from bar

    from argmap.apps.export_groups import EXPORT_GROUPS
    groups = tuple(g.strip() for g in only.split(",") if g.strip()) if only is not None else None
    if groups is not None and (not groups or set(groups) - set(EXPORT_GROUPS)):
        raise click.BadParameter(f"'{only}': choose from {', '.join(EXPORT_GROUPS)}, comma-separated",
                                 param_hint="--only")
    def step_started(argument_map: ArgumentMap, step: str) -> None:
        """A large map's build says each step as it starts (a 10,000-claim build takes tens of seconds)."""
        if len(argument_map.claims) >= STEP_PROGRESS_CLAIMS:
            click.echo(f"argmap build: {argument_map.id}: {step}\u2026", err=True)

    try:
        report = build_exports(paths, out, progress=progress, force=forced(), only=groups, on_step=step_started)
    except ArgmapError as error:
        click.echo(render_text(error.diagnostics), err=True)
        fail("build stopped: fix these problems first; nothing was written")
    except (OutputError, RenderError) as error:
        fail(f"build stopped: {error}")
    click.echo(report.summary(out))
    if timings:
        click.echo(report.timing_table())


#: From this many claims a map's build reports each step on stderr as it starts.
STEP_PROGRESS_CLAIMS = 1_000


@main.command(name="export")
@FORCE
@PATHS
@click.option("--to", "target_format", type=click.Choice(["aif", "argdown"]), required=True,
              help="aif: AIF JSON (AIFdb, OVA); argdown: Argdown (argdown.org).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def export_map(paths: tuple[str, ...], target_format: str, output: Path | None) -> None:
    """Export a map in a format other argument-mapping tools read."""
    from argmap.analysis.graph import build_graph
    from argmap.formats.aif import to_aif
    from argmap.formats.argdown import to_argdown
    from argmap.load.schemes import schemes_for_map
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    schemes = schemes_for_map(argument_map)
    emit(json_text(to_aif(graph, schemes, argument_map.sources)) + "\n" if target_format == "aif"
         else to_argdown(graph, schemes), output)


