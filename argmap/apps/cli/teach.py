"""Commands for the classroom: critique, worksheet, compare, grade."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import click

from argmap.apps.cli.common import FORCE, PATHS, emit, fail, guard, loaded_project, main, save, single_map


@main.command()
@FORCE
@PATHS
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def critique(paths: tuple[str, ...], output_format: str, output: Path | None) -> None:
    """A feedback sheet: critical questions answered or open, and structural weak points."""
    from argmap.analysis.evaluate import evaluate as evaluate_graph
    from argmap.analysis.graph import build_graph
    from argmap.load.schemes import schemes_for_map
    from argmap.teach.critique import critique as critique_map, critique_markdown
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    result = critique_map(argument_map, graph, evaluate_graph(graph), schemes_for_map(argument_map))
    emit(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n" if output_format == "json"
         else critique_markdown(result, argument_map), output)


@main.command()
@FORCE
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
    from argmap.analysis.graph import build_graph
    from argmap.load.schemes import schemes_for_map
    from argmap.render import DIAGRAM_FORMATS
    from argmap.render.diagram import RenderError, diagram_dot, render
    from argmap.teach.worksheet import choose_blanks, make_worksheet
    argument_map = single_map(paths)
    guard(diagram_path, key, output)
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
@FORCE
@click.argument("student", type=click.Path(path_type=str))
@click.argument("reference", type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def compare(student: str, reference: str, output_format: str, output: Path | None) -> None:
    """Feedback on a STUDENT map against the REFERENCE map: found, reversed, missing and extra."""
    from argmap.check.checker import check as check_project
    from argmap.teach.compare import compare_maps, comparison_markdown
    reference_map = single_map((reference,))
    student_project = loaded_project([student])
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


@main.command()
@FORCE
@click.argument("reference", type=click.Path(path_type=str))
@click.argument("students", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("feedback"), show_default=True,
              help="Folder for one feedback sheet per student and class-summary.md.")
def grade(reference: str, students: tuple[Path, ...], out: Path) -> None:
    """Compare every student map with the REFERENCE: a feedback sheet each, and a class summary."""
    from argmap.check.checker import check as check_project
    from argmap.diagnostics import render_text
    from argmap.render.html_page import markdown_to_html
    from argmap.teach.classroom import ClassResult, class_summary_markdown, gradebook_csv, student_names
    from argmap.teach.compare import compare_maps, comparison_markdown
    reference_map = single_map((reference,))
    names = student_names(list(students))
    if isinstance(names, str):
        fail(f"{names}; give each student's map once (two students' sheets must never share a file)")
    results = []
    sheets: dict[Path, str] = {}
    for student, name in zip(students, names, strict=True):
        project = loaded_project([str(student)])
        if len(project.maps) != 1:
            first_error = next((d for d in project.diagnostics if d.is_error), None)
            problem = (f"{first_error.location}: {first_error.code} {first_error.message}" if first_error
                       else f"{len(project.maps)} maps found; expected one")
            results.append(ClassResult(name, problem=problem))
            continue
        student_map = next(iter(project.maps.values()))
        comparison = compare_maps(student_map, reference_map)
        problems = check_project(project)
        results.append(ClassResult(name, comparison, sum(d.is_error for d in problems)))
        sheet = comparison_markdown(comparison, student_map, reference_map)
        if problems:          # a misquote or a broken reference is feedback too, on the sheet, not only here
            report = render_text(problems)
            fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", report)), default=0))
            sheet += ("\n## Problems argmap check found in your map\n\nFix these first: a quote that is not in "
                      f"its source is not evidence.\n\n{fence}text\n{report}\n{fence}\n")
        sheets[out / f"{name}.md"] = sheet
    summary = class_summary_markdown(results, reference_map)
    written = {**sheets, out / "class-summary.md": summary,
               out / "class-summary.html": markdown_to_html(summary, f"Class summary: {reference_map.title}"),
               out / "gradebook.csv": gradebook_csv(results)}
    guard(*written)
    for path, text in written.items():
        save(path, text.encode("utf-8"))
    click.echo(summary, nl=False)
    click.echo(f"wrote {len(sheets)} feedback sheet(s), class-summary.md/.html and gradebook.csv to {out}/", err=True)
