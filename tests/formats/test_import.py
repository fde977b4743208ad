"""argmap import: each format's constructs land where they belong, bad files are located errors that
write nothing, and the real corpora (when present) import and build without an error."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from argmap import check, load_project
from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.apps.build import build_exports
from argmap.apps.cli import main
from argmap.apps.importer import import_file
from argmap.formats.imported import ImportProblem
from tests.conftest import REPO

DATA = Path(__file__).resolve().parent / "data"
CORPORA = REPO.parent / "shared" / "corpora"


def imported_map(project, name: str, **options):
    result = import_file(DATA / name, project.root, **options)
    loaded = load_project([result.written[0]])
    problems = check(loaded)
    assert [d for d in problems if d.is_error] == [], [d.render() for d in problems]
    return next(iter(loaded.maps.values())), result


def relations(argument_map) -> set[tuple]:
    text = {cid: c.text for cid, c in argument_map.claims.items()}
    found = set()
    for argument in argument_map.arguments.values():
        target = text.get(argument.target) or ("inference", tuple(sorted(text[p] for p in argument_map.arguments[argument.target].premises)))
        found.add((argument.relation, tuple(sorted(text[p][:20] for p in argument.premises)), str(target)[:30]))
    return found


def test_aif_linked_premises_and_the_resolution_every_claim_leads_to(project) -> None:
    argument_map, result = imported_map(project, "nodeset100.json")
    assert argument_map.claims["resolution"].text.startswith("The Minister ought to ask")
    (argument,) = argument_map.arguments.values()
    assert argument.linked and len(argument.premises) == 3 and argument.target == "resolution"
    assert "imported from AIF node 932" in {c.note for c in argument_map.claims.values()}


def test_microtext_quotes_verify_and_undercut_with_added_premise(project) -> None:
    argument_map, result = imported_map(project, "micro_b001.xml")
    assert (project.root / "sources" / "micro-b001.md").is_file()
    assert all(c.locator is not None for claim in argument_map.claims.values() for c in claim.citations)
    assert argument_map.claims["resolution"].text.startswith("We Berliners should take the chance")
    undercut = next(a for a in argument_map.arguments.values() if a.relation == "undercut")
    assert len(undercut.premises) == 2                                         # 'add' joined a premise
    attacked = argument_map.arguments[undercut.target]
    assert attacked.relation == "attack" and attacked.target == "resolution"   # the undercut rebuttal
    assert evaluate(build_graph(argument_map)).labels["resolution"] == "IN"    # the author's answer stands


def test_kialo_pros_cons_and_links(project) -> None:
    argument_map, _ = imported_map(project, "kialo-uniforms.txt")
    texts = {c.text for c in argument_map.claims.values()}
    assert "Uniforms cut what families spend on clothes, because shops compete to sell them." in texts  # wrapped line
    found = relations(argument_map)
    assert ("support", ("Uniforms cut what fa",), "Schools should require uniform") in found
    assert ("attack", ("Uniforms suppress ho",), "Schools should require uniform") in found
    assert ("support", ("Branded uniforms sol",), "Uniforms suppress how pupils e") in found   # '-> See 1.1.1.'


def test_sadface_atoms_schemes_and_cited_resources(project) -> None:
    argument_map, _ = imported_map(project, "sadface-uniforms.json")
    assert argument_map.title == "School uniforms"
    assert {c.source for claim in argument_map.claims.values() for c in claim.citations} == {"uniform-letter"}
    assert ("attack", ("Branded uniforms fro",), "Uniforms cut what families spe") in relations(argument_map)


def test_argdown_statements_arguments_and_relations(project) -> None:
    argument_map, _ = imported_map(project, "argdown-primer.argdown")
    assert len(argument_map.claims) >= 15
    kinds = {a.relation for a in argument_map.arguments.values()}
    assert {"support", "attack"} <= kinds


@pytest.mark.parametrize("name,content,place,words", [
    ("plain.txt", "Just some notes about uniforms.\n", ":1:1:", "not a format argmap imports"),
    ("cut.json", '{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}], "edges": [', ":1:", "broken JSON"),
    ("dangling.json", '{"nodes": [{"nodeID": "1", "type": "I", "text": "A claim"}, {"nodeID": "2", "type": "RA"}],'
                      ' "edges": [{"edgeID": "9", "fromID": "1", "toID": "2"}, {"edgeID": "10", "fromID": "2", '
                      '"toID": "7"}]}', ":1:1:", "node 7 (toID), which does not exist"),
    ("broken.txt", "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: A reason.\n1.3.2. Con: An orphan.\n", ":5:1:",
     "no parent 1.3"),
    ("bad.argdown", "[a]: A statement.\n  + <b\n\n<x>: y\n  (1) \n", ":", "Argdown syntax error"),
])
def test_a_bad_file_is_a_located_error_and_nothing_is_written(project, name: str, content: str, place: str,
                                                              words: str) -> None:
    project.write(name, content)
    before = sorted(p for p in project.root.rglob("*"))
    result = CliRunner().invoke(main, ["import", name])
    assert result.exit_code == 1, result.output
    assert f"{name}{place}" in result.output and "AM601" in result.output and words in result.output
    assert sorted(p for p in project.root.rglob("*")) == before


def test_import_never_overwrites_unless_forced(project) -> None:
    shutil.copy(DATA / "kialo-uniforms.txt", project.root / "k.txt")
    assert CliRunner().invoke(main, ["import", "k.txt"]).exit_code == 0
    target = project.root / "arguments" / "k.yaml"
    target.write_text("# edited by hand\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    again = CliRunner().invoke(main, ["import", "k.txt"])
    assert again.exit_code == 1 and "already exists" in again.output
    assert target.read_text(encoding="utf-8").startswith("# edited by hand")
    assert CliRunner().invoke(main, ["import", "k.txt", "--force"]).exit_code == 0
    assert not target.read_text(encoding="utf-8").startswith("# edited by hand")


def test_resolution_can_be_chosen(project) -> None:
    argument_map, _ = imported_map(project, "kialo-uniforms.txt",
                                   resolution="Uniforms suppress how pupils express themselves.")
    assert argument_map.claims["resolution"].text == "Uniforms suppress how pupils express themselves."


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")
def test_every_corpus_file_imports_checks_evaluates_and_builds(tmp_path: Path, monkeypatch) -> None:
    """All 330 AraucariaDB maps, 90 microtexts and 6 Argdown documents: no crash, no error."""
    monkeypatch.chdir(tmp_path)
    files = (sorted((CORPORA / "aif-araucaria").glob("*.json")) + sorted((CORPORA / "microtexts-en").glob("*.xml"))
             + sorted((CORPORA / "argdown").glob("*.argdown")))
    assert len(files) >= 420
    for file in files:
        import_file(file, tmp_path)
    project = load_project([tmp_path / "arguments"])
    problems = check(project)
    assert [d.render() for d in problems if d.is_error] == []
    assert len(project.maps) == len(files)
    microtexts = [m for m in project.maps.values() if m.id.startswith("micro-")]
    assert all(c.locator is not None for m in microtexts for claim in m.claims.values() for c in claim.citations)
    assert sum(len(claim.citations) for m in microtexts for claim in m.claims.values()) >= 400
    report = build_exports([tmp_path / "arguments"], tmp_path / "exports")
    assert len(report.maps) == len(files)


def test_what_the_corpora_expose_in_aif(project) -> None:
    """OVA's wrapper, an undercut of an undercut, an inference with two conclusions, one without
    premises, a rephrase, and dialogue nodes, each handled as docs/interchange.md says."""
    nodes = [{"nodeID": n, "type": "I", "text": t} for n, t in
             [("1", "Taxes should rise."), ("2", "Schools need money."), ("3", "Hospitals need money."),
              ("4", "Money is wasted."), ("5", "Audits show little waste."), ("6", "The audits were rigged."),
              ("7", "Public services need money.")]]
    nodes += [{"nodeID": "r1", "type": "RA", "text": "Default Inference"},
              {"nodeID": "r2", "type": "RA", "text": "Argument from Expert Opinion", "scheme": "Expert Opinion"},
              {"nodeID": "r3", "type": "RA", "text": "Default Inference"},
              {"nodeID": "c1", "type": "CA", "text": "Default Conflict"},
              {"nodeID": "c2", "type": "CA", "text": "Default Conflict"},
              {"nodeID": "c3", "type": "CA", "text": "Default Conflict"},
              {"nodeID": "m1", "type": "MA", "text": "Default Rephrase"},
              {"nodeID": "l1", "type": "L", "text": "Ann: taxes should rise"},
              {"nodeID": "y1", "type": "YA", "text": "Asserting"}]
    edges = [("2", "r1"), ("r1", "1"), ("7", "r2"), ("r2", "2"), ("r2", "3"), ("r3", "1"),
             ("4", "c1"), ("c1", "r1"), ("5", "c2"), ("c2", "c1"), ("6", "c3"), ("c3", "c2"),
             ("7", "m1"), ("m1", "3"), ("l1", "y1"), ("y1", "1")]
    document = {"AIF": {"nodes": nodes, "edges": [{"edgeID": str(i), "fromID": a, "toID": b}
                                                  for i, (a, b) in enumerate(edges)]},
                "OVA": {"firstname": "", "nodes": []}, "text": {"txt": ""}}
    project.write("wrapped.json", __import__("json").dumps(document))
    result = import_file(project.root / "wrapped.json", project.root)
    loaded = load_project([result.written[0]])
    assert [d for d in check(loaded) if d.is_error] == []
    argument_map = next(iter(loaded.maps.values()))
    text = {cid: c.text for cid, c in argument_map.claims.items()}
    assert text[argument_map.resolution] == "Taxes should rise."
    undercuts = [a for a in argument_map.arguments.values() if a.relation == "undercut"]
    assert len(undercuts) == 3                                  # c1 on r1, c2 on c1, c3 on c2 (a chain)
    assert any(argument_map.arguments[u.target].relation == "undercut" for u in undercuts)
    expert = [a for a in argument_map.arguments.values() if a.scheme == "expert-opinion"]
    assert sorted(text[a.target] for a in expert) == ["Hospitals need money.", "Schools need money."]
    assert any("rephrased as" in c.note for c in argument_map.claims.values())
    notes = " ".join(result.map.notes)
    assert "1 L, 1 YA" in notes and "1 inference(s) without premises" in notes


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["nodes", "edges", "nodeID", "type", "text", "fromID", "toID", "id",
                                                "source_id", "target_id", "AIF", "name", "metadata", "resources",
                                                "sources", "resource_id", "content", "core", "title", "locutions"]),
                               inner, max_size=5), max_leaves=25)


def mutated(document: object, data) -> object:
    """A document with one value somewhere inside replaced by any JSON value."""
    paths, stack = [()], [((), document)]
    while stack:
        path, value = stack.pop()
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
        for key, child in children:
            paths.append((*path, key))
            stack.append(((*path, key), child))
    path = data.draw(st.sampled_from(paths))
    replacement = data.draw(json_values)
    if not path:
        return replacement
    copy = json.loads(json.dumps(document))
    holder = copy
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = replacement
    return copy


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["aif", "sadface", None]), data=st.data())
def test_no_json_crashes_the_importer(tmp_path_factory, kind, data) -> None:
    """The test files with any one value replaced by any JSON: a map, or a located AM601 problem;
    never another exception."""
    template = data.draw(st.sampled_from(["nodeset100.json", "sadface-uniforms.json"]))
    document = mutated(json.loads((DATA / template).read_text(encoding="utf-8")), data)
    folder = tmp_path_factory.mktemp("fuzz")
    file = folder / "in.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    try:
        import_file(file, folder, kind)
    except ImportProblem as problem:
        assert str(problem)
