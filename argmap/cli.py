"""The ``argmap`` command line: a thin layer over the library API."""
from __future__ import annotations

import sys

import click

from argmap.check import check as check_project
from argmap.diagnostics import render_json, render_text
from argmap.load import load_project

FORMATS = click.Choice(["text", "json"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """Check, evaluate and export argument maps written in YAML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def check(paths: tuple[str, ...], strict: bool, output_format: str) -> None:
    """Check maps and sources (default: arguments/); exit 1 when there are problems."""
    diagnostics = check_project(load_project(list(paths) or None))
    click.echo(render_json(diagnostics) if output_format == "json" else render_text(diagnostics))
    failing = [d for d in diagnostics if d.is_error or strict]
    sys.exit(1 if failing else 0)
