"""The sources are the seed articles verbatim, with numbered paragraphs."""
from __future__ import annotations


import pytest

from argmap.load.sources import load_source
from tests.conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"
PAIRS = [("china-tightens-grip.md", "000_42376be6099324b4.txt", 8),
         ("crackdown-not-a-model.md", "002_54a2cd21285c0c1f.txt", 20)]


@pytest.mark.parametrize("name,seed,paragraphs", PAIRS)
def test_source_body_is_the_seed_verbatim(name: str, seed: str, paragraphs: int) -> None:
    source, problems = load_source(REPO / "sources" / name)
    assert problems == []
    if SEEDS.is_dir():
        assert source.body == (SEEDS / seed).read_text(encoding="utf-8")
    assert len(source.paragraphs) == paragraphs
    for paragraph in source.paragraphs:
        assert source.body[paragraph.start:paragraph.end] == paragraph.text


def test_metadata_invents_nothing() -> None:
    for name, _, _ in PAIRS:
        source, _ = load_source(REPO / "sources" / name)
        assert source.get("author") == source.get("date") == source.get("url") == ""


def test_paragraph_lines_point_into_the_file() -> None:
    source, _ = load_source(REPO / "sources" / "crackdown-not-a-model.md")
    lines = (REPO / "sources" / "crackdown-not-a-model.md").read_text(encoding="utf-8").splitlines()
    for paragraph in source.paragraphs:
        assert lines[paragraph.line - 1] == paragraph.text.splitlines()[0]
