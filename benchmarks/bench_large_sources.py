"""`argmap check` against large sources: 100 sources of 1 MB each, 100 verified quotes and 100 quotes
that fail (one typo each, so every one asks for the closest passage). Prints the time of the whole
check and its peak memory, per source and per failed quote, at 10 and 100 sources (growth shows).

Run: .venv/bin/python benchmarks/bench_large_sources.py
"""
from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("state regulation platform market privacy data party court firm antitrust the of and to a in is "
         "that for on with as by not be are this from or have an they which one you were all we her "
         "consumers lawmakers economy growth innovation power abuse fine merger").split()


def write_project(root: Path, sources: int, megabytes: float = 1.0) -> None:
    rng = random.Random(7)
    (root / "sources").mkdir(parents=True)
    (root / "arguments").mkdir()
    claims = []
    for number in range(sources):
        paragraphs, size = [], 0
        while size < megabytes * 1_000_000:
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
            paragraph = " ".join([sentence] + [" ".join(rng.choice(WORDS) for _ in range(20)) + "." for _ in range(4)])
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        body = "\n\n".join(paragraphs)
        (root / "sources" / f"s{number}.md").write_text(f"---\nid: s{number}\ntitle: Source {number}\n---\n{body}\n",
                                                       encoding="utf-8")
        quote = " ".join(paragraphs[len(paragraphs) // 2].split()[3:15])
        typo = quote.replace(" the ", " teh ", 1) if " the " in quote else quote + "x"
        for kind, text in (("ok", quote), ("typo", typo)):
            claims.append(f"  - text: Claim {kind} {number}\n    supports: resolution\n"
                          f"    cite: {{source: s{number}, quote: \"{text}\"}}")
    (root / "arguments" / "m.yaml").write_text("map: m\ntitle: Large sources\nresolution: R holds.\nclaims:\n"
                                               + "\n".join(claims) + "\n", encoding="utf-8")


def measure(root: Path) -> tuple[float, float, int]:
    """Seconds and peak resident MB of a whole `argmap check` process, and its number of AM301."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "argmap", "check", str(root / "arguments")], capture_output=True,
                            text=True, cwd=root)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, result.stdout.count("AM301")


def main() -> None:
    for sources in (10, 100):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_project(root, sources)
            seconds, peak, failed = measure(root)
            print(f"{sources:>4} sources of 1 MB, {sources} quotes verified and {failed} failed: {seconds:6.2f} s "
                  f"({seconds / sources * 1000:.0f} ms per source), peak RSS {peak:.0f} MB "
                  f"({peak / sources:.1f} MB per source)")


if __name__ == "__main__":
    main()
