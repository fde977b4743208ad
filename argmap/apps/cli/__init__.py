"""The ``argmap`` command line: a thin layer over the library API, one module per family of commands
(loaded when one of its commands runs: :data:`argmap.apps.cli.common.COMMAND_MODULES`)."""
from __future__ import annotations

import os
import sys

import click

from argmap.apps.cli.common import main   # each command's module is imported when the command runs

__all__ = ["main", "run"]


def run() -> None:
    """The console entry point: the CLI, with a last-resort guard so a bug never shows a user a traceback.

    A command that finished ends the process at once (``os._exit`` after flushing its output), as mypy
    does: tearing down a loaded 100,000-claim project object by object took longer than writing its
    output (every file argmap writes is complete and closed before its command returns)."""
    try:
        main()
    except SystemExit as finished:
        code = finished.code if isinstance(finished.code, int) else (0 if finished.code is None else 1)
        if finished.code is not None and not isinstance(finished.code, int):
            click.echo(finished.code, err=True)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):        # a reader that closed the pipe early (argmap ... | head)
                pass
        os._exit(code)
    except Exception as error:
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        click.echo(f"argmap: internal error ({type(error).__name__}: {error}). This is a bug in argmap, not in "
                   "your input: rerun with ARGMAP_DEBUG=1 to see the details, and report them.", err=True)
        sys.exit(3)


