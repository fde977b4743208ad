"""argmap init and add-source: a new user's first two steps."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import check, load_project
from argmap.apps.output import OutputError
from argmap.apps.scaffold import add_source, init_project
from argmap.load.sources import load_source
from tests.conftest import REPO


def test_init_makes_a_project_that_checks_clean(tmp_path: Path, monkeypatch) -> None:
    created = init_project(tmp_path / "class", "uniforms", 'Uniforms: "yes" or no?')
    assert [p.name for p in created] == ["sources", "uniforms.yaml", "argmap.schema.json", ".gitignore"]
    assert (tmp_path / "class" / ".gitignore").read_text() == ".argmap-cache/\n"
    monkeypatch.chdir(tmp_path / "class")
    project = load_project(["arguments"])
    assert check(project) == []
    assert project.maps["uniforms"].title == 'Uniforms: "yes" or no?'
    assert json.loads((tmp_path / "class" / "argmap.schema.json").read_text())["title"] == "argmap argument map"


def test_init_never_overwrites(tmp_path: Path) -> None:
    init_project(tmp_path, "m")
    before = (tmp_path / "arguments" / "m.yaml").read_bytes()
    with pytest.raises(OutputError, match="already exists"):
        init_project(tmp_path, "m")
    assert (tmp_path / "arguments" / "m.yaml").read_bytes() == before


def test_add_source_keeps_the_text_verbatim(tmp_path: Path) -> None:
    text = "Headline | Site\n\nIt\u2019s \u201cquoted\u201d \u2014 and *stars* stay.\n\n  Indented line.\n"
    path, paragraphs = add_source(text, {"id": "art", "title": "A title: with colon", "kind": "news",
                                         "author": "Ann Lee"}, tmp_path)
    source, problems = load_source(path)
    assert problems == [] and source.body == text and paragraphs == len(source.paragraphs) == 3
    assert source.get("title") == "A title: with colon" and source.get("author") == "Ann Lee"
    assert source.get("date") == "" and source.get("url") == ""        # nothing invented
    with pytest.raises(OutputError, match="already exists"):
        add_source("other", {"id": "art", "title": "T"}, tmp_path)


@pytest.mark.parametrize("metadata,words", [({"id": "Bad Id", "title": "T"}, "not a valid source id"),
                                            ({"id": "ok"}, "needs a title"),
                                            ({"id": "ok", "title": "T", "kind": "tweet"}, "unknown kind")])
def test_add_source_rejects_bad_metadata(tmp_path: Path, metadata: dict, words: str) -> None:
    with pytest.raises(OutputError, match=words):
        add_source("text", metadata, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_cli_add_source_reports_bad_text_files(tmp_path: Path) -> None:
    bad = tmp_path / "article.txt"
    bad.write_bytes(b"caf\xe9\n")
    result = subprocess.run([sys.executable, "-m", "argmap", "add-source", str(bad), "--id", "a", "--title", "T",
                             "--to", str(tmp_path / "sources")], capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1 and "AM002" in result.stderr and "article.txt:1:4" in result.stderr
    assert not (tmp_path / "sources").exists()
