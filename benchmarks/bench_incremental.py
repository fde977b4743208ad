"""The scale targets of issue #20, whole process, on the synthetic generator's maps: `argmap build` of
10,000 claims cold and after rewording one claim (c0, whose text many exports show, and c5000; how many
files each rewrote), the cache's size, `argmap check` after
three kinds of edit (a reword, an added line, a changed relation: medians of 7, after a first check), and at 100,000 claims
`argmap check` cold and again, `argmap evaluate --format json` after the check (from the checked
project it kept), after rewording one claim (the kept project, patched) and with no cache, each with its
peak memory. One run each otherwise.

Run: .venv/bin/python benchmarks/bench_incremental.py [--skip-100k]
"""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402

ARGMAP = str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "argmap")


#: Runs one command and prints its wall time and peak resident memory: a fresh parent per command, so
#: the figure is that command's own (RUSAGE_CHILDREN keeps the largest child a process has ever waited
#: for), and the time is taken in the parent around the command alone (not the parent's own start-up).
_WRAPPER = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); t = time.perf_counter() - t; "
            "sys.stderr.write(r.stdout + r.stderr); print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "sys.exit(r.returncode)")


def run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """Seconds, peak resident memory of the command (MB) and its output."""
    result = subprocess.run([sys.executable, "-c", _WRAPPER, ARGMAP, *args], cwd=cwd, capture_output=True,
                            text=True, check=True)
    seconds, peak = result.stdout.split()[-2:]
    return float(seconds), int(peak) / 1024, result.stderr


def built(output: str) -> str:
    """The build's summary line (files written and unchanged)."""
    return next((line for line in output.splitlines() if line.startswith("built ")), "")


def edit_one_claim(maps: Path, number: int = 0, how: str = "reword") -> None:
    """One edit of claim ``number`` of the first map file: reword its text, add a note line under it
    (every later line moves), or point its relation at another claim (the map's structure changes)."""
    path = sorted(maps.glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"\n  - id: c{number}\n    text: ([^\n]*)\n    (supports|attacks): (\S+)\n", text)
    replacement = {"reword": f"\n  - id: c{number}\n    text: {entry[1]} (reworded)\n    {entry[2]}: {entry[3]}\n",
                   "note": f"\n  - id: c{number}\n    text: {entry[1]}\n    {entry[2]}: {entry[3]}\n    note: added.\n",
                   "structure": f"\n  - id: c{number}\n    text: {entry[1]}\n    {entry[2]}: resolution\n"}[how]
    path.write_text(text[:entry.start()] + replacement + text[entry.end():], encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "10k"
        maps = write_synthetic_project(root, 10_000)
        cold, _, output = run(["build", "arguments", "--out", "exports"], root)
        print(f"build, 10,000 claims, cold              {cold:7.2f} s   (target < 30 s)   {built(output)}")
        for label, how, numbers in (("rewording c0", "reword", [0] * 5),
                                    ("rewording c5000", "reword", [5000] * 5),
                                    ("retargeting a relation", "structure", range(5001, 5006))):
            times, outputs = [], []
            for number in numbers:
                edit_one_claim(maps, number, how)
                again, _, output = run(["build", "arguments", "--out", "exports"], root)
                times.append(again)
                outputs.append(built(output))
            print(f"build after {label:<27} {statistics.median(times):7.2f} s   median of 5 (target < 3 s)   "
                  f"{outputs[-1]}")
        cache = sum(f.stat().st_size for f in (root / ".argmap-cache").iterdir() if f.is_file()) / 2**20
        print(f"cache after the builds                  {cache:7.1f} MB  (answers, states, checked projects, fragments)")
        first, _, _ = run(["check", "arguments"], root)
        print(f"check before the edits (whole)          {first:7.2f} s")
        for how in ("reword", "note", "structure"):
            times = []
            for number in range(1000, 1007):
                edit_one_claim(maps, number, how)
                times.append(run(["check", "arguments"], root)[0])
            print(f"check after a one-claim edit ({how:9}) {statistics.median(times):7.2f} s   median of 7 "
                  f"(target < 0.2 s)")
        if "--skip-100k" in sys.argv:
            return
        root = Path(folder) / "100k"
        write_synthetic_project(root, 100_000)
        check_seconds, check_mb, _ = run(["check", "arguments"], root)
        print(f"check, 100,000 claims, cold             {check_seconds:7.2f} s   peak {check_mb:5.0f} MB "
              "(keeps the answer, the state and the checked project)")
        again_seconds, again_mb, _ = run(["check", "arguments"], root)
        print(f"check again, nothing changed            {again_seconds:7.2f} s   peak {again_mb:5.0f} MB")
        evaluate_seconds, evaluate_mb, _ = run(["evaluate", "arguments", "--format", "json"], root)
        print(f"evaluate --format json after the check  {evaluate_seconds:7.2f} s   peak {evaluate_mb:5.0f} MB "
              f"(target: check + evaluate < 5 s, 1 GiB)")
        edit_one_claim(root / "arguments", 5_000)
        edited_seconds, edited_mb, _ = run(["evaluate", "arguments", "--format", "json"], root)
        print(f"evaluate after rewording one claim      {edited_seconds:7.2f} s   peak {edited_mb:5.0f} MB "
              "(the checked project, patched)")
        shutil.rmtree(root / ".argmap-cache")
        cold_seconds, cold_mb, _ = run(["evaluate", "arguments", "--format", "json"], root)
        print(f"evaluate --format json, no cache        {cold_seconds:7.2f} s   peak {cold_mb:5.0f} MB")

if __name__ == "__main__":
    main()
