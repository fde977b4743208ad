"""The ``argmap`` command line: a thin layer over the library API, one module per family of commands
(loaded when one of its commands runs: :data:`argmap.apps.cli.common.COMMAND_MODULES`)."""
from __future__ import annotations

import os
import sys

import click

from argmap.apps.cli.common import main   # each command's module is imported when the command runs

__all__ = ["main", "run"]


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


