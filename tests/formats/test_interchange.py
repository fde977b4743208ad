"""Interchange formats: AIF JSON mirrors the graph; Argdown parses in the real Argdown tool."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from argmap import check, load_project
from argmap.formats.aif import to_aif
from argmap.formats.argdown import argdown_text, argument_title, to_argdown
from argmap.analysis.graph import build_graph
from argmap.load.schemes import builtin_schemes
from tests.conftest import REPO

ARGDOWN = REPO / "tools" / "argdown" / "node_modules" / ".bin" / "argdown"
TRAILING_TAGS = re.compile(r"(\s+#[\w-]+)+\s*$")


def statement(parsed: dict, title: str) -> tuple[str, list[str], dict]:
    """A statement's text (its trailing hashtags removed), its tags and its YAML data, as Argdown parsed them."""
    (member,) = [m for m in parsed["statements"][title]["members"] if m.get("text")]
    return TRAILING_TAGS.sub("", member["text"]), member.get("tags", []), member.get("data", {})


def test_aif_mirrors_the_argument_graph(china_graph) -> None:
    aif = to_aif(china_graph, builtin_schemes())
    argument_nodes = [n for n in aif["nodes"] if n["type"] in ("I", "RA", "CA")]
    by_id = {n["nodeID"]: n for n in argument_nodes}
    node_of = {n["nodeID"]: n["argmapId"] for n in argument_nodes}
    assert len(by_id) == china_graph.number_of_nodes() and set(node_of.values()) == set(china_graph)
    edges = {(node_of[e["fromID"]], node_of[e["toID"]]) for e in aif["edges"] if e["fromID"] in node_of}
    assert edges == set(china_graph.edges)
    expected_type = {"support": "RA", "attack": "CA", "undercut": "CA"}
    for node_id, node in node_of.items():
        data = china_graph.nodes[node]
        if data["kind"] == "claim":
            assert by_id[node_id]["type"] == "I" and by_id[node_id]["text"] == data["text"]
        else:
            assert by_id[node_id]["type"] == expected_type[data["relation"]]
            outgoing = [e for e in aif["edges"] if e["fromID"] == node_id]
            if data["relation"] == "attack":
                assert "scheme" not in by_id[node_id]          # a conflict node carries no inference scheme
            assert len(outgoing) == 1                                # one conclusion (or attacked node)
    expert = "state-unrestrained->china-rarely-limits-state"
    assert by_id[next(i for i, n in node_of.items() if n == expert)]["text"] == "Expert Opinion"    # AIFdb's name
    undercut = next(i for i, n in node_of.items() if n == "us-motive-differs->convergence-arg")
    (edge,) = [e for e in aif["edges"] if e["fromID"] == undercut]
    assert by_id[edge["toID"]]["type"] == "RA"                       # an undercut attacks the inference
    citations = [c for _, d in china_graph.nodes(data=True) if d["kind"] == "claim" for c in d["citations"]]
    assert len(aif["locutions"]) == len(citations)                   # one locution (L -> YA -> I) per citation
    l_nodes = {n["nodeID"] for n in aif["nodes"] if n["type"] == "L"}
    assert {loc["nodeID"] for loc in aif["locutions"]} == l_nodes
    assert all(loc["argmap"]["quote"] in by_id_text for loc in aif["locutions"]
               for by_id_text in [{n["text"].split(": ", 1)[1] for n in aif["nodes"] if n["type"] == "L"}])


def parse_with_argdown(text: str, folder: Path) -> dict:
    if not ARGDOWN.exists():
        pytest.fail("Argdown is not installed: run scripts/setup")
    source = folder / "map.argdown"
    source.write_text(text, encoding="utf-8")
    result = subprocess.run([str(ARGDOWN), "json", str(source), str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads((folder / "map.json").read_text(encoding="utf-8"))


def test_argdown_export_parses_in_argdown(china_graph, tmp_path: Path) -> None:
    parsed = parse_with_argdown(to_argdown(china_graph, builtin_schemes()), tmp_path)
    arguments = parsed["arguments"]
    relations = {(r["relationType"], r["from"], r["to"]) for r in parsed["relations"]}
    for node, data in china_graph.nodes(data=True):
        if data["kind"] == "claim":
            text, tags, extra = statement(parsed, node)
            assert text == argdown_text(data["text"]), node
            expected = ["resolution"] if data["resolution"] else [data["side"]] + (["implicit"] if data["implicit"] else [])
            assert tags == expected, node
            assert [c["quote"] for c in extra.get("cite", [])] == [c["quote"] for c in data["citations"]], node
            continue
        argument = arguments[argument_title(node)]
        roles = [(s.get("title"), s["role"]) for s in argument["pcs"]]
        assert [t for t, role in roles if role == "premise"] == data["premises"], node
        if data["relation"] == "support":
            assert roles[-1] == (data["target"], "main-conclusion")
    attacks = [(n, d) for n, d in china_graph.nodes(data=True) if d["kind"] == "argument" and d["relation"] == "attack"]
    undercuts = [(n, d) for n, d in china_graph.nodes(data=True) if d["kind"] == "argument" and d["relation"] == "undercut"]
    assert sum(r[0] == "attack" for r in relations) == len(attacks)
    assert {r[2] for r in relations if r[0] == "undercut"} == {argument_title(d["target"]) for _, d in undercuts}


def test_argdown_survives_hostile_claim_text(project, tmp_path: Path) -> None:
    hostile = ["Brackets [like this] and <angles>", "A #hashtag and an @mention", "Comments // and /* here",
               "Braces {yaml: maybe} and \u201ccurly\u201d quotes", "\u4e60\u8fd1\u5e73 and \u5f20\u4e00\u9e23"]
    lines = ["map: h", "title: 'Hostile: [title] #1'", "resolution: R", "claims:"]
    for number, text in enumerate(hostile):
        lines += [f"  - id: h{number}", f"    text: \"{text}\"", "    implicit: true", "    supports: resolution"]
    project.write("arguments/h.yaml", "\n".join(lines) + "\n")
    loaded = load_project(["arguments"])
    assert not [d for d in check(loaded) if d.is_error]
    graph = build_graph(loaded.maps["h"])
    parsed = parse_with_argdown(to_argdown(graph), tmp_path)
    for number, text in enumerate(hostile):
        assert statement(parsed, f"h{number}")[:2] == (argdown_text(text), ["pro", "implicit"])
    assert len(parsed["arguments"]) == len(hostile)
