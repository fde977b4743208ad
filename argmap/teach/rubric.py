"""A rubric, not one number: a student's map scored per criterion, each score explained in words.

- **coverage**: the assigned sources' key points found, the contentions counting most (3), their
  direct reasons and objections next (2), every other claim 1;
- **structure**: relations right (F1 against the reference), near misses for part of the credit,
  reversed and invented ones counting against;
- **evidence**: the student's claims backed by the source's own words: cited, each quote found verbatim
  in its source (a misquote, an elision that drops a negation, a source not in the project cost it);
- **critique**: the reference's objections and undercuts found, and the critical questions the
  student's own map answers.

Teachers weight or switch off criteria in ``assignment.yaml`` (a weight of 0 leaves a criterion out).
"""
from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.questions import QuestionStatus
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap
from argmap.teach.compare import Comparison, key_points

CRITERIA = ("coverage", "structure", "evidence", "critique")
DEFAULT_WEIGHTS = {"coverage": 40, "structure": 30, "evidence": 20, "critique": 10}
#: Diagnostics that mean a quote is not the source's words (not found, in another source, an elision
#: that drops a negation or a qualifier): the citation earns nothing.
MISQUOTES = frozenset({"AM301", "AM302", "AM308", "AM309"})


@dataclass
class CriterionScore:
    criterion: str
    score: float          # 0-100
    weight: float
    explanation: str


def importance(reference: ArgumentMap) -> dict[str, int]:
    """How much finding each reference claim counts: contentions 3, their direct reasons and objections
    2, other claims 1 (the resolution is given, so it does not count)."""
    contentions, direct = key_points(reference)
    return {c: 3 if c in contentions else 2 if c in direct else 1
            for c in reference.claims if c != reference.resolution}


def coverage(result: Comparison, reference: ArgumentMap) -> tuple[float, str]:
    weights = importance(reference)
    found = sum(w for c, w in weights.items() if c in result.matched)
    total = sum(weights.values())
    contentions = [c for c, w in weights.items() if w == 3]
    explanation = (f"you found {sum(c in result.matched for c in weights)} of {len(weights)} points of the "
                   f"assigned reading, {sum(c in result.matched for c in contentions)} of {len(contentions)} "
                   "contention(s) among them (contentions count 3, their direct reasons 2, the rest 1)")
    return (100 * found / total if total else 100.0), explanation


def structure(result: Comparison) -> tuple[float, str]:
    close = sum(c.credit for c in result.close)
    explanation = (f"{len(result.agreeing)} relation(s) as the article has them, {len(result.close)} close "
                   f"(worth {close:g}), {len(result.reversed)} pointing the wrong way, "
                   f"{len(result.missing_relations)} not drawn, {len(result.extra_relations)} the article does not make")
    return result.relations_score, explanation


def misquotes(problems: list[Diagnostic]) -> list[Diagnostic]:
    """The problems that say a quote is not the source's words (:data:`MISQUOTES`)."""
    return [d for d in problems if d.code in MISQUOTES]


def evidence(student: ArgumentMap, problems: list[Diagnostic]) -> tuple[float, str]:
    """The share of the student's claims backed by the source's own words: cited, and every quote found
    verbatim in its source by ``argmap check`` (run first: it locates each verified quote)."""
    claims = [c for c in student.claims.values() if not c.is_resolution and not c.implicit]
    citations = [citation for claim in claims for citation in claim.citations]
    backed = [c for c in claims if c.citations and all(x.locator is not None for x in c.citations)]
    verified = sum(x.locator is not None for x in citations)
    wrong = misquotes(problems)
    explanation = (f"{len(backed)} of {len(claims)} claim(s) backed by the source's own words; "
                   f"{sum(bool(c.citations) for c in claims)} cited, {verified} of {len(citations)} quote(s) found in "
                   "their sources" + (f"; {len(wrong)} misquote(s), listed below" if wrong else ""))
    return (100 * len(backed) / len(claims) if claims else 0.0), explanation


def critique_score(result: Comparison, reference: ArgumentMap, questions: list[QuestionStatus]) -> tuple[float, str]:
    """Objections and undercuts of the reference found, and the student's critical ``questions`` answered."""
    objections = [a for a in reference.arguments.values() if a.relation in ("attack", "undercut")]
    found = sum(r.relation in ("attack", "undercut") for r in result.agreeing) + sum(
        c.credit for c in result.close if c.reference.relation in ("attack", "undercut"))
    answered = sum(q.answered for q in questions)
    parts = [found / len(objections)] if objections else []
    explanation = f"you found {found:g} of the article's {len(objections)} objection(s) and undercut(s)"
    if questions:
        parts.append(answered / len(questions))
        explanation += f"; your map answers {answered} of the {len(questions)} critical question(s) its schemes raise"
    return (100 * sum(parts) / len(parts) if parts else 100.0), explanation


def rubric_scores(result: Comparison, student: ArgumentMap, reference: ArgumentMap, problems: list[Diagnostic],
                  questions: list[QuestionStatus], weights: dict[str, float] | None = None) -> list[CriterionScore]:
    """Every criterion with a weight above 0, scored and explained (``questions``: the critical questions
    of the student's own map, answered or open)."""
    weights = DEFAULT_WEIGHTS if weights is None else weights
    scored = {"coverage": coverage(result, reference), "structure": structure(result),
              "evidence": evidence(student, problems), "critique": critique_score(result, reference, questions)}
    found = []
    for name in CRITERIA:
        if weights.get(name, 0) > 0:
            score, explanation = scored[name]
            found.append(CriterionScore(name, score, weights[name], explanation))
    return found


def total(scores: list[CriterionScore]) -> float:
    """The weighted mean of the criteria (0-100)."""
    weight = sum(s.weight for s in scores)
    return sum(s.score * s.weight for s in scores) / weight if weight else 0.0
