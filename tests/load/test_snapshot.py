"""A checked project written as a snapshot and read back is the project the loader made (every field of
every claim, citation, argument and source), and commands answer the same from it as from the files."""
from __future__ import annotations

import shutil

import orjson
from click.testing import CliRunner

from argmap.apps.cache import CheckCache
from argmap.apps.cli import main
from argmap.apps.synthetic import write_synthetic_project
from argmap.check.checker import check
from argmap.load.project import load_project
from argmap.load.snapshot import project_from_snapshot, snapshot_data
from tests.conftest import REPO


def test_a_snapshot_reads_back_as_the_loaded_project(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    loaded = load_project(["arguments"])
    diagnostics = check(loaded)
    back, back_diagnostics = project_from_snapshot(orjson.loads(orjson.dumps(snapshot_data(loaded, diagnostics))))
    assert back.maps == loaded.maps                       # claims with their verified locators, arguments, ...
    assert back.sources == loaded.sources
    assert (back.diagnostics, back_diagnostics) == (loaded.diagnostics, diagnostics)
    located = [c.locator for m in back.maps.values() for claim in m.claims.values() for c in claim.citations]
    assert located and all(isinstance(span, tuple) for locator in located if locator for span in locator.spans)


def test_commands_answer_the_same_from_the_snapshot_and_from_the_files(project) -> None:
    write_synthetic_project(project.root, 200)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "arguments"]).exit_code == 0
    snapshot = CheckCache(["arguments"]).snapshot
    assert snapshot.is_file()
    for command in (["evaluate", "arguments", "--format", "json"], ["stats", "arguments"], ["brief", "arguments"]):
        from_snapshot = runner.invoke(main, command)
        snapshot.unlink()
        from_files = runner.invoke(main, command)           # loads, checks and writes the snapshot again
        assert snapshot.is_file()
        assert (from_snapshot.exit_code, from_snapshot.output) == (from_files.exit_code, from_files.output), command


def test_a_damaged_snapshot_costs_a_load_not_a_wrong_answer(project) -> None:
    write_synthetic_project(project.root, 50)
    runner = CliRunner()
    fresh = runner.invoke(main, ["evaluate", "arguments", "--format", "json"]).output
    snapshot = CheckCache(["arguments"]).snapshot
    data = snapshot.read_bytes()
    for damage in [b"", b"[]", data[: len(data) // 2], data.replace(b'"format":1', b'"format":99'),
                   data.replace(b'"maps":[{', b'"maps":[{"x":', 1)]:
        snapshot.write_bytes(damage)
        assert runner.invoke(main, ["evaluate", "arguments", "--format", "json"]).output == fresh
