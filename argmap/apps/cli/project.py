"""Commands that start a project or add to it: init, add-source."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.apps.cli.common import fail, main
from argmap.diagnostics import render_text


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--map", "map_id", default="my-debate", show_default=True, help="The new map's id.")
@click.option("--title", default="My debate", show_default=True, help="The new map's title.")
def init(folder: Path, map_id: str, title: str) -> None:
    """Start a project: a starter map that passes check, the JSON Schema for editors, and sources/."""
    from argmap.apps.output import OutputError
    from argmap.apps.scaffold import init_project
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
    from argmap.apps.output import OutputError
    from argmap.apps.scaffold import add_source
    from argmap.load.yamlio import read_text
    text, problems = read_text(text_file, str(text_file), "article", confine=False)
    if text is None:
        click.echo(render_text(problems), err=True)
        sys.exit(1)
    try:
        path, paragraphs = add_source(text, {"id": source_id, **fields}, folder)
    except OutputError as error:
        fail(str(error))
    click.echo(f"created {path} ({paragraphs} paragraphs); cite it as 'source: {source_id}'")


