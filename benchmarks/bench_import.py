"""`argmap import` of the whole AraucariaDB AIF corpus (330 maps), then `argmap check` of the result:
time per map for reading + writing, and for checking. Skips when ../shared/corpora is absent.

Run: .venv/bin/python benchmarks/bench_import.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap import check, load_project  # noqa: E402
from argmap.apps.importer import import_file  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "aif-araucaria"


def main() -> None:
    files = sorted(CORPUS.glob("*.json"))
    if not files:
        print(f"skipped: {CORPUS} is not present")
        return
    runs = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            for file in files:
                import_file(file, Path(folder))
            imported = time.perf_counter() - start
            start = time.perf_counter()
            problems = check(load_project([Path(folder) / "arguments"]))
            checked = time.perf_counter() - start
            runs.append((imported, checked, sum(d.is_error for d in problems)))
    imported, checked, errors = sorted(runs)[1]
    claims = sum(1 for _ in files)
    print(f"{claims} AIF maps (median of 3): import {imported:.2f} s ({imported / claims * 1000:.1f} ms per map), "
          f"check {checked:.2f} s ({checked / claims * 1000:.1f} ms per map), {errors} error(s)")


if __name__ == "__main__":
    main()
