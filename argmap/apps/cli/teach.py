"""Commands for the classroom: critique, worksheet, compare, grade."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from argmap.apps.cli.common import FORCE, PATHS, emit, fail, forced, guard, main, save, single_map
from argmap.formats.json_text import json_text


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
    from argmap.teach.critique import critique as critique_map
    from argmap.teach.critique import critique_markdown
    argument_map = single_map(paths)
    graph = build_graph(argument_map)
    result = critique_map(argument_map, graph, evaluate_graph(graph), schemes_for_map(argument_map))
    emit(json_text(result.to_dict()) + "\n" if output_format == "json"
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
@click.option("--source", "source_id", help="Only the claims of this source (its id).")
@click.option("--contention", help="Only this contention (a claim id) and everything bearing on it.")
def worksheet(paths: tuple[str, ...], blank: int, seed: int, ids: str | None, output: Path | None, key: Path | None,
              diagram_path: Path | None, source_id: str | None, contention: str | None) -> None:
    """An exercise with blanked claims, source passages and tasks; the answer key goes to --key."""
    from argmap.analysis.graph import build_graph
    from argmap.load.schemes import schemes_for_map
    from argmap.load.yamlio import suggest
    from argmap.render import DIAGRAM_FORMATS
    from argmap.render.diagram import RenderError, diagram_dot, render
    from argmap.teach.worksheet import choose_blanks, focus_map, make_worksheet
    argument_map = single_map(paths)
    guard(diagram_path, key, output)
    graph = build_graph(argument_map)
    if source_id and source_id not in argument_map.sources:
        fail(f"--source: the map cites no source '{source_id}'; {suggest(source_id, sorted(argument_map.sources))}")
    if contention and contention not in argument_map.claims:
        fail(f"--contention: the map has no claim '{contention}'; {suggest(contention, sorted(argument_map.claims))}")
    if source_id or contention:
        argument_map = focus_map(argument_map, graph, source_id, contention)
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
@click.argument("student", type=click.Path(path_type=Path))
@click.argument("reference", type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def compare(student: Path, reference: str, output_format: str, output: Path | None) -> None:
    """Feedback on a STUDENT map against the REFERENCE map, by the rubric of the student's assignment.yaml
    (when there is one): found, close, reversed, missing and extra."""
    from argmap.teach.grading import assess_student
    reference_map = single_map((reference,))
    result = assess_student(student, student.name, reference_map)
    if result.comparison is None:
        fail(result.problem)
    data = dataclasses.asdict(result.comparison) | {"score": result.total,
                                                     "rubric": [dataclasses.asdict(s) for s in result.scores]}
    emit(json_text(data) + "\n" if output_format == "json" else result.sheet, output)


@main.command()
@FORCE
@click.argument("reference", type=click.Path(path_type=str))
@click.argument("students", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("feedback"), show_default=True,
              help="Folder for the feedback sheets, the class summary and the gradebook CSV.")
def grade(reference: str, students: tuple[Path, ...], out: Path) -> None:
    """Assess every student's work against the REFERENCE: a sheet each (Markdown, and HTML that prints one
    student per page run), a class summary (Markdown, HTML) and a gradebook CSV."""
    from argmap.render.html_page import markdown_to_html, pages_to_html
    from argmap.teach.classroom import class_summary_markdown, gradebook_csv, student_names
    from argmap.teach.grading import assess_student
    reference_map = single_map((reference,))
    names = student_names(list(students))
    if isinstance(names, str):
        fail(f"{names}; give each student's work once (two students' sheets must never share a file)")
    results = [assess_student(student, name, reference_map) for student, name in zip(students, names, strict=True)]
    clash = sorted({r.student for r in results if [x.student for x in results].count(r.student) > 1})
    if clash:
        fail(f"two students would share the name '{clash[0]}' (the 'student:' of their assignment.yaml); give each "
             "a different name. Nothing was written.")
    summary = class_summary_markdown(results, reference_map)
    title = f"Feedback: {reference_map.title}"
    written: dict[Path, str] = {}
    for result in sorted(results, key=lambda r: r.student):          # each student's sheet, then the class's files
        written[out / f"{result.student}.md"] = result.sheet
        written[out / f"{result.student}.html"] = markdown_to_html(result.sheet, f"{title} ({result.student})")
    written |= {out / "sheets.html": pages_to_html([r.sheet for r in sorted(results, key=lambda r: r.student)], title),
                out / "gradebook.csv": gradebook_csv(results),
                out / "class-summary.html": markdown_to_html(class_summary_markdown(results, reference_map,
                                                                                    sheet_suffix=".html"),
                                                             f"Class summary: {reference_map.title}"),
                out / "class-summary.md": summary}
    guard(*written)
    for path, text in written.items():
        save(path, text.encode("utf-8"))
    click.echo(summary, nl=False)
    click.echo(f"wrote {len(results)} feedback sheet(s) (.md, .html; all in sheets.html for printing), "
               f"class-summary.md/.html and gradebook.csv to {out}/", err=True)


@main.command()
@FORCE
@click.argument("reference", type=click.Path(path_type=str))
@click.option("--sources", "source_ids", required=True, multiple=True,
              help="A source the students map (its id); repeat, or separate ids with commas.")
@click.option("--claims", "scope", type=click.Choice(["all", "contentions"]), default="all", show_default=True,
              help="Assess every claim of those sources, or only the contentions and their direct reasons and objections.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The starter project folder to create.")
def assignment(reference: str, source_ids: tuple[str, ...], scope: str, output: Path) -> None:
    """A student starter project from the REFERENCE map: the chosen sources, a map with only the resolution,
    the editor schema, a worksheet for those sources and assignment.yaml (what compare and grade assess)."""
    from argmap.analysis.graph import build_graph
    from argmap.apps.scaffold import GITIGNORE, schema_bytes
    from argmap.load.schemes import schemes_for_map
    from argmap.load.sources import path_of_display_name
    from argmap.load.yamlio import suggest
    from argmap.teach.assignment import Assignment, assessed_claims, restrict_map, starter_project
    from argmap.teach.worksheet import make_worksheet
    reference_map = single_map((reference,))
    ids = [i.strip() for value in source_ids for i in value.split(",") if i.strip()]
    for source_id in ids:
        if source_id not in reference_map.sources:
            fail(f"--sources: the reference map has no source '{source_id}'; "
                 f"{suggest(source_id, sorted(reference_map.sources))}")
    setting = Assignment(reference_map.id, reference_map.claims[reference_map.resolution].text, ids, scope)
    scoped = restrict_map(reference_map, assessed_claims(reference_map, setting))
    if len(scoped.claims) < 2:
        fail(f"the reference map cites nothing from {', '.join(ids)}: there would be nothing to assess")
    blanks = [c for c in scoped.claims if c != scoped.resolution and scoped.claims[c].citations]
    sheet = make_worksheet(scoped, build_graph(scoped), schemes_for_map(scoped), blanks, 1)
    paths = [path_of_display_name(reference_map.sources[i].path) for i in ids]
    starter = starter_project(reference_map, setting, {p.name: p.read_bytes() for p in paths}, sheet.markdown)
    starter |= {"argmap.schema.json": schema_bytes(), ".gitignore": GITIGNORE.encode("utf-8")}
    files = {output / name: data for name, data in starter.items()}
    existing = [p for p in files if p.exists()]
    if existing and not forced():
        fail(f"{existing[0]} already exists; argmap never overwrites a student project (pick another folder)")
    guard(*files)
    for path, data in files.items():
        save(path, data)
    click.echo(f"wrote the starter project {output}/: {len(ids)} source(s), {len(scoped.claims) - 1} claim(s) "
               f"assessed ({scope}); hand it to the students", err=True)
