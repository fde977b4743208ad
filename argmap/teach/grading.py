"""Assessing one student's work: read the project (and its assignment), cut the reference to what was
assigned, compare, score by the rubric, and write the sheet. Whatever goes wrong with a student's
folder (broken YAML, no map, a map of another resolution, a broken assignment.yaml) becomes that
student's sheet, naming the first problem and where it is; nothing that could not be read is scored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.analysis.questions import SchemeCritique, critical_questions
from argmap.analysis.stats import unanswered_attacks, unsupported_claims
from argmap.check.checker import check
from argmap.diagnostics import Diagnostic, render_text
from argmap.load.project import load_project
from argmap.load.schemes import schemes_for_map
from argmap.model import ArgumentMap
from argmap.render.escape import escape_markdown
from argmap.teach.assignment import Assignment, assessed_claims, find_assignment, load_assignment, restrict_map
from argmap.teach.compare import Comparison, compare_maps, comparison_markdown
from argmap.teach.matching import MATCH_THRESHOLD, claim_similarity, opposite_polarity
from argmap.teach.rubric import CriterionScore, misquotes, rubric_scores, total

#: Open critical questions of the student's own map listed in full (the weightiest first).
OPEN_QUESTIONS = 5


@dataclass
class ClassResult:
    """One student's assessment; ``problem`` is set (and nothing scored) when the work could not be read."""

    student: str
    comparison: Comparison | None = None
    errors: int = 0
    problem: str = ""
    scores: list[CriterionScore] = field(default_factory=list)
    sheet: str = ""

    @property
    def total(self) -> float:
        return total(self.scores)


def _first_problem(diagnostics: list[Diagnostic]) -> str:
    first = next((d for d in diagnostics if d.is_error), diagnostics[0] if diagnostics else None)
    return f"{first.location}: {first.code} {first.message}" + (f" ({first.hint})" if first.hint else "") \
        if first else "no problem named"


def problem_sheet(name: str, reference: ArgumentMap, problem: str) -> str:
    """The sheet of a student whose work could not be assessed: the first problem, where, and what to do."""
    return (f"# Feedback on your map: {escape_markdown(reference.title)}\n\n**Not scored.** argmap could not assess "
            f"this work ({escape_markdown(name)}):\n\n> {escape_markdown(problem)}\n\nFix this (run `argmap check` in "
            "your project to see every problem) and hand the map in again.\n")


def assess_student(path: Path, name: str, reference: ArgumentMap) -> ClassResult:
    """One student's result and sheet, from their project folder or map file."""
    assignment: Assignment | None = None
    if (assignment_file := find_assignment(path)) is not None:
        assignment, problems = load_assignment(assignment_file)
        if assignment is None:
            return _unscored(name, reference, _first_problem(problems))
        if assignment.reference != reference.id:
            return _unscored(name, reference, f"{assignment.path}:1:1: this work was set for the map "
                                              f"'{assignment.reference}', not '{reference.id}'")
        name = assignment.student or name
    maps = path / "arguments" if (path / "arguments").is_dir() else path     # a project folder: its maps
    project = load_project([str(maps)])
    unreadable = [d for d in project.diagnostics if d.is_error and d.code < "AM100"]
    if unreadable:                                   # a file that does not parse: nothing of it is scored
        return _unscored(name, reference, _first_problem(unreadable))
    if len(project.maps) != 1:
        problem = (_first_problem(project.diagnostics) if project.diagnostics
                   else f"{path}:1:1: {len(project.maps)} maps found here; hand in exactly one map")
        return _unscored(name, reference, problem)
    student = next(iter(project.maps.values()))
    wanted = reference.claims[reference.resolution].text
    theirs = student.claims[student.resolution].text if student.resolution in student.claims else ""
    if claim_similarity(wanted, theirs) < MATCH_THRESHOLD or opposite_polarity(wanted, theirs):
        where = student.claims[student.resolution].location if theirs else f"{student.files[0]}:1:1"
        return _unscored(name, reference, f"{where}: the map argues \u201c{theirs}\u201d, not the assigned "
                                          f"resolution \u201c{wanted}\u201d; map the assigned debate")
    scoped = restrict_map(reference, assessed_claims(reference, assignment)) if assignment else reference
    comparison = compare_maps(student, scoped)
    problems = check(project)
    graph = build_graph(student)
    questions = critical_questions(student, schemes_for_map(student), evaluate(graph))
    scores = rubric_scores(comparison, student, scoped, problems, [q for s in questions for q in s.questions],
                           assignment.weights if assignment else None)
    sheet = feedback_sheet(comparison, student, scoped, scores, problems, assignment) + own_map_critique(
        student, graph, questions) + problem_lists(problems)
    return ClassResult(name, comparison, sum(d.is_error for d in problems), scores=scores, sheet=sheet)


def _unscored(name: str, reference: ArgumentMap, problem: str) -> ClassResult:
    return ClassResult(name, problem=problem, sheet=problem_sheet(name, reference, problem))


def rubric_lines(scores: list[CriterionScore]) -> list[str]:
    """The rubric at the top of a sheet: the total, then each criterion with its weight and why."""
    weight = sum(s.weight for s in scores)
    lines = [f"**Total: {total(scores):.0f}%**, the weighted mean of:", "",
             "| Criterion | Weight | Score | Why |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {s.criterion} | {100 * s.weight / weight:.0f}% | {s.score:.0f}% | {escape_markdown(s.explanation)} |"
              for s in scores]
    return lines


def feedback_sheet(comparison: Comparison, student: ArgumentMap, reference: ArgumentMap,
                   scores: list[CriterionScore], problems: list[Diagnostic], assignment: Assignment | None) -> str:
    """The sheet's assessment: the rubric, the comparison, and citations of sources not assigned."""
    sheet = comparison_markdown(comparison, student, reference, rubric_lines(scores))
    if assignment is not None:
        outside = sorted({c.source for claim in student.claims.values() for c in claim.citations}
                         - set(assignment.sources) - {""})
        if outside:
            sheet += ("\n## Sources outside this assignment\n\nYour map cites " + ", ".join(f"`{s}`" for s in outside)
                      + f"; the assignment is about {', '.join(f'`{s}`' for s in assignment.sources)}. Claims from "
                      "other sources earn nothing here.\n")
    return sheet


def problem_lists(problems: list[Diagnostic]) -> str:
    """The end of a sheet: the quotes that are not the source's words, then whatever else check found."""
    sheet = ""
    wrong = misquotes(problems)
    if wrong:
        sheet += "\n## Quotes that are not the source's words\n\nEach costs its citation under evidence:\n\n"
        sheet += "".join(f"- {escape_markdown(str(d.location))}: {escape_markdown(d.message)}\n" for d in wrong)
    others = [d for d in problems if d not in wrong]
    if others:
        report = render_text(others)
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", report)), default=0))
        sheet += ("\n## Problems argmap check found in your map\n\nFix these first: a quote that is not in its "
                  f"source is not evidence.\n\n{fence}text\n{report}\n{fence}\n")
    return sheet


def own_map_critique(student: ArgumentMap, graph: nx.DiGraph, questions: list[SchemeCritique]) -> str:
    """What to improve in the student's own map, whatever the reference says: claims asserted bare,
    objections left unanswered, and the weightiest open critical ``questions`` (of its graph)."""

    def words(node: str) -> str:
        if node in student.claims:
            return f"\u201c{escape_markdown(student.claims[node].text)}\u201d"
        argument = student.arguments[node]
        return " + ".join(words(p) for p in argument.premises)

    lines = ["", "## Your own map", ""]
    bare = unsupported_claims(graph)
    unanswered = unanswered_attacks(graph)
    lines += [f"- Asserted with neither a citation nor a reason: {words(c)}" for c in bare]
    lines += [f"- An objection you leave unanswered: {words(a)}" for a in unanswered]
    open_questions = [(scheme, q) for scheme in questions for q in scheme.questions if not q.answered]
    for scheme, question in open_questions[:OPEN_QUESTIONS]:
        lines.append(f"- An open critical question ({escape_markdown(scheme.scheme_name)}): "
                     f"{escape_markdown(question.question)}")
    if len(open_questions) > OPEN_QUESTIONS:
        lines.append(f"- \u2026 and {len(open_questions) - OPEN_QUESTIONS} more open question(s), less weighty.")
    if len(lines) == 3:
        lines.append("- Every claim is cited or argued for, and every objection is answered.")
    return "\n".join(lines) + "\n"
