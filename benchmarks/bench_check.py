"""How long `argmap check` takes on a generated map of 10,000 claims with 10,000 citations.

Run: .venv/bin/python benchmarks/bench_check.py   (prints medians of 5 runs)
"""
from __future__ import annotations

import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds  # noqa: E402

from argmap import check, load_project  # noqa: E402
from argmap.check.quotes import normalise  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for claims in (1_000, 10_000):
            maps = write_synthetic_project(Path(folder) / str(claims), claims)
            size = sum(f.stat().st_size for f in maps.glob("*.yaml"))

            def load_only(maps: Path = maps) -> None:
                load_project([maps])

            def load_and_check(maps: Path = maps) -> None:
                normalise.cache_clear()
                diagnostics = check(load_project([maps]))
                assert not diagnostics, diagnostics[:3]

            load_time = median_seconds(load_only)
            total = median_seconds(load_and_check)
            tracemalloc.start()
            load_and_check()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{claims:>6} claims, {claims:>6} citations, {size / 1e6:.1f} MB YAML: "
                  f"load {load_time:.3f} s, load+check {total:.3f} s (median of 5), "
                  f"peak traced memory {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
