"""Re-check only the map entries an edit touched, and carry every other answer over.

After a full check, :class:`~argmap.apps.cache.CheckCache` keeps each map file's text, where its
``claims`` and ``arguments`` items start, the loaded sources and the diagnostics. When one map file
changes inside a run of those items, :func:`recheck_edit` reads the old and the new run alone (each
as a one-list map, its lines where they are in the file) and checks both against the same sources.
Whatever differs between the two isolated answers is what the edit changed:

    new answer = old answer - (isolated old - isolated new) + (isolated new - isolated old)

Both sides are compared in the new text's lines (:func:`changed_lines`: a line added above a place
moves it down). That holds only while the edit leaves the map's *structure* alone: ids, relations,
citations' sources and cited paragraphs, where each is written (:func:`structure`).
Claim texts, quotes, highlights and notes are read by per-claim checks only (quote verification,
overreach), so a reworded claim or a corrected quote qualifies. Their messages name claims by id, so
every id must come out as in the whole map: no repeated ids, and an id made from a claim's text the
same alone as in the whole map. Any other edit, an isolated answer
the old one does not contain, or a run that does not read cleanly alone gives None: the caller
checks from scratch. A test compares both ways on random edits.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from argmap.diagnostics import Diagnostic, Location, sort_diagnostics
from argmap.check.relation_edit import MAP_WIDE_CODES, Relations, relation_edit
from argmap.load.map_file import PendingArgument, Ref
from argmap.model import ArgumentMap, Claim, Source

#: Per list key: item starts and the list's end, each as (character offset, 0-based line).
Layout = dict[str, tuple[list[tuple[int, int]], tuple[int, int]]]
#: Compared a block of this many characters at a time when finding where two texts differ.
_BLOCK = 4096
#: What precedes a list item's content on its first line: the indentation and the ``-`` indicator.
_ITEM_PREFIX = re.compile(r" *-(?: +|$)")


def common_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters ``old`` and ``new`` share at the start and (not overlapping it) at the end.

    >>> common_ends("a claim text", "a claim's text")
    (7, 5)
    """
    limit = min(len(old), len(new))
    prefix = 0
    while prefix + _BLOCK <= limit and old[prefix:prefix + _BLOCK] == new[prefix:prefix + _BLOCK]:
        prefix += _BLOCK
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix, room = 0, limit - prefix
    while suffix + _BLOCK <= room and (old[len(old) - suffix - _BLOCK:len(old) - suffix]
                                        == new[len(new) - suffix - _BLOCK:len(new) - suffix]):
        suffix += _BLOCK
    while suffix < room and old[len(old) - suffix - 1] == new[len(new) - suffix - 1]:
        suffix += 1
    return prefix, suffix


def other_line_breaks(text: str) -> bool:
    """Whether a text holds a line break YAML counts besides "\\n" and "\\r\\n" (a lone "\\r", NEL,
    U+2028, U+2029): its lines cannot be counted by "\\n". Each test is one scan in C; a regular
    expression with these alternatives took 4 ms per 1.5 MB.

    >>> other_line_breaks("a\\r\\nb"), other_line_breaks("a\\u2028b")
    (False, True)
    """
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return True
    return "\x85" in text or "\u2028" in text or "\u2029" in text


def layout_offsets(text: str, layout: dict[str, tuple[list[tuple[int, int]], tuple[int, int]]]) -> Layout:
    """The loader's layout (items' lines and columns) as the offsets and lines of the lines each item
    starts on, for :func:`recheck_edit`. A list whose items do not each start a line with ``-`` is left
    out (an edit there is checked from scratch)."""
    if other_line_breaks(text):
        return {}
    starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))[:-1]

    def place(line: int) -> tuple[int, int]:
        return (starts[line] if line < len(starts) else len(text)), line

    result: Layout = {}
    for key, (items, end) in layout.items():
        if all(_ITEM_PREFIX.fullmatch(text, starts[line], starts[line] + column) for line, column in items):
            result[key] = ([place(line) for line, _ in items], place(end[0]) if end[1] == 0 else (len(text), end[0]))
    return result


@dataclass
class Change:
    """Where two texts differ, in whole lines: ``old[start:old_end]`` became ``new[start:new_end]``."""

    start: int
    old_end: int
    new_end: int
    first_line: int
    old_lines: int
    shift: int

    def moved(self, line: int) -> int | None:
        """Where a 0-based line of the old text is in the new one; None for a line the edit changed."""
        if line < self.first_line:
            return line
        return line + self.shift if line >= self.first_line + self.old_lines else None


def changed_lines(old: str, new: str) -> Change:
    """The fewest whole lines that changed between ``old`` and ``new`` (a line added between two
    others changes neither of them).

    >>> change = changed_lines("a\\nb\\nc\\n", "a\\nb\\nnote\\nc\\n")
    >>> (change.first_line, change.old_lines, change.shift, change.moved(2))
    (2, 0, 1, 3)
    """
    prefix, suffix = common_ends(old, new)
    start, growth = old.rfind("\n", 0, prefix) + 1, len(new) - len(old)
    old_end = len(old) - suffix
    while old_end < len(old) and not (old_end > 0 and old[old_end - 1] == "\n" and new[old_end + growth - 1] == "\n"):
        old_end = old.find("\n", old_end) + 1 or len(old)
    new_end = old_end + growth
    while old_end > start and new_end > start:             # equal last lines are not part of the change
        old_line, new_line = old.rfind("\n", start, old_end - 1) + 1, new.rfind("\n", start, new_end - 1) + 1
        old_line, new_line = max(old_line, start), max(new_line, start)
        if old[old_line:old_end] != new[new_line:new_end]:
            break
        old_end, new_end = old_line, new_line
    # a change that reaches the end takes the last line with it, the empty one after a final newline too
    old_lines = old.count("\n", start, old_end) + (old_end == len(old))
    new_lines = new.count("\n", start, new_end) + (new_end == len(new))
    return Change(start, old_end, new_end, old.count("\n", 0, start), old_lines, new_lines - old_lines)


@dataclass
class Edit:
    """The run of one list's items that holds every changed line, in the old and the new text."""

    key: str
    first: int
    stop: int
    start: tuple[int, int]
    end: tuple[int, int]
    old: str
    new: str
    change: Change


def find_edit(old: str, new: str, layout: Layout) -> Edit | None:
    """The items of one ``claims`` or ``arguments`` list that cover the changed lines, or None."""
    change = changed_lines(old, new)
    for key, (items, end) in layout.items():
        offsets = [offset for offset, _ in items]
        if not offsets or not offsets[0] <= change.start or change.old_end > end[0]:
            continue
        first = bisect.bisect_right(offsets, change.start) - 1
        stop = bisect.bisect_left(offsets, max(change.old_end, offsets[first] + 1))
        start, until = items[first], (items[stop] if stop < len(items) else end)
        growth = len(new) - len(old)
        return Edit(key, first, stop, start, until, old[start[0]:until[0]], new[start[0]:until[0] + growth], change)
    return None


def generated_ids(maps: Iterable[ArgumentMap]) -> list[tuple[str, int, int, str]]:
    """The ids the loader made from claim texts, each with where its claim is (file, line, column): what
    :func:`recheck_edit` compares an isolated read's ids with."""
    return [(c.location.file, c.location.line, c.location.column, c.id)
            for m in maps for c in m.claims.values() if c.generated_id]


@dataclass
class Recheck:
    """The answer after an edit, and the file's layout and generated ids moved to fit the new text; the
    edited items read alone before and after, and where each old place is now (for
    :func:`argmap.check.patch.patch_project`)."""

    diagnostics: list[Diagnostic]
    layout: Layout
    generated: list[tuple[str, int, int, str]]
    before: Isolated
    after: Isolated
    place: Callable[[Location | None], Location | None]
    #: The map's relations after the edit (:mod:`argmap.check.relation_edit`), when they were given.
    relations: Relations | None = None
    #: Whether the edit changed what a relation connects (a patch of the checked project relinks arguments).
    relations_changed: bool = False


def structure(argument_map: ArgumentMap, pending: list[PendingArgument], cited_paragraphs: bool = True,
              place: Callable[[Location | None], Location | None] = lambda where: where) -> tuple:
    """What of a map other entries and the map-wide checks depend on: everything but the free text
    (claim texts, tags, notes, quotes, highlights) that only per-claim checks read. Relations count as
    written (``pending``), a reference to a claim elsewhere included. A claim without an id keeps its
    text: its id is made from it. The paragraphs a quote was found in count only where ``left_out``
    entries are checked against them (``cited_paragraphs``). ``place`` moves every location (to compare
    an old text's structure with a new one's)."""
    claims = tuple((c.id, c.generated_id, c.text if c.generated_id else bool(c.text), place(c.location), c.side, c.side_given,
                    tuple(c.tags), c.weight, c.implicit, c.order, c.is_resolution, c.by, bool(c.allow_overreach),
                    place(c.overreach_location),
                    tuple((q.source, place(q.location), place(q.source_location),
                           cited_paragraphs and q.locator and (q.locator.paragraph, q.locator.end_paragraph))
                          for q in c.citations))
                   for c in argument_map.claims.values())
    arguments = tuple((a.id, a.relation, tuple(a.premises), a.target, place(a.location), a.scheme, a.note, a.answers)
                      for a in argument_map.arguments.values())

    def named(item: Claim | Ref) -> tuple:
        return (item.id, place(item.location)) if isinstance(item, Ref) else ("claim", item.id, place(item.location))

    written = tuple((p.relation, tuple(named(premise) for premise in p.premises), named(p.target), place(p.location),
                     p.id, p.scheme, p.note, p.answers) for p in pending)
    return claims, arguments, written, tuple((i.source, i.paragraph, place(i.location)) for i in argument_map.left_out)


@dataclass
class Isolated:
    """One run of items checked alone: its diagnostics, what it read, where its items start (0-based
    lines) and the ids it made from claim texts (by 1-based line and column)."""

    diagnostics: list[Diagnostic]
    map: ArgumentMap
    pending: list[PendingArgument]
    items: list[int]
    generated: dict[tuple[int, int], str]
    #: How many of ``diagnostics`` came from reading the items (YAML and the loader), not checking them.
    load_problems: int = 0


def _isolated(path: Path, name: str, edit: Edit, chunk: str, sources: Mapping[str, Source]) -> Isolated | None:
    """Check one run of items alone, at its lines in the file; None when it does not read as a list of
    items, each starting a line."""
    from argmap.check.checker import check_map
    from argmap.load.assemble import assemble
    from argmap.load.entries import read_map
    from argmap.load.map_file import SEQ, MapReader
    from argmap.load.project import declared_by_path
    from argmap.load.yamlio import compose_yaml

    text = f"{edit.key}:\n" + "\n" * (edit.start[1] - 1) + chunk
    problems: list[Diagnostic] = []
    root, found = compose_yaml(text, name)
    if root is None or root.tag != "tag:yaml.org,2002:map" or len(root.value) != 1 or root.value[0][1].tag != SEQ:
        return None  # a key at the left margin (a second "map:", "description:") is no list item
    lines = text.splitlines(keepends=True)
    items = [item.start_mark.line for item in root.value[0][1].value]
    if not all(_ITEM_PREFIX.fullmatch(lines[i.start_mark.line][:i.start_mark.column]) for i in root.value[0][1].value):
        return None
    file = read_map(MapReader(path, name, problems), root)
    if any(declared_by_path(c.source) for claim in file.claims for c in claim.citations):
        return None  # a citation naming a source file would add that file to the project
    argument_map = assemble("isolated", [file], sources, problems)
    generated = {(c.location.line, c.location.column): c.id for c in argument_map.claims.values() if c.generated_id}
    load_problems = len(found) + len(problems)
    problems.extend(check_map(argument_map))
    return Isolated(found + problems, argument_map, file.arguments, items, generated, load_problems)


def diagnostic_key(diagnostic: Diagnostic) -> tuple:
    """A diagnostic as a comparable tuple (code, place, message, hint)."""
    where = diagnostic.location
    return diagnostic.code, where.file, where.line, where.column, diagnostic.message, diagnostic.hint


def moved_diagnostic(diagnostic: Diagnostic, place: Callable[[Location | None], Location | None]) -> Diagnostic:
    """The diagnostic at ``place(its location)`` (itself when that does not move it)."""
    where = place(diagnostic.location)
    return diagnostic if where == diagnostic.location else \
        Diagnostic(diagnostic.code, where, diagnostic.message, diagnostic.hint)


def recheck_edit(path: Path, name: str, old: str, new: str, layout: Layout, answer: list[Diagnostic],
                 sources: Mapping[str, Source], left_out: bool = True,
                 generated: list[tuple[str, int, int, str]] = (), relations: Relations | None = None) -> Recheck | None:
    """The check's answer after ``path`` changed from ``old`` to ``new`` (``answer`` was the answer
    before), and the file's new layout; None when the edit needs a check from scratch. ``left_out``:
    whether any map of the project lists left-out paragraphs (then cited paragraphs are structure);
    ``generated``: the ids the whole project made from claim texts, each with where its claim is (file,
    line, column); ``relations``: the relations of the map the file belongs to, with which an edit of what a
    relation connects is answered too (:mod:`argmap.check.relation_edit`)."""
    edit = find_edit(old, new, layout) if not other_line_breaks(new) else None
    if edit is None or any(d.code == "AM106" for d in answer):
        return None  # a repeated id is renamed in the whole map, not in an isolated read
    before = _isolated(path, name, edit, edit.old, sources)
    after = _isolated(path, name, edit, edit.new, sources)
    if before is None or after is None:
        return None
    change = edit.change

    def place(where: Location | None) -> Location | None:
        """An old location in the new text (a location on a changed line stays as it was)."""
        if where is None or where.file != name or (line := change.moved(where.line - 1)) is None:
            return where
        return Location(where.file, line + 1, where.column)

    old_shape = structure(before.map, before.pending, left_out, place)
    new_shape = structure(after.map, after.pending, left_out)
    edited = None
    if old_shape != new_shape:
        if relations is None:
            return None
        same_claims = (old_shape[0], old_shape[3]) == (new_shape[0], new_shape[3])
        edited = relation_edit(before, after, place, relations, answer, same_claims)
        if edited is None:
            return None
    made_here = {(line, column): made for file, line, column, made in generated if file == name}
    if any(made_here.get(where) != made for where, made in before.generated.items()):
        return None  # an id made from a text came out otherwise alone ("-2" in the whole map)
    if before.items != [line for _, line in layout[edit.key][0][edit.first:edit.stop]]:
        return None
    if not after.items or after.items[0] != edit.start[1]:
        return None
    if edit.end[0] < len(old) and not edit.new.endswith("\n"):
        return None  # the run's last line would run into the next item's first
    if change.shift and any(name in d.message or name in d.hint for d in answer):
        return None  # a message that names a place in this file would name the old place
    answer = [moved_diagnostic(d, place) for d in answer]
    old_read, new_read = before.diagnostics, after.diagnostics
    if edited is not None:                  # what reaches past the items is found map-wide
        old_read, new_read = ([d for d in read if d.code not in MAP_WIDE_CODES] for read in (old_read, new_read))
        answer = [d for d in answer if not (d.code == "AM401" and d.location in edited.ended)] + edited.made
    old_found = Counter(diagnostic_key(moved_diagnostic(d, place)) for d in old_read)
    new_found = Counter(map(diagnostic_key, new_read))
    gone, come = old_found - new_found, new_found - old_found
    if gone - Counter(map(diagnostic_key, answer)):
        return None  # the isolated check saw something the whole one did not: not local after all
    kept: list[Diagnostic] = []
    for diagnostic in answer:
        key = diagnostic_key(diagnostic)
        if gone[key]:
            gone[key] -= 1
        else:
            kept.append(diagnostic)
    for diagnostic in new_read:
        key = diagnostic_key(diagnostic)
        if come[key]:
            come[key] -= 1
            kept.append(diagnostic)
    generated = [(file, place(Location(file, line, column)).line, column, made)
                 for file, line, column, made in generated]
    if edited is None and relations is not None:
        relations = relations.moved(place)
    return Recheck(sort_diagnostics(kept), _shifted_layout(layout, edit, after.items, new), generated, before, after,
                   place, edited.relations if edited else relations, edited is not None)


def _shifted_layout(layout: Layout, edit: Edit, items: list[int], new: str) -> Layout:
    """The layout of the new text: the edited run's items where the isolated read found them, every
    later position moved by the edit's growth in characters and lines."""
    growth, shift = len(edit.new) - len(edit.old), edit.new.count("\n") - edit.old.count("\n")
    starts = {edit.start[1]: edit.start[0]}
    offset = edit.start[0]
    for line in range(edit.start[1] + 1, edit.start[1] + edit.new.count("\n") + 1):
        offset = new.index("\n", offset) + 1
        starts[line] = offset

    def moved(place: tuple[int, int]) -> tuple[int, int]:
        return (place[0] + growth, place[1] + shift) if place[0] >= edit.end[0] else place

    result: Layout = {}
    for key, (positions, end) in layout.items():
        if key == edit.key:
            positions = (positions[:edit.first] + [(starts[line], line) for line in items]
                         + [moved(p) for p in positions[edit.stop:]])
        else:
            positions = [moved(p) for p in positions]
        result[key] = (positions, moved(end))
    return result
