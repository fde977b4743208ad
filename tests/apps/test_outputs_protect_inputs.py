"""No command writes over a file it reads (maps, sources, schemes, the schema) or among its input
folders, unless the user says --force."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from argmap.apps.cli import main

MAP = ("map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: Rules should limit the state.\n"
       "    supports: resolution\n    cite: {source: demo, quote: regulation should limit the state}\n")
WRITERS = [
    ["brief", "arguments", "-o", "{target}"],
    ["brief", "arguments", "--html", "-o", "{target}"],
    ["brief", "arguments", "--docx", "-o", "{target}"],
    ["export", "arguments", "--to", "aif", "-o", "{target}"],
    ["export", "arguments", "--to", "argdown", "-o", "{target}"],
    ["worksheet", "arguments", "--blank", "1", "-o", "{target}"],
    ["worksheet", "arguments", "--blank", "1", "-o", "sheet.md", "--key", "{target}"],
    ["diagram", "arguments", "--format", "dot", "-o", "{target}"],
    ["critique", "arguments", "-o", "{target}"],
    ["compare", "arguments/m.yaml", "arguments", "-o", "{target}"],
]
TARGETS = ["arguments/m.yaml", "sources/demo.md", "argmap-schemes.yaml", "argmap.schema.json", "arguments/new.md",
           "sources/new-file.md"]


@pytest.fixture
def mapped(project):
    project.write("arguments/m.yaml", MAP)
    project.write("argmap-schemes.yaml", "schemes: []\n")
    project.write("argmap.schema.json", "{}\n")
    return project


def snapshot(root) -> dict[str, bytes]:
    """Every file of the project but argmap's own cache (.argmap-cache/: derived data keyed by content,
    safe to delete, never an input or an output)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".argmap-cache" not in p.relative_to(root).parts}


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2] + c[2:3]))
@pytest.mark.parametrize("target", TARGETS)
def test_no_writer_overwrites_an_input(mapped, command: list[str], target: str) -> None:
    before = snapshot(mapped.root)
    result = CliRunner().invoke(main, [part.replace("{target}", target) for part in command])
    assert result.exit_code == 1, result.output
    assert "refusing to write" in result.output and target.split("/")[-1] in result.output
    assert snapshot(mapped.root) == before          # nothing written at all, not even the other outputs


def test_force_writes_over_an_input_when_asked(mapped) -> None:
    result = CliRunner().invoke(main, ["export", "arguments", "--to", "aif", "-o", "argmap.schema.json", "--force"])
    assert result.exit_code == 0, result.output
    assert (mapped.root / "argmap.schema.json").read_text().startswith("{\n")


@pytest.mark.parametrize("out", ["sources", "arguments", "arguments/exports", "sources/x"])
def test_build_refuses_an_output_folder_among_the_inputs(mapped, out: str) -> None:
    before = snapshot(mapped.root)
    result = CliRunner().invoke(main, ["build", "arguments", "--out", out])
    assert result.exit_code == 1 and "refusing to write" in result.output
    assert snapshot(mapped.root) == before


def test_grade_refuses_to_write_feedback_among_the_sources(mapped) -> None:
    result = CliRunner().invoke(main, ["grade", "arguments", "arguments/m.yaml", "--out", "sources"])
    assert result.exit_code == 1 and "refusing to write" in result.output
    assert not (mapped.root / "sources" / "class-summary.md").exists()


def test_a_write_that_fails_partway_says_what_was_already_written(mapped) -> None:
    (mapped.root / "feedback" / "class-summary.md").mkdir(parents=True)      # the last write cannot happen
    result = CliRunner().invoke(main, ["grade", "arguments", "arguments/m.yaml", "--out", "feedback"])
    assert result.exit_code == 1
    assert "cannot write feedback/class-summary.md" in result.output
    assert "already written by this command: feedback/m.md" in result.output
