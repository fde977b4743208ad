"""Whole-process times a user feels: `argmap --version` and `argmap check` of the China map (cold:
no cache; warm: .argmap-cache holds the answer). Medians of 11 runs.

Run: .venv/bin/python benchmarks/bench_startup.py
"""
from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARGMAP = str(REPO / ".venv" / "bin" / "argmap")


def median_run(args: list[str], runs: int = 11) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([ARGMAP, *args], cwd=REPO, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"argmap --version                     {median_run(['--version']) * 1000:6.0f} ms  (target < 80 ms)")
    print(f"argmap check arguments (no cache)    {median_run(['check', 'arguments', '--no-cache']) * 1000:6.0f} ms  "
          "(target < 150 ms)")
    median_run(["check", "arguments"], 1)
    print(f"argmap check arguments (warm cache)  {median_run(['check', 'arguments']) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
