"""``argmap compare``: feedback on a student's map against the teacher's reference map.

Claims are matched first by id, then by text: each remaining student claim is paired with the
reference claim whose text is most similar (rapidfuzz ``token_set_ratio``, 0-100, which ignores word
order, case, punctuation and repeated words), best pairs first, one to one, when the similarity is at least
``MATCH_THRESHOLD`` (70; below that, paraphrases of different claims start to pair up).
Relations are compared through the matched claims: an inference is identified by its premises and its
target (for an undercut, the inference it undercuts).
"""
from __future__ import annotations

import csv
import io
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, utils

from argmap.render.escape import escape_markdown
from argmap.model import ArgumentMap

MATCH_THRESHOLD = 70

Key = tuple  # (frozenset of premise ids, target key) in reference ids


@dataclass
class RelationResult:
    premises: list[str]
    target: str
    relation: str
    student_relation: str = ""
    step: tuple[list[str], str] | None = None      # for an undercut: the premises and conclusion it undercuts


@dataclass
class Comparison:
    matched: dict[str, tuple[str, float]]          # reference id -> (student id, similarity)
    missing_claims: list[str]                      # reference ids the student did not find
    extra_claims: list[str]                        # student ids matching nothing
    agreeing: list[RelationResult] = field(default_factory=list)
    reversed: list[RelationResult] = field(default_factory=list)
    different: list[RelationResult] = field(default_factory=list)
    missing_relations: list[RelationResult] = field(default_factory=list)
    extra_relations: list[RelationResult] = field(default_factory=list)
    inverted: list[tuple[str, str]] = field(default_factory=list)   # (reference id, student id): the opposite said

    @property
    def claims_score(self) -> float:
        """The claim F1, as a percentage."""
        return 100 * _f1(len(self.matched), len(self.matched) + len(self.missing_claims),
                         len(self.matched) + len(self.extra_claims))

    @property
    def relations_score(self) -> float:
        """The relation F1 (agreeing relations only), as a percentage."""
        reference_relations = len(self.agreeing) + len(self.reversed) + len(self.different) + len(self.missing_relations)
        student_relations = len(self.agreeing) + len(self.reversed) + len(self.different) + len(self.extra_relations)
        return 100 * _f1(len(self.agreeing), reference_relations, student_relations)

    @property
    def score(self) -> float:
        """Mean of the claim F1 and the relation F1, as a percentage."""
        return (self.claims_score + self.relations_score) / 2


#: Words that say a thing is not so; an odd number of them flips what a sentence asserts.
NEGATIONS = frozenset("not no never none nor neither nothing nobody cannot can't don't doesn't didn't isn't aren't "
                      "wasn't weren't won't wouldn't shouldn't hasn't haven't hardly without fail fails failed "
                      "lack lacks".split())
#: Words that say something grew or improved, and words that say it shrank or worsened.
UP = frozenset("more improve improved improves improving better greater higher increase increased increases rise "
               "rose risen gain gained gains strengthen strengthened stronger grow grew grown growing boost boosted "
               "expand expanded help helps helped protect protects protected".split())
DOWN = frozenset("less fewer worse worsen worsened worsens lower decrease decreased decreases fall fell fallen "
                 "decline declined declines lose lost loses weaken weakened weaker shrink shrank reduce reduced "
                 "reduces cut cuts harm harms harmed hurt hurts undermine undermined undermines".split())


def opposite_polarity(first: str, second: str) -> bool:
    """Whether two similar sentences say opposite things: one negates where the other does not, or one
    speaks of a rise or improvement where the other speaks of a fall or worsening.

    >>> opposite_polarity("Firms such as Baidu and Tencent have become less transparent.",
    ...                   "Firms have improved privacy, security and transparency.")
    True
    >>> opposite_polarity("The crackdown is not a model.", "The crackdown is a model."), opposite_polarity(
    ...     "Antitrust is not a panacea.", "Antitrust measures are not a panacea.")
    (True, False)
    """
    def words(text: str) -> list[str]:
        return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))

    def direction(found: list[str]) -> int:
        up, down = bool(set(found) & UP), bool(set(found) & DOWN)
        return 0 if up == down else (1 if up else -1)

    one, two = words(first), words(second)
    negated = sum(w in NEGATIONS for w in one) % 2 != sum(w in NEGATIONS for w in two) % 2
    a, b = direction(one), direction(two)
    return negated != (a * b < 0)


def match_claims(student: ArgumentMap, reference: ArgumentMap) -> dict[str, tuple[str, float]]:
    """Reference claim id -> (student claim id, similarity): by id, then by text similarity (greedy, 1:1).
    Two claims that say opposite things (:func:`opposite_polarity`) never match, however alike their words."""
    matched = {i: (i, 100.0) for i in reference.claims
               if i in student.claims and not student.claims[i].generated_id
               and not reference.claims[i].generated_id}
    matched[reference.resolution] = (student.resolution, 100.0)
    used = {s for s, _ in matched.values()}
    candidates = []
    for r_id, r_claim in reference.claims.items():
        if r_id in matched:
            continue
        for s_id, s_claim in student.claims.items():
            if s_id not in used:
                score = fuzz.token_set_ratio(r_claim.text, s_claim.text, processor=utils.default_process)
                if score >= MATCH_THRESHOLD and not opposite_polarity(r_claim.text, s_claim.text):
                    candidates.append((score, r_id, s_id))
    for score, r_id, s_id in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if r_id not in matched and s_id not in used:
            matched[r_id] = (s_id, score)
            used.add(s_id)
    return matched


def _relation_keys(argument_map: ArgumentMap, rename: dict[str, str]) -> dict[Key, tuple[str, str]]:
    """Every inference keyed by (premises, target) in reference ids -> (relation, argument id)."""
    def key(argument_id: str, depth: int = 0) -> Key | None:
        argument = argument_map.arguments[argument_id]
        premises = frozenset(rename.get(p) for p in argument.premises)
        if None in premises or depth > len(argument_map.arguments):
            return None
        if argument.relation == "undercut":
            target = key(argument.target, depth + 1) if argument.target in argument_map.arguments else None
        else:
            target = rename.get(argument.target)
        return None if target is None else (premises, target)

    keys = {}
    for argument in argument_map.arguments.values():
        found = key(argument.id)
        if found is not None:
            keys[found] = (argument.relation, argument.id)
    return keys


def compare_maps(student: ArgumentMap, reference: ArgumentMap) -> Comparison:
    """Which reference claims and relations the student found, reversed, missed or added."""
    matched = match_claims(student, reference)
    student_to_reference = {s: r for r, (s, _) in matched.items()}
    reference_keys = _relation_keys(reference, {i: i for i in reference.claims})
    # an unmatched student claim keeps its own id, marked with "~", so its relations count as extra
    student_keys = _relation_keys(student, {i: student_to_reference.get(i, f"~{i}") for i in student.claims})
    result = Comparison(matched, sorted(set(reference.claims) - set(matched)),
                        sorted(set(student.claims) - set(student_to_reference)))

    def describe(key: Key, relation: str, student_relation: str = "") -> RelationResult:
        premises, target = key
        target_text = target if isinstance(target, str) else "+".join(sorted(target[0])) + "->" + str(target[1])
        step = (sorted(target[0]), target[1]) if not isinstance(target, str) and isinstance(target[1], str) else None
        return RelationResult(sorted(premises), target_text, relation, student_relation, step)

    opposite = {"support": "attack", "attack": "support"}
    for key, (relation, _) in sorted(reference_keys.items(), key=lambda item: item[1][1]):
        if key not in student_keys:
            result.missing_relations.append(describe(key, relation))
            continue
        student_relation = student_keys[key][0]
        if student_relation == relation:
            result.agreeing.append(describe(key, relation, student_relation))
        elif opposite.get(relation) == student_relation:
            result.reversed.append(describe(key, relation, student_relation))
        else:
            result.different.append(describe(key, relation, student_relation))
    result.extra_relations = [describe(key, relation) for key, (relation, _) in
                              sorted(student_keys.items(), key=lambda item: item[1][1]) if key not in reference_keys]
    for r_id in result.missing_claims:
        for s_id in result.extra_claims:
            text, theirs = reference.claims[r_id].text, student.claims[s_id].text
            if (opposite_polarity(text, theirs)
                    and fuzz.token_set_ratio(text, theirs, processor=utils.default_process) >= MATCH_THRESHOLD):
                result.inverted.append((r_id, s_id))
    return result


#: The feedback sheet lists this many missing claims in full, and counts the rest.
FOCUS = 5


def ranked_missing(missing: list[str], reference: ArgumentMap) -> list[str]:
    """Missing reference claims, the most important first: the contentions (premises of the arguments on
    the resolution), then their direct reasons, then by how many relations the claim takes part in."""
    contentions = {p for a in reference.arguments.values() if a.target == reference.resolution for p in a.premises}
    reasons = {p for a in reference.arguments.values() if a.target in contentions for p in a.premises}
    degree: dict[str, int] = {}
    for argument in reference.arguments.values():
        for claim in [*argument.premises, argument.target]:
            degree[claim] = degree.get(claim, 0) + 1
    order = list(reference.claims)
    return sorted(missing, key=lambda c: (c not in contentions, c not in reasons, -degree.get(c, 0), order.index(c)))


def reread(reference: ArgumentMap, claim_id: str) -> str:
    """Where the reference claim's evidence is: the source and paragraph to reread (a locator, not the answer)."""
    places = []
    for citation in reference.claims[claim_id].citations:
        source = reference.sources.get(citation.source)
        if source is not None and citation.locator:
            places.append(f"\u201c{escape_markdown(source.get('title') or source.id)}\u201d, "
                          f"\u00b6{citation.locator.paragraph}")
    return f" (reread {'; '.join(dict.fromkeys(places))})" if places else ""


def comparison_markdown(result: Comparison, student: ArgumentMap, reference: ArgumentMap) -> str:
    """The feedback sheet written for the student."""
    def ref_text(claim_id: str) -> str:
        """A claim's text: the reference's wording, or the student's for a claim marked '~' (unmatched)."""
        if claim_id.startswith("~"):
            return escape_markdown(student.claims[claim_id[1:]].text)
        return escape_markdown(reference.claims[claim_id].text)

    def relation_line(item: RelationResult) -> str:
        premises = " + ".join(f"\u201c{ref_text(p)}\u201d" for p in item.premises)
        plain_claim = item.target in reference.claims or item.target.startswith("~") and "->" not in item.target
        if plain_claim:
            target = f"\u201c{ref_text(item.target)}\u201d"
        elif item.step:
            target = ("the step from " + " and ".join(f"\u201c{ref_text(p)}\u201d" for p in item.step[0])
                      + f" to \u201c{ref_text(item.step[1])}\u201d")
        else:
            target = "a step that is itself undercut"
        verb = {"support": "supports", "attack": "speaks against", "undercut": "undercuts"}.get(item.relation,
                                                                                                  item.relation)
        return f"{premises} {verb} {target}"

    total = len(result.matched) + len(result.missing_claims)
    lines = [f"# Feedback on your map: {escape_markdown(reference.title)}", "",
             f"**Score: {result.score:.0f}%** (the average of how well your claims and your relations match the "
             "reference map).", "",
             f"You found **{len(result.matched)} of {total}** claims and got **{len(result.agreeing)}** relations "
             f"right; {len(result.reversed)} relation(s) point the wrong way.", ""]
    lines += ["## What you got right", ""]
    lines += [f"- {relation_line(item)}" for item in result.agreeing] or ["- No relation matches the reference yet."]
    def section(title: str, intro: str, bullets: list[str]) -> None:
        if bullets:
            lines.extend(["", f"## {title}", "", *([intro, ""] if intro else []), *(f"- {b}" for b in bullets)])

    section("Relations that point the wrong way", "You drew these as the opposite relation. Ask: does the first "
            "claim make the second more believable (support) or less (attack)?",
            [f"{relation_line(item)} (you drew: {item.student_relation})" for item in result.reversed])
    section("Relations of a different kind", "",
            [f"{relation_line(item)} (you drew: {item.student_relation})" for item in result.different])
    section("Claims where you say the opposite of the source", "Your words first, then what the source says:",
            [f"you wrote \u201c{escape_markdown(student.claims[s].text)}\u201d, but the source says "
             f"\u201c{ref_text(r)}\u201d" for r, s in result.inverted])
    missing = ranked_missing(result.missing_claims, reference)
    shown = [f"{ref_text(c)}{reread(reference, c)}" for c in missing[:FOCUS]]
    if len(missing) > FOCUS:
        shown.append(f"\u2026 and {len(missing) - FOCUS} more, less central to the argument; find these five first.")
    section("Claims you have not found yet", "The most important first: the contentions and their direct reasons, "
            "then the claims most connected to others. Reread the paragraph named for each:", shown)
    section("Relations you have not drawn yet", "", [relation_line(item) for item in result.missing_relations])
    section("Claims of yours the reference does not have", "Not necessarily wrong: check that each is in the "
            "sources and is a claim the author argues.", [escape_markdown(student.claims[c].text)
                                                          for c in result.extra_claims])
    section("Relations of yours the reference does not have", "",
            [relation_line(item) for item in result.extra_relations])
    reworded = sorted((r, s, score) for r, (s, score) in result.matched.items() if score < 100)
    section("How your claims were matched", f"Matched by wording (similarity of at least {MATCH_THRESHOLD}%):",
            [f"\u201c{escape_markdown(student.claims[s].text)}\u201d \u2248 \u201c{ref_text(r)}\u201d ({score:.0f}%)"
             for r, s, score in reworded])
    return "\n".join(lines).rstrip() + "\n"


@dataclass
class ClassResult:
    """One student's row in a class summary; ``problem`` is set when the map could not be compared."""

    student: str
    comparison: Comparison | None = None
    errors: int = 0
    problem: str = ""


def _f1(found: int, wanted: int, made: int) -> float:
    if wanted == made == 0:
        return 1.0
    return 2 * found / (wanted + made) if wanted + made else 0.0


def gradebook_csv(results: list[ClassResult]) -> str:
    """The class as a CSV a gradebook imports (Canvas and Moodle map columns by their header): the
    student, a score per criterion, the total, the problems argmap check found, and the feedback file.
    A map that could not be read has no score and says why."""
    rows = [["Student", "Claims found (%)", "Relations right (%)", "Map problems", "Total (%)", "Feedback file",
             "Note"]]
    for row in sorted(results, key=lambda r: r.student):
        if row.comparison is None:
            rows.append([row.student, "", "", "", "", "", row.problem])
            continue
        c = row.comparison
        rows.append([row.student, f"{c.claims_score:.0f}", f"{c.relations_score:.0f}", str(row.errors),
                     f"{c.score:.0f}", f"{row.student}.md", ""])
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


def class_summary_markdown(results: list[ClassResult], reference: ArgumentMap, top: int = 10) -> str:
    """The teacher's overview: a score table, the claims the class missed most, the relations it reversed most."""
    lines = [f"# Class summary: {escape_markdown(reference.title)}", "",
             f"{len(results)} map(s) compared with the reference ({len(reference.claims)} claims, "
             f"{len(reference.arguments)} relations).", "",
             "| Student | Score | Claims found | Relations right | Reversed | Map problems |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    compared = [r for r in results if r.comparison]
    for row in sorted(results, key=lambda r: r.student):
        if row.comparison is None:
            lines.append(f"| {escape_markdown(row.student)} | n/a | | | | {escape_markdown(row.problem)} |")
            continue
        c = row.comparison
        total = len(c.matched) + len(c.missing_claims)
        lines.append(f"| [{escape_markdown(row.student)}]({row.student}.md) | {c.score:.0f}% | {len(c.matched)}/{total} "
                     f"| {len(c.agreeing)} | {len(c.reversed)} | {row.errors} |")
    if compared:
        scores = [r.comparison.score for r in compared]
        lines += ["", f"Median score: {statistics.median(scores):.0f}% (lowest {min(scores):.0f}%, "
                  f"highest {max(scores):.0f}%)."]
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
