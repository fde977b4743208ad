"""Quotes verified by forked workers give the same locators and problems as verified one by one, on a
map with every kind of quote problem. Run in a fresh process: forking needs one without threads."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO

SCRIPT = textwrap.dedent(r"""
    import re, sys
    from pathlib import Path
    from argmap.apps.synthetic import write_synthetic_project
    from argmap.check import parallel
    from argmap.check.checker import check
    from argmap.load.project import load_project

    root = Path(sys.argv[1])
    part = write_synthetic_project(root, 400) / "part-000.yaml"
    text = part.read_text(encoding="utf-8")
    def cite(number, value):
        global text
        text = re.sub(rf"(\n  - id: c{number}\n(?:    .*\n)*?    cite: )\{{[^}}]*\}}", lambda m: m[1] + value, text, count=1)
    cite(10, '{source: s0, quote: "measure 10 altered outcome 70"}')                      # not found
    cite(20, '{source: s0, quote: "Sentence 150 reports that measure 150 changed"}')      # in another source
    cite(30, '{source: s0, quote: "measure"}')                                             # too short
    cite(40, '{source: s9999, quote: "measure 40 changed outcome 280"}')                   # unknown source
    part.write_text(text, encoding="utf-8")

    def answer():
        project = load_project([str(root / "arguments")])
        found = check(project)
        located = [c.locator for m in project.maps.values() for claim in m.claims.values() for c in claim.citations]
        return found, located

    alone = answer()
    parallel.PARALLEL_VERIFY_LIMIT = 10
    assert parallel.can_fork(), "no fork here"
    together = answer()
    assert together == alone, "parallel and sequential differ"
    assert {d.code for d in alone[0]} >= {"AM301", "AM302", "AM203"}, sorted({d.code for d in alone[0]})
    print("same", len(alone[0]), sum(l is not None for l in alone[1]))
""")


def test_quotes_verified_in_parallel_answer_as_verified_one_by_one(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    assert result.returncode == 0, result.stderr
    found, located = map(int, result.stdout.split()[1:])
    assert found >= 3 and located >= 390
