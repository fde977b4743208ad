"""argmap stats: structure of the real map, and the weak spots a teacher or debater looks for."""
from __future__ import annotations

import json
import subprocess
import sys

from argmap import check, load_project
from argmap.analysis.graph import build_graph
from argmap.analysis.stats import structure_stats
from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_stats_of_the_china_map() -> None:
    result = run("stats")
    assert result.returncode == 0
    assert "claims: 67 (con 40, pro 26, resolution 1)" in result.stdout
    assert "level 7 (2): ma-disappeared, ma-left-public-life" in result.stdout
    assert "unanswered attacks on pro claims: 10" in result.stdout
    data = json.loads(run("stats", "--format", "json").stdout)[0]
    assert data["depth"]["resolution"] == 0 and data["depth"]["not-a-model-us"] == 1
    assert data["central"][0][0] == "resolution" and data["cycles"] == [] and data["disconnected"] == []
    assert data["arguments_by_relation"] == {"support": 57, "attack": 6, "undercut": 8}


def test_stats_find_loose_parts_and_support_cycles(project) -> None:
    project.write("arguments/m.yaml", """map: m
title: T
resolution: R
claims:
  - {id: a, text: A, implicit: true, supports: resolution}
  - {id: b, text: B, implicit: true, attacks: a}
  - {id: loose, text: Loose, implicit: true}
  - {id: x, text: X, implicit: true, supports: y}
  - {id: y, text: Y, implicit: true, supports: x}
""")
    loaded = load_project(["arguments"])
    assert [d.code for d in check(loaded)] == ["AM207"]
    found = structure_stats(build_graph(loaded.maps["m"]))
    assert found.cycles == [["x", "y"]]
    assert found.disconnected == [["loose"], ["x", "y"]]
    assert found.unanswered == {"pro": ["b->a"]}
    assert found.depth["b"] == 2 and found.depth["loose"] is None


def test_stats_on_bad_input_fails_clearly(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("map: [\n", encoding="utf-8")
    result = run("stats", str(bad))
    assert result.returncode == 1 and "AM005" in result.stderr and "Traceback" not in result.stderr


def test_support_cycles_are_reported_by_stats_and_evaluate(project) -> None:
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R\nclaims:\n"
                  "  - {id: x, text: X, implicit: true, supports: [y, resolution]}\n"
                  "  - {id: y, text: Y, implicit: true, supports: x}\n")
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True,
                              cwd=project.root, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert cli("check").returncode == 0 and cli("check", "--strict").returncode == 1
    assert "support cycles: x -> y" in cli("stats").stdout
    evaluation = cli("evaluate")
    assert evaluation.returncode == 0 and "cycles in the graph" in evaluation.stdout and "converged: True" in evaluation.stdout
