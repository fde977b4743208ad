"""An edit of what a relation connects (its target, its premises, support or attack) is re-checked without
checking the whole map again (argmap.check.relation_edit), and answers exactly as a check from scratch:
through random relation edits of a map where some claims cite nothing, so that moving a support makes and
ends unsupported assertions (AM401), among edits that close support cycles, relate a claim to itself, name
unknown claims or write a relation twice (each left to a whole check)."""
from __future__ import annotations

import random
import re

import pytest
from collections import Counter
from pathlib import Path

from argmap.apps.cache import CheckCache
from argmap.apps.synthetic import write_synthetic_project
from argmap.check.checker import check
from argmap.diagnostics import render_json
from argmap.load.project import load_project
from argmap.load.snapshot import snapshot_data
from tests.check.test_incremental import china_copy, edit_at_random
from tests.check.test_patch import patched_beside_fresh


def web_project(root: Path, claims: int = 60) -> Path:
    """A synthetic binary tree in which every fourth claim cites nothing (an unsupported assertion unless a reason
    supports it), claims numbered ...7 give their side, some relations are written a second time in the
    ``arguments`` list, and an objection
    answers a critical question of the joint argument from example that c3 is a premise of; returns its
    one map file."""
    write_synthetic_project(root, claims, branching=2)
    part = root / "arguments" / "part-000.yaml"
    text = part.read_text(encoding="utf-8")
    text = re.sub(r"(\n  - id: c(\d*[048]|\d*[2468][048]|\d*[13579][26])\n(?:    (?!cite).*\n)*)    cite: .*\n",
                  r"\1", text)
    text = re.sub(r"(\n  - id: c\d*7\n    text: .*\n)", r"\1    side: con\n", text)   # sides given, not inferred
    objection = ("  - id: doubt\n    text: The example of measure 3 is not typical.\n    attacks: c3\n"
                 "    answers: typical\n    implicit: true\n")
    text = text.replace("\narguments:\n", "\n" + objection + "arguments:\n")
    part.write_text(text + "".join(f"  - premises: [c{i}]\n    supports: c{i + 1}\n" for i in range(5, claims, 9)),
                    encoding="utf-8")
    return part


def relation_edit_at_random(rng: random.Random, text: str) -> str:
    """Point a relation elsewhere, turn a support into an attack or back, change a joint argument's
    premises, write a relation a second time (or point the second copy elsewhere), or (now and then) move
    every later line down or reword a claim."""
    kind = rng.choices(["retarget", "flip", "premises", "again", "note", "reword"], weights=[6, 2, 3, 2, 1, 1])[0]
    ids = re.findall(r"^  - id: (\S+)$", text, re.MULTILINE)
    if kind in ("retarget", "flip"):
        found = rng.choice(list(re.finditer(r"^    (supports|attacks): (\S+)$", text, re.MULTILINE)))
        if kind == "flip":
            flipped = "attacks" if found[1] == "supports" else "supports"
            return text[:found.start(1)] + flipped + text[found.end(1):]
        target = rng.choice([*ids, "resolution", "no-such-claim"] if rng.random() < 0.1 else ids)
        return text[:found.start(2)] + target + text[found.end(2):]
    if kind == "premises":                  # now and then the claim it bears on, or the premise beside it
        found = rng.choice(list(re.finditer(r"^  - premises: \[(\S+), (\S+)\]\n    (\w+): (\S+)$", text, re.MULTILINE)))
        premise = rng.choice([*ids, found[4], found[1]])
        relation = found[3] if rng.random() < 0.7 else "attacks"
        return text[:found.start(2)] + f"{premise}]\n    {relation}: {found[4]}" + text[found.end(4):]
    if kind == "again":                     # a relation written in the arguments list, written again or undone
        found = rng.choice(list(re.finditer(r"^  - premises: \[(c\d+)\]\n    supports: (c\d+)$", text, re.MULTILINE)))
        own = re.search(rf"^  - id: {found[1]}\n(?:    (?!supports|attacks).*\n)*    (supports|attacks): (\S+)$", text,
                        re.MULTILINE)
        if rng.random() < 0.5:
            return text[:own.start(1)] + "supports: " + found[2] + text[own.end(2):]
        return text[:found.start(2)] + own[2] + text[found.end(2):]
    found = rng.choice(list(re.finditer(r"^    text: (.*)$", text, re.MULTILINE)))
    if kind == "note":
        return text[:found.end()] + "\n    note: added while editing." + text[found.end():]
    return text[:found.end()] + " plainly" + text[found.end():]


def test_relation_edits_answer_as_checks_from_scratch(project) -> None:
    part = web_project(project.root)
    rng = random.Random(5)
    first = load_project(["arguments"])
    CheckCache(["arguments"]).remember(first, check(first))
    short, original = 0, part.read_text(encoding="utf-8")
    unsupported, moved = sum(d.code == "AM401" for d in check(first)), Counter()
    for step in range(150):         # an edit of the text as it is, or (so damage does not pile up) the text as it was
        current = part.read_text(encoding="utf-8")
        part.write_text(original if rng.random() < 0.2 else relation_edit_at_random(rng, current), encoding="utf-8")
        incremental = CheckCache(["arguments"]).recheck()
        loaded = load_project(["arguments"])
        whole = check(loaded)
        if incremental is None:
            CheckCache(["arguments"]).remember(loaded, whole)
            unsupported = sum(d.code == "AM401" for d in whole)
            continue
        assert render_json(incremental) == render_json(whole), step
        short += 1
        now = sum(d.code == "AM401" for d in whole)
        moved[(now > unsupported) - (now < unsupported)] += 1
        unsupported = now
    assert short >= 40, short                   # a third of them took the short way (no AM210 then stood)
    assert moved[1] and moved[-1], moved       # and moving supports made and ended unsupported assertions


def test_relation_edits_are_patched_into_the_checked_project_as_a_fresh_load_makes_it(project) -> None:
    """The build reads the checked project patched with the edit: after a relation edit, its arguments
    (each changed one in its place, named from its new ends) and every side argmap infers equal a fresh
    load's, field by field; an edit that would rename another argument is loaded from the files."""
    part = web_project(project.root)
    rng, original = random.Random(9), part.read_text(encoding="utf-8")
    CheckCache(["arguments"]).checked()
    patched_count, sides = 0, set()
    for step in range(120):
        current = part.read_text(encoding="utf-8")
        part.write_text(original if rng.random() < 0.2 else relation_edit_at_random(rng, current), encoding="utf-8")
        patched, fresh, answer = patched_beside_fresh()
        if patched is None:
            continue
        patched_count += 1
        assert snapshot_data(*patched) == snapshot_data(fresh, answer), step
        sides.add(tuple(c.side for m in fresh.maps.values() for c in m.claims.values()))
    assert patched_count >= 40, patched_count
    assert len(sides) >= 10             # and the edits moved which side claims are on


def test_the_china_map_answers_as_from_scratch_through_random_edits_with_relations_kept(project) -> None:
    """The China map names critical-question answers (AM404): a retarget that keeps its premises is
    answered, one that changes them is left to a whole check."""
    originals = china_copy(project.root)
    rng = random.Random(23)
    first = load_project(["arguments"])
    CheckCache(["arguments"]).remember(first, check(first))
    for step in range(80):
        edit_at_random(rng, originals)
        incremental = CheckCache(["arguments"]).recheck()
        loaded = load_project(["arguments"])
        whole = check(loaded)
        if incremental is None:
            CheckCache(["arguments"]).remember(loaded, whole)
        else:
            assert render_json(incremental) == render_json(whole), step


UNDERCUT = "  - id: step-doubt\n    text: The step does not follow.\n    undercuts: {}\n    implicit: true\n"


@pytest.mark.parametrize("added, before, after, made", [
    # a relation's target moved into its premises: a claim attacked by itself (AM206)
    ("", "  - premises: [c52, c53]\n    supports: c25", "  - premises: [c52, c53]\n    attacks: c53", "AM206"),
    # c3 is no longer a premise of the argument from example whose critical question 'doubt' answers (AM404)
    ("", "  - premises: [c2, c3]", "  - premises: [c2, c9]", "AM404"),
    # an undercut names c9's relation by the name made from its ends, which the edit changes (AM202)
    (UNDERCUT.format("c9->c3"), "  - id: c9\n    text: Claim 9 says measure 9 matters.\n    supports: c3",
     "  - id: c9\n    text: Claim 9 says measure 9 matters.\n    supports: c1", "AM202"),
    # an undercut named no argument (AM202) until the edit makes the one it names
    (UNDERCUT.format("c9->c1"), "  - id: c9\n    text: Claim 9 says measure 9 matters.\n    supports: c3",
     "  - id: c9\n    text: Claim 9 says measure 9 matters.\n    supports: c1", ""),
])
def test_each_edit_the_relations_cannot_answer_alone_answers_as_from_scratch(project, added: str, before: str,
                                                                             after: str, made: str) -> None:
    part = web_project(project.root)
    text = part.read_text(encoding="utf-8").replace("\narguments:\n", "\n" + added + "arguments:\n")
    part.write_text(text, encoding="utf-8")
    first = load_project(["arguments"])
    CheckCache(["arguments"]).remember(first, check(first))
    assert text.count(before) == 1
    part.write_text(text.replace(before, after), encoding="utf-8")
    incremental = CheckCache(["arguments"]).recheck()
    whole = check(load_project(["arguments"]))
    assert incremental is None or render_json(incremental) == render_json(whole)
    assert (made in {d.code for d in whole}) if made else "AM202" in {d.code for d in check(first)}
