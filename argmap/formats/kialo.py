"""Kialo discussions, in the text export Kialo (and Kialo Edu) write: ``Discussion Title: ...`` then
numbered claims, ``1.`` the thesis and ``1.1. Pro: ...`` / ``1.2. Con: ...`` below it.

The thesis becomes the resolution; a Pro a reason for its parent, a Con an objection; a
``-> See 1.2.`` line links to a claim written elsewhere. Kialo claims cite no source, so imported
claims carry none (check warns that they are unsupported).
"""
from __future__ import annotations

import re

from argmap.formats.imported import ImportedClaim, ImportedMap, ImportedRelation, ImportProblem, argmap_id

_TITLE = re.compile(r"^\ufeff?Discussion Title:\s*(.*)$")
_ITEM = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*)$")
_LINK = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")


def read_kialo(text: str, name: str) -> ImportedMap:
    """An :class:`ImportedMap` from a Kialo text export; broken numbering is an error with its line."""
    lines = text.splitlines()
    title = next((m.group(1).strip() for line in lines[:5] if (m := _TITLE.match(line))), "")
    if not title:
        raise ImportProblem("not a Kialo export: the first lines lack 'Discussion Title: ...'")
    imported = ImportedMap(argmap_id(name, set(), "map"), title)
    numbers: dict[str, str] = {}          # Kialo number -> claim key
    links: list[tuple[str, str, str, int]] = []
    last: str | None = None
    for line_number, line in enumerate(lines, 1):
        if not line.strip() or _TITLE.match(line):
            continue
        match = _ITEM.match(line)
        if not match:
            if last is None:
                raise ImportProblem(f"line {line_number} is neither a numbered claim nor the continuation of one",
                                   line_number)
            claim = imported.claims[last]
            claim.text = f"{claim.text} {line.strip()}"
            continue
        number, stance, body = match.group(1), match.group(2), match.group(3).strip()
        if number in numbers:
            raise ImportProblem(f"claim number {number} appears twice", line_number)
        parent = number.rsplit(".", 1)[0] if "." in number else None
        if parent is not None and parent not in numbers:
            raise ImportProblem(f"claim {number} has no parent {parent} above it (broken numbering)", line_number)
        if parent is None and numbers:
            raise ImportProblem(f"a second thesis {number}: a Kialo discussion has one, numbered 1", line_number)
        if parent is not None and stance is None:
            raise ImportProblem(f"claim {number} says neither 'Pro:' nor 'Con:'", line_number)
        relation = "support" if stance == "Pro" else "attack"
        if link := _LINK.match(body):
            links.append((link.group(1), numbers[parent], relation, line_number))
            numbers[number] = ""
            last = None
            continue
        key = f"k{number}"
        imported.add_claim(ImportedClaim(key, body, original_id=f"Kialo claim {number}"))
        numbers[number] = key
        last = key
        if parent is None:
            imported.resolution = key
        else:
            imported.add_relation(ImportedRelation(f"r{number}", relation, [key], numbers[parent]))
    if not imported.resolution:
        raise ImportProblem("the export has no thesis (a claim numbered 1.)")
    for target_number, parent_key, relation, line_number in links:
        linked = numbers.get(target_number)
        if not linked:
            raise ImportProblem(f"'-> See {target_number}' links to a claim the export does not have", line_number)
        imported.add_relation(ImportedRelation(f"link{line_number}", relation, [linked], parent_key))
    return imported
