"""How well `argmap compare` matches a student's wording to the reference map: precision and recall on
the labelled test set tests/teach/data/matching_pairs.yaml (paraphrases that should match, unrelated
sentences and inversions that should not), pair by pair and inside whole maps (one-to-one matching
of every sentence against every reference claim), with the inversions the sheet names as such.

Run: .venv/bin/python benchmarks/eval_matching.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from argmap import load_project  # noqa: E402
from argmap.teach.matching import matching_quality  # noqa: E402


def main() -> None:
    reference = load_project([REPO / "arguments"]).maps["china-big-tech"]
    pairs = yaml.safe_load((REPO / "tests" / "teach" / "data" / "matching_pairs.yaml").read_text(encoding="utf-8"))
    quality = matching_quality(reference, pairs)
    print(f"test set: {len(pairs['paraphrases'])} paraphrases, {len(pairs['unrelated'])} unrelated, "
          f"{len(pairs['inverted'])} inverted")
    for level in ("pairs", "maps"):
        q = quality[level]
        print(f"{level:<6} precision {q['precision']:.3f}  recall {q['recall']:.3f}  "
              f"(right {q['right']}, missed {q['missed']}, false {q['false']}, inversions named {q['inversions']})")
    print(f"sentences wrongly named an inversion: {len(quality['false inversions'])} of "
          f"{len(pairs['unrelated']) + len(pairs['paraphrases'])} paraphrases and unrelated")
    for label, items in [*quality["failures"].items(), ("false inversion", quality["false inversions"])]:
        for reference_id, sentence in items:
            print(f"  {label}: {reference_id}: {sentence}")


if __name__ == "__main__":
    main()
