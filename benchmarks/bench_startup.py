"""Whole-process times a user feels: `argmap --version` and `argmap check` of the China map (cold:
no cache; after an edit: the answer must be recomputed but the sources' derived data is recalled
from .argmap-cache; warm: .argmap-cache holds the answer). Medians of 11 runs, with argmap
byte-compiled as an installed package is (scripts/setup does it; PYTHONDONTWRITEBYTECODE is common in
containers and would otherwise make every run compile from source).

Run: .venv/bin/python benchmarks/bench_startup.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARGMAP = str(REPO / ".venv" / "bin" / "argmap")


def median_run(args: list[str], runs: int = 11, before=lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        subprocess.run([ARGMAP, *args], cwd=REPO, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "argmap")], capture_output=True, check=True)
    print(f"argmap --version                     {median_run(['--version']) * 1000:6.0f} ms  (target < 80 ms)")
    print(f"argmap check arguments (no cache)    {median_run(['check', 'arguments', '--no-cache']) * 1000:6.0f} ms  "
          "(target < 150 ms)")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "argmap")], capture_output=True, check=True)
    median_run(["check", "arguments"], 1)

    def forget_answers() -> None:
        for entry in (REPO / ".argmap-cache").glob("check-*.json"):
            entry.unlink()

    print(f"argmap check arguments (after an edit) {median_run(['check', 'arguments'], before=forget_answers) * 1000:4.0f} ms"
          "  (target < 150 ms)")
    print(f"argmap check arguments (warm cache)  {median_run(['check', 'arguments']) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
