"""The collector is paused while a stage builds, and a command that runs once keeps what each stage built
out of later collections; a server (serve, lsp) does not, so its garbage is still collected."""
from __future__ import annotations

import gc

import click
import pytest

from argmap.apps.cli.common import main
from argmap.load import gcpause


def frozen_by_a_stage() -> int:
    """How many objects a paused stage that builds 2,000 lists leaves frozen."""
    gc.unfreeze()
    kept = gcpause.paused_gc(lambda: [[] for _ in range(2_000)])()
    count = gc.get_freeze_count()
    gc.unfreeze()
    assert len(kept) == 2_000
    return count


@pytest.mark.parametrize("command, freezes", [("check", True), ("build", True), ("evaluate", True),
                                              ("serve", False), ("lsp", False)])
def test_only_commands_that_run_once_freeze_what_their_stages_build(command: str, freezes: bool) -> None:
    context = click.Context(main, info_name="argmap")
    context.invoked_subcommand = command
    try:
        with context:
            main.callback()
        assert (frozen_by_a_stage() >= 2_000) is freezes
        assert gc.isenabled()                    # the collector runs again once the stage returns
    finally:
        gcpause.freeze_stage_results(False)
