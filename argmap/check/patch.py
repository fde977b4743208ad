"""Carry an edit the incremental check took (:func:`argmap.check.incremental.recheck_edit`) into the checked
project itself, so the commands after an edit (``build``, ``evaluate``, ``brief``) start from the last
checked project instead of loading and checking every file again.

The incremental check takes its short way only when the edit leaves the map's structure alone, so the
edited items differ from what they were only in their free text: a claim's text, note, tag and reason to
allow overreach; a citation's quote, highlight, speaker, note and where the quote was found. The patch
copies exactly those fields from the items read after the edit into the project's claims, and moves every
place in the file below the edit. It refuses (and the caller loads the project from its files) unless
every other field of the edited items came out the same before and after, and the project's own copy
of the free fields equals what the items read alone before the edit; and when the edit changed what the
loader found wrong with the items, as the project keeps the loader's problems apart.
"""
from __future__ import annotations

from dataclasses import fields, replace
from typing import Callable

from argmap.check.incremental import Recheck, diagnostic_key, moved_diagnostic
from argmap.check.relation_edit import MAP_WIDE_CODES
from argmap.diagnostics import Location
from argmap.load.assemble import generated_argument_id, infer_sides
from argmap.load.map_file import PendingArgument
from argmap.load.project import Project
from argmap.model import Argument, ArgumentMap, Citation, Claim

#: What an edit the incremental check takes may change of a claim, and of each of its citations.
FREE_CLAIM_FIELDS = ("text", "note", "tag", "allow_overreach", "citations")
FREE_CITATION_FIELDS = ("quote", "highlight", "speaker", "note", "locator")
_PLACES = ("location", "overreach_location", "source_location")

Place = Callable[[Location | None], Location | None]


def patch_project(project: Project, name: str, recheck: Recheck) -> bool:
    """Apply the edit of map file ``name`` (its display name) to ``project`` in place; False, with the
    project unchanged, when the edit is not one the patch can carry (see the module docstring)."""
    before, after, place = recheck.before, recheck.after, recheck.place
    # read alone, the edited items name claims elsewhere (AM201): the whole map finds them (relation_edit)
    alone = MAP_WIDE_CODES if recheck.relations_changed else frozenset()
    loaded_before = sorted(diagnostic_key(moved_diagnostic(d, place)) for d in before.diagnostics[:before.load_problems]
                           if d.code not in alone)
    if loaded_before != sorted(diagnostic_key(d) for d in after.diagnostics[:after.load_problems] if d.code not in alone):
        return False            # the loader's problems changed: the project keeps those apart
    if list(before.map.claims) != list(after.map.claims):
        return False
    if not recheck.relations_changed and \
            [_fixed(a, place) for a in before.map.arguments.values()] != [_fixed(a) for a in after.map.arguments.values()]:
        return False
    owners = [m for m in project.maps.values() if any(c.location.file == name for c in m.claims.values())]
    if len(owners) != 1:
        return False
    argument_map = owners[0]
    relinked = _relinked(argument_map, recheck) if recheck.relations_changed else None
    if recheck.relations_changed and relinked is None:
        return False
    updates: dict[str, Claim] = {}
    for claim_id, new in after.map.claims.items():
        old, whole = before.map.claims[claim_id], argument_map.claims.get(claim_id)
        if whole is None or _fixed(old, place, FREE_CLAIM_FIELDS) != _fixed(new, None, FREE_CLAIM_FIELDS):
            return False
        if len(old.citations) != len(new.citations) or len(whole.citations) != len(old.citations):
            return False
        if any(_fixed(o, place, FREE_CITATION_FIELDS) != _fixed(n, None, FREE_CITATION_FIELDS)
               or _free(o, FREE_CITATION_FIELDS) != _free(w, FREE_CITATION_FIELDS)
               for o, n, w in zip(old.citations, new.citations, whole.citations, strict=True)):
            return False
        if _free(old, FREE_CLAIM_FIELDS[:-1]) != _free(whole, FREE_CLAIM_FIELDS[:-1]):
            return False
        updates[claim_id] = new
    _move_places(argument_map, place)
    for claim_id, new in updates.items():
        whole = argument_map.claims[claim_id]
        for field_name in FREE_CLAIM_FIELDS[:-1]:
            setattr(whole, field_name, getattr(new, field_name))
        for mine, theirs in zip(whole.citations, new.citations, strict=True):
            for field_name in FREE_CITATION_FIELDS:
                setattr(mine, field_name, getattr(theirs, field_name))
    if relinked is not None:
        argument_map.arguments = relinked
        for claim in argument_map.claims.values():       # the sides argmap inferred, inferred again
            if not (claim.side_given or claim.is_resolution):
                claim.side = None
        infer_sides(argument_map.claims, argument_map.arguments, argument_map.resolution)
    project.diagnostics = [moved_diagnostic(d, place) for d in project.diagnostics]
    project.layouts = {}        # the loader's record of the old text; a patched project is not remembered again
    return True


def _relinked(argument_map: ArgumentMap, recheck: Recheck) -> dict[str, Argument] | None:
    """The map's arguments after an edit of what relations connect (:mod:`argmap.check.relation_edit`): each
    changed one in its place, named from its new ends as the loader names it; None when another argument's
    name would change with it (a name made from the same ends, numbered "#2", ...)."""
    arguments = dict(argument_map.arguments)
    for old, new in zip(recheck.before.pending, recheck.after.pending, strict=True):
        was, now = _ends(old, argument_map.claims), _ends(new, argument_map.claims)
        if was is None or now is None:
            return None
        if was == now:
            continue
        found = [a for a in arguments.values() if a.location == old.location and
                 (a.relation, tuple(a.premises), a.target) == was]
        named = generated_argument_id(now[1], now[2])
        if len(found) != 1 or found[0].id != generated_argument_id(was[1], was[2]) or any(
                name.split("#")[0] in (found[0].id, named) for name in arguments if name != found[0].id):
            return None
        replaced = replace(found[0], id=named, relation=now[0], premises=list(now[1]), target=now[2])
        arguments = {(named if key == found[0].id else key): (replaced if key == found[0].id else value)
                     for key, value in arguments.items()}
    return arguments


def _ends(pending: PendingArgument, claims: dict[str, Claim]) -> tuple[str, tuple[str, ...], str] | None:
    """A written relation's resolved ends in the whole map; None when one is not one of its claims."""
    names = [end.id for end in [*pending.premises, pending.target]]
    return (pending.relation, tuple(names[:-1]), names[-1]) if all(n in claims for n in names) else None


def _free(item: Claim | Citation, free: tuple[str, ...]) -> tuple:
    return tuple(getattr(item, name) for name in free)


def _fixed(item: object, place: Place | None = None, free: tuple[str, ...] = ()) -> tuple:
    """Every field of a claim, citation or argument but the ``free`` ones, its places moved by ``place``."""
    values = []
    for field in fields(item):
        if field.name in free:
            continue
        value = getattr(item, field.name)
        if field.name in _PLACES and place is not None:
            value = place(value)
        values.append(value)
    return tuple(values)


def _move_places(argument_map: ArgumentMap, place: Place) -> None:
    """Move every place of the map to where it is in the edited file (places elsewhere stay)."""
    for claim in argument_map.claims.values():
        claim.location, claim.overreach_location = place(claim.location), place(claim.overreach_location)
        for citation in claim.citations:
            citation.location, citation.source_location = place(citation.location), place(citation.source_location)
    for argument in argument_map.arguments.values():
        argument.location = place(argument.location)
    argument_map.left_out = [replace(item, location=place(item.location)) for item in argument_map.left_out]
