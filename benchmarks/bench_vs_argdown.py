"""argmap against its peer: the same synthetic map written as argmap YAML and as Argdown; whole-process
`argmap check` (cold, and warm from .argmap-cache) against the Argdown CLI's `argdown json`, and
against the floor, the bare YAML parse of the same files (PyYAML's C loader). Medians of 3.

Run: .venv/bin/python benchmarks/bench_vs_argdown.py   (needs the Argdown CLI: scripts/setup)
"""
from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap import check, load_project  # noqa: E402
from argmap.analysis.graph import build_graph  # noqa: E402
from argmap.apps.importer import argdown_cli  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402
from argmap.formats.argdown import to_argdown  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ARGMAP = str(REPO / ".venv" / "bin" / "argmap")


def median_process(command: list[str], cwd: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    cli = argdown_cli()
    if cli is None:
        print("skipped: the Argdown CLI is not installed (scripts/setup)")
        return
    print(f"{'claims':>7} {'argmap cold':>12} {'argmap warm':>12} {'argdown json':>13} {'cold ratio':>11} "
          f"{'warm ratio':>11} {'YAML floor':>11} {'check/floor':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for claims in (1_000, 10_000):
            root = Path(folder) / str(claims)
            maps = write_synthetic_project(root, claims)
            project = load_project([maps])
            check(project)
            (root / "map.argdown").write_text(to_argdown(build_graph(project.maps["synthetic"])), encoding="utf-8")
            cold = median_process([ARGMAP, "check", "arguments", "--no-cache"], root)
            median_process([ARGMAP, "check", "arguments"], root, 1)
            warm = median_process([ARGMAP, "check", "arguments"], root)
            argdown = median_process([cli, "json", "map.argdown", str(root / "out")], root)
            texts = [f.read_text(encoding="utf-8") for f in sorted(maps.glob("*.yaml"))]
            gc.disable()                        # as argmap's loader does while it builds the node tree
            start = time.perf_counter()
            for _ in range(3):
                for text in texts:
                    yaml.compose(text, Loader=yaml.CSafeLoader)
            floor = (time.perf_counter() - start) / 3
            gc.enable()
            print(f"{claims:>7} {cold:>11.2f}s {warm:>11.2f}s {argdown:>12.2f}s {argdown / cold:>10.1f}x "
                  f"{argdown / warm:>10.1f}x {floor:>10.2f}s {cold / floor:>11.1f}x")
    print("ratio = Argdown's time / argmap's (above 1: argmap is faster); the floor parses YAML in-process")


if __name__ == "__main__":
    main()
