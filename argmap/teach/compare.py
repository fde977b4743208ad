"""``argmap compare``: feedback on a student's map against the teacher's reference map.

Claims are matched first by id, then by text: each remaining student claim is paired with the
reference claim whose text is most similar (rapidfuzz ``token_set_ratio``, 0-100, which ignores word
order, case, punctuation and repeated words), best pairs first, one to one, when the similarity is at least
``MATCH_THRESHOLD`` (70; below that, paraphrases of different claims start to pair up).
Relations are compared through the matched claims: an inference is identified by its premises and its
target (for an undercut, the inference it undercuts).
"""
from __future__ import annotations

from dataclasses import dataclass, field


from argmap.render.escape import escape_markdown
from argmap.model import ArgumentMap
from argmap.teach.matching import MATCH_THRESHOLD, claim_similarity, match_claims, opposite_polarity

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
                    and claim_similarity(text, theirs) >= MATCH_THRESHOLD):
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


def _f1(found: int, wanted: int, made: int) -> float:
    if wanted == made == 0:
        return 1.0
    return 2 * found / (wanted + made) if wanted + made else 0.0
