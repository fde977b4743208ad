"""Teaching: the scheme catalogue, critique, worksheets and compare."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from argmap import check, load_project
from argmap.teach.compare import compare_maps, comparison_markdown
from argmap.teach.critique import critique, critique_markdown
from argmap.render.diagram import diagram_dot, render
from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.load.schemes import builtin_schemes, load_schemes
from argmap.teach.worksheet import choose_blanks, make_worksheet
from tests.conftest import REPO

WALTON = {"expert-opinion", "analogy", "cause-to-effect", "positive-consequences", "negative-consequences", "sign",
          "example", "popular-opinion", "position-to-know", "precedent", "ad-hominem", "slippery-slope"}


def loaded(project, name: str, text: str):
    project.write(f"arguments/{name}.yaml", text)
    result = load_project([f"arguments/{name}.yaml"])
    assert not [d for d in check(result) if d.is_error], [d.render() for d in check(result)]
    return next(iter(result.maps.values()))


# -- catalogue -------------------------------------------------------------------------------------

def test_catalogue_covers_walton_and_every_scheme_is_complete() -> None:
    schemes = builtin_schemes()
    assert WALTON <= set(schemes)
    for scheme in schemes.values():
        assert scheme.premises and scheme.conclusion and scheme.name
        assert len(scheme.questions) >= 2
        assert len({q.id for q in scheme.questions}) == len(scheme.questions)
        assert all(q.question.endswith("?") for q in scheme.questions)


def test_project_schemes_extend_the_catalogue(project) -> None:
    project.write("argmap-schemes.yaml", "schemes:\n  - id: fairness\n    name: Argument from fairness\n"
                  "    premises: [Like cases deserve like treatment.]\n    conclusion: Treat them alike.\n"
                  "    critical_questions:\n      - {id: alike, question: Are the cases really alike?}\n"
                  "      - {id: relevant, question: Is the likeness relevant?}\n  - id: broken\n    name: B\n")
    schemes, problems = load_schemes(project.root)
    assert "fairness" in schemes and "expert-opinion" in schemes
    assert [p.code for p in problems] == ["AM102"] and problems[0].location.line == 9


# -- critique --------------------------------------------------------------------------------------

EXPERT = """map: e
title: Expert
resolution: The bridge is safe.
claims:
  - id: engineer
    text: The city's engineer says the bridge is safe.
    implicit: true
    supports: resolution
    argument_id: expert-arg
    scheme: expert-opinion
  - id: not-structural
    text: The engineer designs roads, not bridges.
    implicit: true
    undercuts: expert-arg
    answers: field
  - id: paid
    text: The engineer was paid by the bridge's builder.
    implicit: true
    undercuts: expert-arg
    answers: trustworthiness
  - id: paid-denied
    text: The payment was a standard consulting fee disclosed in advance.
    implicit: true
    attacks: paid
"""


def test_critique_detects_answered_and_open_questions(project) -> None:
    argument_map = loaded(project, "e", EXPERT)
    graph = build_graph(argument_map)
    result = critique(argument_map, graph, evaluate(graph), builtin_schemes())
    (entry,) = result.schemes
    status = {q.id: q for q in entry.questions}
    assert status["field"].answered_by == ["not-structural->expert-arg"] and status["field"].answer_stands
    assert status["trustworthiness"].answered and not status["trustworthiness"].answer_stands
    assert [q for q, s in status.items() if not s.answered] == ["expertise", "opinion", "consistency", "backup"]
    sheet = critique_markdown(result, argument_map)
    assert "- [x] **field**" in sheet and "- [ ] **backup**" in sheet and "the answer does not stand" in sheet


def test_structural_critique_on_the_china_map(china_map, china_graph, china_evaluation) -> None:
    findings = {f.kind: f for f in critique(china_map, china_graph, china_evaluation, builtin_schemes()).findings}
    assert "lessons-in-china: Webster" in findings["unidentified-speaker"].items
    assert not any("Susskind" in item for item in findings["unidentified-speaker"].items)
    assert "starry-eyed-warning-arg" in findings["one-sided"].items
    assert "not-a-model-us->resolution" not in findings["one-sided"].items     # the analyst's turn meets it
    assert "stifling-innovation->restores-balance" in findings["unanswered-attack"].items
    assert "unsupported" not in findings


def test_restatement_is_flagged(project) -> None:
    argument_map = loaded(project, "r", "map: r\ntitle: R\nresolution: R\nclaims:\n"
                          "  - {id: a, text: Taxes on sugar reduce obesity., implicit: true, supports: resolution}\n"
                          "  - {id: b, text: Sugar taxes reduce obesity., implicit: true, supports: a}\n")
    graph = build_graph(argument_map)
    findings = {f.kind: f for f in critique(argument_map, graph, evaluate(graph), builtin_schemes()).findings}
    assert findings["restates-parent"].items == ["b->a"]


# -- worksheet -------------------------------------------------------------------------------------

@pytest.fixture
def china(china_map, china_graph):
    return china_map, china_graph


def test_worksheet_blanks_match_the_answer_key(china) -> None:
    argument_map, graph = china
    blanked = choose_blanks(argument_map, 6, seed=3)
    sheet = make_worksheet(argument_map, graph, builtin_schemes(), blanked, seed=3)
    in_sheet = sorted(int(n) for n in re.findall(r"\[Blank (\d+)\]", sheet.markdown))
    key = dict(re.findall(r"^(\d+)\. C\d+: (.+?) \(source:", sheet.answer_key, re.M))
    # a claim the outline shows twice (a reason for two claims) shows its one blank twice
    assert sorted(set(in_sheet)) == list(range(1, 7)) and sorted(map(int, key)) == sorted(set(in_sheet))
    assert {argument_map.claims[c].text for c in blanked} == set(key.values())
    for claim in blanked:                                   # no answer leaks into the worksheet
        assert argument_map.claims[claim].text not in sheet.markdown
    svg = render(diagram_dot(sheet.graph), "svg").decode()
    for claim in blanked:
        assert claim not in svg and argument_map.claims[claim].text[:30] not in svg
    assert svg.count("Blank ") >= 6


def test_worksheet_is_reproducible_and_accepts_ids(china) -> None:
    argument_map, graph = china
    first = make_worksheet(argument_map, graph, builtin_schemes(), choose_blanks(argument_map, 4, 9), 9)
    again = make_worksheet(argument_map, graph, builtin_schemes(), choose_blanks(argument_map, 4, 9), 9)
    assert first.markdown == again.markdown and first.answer_key == again.answer_key
    chosen = make_worksheet(argument_map, graph, builtin_schemes(), choose_blanks(argument_map, 0, 0,
                            ["state-unrestrained"]), 0)
    assert chosen.blanks == {"state-unrestrained": 1}
    assert "Name the argumentation scheme of A" in chosen.markdown


# -- compare ---------------------------------------------------------------------------------------

REFERENCE = """map: ref
title: Uniforms
resolution: Schools should require uniforms.
claims:
  - {id: cost, text: Uniforms cut what families spend on clothes., supports: resolution, implicit: true}
  - {id: upfront, text: Uniforms are expensive to buy at the start of the year., attacks: cost, implicit: true}
  - {id: bullying, text: Uniforms reduce bullying about clothing brands., supports: resolution, implicit: true}
  - {id: expression, text: Uniforms suppress students' self-expression., attacks: resolution, implicit: true}
"""


def test_reference_against_itself_scores_100(project) -> None:
    reference = loaded(project, "ref", REFERENCE)
    result = compare_maps(reference, reference)
    assert result.score == 100 and len(result.agreeing) == 4
    assert not (result.reversed or result.missing_claims or result.extra_claims or result.extra_relations)


def test_china_map_against_itself_scores_100(china) -> None:
    argument_map, _ = china
    assert compare_maps(argument_map, argument_map).score == 100


def test_one_reversed_relation_is_reported_exactly(project) -> None:
    reference = loaded(project, "ref", REFERENCE)
    student = loaded(project, "student", REFERENCE.replace("map: ref", "map: student")
                     .replace("attacks: cost", "supports: cost"))
    result = compare_maps(student, reference)
    assert [(r.premises, r.target, r.relation, r.student_relation) for r in result.reversed] == \
        [(["upfront"], "cost", "attack", "support")]
    assert len(result.agreeing) == 3 and not result.missing_relations and not result.extra_relations
    assert 50 < result.score < 100
    sheet = comparison_markdown(result, student, reference)
    assert "point the wrong way" in sheet
    assert ("you have \u201cUniforms are expensive to buy at the start of the year.\u201d supports \u201cUniforms cut "
            "what families spend on clothes.\u201d; the article has \u201cUniforms are expensive to buy at the start of "
            "the year.\u201d speaks against") in sheet


def test_reordered_and_reworded_claims_still_match(project) -> None:
    reference = loaded(project, "ref", REFERENCE)
    student = loaded(project, "student", """map: student
title: My map
resolution: Schools should make uniforms compulsory.
claims:
  - {text: Uniforms stifle the self-expression of students., attacks: resolution, implicit: true}
  - {text: Uniforms reduce bullying over clothing brands., supports: resolution, implicit: true}
  - id: savings
    text: Uniforms reduce what families spend on clothes.
    supports: resolution
    implicit: true
  - {text: Uniforms are costly to buy at the start of the year., attacks: savings, implicit: true}
  - {text: School canteens should serve fruit., supports: resolution, implicit: true}
""")
    result = compare_maps(student, reference)
    assert {r: s for r, (s, _) in result.matched.items()}.keys() == set(reference.claims)
    assert len(result.agreeing) == 4 and not result.reversed and not result.missing_relations
    assert result.extra_claims == ["school-canteens-should-serve-fruit"] and len(result.extra_relations) == 1


def test_cli_teaching_commands(tmp_path) -> None:
    def run(*args):
        return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True,
                              cwd=tmp_path, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    maps = str(REPO / "arguments")
    assert run("critique", maps).stdout.startswith("# Critique:")
    result = run("worksheet", maps, "--blank", "3", "-o", "w.md", "--key", "k.md", "--diagram", "w.svg")
    assert result.returncode == 0 and (tmp_path / "k.md").is_file() and (tmp_path / "w.svg").is_file()
    itself = run("compare", maps, maps).stdout
    assert "**Total: " in itself and "| coverage | 40% | 100% |" in itself and "| structure | 30% | 100% |" in itself
    bad = run("worksheet", maps, "--ids", "no-such-claim")
    assert bad.returncode == 1 and "no-such-claim" in bad.stderr


def test_grade_a_class(project, tmp_path) -> None:
    project.write("arguments/ref.yaml", REFERENCE)
    project.write("class/al.yaml", REFERENCE.replace("map: ref", "map: al"))
    project.write("class/bo.yaml", REFERENCE.replace("map: ref", "map: bo").replace("attacks: cost", "supports: cost")
                  .replace("  - {id: bullying, text: Uniforms reduce bullying about clothing brands., supports: "
                           "resolution, implicit: true}\n", ""))
    project.write("class/cy.yaml", "map: [\n")
    result = subprocess.run([sys.executable, "-m", "argmap", "grade", "arguments/ref.yaml", "class/al.yaml",
                             "class/bo.yaml", "class/cy.yaml", "--out", "feedback"], capture_output=True, text=True,
                            cwd=project.root, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    summary = (project.root / "feedback" / "class-summary.md").read_text(encoding="utf-8")
    assert "| [al](al.md) | " in summary and "| [bo](bo.md) | " in summary
    assert "| [cy](cy.md) | not scored |" in summary and "class/cy.yaml:2:1: AM005" in summary
    assert "- 1 of 2: Uniforms reduce bullying about clothing brands." in summary
    assert "- 1 of 2: Uniforms are expensive to buy at the start of the year. \u2192 Uniforms cut" in summary
    assert sorted(p.name for p in (project.root / "feedback").iterdir()) == [
        "al.html", "al.md", "bo.html", "bo.md", "class-summary.html", "class-summary.md", "cy.html", "cy.md",
        "gradebook.csv", "sheets.html"]
    assert "**Not scored.**" in (project.root / "feedback" / "cy.md").read_text(encoding="utf-8")
    import csv
    rows = list(csv.DictReader((project.root / "feedback" / "gradebook.csv").open(encoding="utf-8")))
    assert [r["Student"] for r in rows] == ["al", "bo", "cy"]
    assert rows[0]["Coverage (%)"] == rows[0]["Structure (%)"] == "100" and rows[0]["Feedback file"] == "al.md"
    assert float(rows[1]["Structure (%)"]) < 100 and float(rows[1]["Coverage (%)"]) < 100
    assert rows[2]["Total (%)"] == "" and "AM005" in rows[2]["Note"]
    weights = {"Coverage (%)": 40, "Structure (%)": 30, "Evidence (%)": 20, "Critique (%)": 10}
    for row in rows[:2]:                                  # the total is the weighted mean of the criteria
        mean = sum(float(row[c]) * w for c, w in weights.items()) / 100
        assert abs(float(row["Total (%)"]) - mean) <= 1


def test_grade_keeps_every_students_sheet_and_shows_misquotes_on_it(project) -> None:
    project.write("arguments/ref.yaml", REFERENCE)
    for student, quote in (("alice", "regulation should limit the state"), ("bob", "Words the demo article never wrote")):
        project.write(f"class/{student}/arguments/map.yaml", REFERENCE.replace("map: ref", f"map: {student}").replace(
            "supports: resolution, implicit: true}", f"supports: resolution, cite: {{source: demo, quote: {quote}}}}}", 1))
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "argmap", "grade", "arguments/ref.yaml", "class/alice/arguments",
                             "class/bob/arguments", "--out", "feedback"], capture_output=True, text=True,
                            cwd=project.root, env=env)
    assert result.returncode == 0, result.stderr
    sheets = sorted(p.name for p in (project.root / "feedback").iterdir() if p.suffix == ".md")
    assert sheets == ["alice.md", "bob.md", "class-summary.md"]
    bob = (project.root / "feedback" / "bob.md").read_text(encoding="utf-8")
    assert "## Quotes that are not the source's words" in bob and "map.yaml:5:" in bob
    alice = (project.root / "feedback" / "alice.md").read_text(encoding="utf-8")
    assert "Quotes that are not" not in alice
    evidence = [re.search(r"\| evidence \| \d+% \| (\d+)% \|", sheet).group(1) for sheet in (alice, bob)]
    assert int(evidence[1]) < int(evidence[0])                         # the misquote costs bob under evidence
    twice = subprocess.run([sys.executable, "-m", "argmap", "grade", "arguments/ref.yaml", "class/alice/arguments",
                            "class/alice/arguments/", "--out", "again"], capture_output=True, text=True,
                           cwd=project.root, env=env)
    assert twice.returncode == 1 and "the same student is given twice" in twice.stderr
    assert not (project.root / "again").exists()


def test_a_claim_that_says_the_opposite_is_not_found_but_named_as_an_inversion(project) -> None:
    reference = loaded(project, "ref", REFERENCE.replace(
        "Uniforms cut what families spend on clothes.", "Uniforms have improved what families can spend on books."))
    student = loaded(project, "st", REFERENCE.replace("map: ref", "map: st").replace("{id: cost,", "{id: my-cost,")
                     .replace("attacks: cost", "attacks: my-cost").replace(
        "Uniforms cut what families spend on clothes.", "Uniforms have worsened what families can spend on books."))
    result = compare_maps(student, reference)
    assert "cost" in result.missing_claims and "my-cost" in result.extra_claims
    assert result.inverted == [("cost", "my-cost")]
    sheet = comparison_markdown(result, student, reference)
    assert "## Claims where you say the opposite of the source" in sheet
    assert "you wrote \u201cUniforms have worsened what families can spend on books.\u201d, but the source says" in sheet


def test_an_undercut_is_named_in_words_not_ids(project) -> None:
    with_undercut = REFERENCE + ("  - {id: seller, text: The cost figures come from a uniform seller., "
                                 "undercuts: upfront->cost, implicit: true}\n")
    reference = loaded(project, "ref", with_undercut)
    student = loaded(project, "st", REFERENCE.replace("map: ref", "map: st"))
    sheet = comparison_markdown(compare_maps(student, reference), student, reference)
    assert ("\u201cThe cost figures come from a uniform seller.\u201d undercuts the step from \u201cUniforms are "
            "expensive to buy at the start of the year.\u201d to \u201cUniforms cut what families spend on "
            "clothes.\u201d") in sheet
    assert "->" not in sheet and "the inference" not in sheet


def test_missing_claims_are_ranked_five_in_full_each_with_the_paragraph_to_reread(china_map, project) -> None:
    student = loaded(project, "st", "map: st\ntitle: S\nresolution: Democracies can learn lessons from China's "
                                    "crackdown on Big Tech.\nclaims:\n  - id: a\n    text: Something else "
                                    "entirely about uniforms.\n    attacks: resolution\n")
    sheet = comparison_markdown(compare_maps(student, china_map), student, china_map)
    block = sheet.split("## Claims you have not found yet")[1].split("\n## ")[0]
    items = [line for line in block.splitlines() if line.startswith("- ")]
    contentions = {china_map.claims[p].text for a in china_map.arguments.values()
                   if a.target == china_map.resolution for p in a.premises}
    assert len(items) == 6 and items[-1].startswith("- \u2026 and ") and "more" in items[-1]
    assert all(any(item[2:].startswith(text) for text in contentions) for item in items[:5])
    assert all(" (reread \u201c" in item and "\u00b6" in item for item in items[:5])
