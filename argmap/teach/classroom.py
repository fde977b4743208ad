"""The class at a glance: a name per student, the gradebook CSV and the teacher's class summary."""
from __future__ import annotations

import csv
import io
import re
import statistics
from pathlib import Path

from argmap.model import ArgumentMap
from argmap.render.escape import escape_markdown
from argmap.teach.grading import ClassResult
from argmap.teach.rubric import CRITERIA


def gradebook_csv(results: list[ClassResult]) -> str:
    """The class as a CSV a gradebook imports (Canvas and Moodle map columns by their header): the
    student, a score per rubric criterion, the total, the problems argmap check found, and the feedback
    file. A map that could not be read has no score and says why."""
    rows = [["Student", *(f"{c.capitalize()} (%)" for c in CRITERIA), "Total (%)", "Map problems", "Feedback file",
             "Note"]]
    for row in sorted(results, key=lambda r: r.student):
        if row.comparison is None:
            rows.append([row.student, *([""] * len(CRITERIA)), "", "", f"{row.student}.md", row.problem])
            continue
        scored = {s.criterion: f"{s.score:.0f}" for s in row.scores}
        rows.append([row.student, *(scored.get(c, "") for c in CRITERIA), f"{row.total:.0f}", str(row.errors),
                     f"{row.student}.md", ""])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def student_names(paths: list[Path]) -> list[str] | str:
    """A name per student path that is unique in the class: the last part of the path (a trailing
    ``arguments`` folder and a file's suffix left out, as ``argmap init`` lays projects out), lengthened
    with the parts before it until no two students share one. A path given twice is an error (a string).

    >>> student_names([Path("class/alice/arguments"), Path("class/bob/arguments"), Path("x/cy.yaml")])
    ['alice', 'bob', 'cy']
    >>> student_names([Path("a/sam/arguments"), Path("b/sam/arguments")])
    ['a-sam', 'b-sam']
    """
    parts = []
    for path in paths:
        pieces = list(path.resolve().parts[1:])
        if pieces and pieces[-1] == "arguments":
            pieces.pop()
        if pieces and Path(pieces[-1]).suffix:
            pieces[-1] = Path(pieces[-1]).stem
        parts.append(pieces or ["student"])
    if len({tuple(p) for p in parts}) < len(parts):
        twice = next("/".join(p) for p in parts if parts.count(p) > 1)
        return f"the same student is given twice: {twice}"
    depth = 1
    while True:
        names = ["-".join(p[-depth:]) for p in parts]
        if len(set(names)) == len(names):
            return [re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "student" for name in names]
        depth += 1


def class_summary_markdown(results: list[ClassResult], reference: ArgumentMap, top: int = 10,
                           sheet_suffix: str = ".md") -> str:
    """The teacher's overview: a score table, the distribution, each criterion's median, the claims the
    class missed most and the relations it reversed most; each student links to their sheet (``.md``,
    or ``.html`` for the summary's HTML page)."""
    lines = [f"# Class summary: {escape_markdown(reference.title)}", "",
             f"{len(results)} map(s) compared with the reference ({len(reference.claims)} claims, "
             f"{len(reference.arguments)} relations).", "",
             "| Student | Total | " + " | ".join(c.capitalize() for c in CRITERIA) + " | Map problems |",
             "| --- | ---: | " + " | ".join("---:" for _ in CRITERIA) + " | ---: |"]
    compared = [r for r in results if r.comparison]
    for row in sorted(results, key=lambda r: r.student):
        if row.comparison is None:
            lines.append(f"| [{escape_markdown(row.student)}]({row.student}{sheet_suffix}) | not scored | "
                         + " | ".join("" for _ in CRITERIA) + f" | {escape_markdown(row.problem)} |")
            continue
        scored = {s.criterion: f"{s.score:.0f}%" for s in row.scores}
        lines.append(f"| [{escape_markdown(row.student)}]({row.student}{sheet_suffix}) | {row.total:.0f}% | "
                     + " | ".join(scored.get(c, "off") for c in CRITERIA) + f" | {row.errors} |")
    if compared:
        totals = [r.total for r in compared]
        lines += ["", f"Median total: {statistics.median(totals):.0f}% (lowest {min(totals):.0f}%, "
                  f"highest {max(totals):.0f}%).", "", "## Distribution", "", "| Total | Students |", "| --- | --- |"]
        for low in range(90, -10, -10):
            count = sum(low <= t < low + 10 or (low == 90 and t == 100) for t in totals)
            bar = "\u25a0" * count
            lines.append(f"| {low}\u2013{low + 9 if low < 90 else 100}% | {bar} {count} |")
        by_criterion = {c: [s.score for r in compared for s in r.scores if s.criterion == c] for c in CRITERIA}
        medians = [f"{c} {statistics.median(scores):.0f}%" for c, scores in by_criterion.items() if scores]
        lines += ["", "Median per criterion: " + ", ".join(medians) + "."]
    missed: dict[str, int] = {}
    reversed_counts: dict[str, int] = {}
    for row in compared:
        for claim in row.comparison.missing_claims:
            missed[claim] = missed.get(claim, 0) + 1
        for item in row.comparison.reversed:
            key = " + ".join(reference.claims[p].text for p in item.premises) + " \u2192 " + (
                reference.claims[item.target].text if item.target in reference.claims else item.target)
            reversed_counts[key] = reversed_counts.get(key, 0) + 1
    if missed:
        lines += ["", "## Claims the class missed most", ""]
        lines += [f"- {count} of {len(compared)}: {escape_markdown(reference.claims[claim].text)}"
                  for claim, count in sorted(missed.items(), key=lambda i: (-i[1], i[0]))[:top]]
    if reversed_counts:
        lines += ["", "## Relations the class drew the wrong way round", ""]
        lines += [f"- {count} of {len(compared)}: {escape_markdown(text)}"
                  for text, count in sorted(reversed_counts.items(), key=lambda i: (-i[1], i[0]))[:top]]
    return "\n".join(lines).rstrip() + "\n"
