"""Generate synthetic projects (a source and a large map) for benchmarks and scale tests.

Claims cite one source per 100 claims (a 10,000-claim map cites 100 articles), as a real map would.
The map is a tree under the resolution: each claim supports or attacks its parent (every third one
attacks), every claim quotes its own sentence of the source, and every 50th pair of siblings is
joined into a linked argument, so all parts of the pipeline are exercised at scale.
"""
from __future__ import annotations

from pathlib import Path

CLAIMS_PER_FILE = 10_000
CLAIMS_PER_SOURCE = 100


def write_synthetic_project(root: Path, claims: int, branching: int = 3) -> Path:
    """Write ``sources/s*.md`` and ``arguments/*.yaml`` with ``claims`` claims; returns the maps folder."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    arguments = root / "arguments"
    arguments.mkdir(parents=True, exist_ok=True)
    sentences = [f"Sentence {i} reports that measure {i} changed outcome {i * 7 % 1000}." for i in range(claims)]
    for first in range(0, claims, CLAIMS_PER_SOURCE):
        paragraphs = ["\n".join(sentences[i:i + 10]) for i in range(first, min(first + CLAIMS_PER_SOURCE, claims), 10)]
        number = first // CLAIMS_PER_SOURCE
        (root / "sources" / f"s{number}.md").write_text(
            f"---\nid: s{number}\ntitle: Synthetic source {number}\n---\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8")
    for first in range(0, claims, CLAIMS_PER_FILE):
        lines = ["map: synthetic"]
        if first == 0:
            lines += ["title: Synthetic map", "resolution: The synthetic resolution holds."]
        lines.append("claims:")
        for i in range(first, min(first + CLAIMS_PER_FILE, claims)):
            parent = "resolution" if i < branching else f"c{(i - branching) // branching}"
            relation = "attacks" if i % 3 == 2 else "supports"
            lines += [f"  - id: c{i}", f"    text: Claim {i} says measure {i} matters.",
                      f"    {relation}: {parent}",
                      f"    cite: {{source: s{i // CLAIMS_PER_SOURCE}, quote: \"measure {i} changed outcome {i * 7 % 1000}\"}}"]
        if first == 0:
            lines.append("arguments:")
            for i in range(branching, min(claims, CLAIMS_PER_FILE) - 1, 50):
                lines += [f"  - premises: [c{i}, c{i + 1}]", f"    supports: c{(i - branching) // branching}",
                          "    scheme: example"]
        (arguments / f"part-{first // CLAIMS_PER_FILE:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return arguments
