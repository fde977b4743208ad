"""What every command shares: path and format options, loading a checked project, writing outputs."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click


if TYPE_CHECKING:
    from argmap.apps.output import Inputs
    from argmap.model import ArgumentMap
    from argmap.load.project import Project
from argmap import __version__
from argmap.diagnostics import render_text


TEXT_OR_JSON = click.Choice(["text", "json"])
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=str))
FORMAT = click.option("--format", "output_format", type=TEXT_OR_JSON, default="text", show_default=True,
                      help="text for people, json for programs.")


FORCE = click.option("--force", is_flag=True, expose_value=False, is_eager=True,
                     callback=lambda ctx, _param, value: ctx.meta.__setitem__("argmap.force", value),
                     help="Write even over a file the command reads (a map, source, schemes file or schema).")


def forced() -> bool:
    """Whether the running command was given --force."""
    return click.get_current_context().meta.get("argmap.force", False)


def inputs() -> Inputs:
    """What the running command has read so far (its outputs may not overwrite it)."""
    from argmap.apps.output import Inputs
    return click.get_current_context().meta.setdefault("argmap.inputs", Inputs())


def checked_project(paths: tuple[str, ...]) -> Project:
    """Load and check maps; on any error print the diagnostics and exit 1 (nothing else runs). A project
    checked before is read back from the cache instead (:mod:`argmap.load.snapshot`), with an edit of one
    map file carried into it (:mod:`argmap.check.patch`)."""
    from argmap.apps.cache import CheckCache
    from argmap.load.gcpause import freeze_loaded
    given = list(paths) or ["arguments"]
    project, diagnostics = CheckCache(given).checked()
    freeze_loaded()
    inputs().add_project(project, given)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        click.echo(render_text(errors), err=True)
        click.echo("argmap: fix these problems first (run 'argmap check' for details)", err=True)
        sys.exit(1)
    if not project.maps:
        click.echo("argmap: no argument maps found (give a map file or a folder of .yaml maps)", err=True)
        sys.exit(1)
    return project


#: The module (under argmap.apps.cli) that defines each command; it is imported only when its command
#: runs, so a command does not pay for loading the others (and `argmap --version` for none).
COMMAND_MODULES = {
    "add-source": "project", "init": "project", "lsp": "project", "quote": "project", "serve": "project",
    "brief": "export", "build": "export", "diagram": "export", "export": "export", "flow": "export", "map": "export",
    "check": "inspect", "coverage": "inspect", "evaluate": "inspect", "stats": "inspect",
    "assignment": "teach", "compare": "teach", "critique": "teach", "grade": "teach", "worksheet": "teach",
    "import": "interchange",
}


class LazyGroup(click.Group):
    """A command group that imports a command's module when the command is asked for (click's
    documented pattern for lazily loaded subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMAND_MODULES and cmd_name not in self.commands:
            import importlib

            importlib.import_module(f"argmap.apps.cli.{COMMAND_MODULES[cmd_name]}")
        return super().get_command(ctx, cmd_name)


#: Commands that keep running and serve many requests: the collector must be free to reclaim garbage.
LIVE_COMMANDS = {"serve", "lsp"}


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="argmap")
@click.pass_context
def main(context: click.Context) -> None:
    """Check, evaluate and export argument maps written in YAML."""
    from argmap.load.gcpause import freeze_stage_results
    freeze_stage_results(context.invoked_subcommand not in LIVE_COMMANDS)


def fail(message: str) -> NoReturn:
    """Print an error for people and exit 1."""
    click.echo(f"argmap: {message}", err=True)
    sys.exit(1)


def guard(*paths: Path | None) -> None:
    """Before a command writes anything: exit 1 if any of its outputs would touch an input."""
    from argmap.apps.output import OutputError, check_output
    try:
        for path in filter(None, paths):
            check_output(path, inputs(), forced())
    except OutputError as error:
        fail(str(error))


def save(path: Path, data: bytes) -> None:
    """Write an output atomically, never over an input unless --force; on failure print why (naming
    the path and what this command had already written) and exit 1."""
    from argmap.apps.output import OutputError, check_output, write_atomic
    written = click.get_current_context().meta.setdefault("argmap.written", [])
    try:
        check_output(path, inputs(), forced())
        write_atomic(path, data)
    except OutputError as error:
        done = f" (already written by this command: {', '.join(map(str, written))})" if written else ""
        fail(f"{error}{done}")
    written.append(path)


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


