"""What every command shares: path and format options, loading a checked project, writing outputs."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from argmap.apps.output import OutputError, write_atomic
from argmap.check.checker import check as check_project
from argmap.diagnostics import render_text
from argmap.load.project import Project, load_project
from argmap.model import ArgumentMap


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


def emit(text: str, output: Path | None) -> None:
    """Print text, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    save(output, text.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)


