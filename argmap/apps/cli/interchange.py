"""``argmap import``: maps from other tools (AIF/OVA, Argdown, Kialo, arg-microtexts, SADFace)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.apps.cli.common import main
from argmap.apps.output import OutputError
from argmap.diagnostics import render_text


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source_format", type=click.Choice(["aif", "argdown", "kialo", "microtexts", "sadface"]),
              help="The files' format (default: detected from their content).")
@click.option("--map", "map_id", help="The new map's id (one file only; default: from the file name).")
@click.option("--resolution", default="", help="The claim (its text or the file's id for it) to make the resolution.")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="The project folder: the map goes to arguments/, its sources to sources/.")
@click.option("--force", is_flag=True, help="Replace map or source files that already exist.")
def import_command(files: tuple[Path, ...], source_format: str | None, map_id: str | None, resolution: str, out: Path,
                   force: bool) -> None:
    """Import maps people already have, then check what was written (exit 1 on errors)."""
    from argmap.apps.importer import import_file, import_problem
    from argmap.check.checker import check
    from argmap.formats.imported import ImportProblem
    from argmap.load.project import load_project

    if map_id and len(files) > 1:
        click.echo("argmap: --map names one map; give one file with it", err=True)
        sys.exit(2)
    problems, written = [], []
    for path in files:
        try:
            result = import_file(path, out, source_format, map_id, resolution, force)
        except ImportProblem as error:
            problems.append(import_problem(path, error))
            continue
        except OutputError as error:
            click.echo(f"argmap: {error}", err=True)
            sys.exit(1)
        written.append(result)
        for note in result.map.notes:
            click.echo(f"{path}: note: {note}", err=True)
        click.echo(f"{path}: imported {len(result.map.claims)} claims and {len(result.map.relations)} relations "
                   f"into {result.written[0]}", err=True)
    if problems:
        click.echo(render_text(problems), err=True)
    if written:
        found = check(load_project([str(r.written[0]) for r in written]))
        errors = [d for d in found if d.is_error]
        if errors:
            click.echo(render_text(errors), err=True)
        click.echo(f"checked {len(written)} imported map(s): {len(errors)} error(s), "
                   f"{sum(not d.is_error for d in found)} warning(s)", err=True)
        problems += errors
    sys.exit(1 if problems else 0)
