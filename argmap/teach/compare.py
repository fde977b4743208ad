"""``argmap compare``: feedback on a student's map against the teacher's reference map.

Claims are matched first by id, then by text: each remaining student claim is paired with the
reference claim whose text is most similar (rapidfuzz ``token_set_ratio``, 0-100, which ignores word
order, case, punctuation and repeated words), best pairs first, one to one, when the similarity is at least
``MATCH_THRESHOLD`` (70; below that, paraphrases of different claims start to pair up).
Relations are compared through the matched claims: an inference is identified by its premises and its
target (for an undercut, the inference it undercuts).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


from argmap.render.escape import escape_markdown
from argmap.model import ArgumentMap
from argmap.teach.matching import MATCH_THRESHOLD, WordWeights, match_claims, says_the_opposite

Key = tuple  # (frozenset of premise ids, target key) in reference ids


@dataclass
class RelationResult:
    premises: list[str]
    target: str
    relation: str
    student_relation: str = ""
    step: tuple[list[str], str] | None = None      # for an undercut: the premises and conclusion it undercuts


@dataclass
class CloseRelation:
    """A student relation near a reference one: ``credit`` (0-1) of it, and why it is not all of it."""

    reference: RelationResult
    student: RelationResult
    credit: float
    why: str


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
    close: list[CloseRelation] = field(default_factory=list)       # near misses, for part of the credit

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
        right = len(self.agreeing) + sum(c.credit for c in self.close)
        return 100 * _f1(right, reference_relations + len(self.close), student_relations + len(self.close))

    @property
    def score(self) -> float:
        """Mean of the claim F1 and the relation F1, as a percentage."""
        return (self.claims_score + self.relations_score) / 2


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
    """Which reference claims and relations the student found, reversed, missed, came close to or added."""
    weights = WordWeights.of(reference)
    matched = match_claims(student, reference, weights)
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

    missing = {key: relation for key, (relation, _) in reference_keys.items() if key not in student_keys}
    extra = {key: relation for key, (relation, _) in student_keys.items() if key not in reference_keys}
    close = close_relations(missing, extra)
    result.close = [CloseRelation(describe(r, missing[r]), describe(s, extra[s]), credit, why)
                    for r, s, credit, why in close]
    closed_reference, closed_student = {r for r, _, _, _ in close}, {s for _, s, _, _ in close}
    opposite = {"support": "attack", "attack": "support"}
    for key, (relation, _) in sorted(reference_keys.items(), key=lambda item: item[1][1]):
        if key not in student_keys:
            if key not in closed_reference:
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
                              sorted(student_keys.items(), key=lambda item: item[1][1])
                              if key in extra and key not in closed_student]
    for r_id in result.missing_claims:
        for s_id in result.extra_claims:
            text, theirs = reference.claims[r_id].text, student.claims[s_id].text
            if says_the_opposite(text, theirs, weights):
                result.inverted.append((r_id, s_id))
    return result


def close_relations(missing: dict[Key, str], extra: dict[Key, str]) -> list[tuple[Key, Key, float, str]]:
    """Student relations close to a reference relation the student did not draw, each used once: an
    attack where the reference undercuts the step to the same claim (or the other way round) earns half;
    a linked argument with some of the reference's premises earns the share it has.

    >>> close_relations({(frozenset("p"), (frozenset("q"), "c")): "undercut"}, {(frozenset("p"), "c"): "attack"})
    [((frozenset({'p'}), (frozenset({'q'}), 'c')), (frozenset({'p'}), 'c'), 0.5, 'step')]
    >>> close_relations({(frozenset("abc"), "t"): "support"}, {(frozenset("a"), "t"): "support"})[0][2:]
    (0.3333333333333333, 'premises')
    """
    found = []
    used: set[Key] = set()
    for reference_key, relation in sorted(missing.items(), key=str):
        premises, target = reference_key
        best: tuple[float, Key, str] | None = None
        for student_key, student_relation in sorted(extra.items(), key=str):
            if student_key in used:
                continue
            theirs, their_target = student_key
            conclusion = target if isinstance(target, str) else target[1]
            their_conclusion = their_target if isinstance(their_target, str) else their_target[1]
            if theirs == premises and conclusion == their_conclusion and {relation, student_relation} == {
                    "attack", "undercut"}:
                candidate = (0.5, student_key, "step")
            elif student_relation == relation and their_target == target and theirs & premises:
                candidate = (len(theirs & premises) / len(theirs | premises), student_key, "premises")
            else:
                continue
            if best is None or candidate[0] > best[0]:
                best = candidate
        if best is not None:
            used.add(best[1])
            found.append((reference_key, best[1], best[0], best[2]))
    return found


#: The feedback sheet lists this many missing claims in full, and counts the rest.
FOCUS = 5


def key_points(argument_map: ArgumentMap) -> tuple[set[str], set[str]]:
    """The contentions (premises of the arguments on the resolution) and their direct reasons and
    objections (premises of the arguments on a contention): what a reader must find first."""
    contentions = {p for a in argument_map.arguments.values() if a.target == argument_map.resolution
                   for p in a.premises}
    return contentions, {p for a in argument_map.arguments.values() if a.target in contentions for p in a.premises}


def ranked_missing(missing: list[str], reference: ArgumentMap) -> list[str]:
    """Missing reference claims, the most important first: the contentions (premises of the arguments on
    the resolution), then their direct reasons, then by how many relations the claim takes part in."""
    contentions, reasons = key_points(reference)
    degree: dict[str, int] = {}
    for argument in reference.arguments.values():
        for claim in [*argument.premises, argument.target]:
            degree[claim] = degree.get(claim, 0) + 1
    order = {claim: position for position, claim in enumerate(reference.claims)}
    return sorted(missing, key=lambda c: (c not in contentions, c not in reasons, -degree.get(c, 0), order[c]))


def reread(reference: ArgumentMap, claim_id: str) -> str:
    """Where the reference claim's evidence is: the source and paragraph to reread (a locator, not the answer)."""
    places = []
    for citation in reference.claims[claim_id].citations:
        source = reference.sources.get(citation.source)
        if source is not None and citation.locator:
            places.append(f"\u201c{escape_markdown(source.get('title') or source.id)}\u201d, "
                          f"\u00b6{citation.locator.paragraph}")
    return f" (reread {'; '.join(dict.fromkeys(places))})" if places else ""


def comparison_markdown(result: Comparison, student: ArgumentMap, reference: ArgumentMap,
                        scoring: list[str] | None = None) -> str:
    """The feedback sheet written for the student; ``scoring`` (Markdown lines, e.g. a rubric) replaces
    the one-number score at its top."""
    theirs = {r: s for r, (s, _) in result.matched.items()}

    def ref_text(claim_id: str, own: bool = False) -> str:
        """A claim's text: the reference's wording (the student's, with ``own``, where they have the claim),
        or the student's for a claim marked '~' (unmatched)."""
        if claim_id.startswith("~"):
            return escape_markdown(student.claims[claim_id[1:]].text)
        if own and claim_id in theirs:
            return escape_markdown(student.claims[theirs[claim_id]].text)
        return escape_markdown(reference.claims[claim_id].text)

    def relation_line(item: RelationResult, own: bool = False) -> str:
        """The relation in words: the article's, or (``own``) the student's, as they drew it."""
        text = (lambda claim: ref_text(claim, True)) if own else ref_text
        relation = item.student_relation if own else item.relation
        premises = " + ".join(f"\u201c{text(p)}\u201d" for p in item.premises)
        plain_claim = item.target in reference.claims or item.target.startswith("~") and "->" not in item.target
        if plain_claim:
            target = f"\u201c{text(item.target)}\u201d"
        elif item.step:
            target = ("the step from " + " and ".join(f"\u201c{text(p)}\u201d" for p in item.step[0])
                      + f" to \u201c{text(item.step[1])}\u201d")
        else:
            target = "a step that is itself undercut"
        verb = {"support": "supports", "attack": "speaks against", "undercut": "undercuts"}.get(relation, relation)
        return f"{premises} {verb} {target}"

    total = len(result.matched) + len(result.missing_claims)
    score = [f"**Score: {result.score:.0f}%** (the average of how well your claims and your relations match the "
             "reference map)."]
    lines = [f"# Feedback on your map: {escape_markdown(reference.title)}", "", *(scoring or score), "",
             f"You found **{len(result.matched) - 1} of {total - 1}** claims (the resolution aside) and got "
             f"**{len(result.agreeing)}** relations "
             f"right; {len(result.reversed)} relation(s) point the wrong way.", ""]
    lines += ["## What you got right", ""]
    lines += [f"- {relation_line(item)}" for item in result.agreeing] or ["- No relation matches the reference yet."]
    def section(title: str, intro: str, bullets: list[str]) -> None:
        if bullets:
            lines.extend(["", f"## {title}", "", *([intro, ""] if intro else []), *(f"- {b}" for b in bullets)])

    section("Relations that point the wrong way", "Ask: does the first claim make the second more believable "
            "(support) or less (attack)?",
            [f"you have {relation_line(item, own=True)}; the article has {relation_line(item)}"
             for item in result.reversed])
    def close_line(item: CloseRelation) -> str:
        share = "half" if item.credit == 0.5 else f"{item.credit:.0%}"
        if item.why == "step":
            lesson = ("the article objects to the step, not to the claim: an undercut says the reason does not "
                      "lead to the conclusion, even if both are true" if item.reference.relation == "undercut" else
                      "the article objects to the claim itself, not only to the step that leads to it")
        else:
            lesson = ("the article's reasons work only together (a linked argument): join the premises it uses "
                      "into one argument")
        drawn = replace(item.student, student_relation=item.student.relation)      # in the student's words
        return f"you have {relation_line(drawn, own=True)}; the article has {relation_line(item.reference)}: {lesson} " \
               f"({share} credit)"

    section("Close: part of the credit", "You drew these nearly as the article does:",
            [close_line(item) for item in result.close])
    section("Relations of a different kind", "",
            [f"you have {relation_line(item, own=True)}; the article has {relation_line(item)}"
             for item in result.different])
    section("Claims where you say the opposite of the source", "Your words first, then what the source says:",
            [f"you wrote \u201c{escape_markdown(student.claims[s].text)}\u201d, but the source says "
             f"\u201c{ref_text(r)}\u201d" for r, s in result.inverted])
    missing = ranked_missing(result.missing_claims, reference)
    shown = [f"{ref_text(c)}{reread(reference, c)}" for c in missing[:FOCUS]]
    if len(missing) > FOCUS:
        shown.append(f"\u2026 and {len(missing) - FOCUS} more, less central to the argument; find these five first.")
    section("Claims you have not found yet", "The most important first: the contentions and their direct reasons, "
            "then the claims most connected to others. Reread the paragraph named for each:", shown)
    found = set(result.matched)
    ready = sorted(result.missing_relations, key=lambda r: -sum(p in found for p in [*r.premises, r.target]))
    drawn = [relation_line(item) for item in ready[:FOCUS]]
    if len(ready) > FOCUS:
        drawn.append(f"\u2026 and {len(ready) - FOCUS} more; draw these first.")
    section("Relations you have not drawn yet", "Those between claims you already have first:", drawn)
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


def _f1(found: int, wanted: int, made: int) -> float:
    if wanted == made == 0:
        return 1.0
    return 2 * found / (wanted + made) if wanted + made else 0.0
