"""The ``argmap`` command line: a thin layer over the library API."""
from __future__ import annotations

import dataclasses
import os
import json
import sys
from pathlib import Path
from typing import Iterator, NoReturn

import click

from argmap.brief import brief_markdown
from argmap.build import build_exports
from argmap.check import check as check_project
from argmap.compare import ClassResult, class_summary_markdown, compare_maps, comparison_markdown
from argmap.coverage import render_coverage, source_coverage
from argmap.critique import critique as critique_map
from argmap.critique import critique_markdown
from argmap.diagram import FORMATS as DIAGRAM_FORMATS
from argmap.diagram import RenderError, diagram_dot, render
from argmap.diagnostics import ArgmapError, render_json, render_text
from argmap.evaluate import evaluate as evaluate_graph
from argmap.evaluate import render_evaluation
from argmap.export_aif import to_aif
from argmap.export_docx import brief_docx
from argmap.export_argdown import to_argdown
from argmap.graph import build_graph
from argmap.html_page import markdown_to_html
from argmap.load import Project, load_project
from argmap.model import ArgumentMap
from argmap.output import OutputError, write_atomic
from argmap.scaffold import add_source, init_project
from argmap.schemes import schemes_for_map
from argmap.stats import render_stats, structure_stats
from argmap.worksheet import choose_blanks, make_worksheet
from argmap.yamlio import read_text, suggest

TEXT_OR_JSON = click.Choice(["text", "json"])
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=str))
FORMAT = click.option("--format", "output_format", type=TEXT_OR_JSON, default="text", show_default=True,
                      help="text for people, json for programs.")


def checked_project(paths: tuple[str, ...]) -> Project:
    """Load and check maps; on any error print the diagnostics and exit 1 (nothing else runs)."""
    project = load_project(list(paths) or None)
    diagnostics = check_project(project)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        click.echo(render_text(errors), err=True)
        click.echo("argmap: fix these problems first (run 'argmap check' for details)", err=True)
        sys.exit(1)
    if not project.maps:
        click.echo("argmap: no argument maps found (give a map file or a folder of .yaml maps)", err=True)
        sys.exit(1)
    return project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """Check, evaluate and export argument maps written in YAML."""


@main.command()
@PATHS
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@FORMAT
def check(paths: tuple[str, ...], strict: bool, output_format: str) -> None:
    """Check maps and sources (default: arguments/); exit 1 when there are problems."""
    diagnostics = check_project(load_project(list(paths) or None))
    click.echo(render_json(diagnostics) if output_format == "json" else render_text(diagnostics))
    failing = [d for d in diagnostics if d.is_error or strict]
    sys.exit(1 if failing else 0)


@main.command()
@PATHS
@FORMAT
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 when a source's coverage is below this percentage.")
def coverage(paths: tuple[str, ...], output_format: str, fail_under: float | None) -> None:
    """Which paragraphs of each source the maps cite, leave out, or miss."""
    project = checked_project(paths)
    reports = {map_id: source_coverage(m) for map_id, m in project.maps.items()}
    if output_format == "json":
        click.echo(json.dumps({k: [dataclasses.asdict(s) | {"percent": s.percent} for s in v]
                               for k, v in reports.items()}, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(f"map {k}\n{render_coverage(v)}" for k, v in reports.items()))
    low = [s for report in reports.values() for s in report if fail_under is not None and s.percent < fail_under]
    sys.exit(1 if low else 0)


@main.command()
@PATHS
@FORMAT
def stats(paths: tuple[str, ...], output_format: str) -> None:
    """Structure of each map: counts, depth, unanswered attacks, central claims, cycles."""
    project = checked_project(paths)
    reports = []
    for argument_map in project.maps.values():
        graph = build_graph(argument_map)
        found = structure_stats(graph)
        reports.append(dataclasses.asdict(found) | {"map": argument_map.id} if output_format == "json"
                       else render_stats(graph, found))
    click.echo(json.dumps(reports, indent=2) if output_format == "json" else "\n\n".join(reports))


@main.command()
@PATHS
@FORMAT
@click.option("--explain/--no-explain", default=True, show_default=True, help="Say why each claim has its label.")
def evaluate(paths: tuple[str, ...], output_format: str, explain: bool) -> None:
    """Which claims stand (grounded labelling) and how strong each is (DF-QuAD)."""
    project = checked_project(paths)
    results = {}
    for argument_map in project.maps.values():
        graph = build_graph(argument_map)
        results[argument_map.id] = (graph, evaluate_graph(graph))
    if output_format == "json":
        click.echo(json.dumps({k: e.to_dict(g) for k, (g, e) in results.items()}, indent=2, ensure_ascii=False))
        return
    for graph, evaluation in results.values():
        click.echo(render_evaluation(graph, evaluation, explain))


def fail(message: str) -> NoReturn:
    """Print an error for people and exit 1."""
    click.echo(f"argmap: {message}", err=True)
    sys.exit(1)


def save(path: Path, data: bytes) -> None:
    """Write an output atomically; on failure print why (naming the path) and exit 1."""
    try:
        write_atomic(path, data)
    except OutputError as error:
        fail(str(error))


def single_map(paths: tuple[str, ...]) -> ArgumentMap:
    """The one checked map a command works on (it must be unambiguous)."""
    project = checked_project(paths)
    if len(project.maps) > 1:
        fail(f"these paths hold {len(project.maps)} maps ({', '.join(sorted(project.maps))}); name one map's "
             "file or folder")
    return next(iter(project.maps.values()))


@main.command()
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


@main.command()
@PATHS
@click.option("--side", type=click.Choice(["pro", "con", "both"]), default="both", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@click.option("--html", "as_html", is_flag=True, help="A standalone, print-friendly HTML page instead of Markdown.")
@click.option("--docx", "as_docx", is_flag=True,
              help="A Word document (Heading 1-4 = pocket, hat, block, tag); needs -o.")
@click.option("--diagram", metavar="HREF", help="Link the brief to this diagram file.")
def brief(paths: tuple[str, ...], side: str, output: Path | None, as_html: bool, as_docx: bool,
          diagram: str | None) -> None:
    """A debate brief: each side's case, evidence cards, A2 blocks, the evaluation and the sources."""
    if as_html and as_docx:
        raise click.UsageError("choose one of --html and --docx")
    if as_docx and output is None:
        raise click.UsageError("--docx writes a binary file: give it a name with -o brief.docx")
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    text = brief_markdown(argument_map, graph, evaluate_graph(graph), side, diagram)
    title = f"Brief: {argument_map.title}"
    if as_docx:
        save(output, brief_docx(text, title))
        click.echo(f"wrote {output}", err=True)
        return
    emit(markdown_to_html(text, title) if as_html else text, output)


@main.command()
@PATHS
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"), show_default=True)
def build(paths: tuple[str, ...], out: Path) -> None:
    """The main job: check every map (default: arguments/) and write its exports under --out."""
    def progress(maps: list[ArgumentMap]) -> Iterator[ArgumentMap]:
        if len(maps) < 5:
            yield from maps
            return
        with click.progressbar(maps, label="building", file=sys.stderr,
                               item_show_func=lambda m: m.id if m else None) as bar:
            yield from bar

    try:
        report = build_exports(paths, out, progress=progress)
    except ArgmapError as error:
        click.echo(render_text(error.diagnostics), err=True)
        fail("build stopped: fix these problems first; nothing was written")
    except (OutputError, RenderError) as error:
        fail(f"build stopped: {error}")
    click.echo(report.summary(out))


def emit(text: str, output: Path | None) -> None:
    """Print text, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    save(output, text.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


@main.command()
@PATHS
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def critique(paths: tuple[str, ...], output_format: str, output: Path | None) -> None:
    """A feedback sheet: critical questions answered or open, and structural weak points."""
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    result = critique_map(argument_map, graph, evaluate_graph(graph), schemes_for_map(argument_map))
    emit(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n" if output_format == "json"
         else critique_markdown(result, argument_map), output)


@main.command()
@PATHS
@click.option("--blank", type=click.IntRange(1), default=6, show_default=True, help="How many claims to blank.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed for choosing blanks and tasks.")
@click.option("--ids", help="Blank exactly these claim ids (comma-separated) instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Worksheet file (default: stdout).")
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), help="Write the answer key here.")
@click.option("--diagram", "diagram_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the worksheet diagram (blank boxes) here: .dot, .svg, .png or .pdf.")
def worksheet(paths: tuple[str, ...], blank: int, seed: int, ids: str | None, output: Path | None, key: Path | None,
              diagram_path: Path | None) -> None:
    """An exercise with blanked claims, source passages and tasks; the answer key goes to --key."""
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    try:
        blanked = choose_blanks(argument_map, blank, seed, ids.split(",") if ids else None)
    except KeyError as error:
        fail(f"--ids: unknown claim id(s) {error.args[0]}")
    sheet = make_worksheet(argument_map, graph, schemes_for_map(argument_map), blanked, seed)
    if diagram_path:
        suffix = diagram_path.suffix[1:]
        if suffix not in DIAGRAM_FORMATS:
            fail(f"--diagram: use a .dot, .svg, .png or .pdf file name, not '{diagram_path.name}'")
        try:
            image = render(diagram_dot(sheet.graph), suffix)
        except RenderError as error:
            fail(str(error))
        save(diagram_path, image)
    if key:
        emit(sheet.answer_key, key)
    emit(sheet.markdown, output)


@main.command()
@click.argument("student", type=click.Path(path_type=str))
@click.argument("reference", type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def compare(student: str, reference: str, output_format: str, output: Path | None) -> None:
    """Feedback on a STUDENT map against the REFERENCE map: found, reversed, missing and extra."""
    reference_map = single_map((reference,))
    student_project = load_project([student])
    if len(student_project.maps) != 1:
        fail(f"{student}: expected one map, found {len(student_project.maps)}; run 'argmap check {student}'")
    problems = [d for d in check_project(student_project) if d.is_error]
    if problems:
        click.echo(f"note: the student map has {len(problems)} problem(s); 'argmap check {student}' lists them",
                   err=True)
    student_map = next(iter(student_project.maps.values()))
    result = compare_maps(student_map, reference_map)
    emit(json.dumps(dataclasses.asdict(result) | {"score": result.score}, indent=2, ensure_ascii=False) + "\n"
         if output_format == "json" else comparison_markdown(result, student_map, reference_map), output)


@main.command(name="export")
@PATHS
@click.option("--to", "target_format", type=click.Choice(["aif", "argdown"]), required=True,
              help="aif: AIF JSON (AIFdb, OVA); argdown: Argdown (argdown.org).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def export_map(paths: tuple[str, ...], target_format: str, output: Path | None) -> None:
    """Export a map in a format other argument-mapping tools read."""
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    schemes = schemes_for_map(argument_map)
    emit(json.dumps(to_aif(graph, schemes), indent=2, ensure_ascii=False) + "\n" if target_format == "aif"
         else to_argdown(graph, schemes), output)


def run() -> None:
    """The console entry point: the CLI, with a last-resort guard so a bug never shows a user a traceback."""
    try:
        main()
    except Exception as error:
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        click.echo(f"argmap: internal error ({type(error).__name__}: {error}). This is a bug in argmap, not in "
                   "your input: rerun with ARGMAP_DEBUG=1 to see the details, and report them.", err=True)
        sys.exit(3)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--map", "map_id", default="my-debate", show_default=True, help="The new map's id.")
@click.option("--title", default="My debate", show_default=True, help="The new map's title.")
def init(folder: Path, map_id: str, title: str) -> None:
    """Start a project: a starter map that passes check, the JSON Schema for editors, and sources/."""
    try:
        created = init_project(folder, map_id, title)
    except OutputError as error:
        fail(str(error))
    for path in created:
        click.echo(f"created {path}")
    click.echo("next: argmap add-source ARTICLE.txt --id ID --title TITLE, then cite it and run argmap check")


@main.command(name="add-source")
@click.argument("text_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "source_id", required=True, help="The id citations will use (lowercase, digits, '-').")
@click.option("--title", required=True)
@click.option("--publisher", default="")
@click.option("--author", default="")
@click.option("--author-qualifications", default="")
@click.option("--date", default="")
@click.option("--url", default="")
@click.option("--accessed", default="")
@click.option("--kind", default="", help="news, op-ed, blog, report, interview, speech, study or other.")
@click.option("--to", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("sources"),
              show_default=True)
def add_source_command(text_file: Path, source_id: str, folder: Path, **fields: str) -> None:
    """Add an article to sources/: its text unchanged, with the metadata debate evidence rules ask for.
    Leave out what the article does not state."""
    text, problems = read_text(text_file, str(text_file))
    if text is None:
        click.echo(render_text(problems), err=True)
        sys.exit(1)
    try:
        path, paragraphs = add_source(text, {"id": source_id, **fields}, folder)
    except OutputError as error:
        fail(str(error))
    click.echo(f"created {path} ({paragraphs} paragraphs); cite it as 'source: {source_id}'")


@main.command()
@click.argument("reference", type=click.Path(path_type=str))
@click.argument("students", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("feedback"), show_default=True,
              help="Folder for one feedback sheet per student and class-summary.md.")
def grade(reference: str, students: tuple[Path, ...], out: Path) -> None:
    """Compare every student map with the REFERENCE: a feedback sheet each, and a class summary."""
    reference_map = single_map((reference,))
    results = []
    sheets: dict[Path, str] = {}
    for student in students:
        name = student.stem if student.suffix else student.name
        project = load_project([student])
        if len(project.maps) != 1:
            first_error = next((d for d in project.diagnostics if d.is_error), None)
            problem = (f"{first_error.location}: {first_error.code} {first_error.message}" if first_error
                       else f"{len(project.maps)} maps found; expected one")
            results.append(ClassResult(name, problem=problem))
            continue
        student_map = next(iter(project.maps.values()))
        comparison = compare_maps(student_map, reference_map)
        errors = sum(d.is_error for d in check_project(project))
        results.append(ClassResult(name, comparison, errors))
        sheets[out / f"{name}.md"] = comparison_markdown(comparison, student_map, reference_map)
    summary = class_summary_markdown(results, reference_map)
    for path, text in {**sheets, out / "class-summary.md": summary}.items():
        save(path, text.encode("utf-8"))
    click.echo(summary, nl=False)
    click.echo(f"wrote {len(sheets)} feedback sheet(s) and class-summary.md to {out}/", err=True)
