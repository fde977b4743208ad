"""Re-check an edit that changes what a relation connects (its target, premises or kind) without checking
the whole map again.

The incremental check (:mod:`argmap.check.incremental`) reads the edited items alone, which tells it
everything about them but nothing about the rest of the map, so an edit that changes the map's structure
used to cost a check from scratch (1.2 s at 10,000 claims). A relation's ends reach past its items in
only a few ways: a reference resolves against every claim id, a relation written twice is reported
(AM210), circular support (AM207), and a claim with neither a citation nor a supporting reason (AM401)
depends on every support into it. :class:`Relations` keeps what those read of the whole map (its claim
ids, each relation by its resolved ends, and where each claim that could be an unsupported assertion
is), and :func:`relation_edit` answers from it, for the edits it can answer exactly: the edited items'
claims and left-out paragraphs are unchanged; each changed relation is a support or an attack with no
id of its own and no ``answers``, and every end resolves, before and after; no changed relation is
written twice or relates a claim to itself; its premises stay as they were where the map names
critical-question answers (AM404 depends on which arguments a claim is a premise of); no undercut names
an argument by the name made from its ends (a changed relation is renamed); and no support cycle existed
or would close. Any other edit is checked from scratch. Tests compare both ways on random edits.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from argmap.diagnostics import Diagnostic, Location
from argmap.load.map_file import PendingArgument, Ref
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.check.incremental import Isolated

#: A relation by its resolved ends: (relation, premises, target).
Key = tuple[str, tuple[str, ...], str]
Place = Callable[[Location | None], Location | None]
#: Codes an isolated read gives for the rest of the map it cannot see: a reference to a claim elsewhere
#: (AM201) and a claim supported only from elsewhere (AM401). :func:`relation_edit` finds both map-wide.
MAP_WIDE_CODES = frozenset({"AM201", "AM401"})


@dataclass
class Relations:
    """What of one map the ends of a relation reach: its claim ids, every relation by its resolved ends
    (as often as it is written), where each claim that is an unsupported assertion unless a reason
    supports it is (no citation, not implicit, not the resolution), and whether any objection names
    the critical question it ``answers``. The ids and relations are kept as the state's JSON has them and
    read only for an edit of relations (every other edit carries them over as they are)."""

    files: list[str]
    claim_ids: list[str]
    #: Each relation as JSON: [relation, premises, target, how often it is written].
    written: list[list]
    unsupported: dict[str, Location]
    answers: bool = False

    @cached_property
    def ids(self) -> set[str]:
        return set(self.claim_ids)

    @cached_property
    def relations(self) -> Counter[Key]:
        return Counter({(relation, tuple(premises), target): count for relation, premises, target, count in self.written})

    @cached_property
    def supports(self) -> Counter[str]:
        """How many supports go into each claim."""
        found: Counter[str] = Counter()
        for (relation, _, target), count in self.relations.items():
            if relation == "support":
                found[target] += count
        return found

    @classmethod
    def of(cls, argument_map: ArgumentMap) -> Relations:
        """The relations of a checked map.

        >>> from argmap.model import Argument, Claim
        >>> here = Location("m.yaml")
        >>> claims = {"r": Claim("r", "R", here, is_resolution=True), "a": Claim("a", "A", here)}
        >>> one = Relations.of(ArgumentMap("m", "T", "r", "", claims, {"a->r": Argument("a->r", "support", ["a"], "r",
        ...                                here)}, {}, [], ["m.yaml"]))
        >>> sorted(one.ids), one.supports["r"], sorted(one.unsupported)
        (['a', 'r'], 1, ['a'])
        """
        written = Counter((a.relation, tuple(a.premises), a.target) for a in argument_map.arguments.values())
        return cls.made(list(argument_map.files), list(argument_map.claims), written,
                        {c.id: c.location for c in argument_map.claims.values()
                         if not (c.citations or c.implicit or c.is_resolution)},
                        any(a.answers for a in argument_map.arguments.values()))

    @classmethod
    def made(cls, files: list[str], ids: list[str], relations: Counter[Key], unsupported: dict[str, Location],
             answers: bool) -> Relations:
        """Relations from their parts, the relations counted by their ends."""
        return cls(files, ids, [[r, list(p), t, n] for (r, p, t), n in relations.items()], unsupported, answers)

    def to_json(self) -> dict:
        """As JSON for the check's state (:meth:`from_json` reads it back)."""
        return {"files": self.files, "ids": self.claim_ids, "relations": self.written,
                "unsupported": {i: [w.file, w.line, w.column] for i, w in self.unsupported.items()},
                "answers": self.answers}

    @classmethod
    def from_json(cls, data: dict) -> Relations:
        return cls(list(data["files"]), list(data["ids"]), list(data["relations"]),
                   {i: Location(*w) for i, w in data["unsupported"].items()}, bool(data["answers"]))

    def moved(self, place: Place) -> Relations:
        """The same relations with the claims' places moved by ``place`` (an edit added or removed lines)."""
        return Relations(self.files, self.claim_ids, self.written,
                         {i: place(w) or w for i, w in self.unsupported.items()}, self.answers)

    def closes_cycle(self, premise: str, target: str) -> bool:
        """Whether a support from ``premise`` to ``target`` closes a circle of supports: ``target`` already
        leads to ``premise`` along supports.

        >>> here = Location("m.yaml")
        >>> chain = Relations(["m.yaml"], ["a", "b", "c"], [["support", ["a"], "b", 1], ["support", ["b"], "c", 1]], {})
        >>> chain.closes_cycle("c", "a"), chain.closes_cycle("a", "c")
        (True, False)
        """
        onward: dict[str, list[str]] = defaultdict(list)
        for relation, premises, to in self.relations:
            if relation == "support":
                for one in premises:
                    onward[one].append(to)
        seen, stack = {target}, [target]
        while stack:
            for after in onward.get(stack.pop(), ()):
                if after == premise:
                    return True
                if after not in seen:
                    seen.add(after)
                    stack.append(after)
        return False


@dataclass
class RelationEdit:
    """The map's relations after an edit, and the unsupported assertions it made (AM401) and ended."""

    relations: Relations
    made: list[Diagnostic]
    ended: set[Location]


def _ends(pending: PendingArgument, ids: set[str]) -> Key | None:
    """A written relation's resolved ends; None when a reference names no claim of the map."""
    names = []
    for end in [*pending.premises, pending.target]:
        if isinstance(end, Ref) and end.id not in ids:
            return None
        names.append(end.id)
    return pending.relation, tuple(names[:-1]), names[-1]


def _frame(pending: PendingArgument, place: Place | None = None) -> tuple:
    """What of a written relation the edit must leave alone: where it is, its id, scheme, note, answers."""
    return (place(pending.location) if place else pending.location), pending.id, pending.scheme, pending.note, \
        pending.answers


def relation_edit(before: Isolated, after: Isolated, place: Place, relations: Relations, answer: list[Diagnostic],
                  same_claims: bool) -> RelationEdit | None:
    """The map's relations after an edit that changed only what relations connect (see the module
    docstring), with the AM401 it made and ended; None when the edit needs a check from scratch.
    ``same_claims``: the edited items' claims and left-out paragraphs came out the same before and after."""
    from argmap.check.checker import unsupported_assertion

    if not same_claims or any(d.code in ("AM202", "AM207", "AM210") for d in answer):
        return None                     # an undercut of no argument may name the changed one next
    if any(relation == "undercut" and "->" in target for relation, _, target in relations.relations):
        return None                     # an undercut names an argument by the name made from its ends
    if any(d.code in ("AM106", "AM202", "AM206", "AM207", "AM210") for d in before.diagnostics + after.diagnostics):
        return None
    if [_frame(p, place) for p in before.pending] != [_frame(p) for p in after.pending]:
        return None
    removed: Counter[Key] = Counter()
    added: Counter[Key] = Counter()
    for old, new in zip(before.pending, after.pending, strict=True):
        old_ends, new_ends = _ends(old, relations.ids), _ends(new, relations.ids)
        if old_ends is None or new_ends is None:
            return None                 # an unknown claim: AM201 and a relation dropped, left to a whole check
        if old_ends == new_ends:
            continue
        if old.id or old.answers or {old.relation, new.relation} - {"support", "attack"}:
            return None
        if old_ends[2] in old_ends[1] or new_ends[2] in new_ends[1]:
            return None                 # a claim related to itself (AM206)
        if relations.answers and old_ends[1] != new_ends[1]:
            return None                 # which arguments a claim is a premise of decides AM404
        removed[old_ends] += 1
        added[new_ends] += 1
    now = Counter(relations.relations)      # each removed relation is written once: the answer has no AM210
    for key in removed:
        del now[key]
    if any(now[key] or count > 1 for key, count in added.items()):
        return None                     # it would be written twice
    now.update(added)
    moved = relations.moved(place)
    result = Relations.made(moved.files, moved.claim_ids, now, moved.unsupported, moved.answers)
    for relation, premises, target in added:
        if relation == "support" and any(result.closes_cycle(premise, target) for premise in premises):
            return None                 # a support cycle (AM207): found and reported by a whole check
    targets = {target for relation, _, target in removed + added if relation == "support"}
    made, ended = [], set()
    for claim_id in targets & result.unsupported.keys():
        was, now = relations.supports[claim_id] > 0, result.supports[claim_id] > 0
        if was and not now:
            made.append(unsupported_assertion(claim_id, result.unsupported[claim_id]))
        elif now and not was:
            ended.add(result.unsupported[claim_id])
    return RelationEdit(result, made, ended)
