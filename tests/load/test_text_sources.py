"""Plain-text sources are text, not Markdown; articles come from files or standard input; the
kinds of document people cite; and `argmap quote` finds the exact words to paste."""
from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from argmap import check, load_project
from argmap.apps.cli import main

ARTICLE = ("# 1 in 3 voters agree\n* starred note\n1. Not a list either.\n\n"
           "The second paragraph says the state can, of course, collect whatever it wants.\n")


def test_a_text_source_splits_on_blank_lines_only_and_reads_no_markup(project) -> None:
    project.write("article.txt", ARTICLE)
    result = CliRunner().invoke(main, ["add-source", "article.txt", "--id", "poll", "--title", "A poll",
                                       "--kind", "court-ruling"])
    assert result.exit_code == 0, result.output
    assert (project.root / "sources" / "poll.txt").is_file()
    source = load_project(["sources"]).sources["poll"]
    assert [p.text for p in source.paragraphs] == ["# 1 in 3 voters agree\n* starred note\n1. Not a list either.",
                                                   ARTICLE.split("\n\n")[1].strip()]
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  "    supports: resolution\n    cite: {source: poll, quote: \"# 1 in 3 voters agree\"}\n")
    assert [d for d in check(load_project(["arguments"])) if d.is_error] == []


def test_add_source_reads_standard_input(project) -> None:
    result = subprocess.run([sys.executable, "-m", "argmap", "add-source", "-", "--id", "piped", "--title", "Piped"],
                            input=ARTICLE, capture_output=True, text=True, cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert (project.root / "sources" / "piped.txt").read_text(encoding="utf-8").endswith(ARTICLE)


def test_quote_prints_a_cite_block_that_verifies(project) -> None:
    project.write("article.txt", ARTICLE)
    CliRunner().invoke(main, ["add-source", "article.txt", "--id", "poll", "--title", "A poll"])
    result = CliRunner().invoke(main, ["quote", "poll", "state", "can", "colect", "whatever"])
    assert result.exit_code == 0, result.output
    assert 'quote: "state can, of course, collect whatever"' in result.output
    block = result.output.split("cite:\n", 1)[1]
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  "    supports: resolution\n    cite:\n" + "".join("    " + line + "\n" for line in block.splitlines() if line))
    assert [d for d in check(load_project(["arguments"])) if d.is_error] == []
    assert CliRunner().invoke(main, ["quote", "nope", "a", "b"]).exit_code == 1
