"""Worksheets print every passage their tasks ask about, and can be made for one source or one contention."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from argmap.analysis.graph import build_graph
from argmap.load.schemes import builtin_schemes
from argmap.teach.worksheet import choose_blanks, focus_map, make_worksheet
from tests.conftest import REPO


@pytest.mark.parametrize("seed", range(12))
def test_every_paragraph_a_task_names_is_printed(china_map, seed: int) -> None:
    graph = build_graph(china_map)
    sheet = make_worksheet(china_map, graph, builtin_schemes(), choose_blanks(china_map, 3, seed), seed).markdown
    printed = set(re.findall(r"\*\*(.+?), paragraph (\d+)\*\*", sheet))
    asked = set(re.findall(r"paragraph (\d+) of \u201c(.+?)\u201d", sheet))
    assert asked and {(title, number) for number, title in asked} <= printed


def test_a_worksheet_for_one_source_or_one_contention(china_map) -> None:
    graph = build_graph(china_map)
    op_ed = focus_map(china_map, graph, source="crackdown-not-a-model")
    assert all(any(c.source == "crackdown-not-a-model" for c in claim.citations) or not claim.citations
               for claim in op_ed.claims.values())
    assert "catching-up" not in op_ed.claims and "not-a-model-us" in op_ed.claims
    one = focus_map(china_map, graph, contention="consumer-protection")
    assert {"consumer-protection", "stated-aim", "political-control", "bigger-problem-unfixed"} <= set(one.claims)
    assert "not-a-model-us" not in one.claims
    assert all(set(a.premises) <= set(one.claims) for a in one.arguments.values())


def test_worksheet_options_name_what_is_unknown(tmp_path) -> None:
    def run(*args):
        return subprocess.run([sys.executable, "-m", "argmap", "worksheet", str(REPO / "arguments"), *args],
                              capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert "did you mean 'consumer-protection'" in run("--contention", "consumer-protections").stderr
    made = run("--source", "china-tightens-grip", "--blank", "2")
    assert made.returncode == 0 and "Blank 2" in made.stdout and "crackdown is not a model" not in made.stdout
