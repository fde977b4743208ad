"""Structures that used to end the process or slip past check: 50,000 levels of nesting in every
file argmap reads, and an argument that undercuts itself."""
from __future__ import annotations

import subprocess
import sys

import pytest

from argmap import check, load_project

DEEP = "[" * 50_000


@pytest.mark.parametrize("name,text", [
    ("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nkey: " + DEEP + "\n"),
    ("arguments/m.yaml", "map: m\nclaims:\n" + "- " * 50_000 + "x\n"),
    ("sources/deep.md", "---\nid: deep\ntitle: " + DEEP + "\n---\nText of the source.\n"),
    ("argmap-schemes.yaml", "schemes: " + DEEP + "\n"),
])
def test_fifty_thousand_levels_are_a_located_error_not_a_crash(project, name: str, text: str) -> None:
    project.write(name, text)
    if not name.startswith("arguments"):
        project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\n")
    result = subprocess.run([sys.executable, "-m", "argmap", "check", "arguments", "sources"], capture_output=True,
                            text=True, timeout=120, cwd=project.root)
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "AM009" in result.stdout and "nest more than 100 levels" in result.stdout
    assert name in result.stdout


def test_an_argument_that_undercuts_itself_is_rejected(project) -> None:
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n"
                  "  - {id: p, text: P holds., implicit: true}\n"
                  "arguments:\n  - {id: loop, premises: [p], undercuts: loop}\n")
    found = [d for d in check(load_project(["arguments"])) if d.code == "AM206"]
    assert found and "undercuts itself" in found[0].message and str(found[0].location) == "arguments/m.yaml:7:5"
