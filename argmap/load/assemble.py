"""Files to maps: give every claim an id, resolve references, build arguments, infer sides."""
from __future__ import annotations

import re
from collections import defaultdict, deque


from argmap.diagnostics import Diagnostic, Location
from argmap.load.map_file import MapFile, Ref
from argmap.load.yamlio import suggest
from argmap.model import Argument, ArgumentMap, Claim, Source, opposite_side


def slugify(text: str, words: int = 6) -> str:
    """A readable id made from a claim's first words.

    >>> slugify("China's regulation: too lax, for years!")
    'china-s-regulation-too-lax-for'
    """
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "claim"


def infer_sides(claims: dict[str, Claim], arguments: dict[str, Argument], resolution: str) -> None:
    """Give claims without a ``side`` the side their reasoning serves.

    A reason for a claim takes that claim's side, an objection the other side; an undercut takes
    the side opposite the argument it attacks. The resolution counts as pro. Explicit sides win.
    """
    by_target: dict[str, list[Argument]] = defaultdict(list)
    for argument in arguments.values():
        by_target[argument.target].append(argument)
    side = {cid: c.side for cid, c in claims.items() if c.side}
    side.setdefault(resolution, "pro")
    queue = deque(side)
    while queue:
        node = queue.popleft()
        for argument in by_target.get(node, ()):
            if argument.id in side:
                continue
            side[argument.id] = side[node] if argument.relation == "support" else opposite_side(side[node])
            queue.append(argument.id)
            for premise in argument.premises:
                if premise not in side:
                    side[premise] = side[argument.id]
                    queue.append(premise)
    for cid, claim in claims.items():
        if not claim.is_resolution and claim.side is None:
            claim.side = side.get(cid)


def assign_claim_ids(files: list[MapFile], problems: list[Diagnostic]) -> dict[str, Claim]:
    claims: dict[str, Claim] = {}
    for file in files:
        for claim in file.claims:
            if not claim.id:
                continue
            if claim.id in claims:
                problems.append(
                    Diagnostic(
                        "AM106",
                        claim.location,
                        f"claim id '{claim.id}' is already used at {claims[claim.id].location}",
                        "give each claim a unique id",
                    )
                )
                claim.id = ""
            else:
                claims[claim.id] = claim
    for file in files:
        for claim in file.claims:
            if claim.id:
                continue
            base = slugify(claim.text)
            candidate, number = base, 2
            while candidate in claims:
                candidate, number = f"{base}-{number}", number + 1
            claim.id, claim.generated_id = candidate, True
            claims[candidate] = claim
    return claims


def words_that_look_like_ids(claims: dict[str, Claim]) -> list[Diagnostic]:
    """AM211 for a one-word claim without an id that matches another claim's id (ignoring case, or
    nearly): almost always a reference written wrongly (``reasons: [Consent]`` for ``consent``),
    which would otherwise silently become a new claim."""
    ids = [cid for cid, claim in claims.items() if not claim.generated_id]
    problems = []
    for claim in claims.values():
        word = claim.text.strip()
        if not claim.generated_id or not word or len(word.split()) != 1:
            continue
        folded = word.lower().replace("_", "-")
        match = folded if folded in ids else None
        if match is None and ids:
            from rapidfuzz import fuzz, process   # only on this path: 10 ms of start-up otherwise

            found = process.extractOne(folded, ids, scorer=fuzz.ratio, score_cutoff=80)
            match = found[0] if found else None
        if match:
            problems.append(Diagnostic("AM211", claim.location, f"'{word}' became a new one-word claim, but it looks "
                                       f"like the claim id '{match}'",
                                       f"did you mean the id '{match}'? Ids are lowercase; to make a new claim, "
                                       "write it as a sentence"))
    return problems


def resolve(ref: Claim | Ref, claims: dict[str, Claim], problems: list[Diagnostic]) -> str | None:
    if isinstance(ref, Claim):
        return ref.id if ref.text else None
    if ref.id in claims:
        return ref.id
    problems.append(
        Diagnostic(
            "AM201",
            ref.location,
            f"unknown claim id '{ref.id}'",
            suggest(ref.id, claims) or "define a claim with this id, or fix the reference",
        )
    )
    return None


def generated_argument_id(premises: list[str] | tuple[str, ...], target: str) -> str:
    """The id the loader gives a relation written without one: its premises, then its target (a second
    argument with the same ends gets "#2", ...).

    >>> generated_argument_id(["a", "b"], "c")
    'a+b->c'
    """
    return f"{'+'.join(premises)}->{target}"


def assemble(map_id: str, files: list[MapFile], sources: dict[str, Source], problems: list[Diagnostic]) -> ArgumentMap:
    header: dict[str, object] = {}
    header_file: MapFile | None = None
    for file in files:
        if not file.header:
            continue
        if header_file is not None:
            problems.append(
                Diagnostic(
                    "AM107",
                    file.header_location or Location(file.name),
                    f"map '{map_id}' already has its title/resolution in {header_file.name}",
                    "declare title, resolution and description in one file only",
                )
            )
            continue
        header, header_file = file.header, file
    resolution = header.get("resolution")
    if not isinstance(resolution, Claim):
        where = header_file.header_location if header_file else Location(files[0].name)
        problems.append(
            Diagnostic(
                "AM108",
                where or Location(files[0].name),
                f"map '{map_id}' has no resolution",
                "add 'resolution: the thesis the debate is about' to one of its files",
            )
        )
    claims = assign_claim_ids(files, problems)
    problems.extend(words_that_look_like_ids(claims))
    arguments: dict[str, Argument] = {}
    undercuts: list[tuple[Argument, Ref]] = []
    written: dict[tuple[str, tuple[str, ...], str], Argument] = {}
    aliases: dict[str, str] = {}
    for file in files:
        for pending in file.arguments:
            premises = [resolve(p, claims, problems) for p in pending.premises]
            if pending.relation == "undercut":
                target = pending.target.id if isinstance(pending.target, Ref) else None
            else:
                target = resolve(pending.target, claims, problems)
            if target is None or None in premises:
                continue
            if first := written.get((pending.relation, tuple(premises), target)):
                problems.append(Diagnostic("AM210", pending.location, f"this {pending.relation} of '{target}' by "
                                           f"'{' + '.join(premises)}' is already written at {first.location}",
                                           "remove one of them: a relation counts once however often it is written"))
                if pending.id:
                    aliases[pending.id] = first.id
                continue
            name = pending.id or generated_argument_id(premises, target)
            candidate, number = name, 2
            while candidate in arguments:
                if pending.id:
                    problems.append(
                        Diagnostic(
                            "AM106",
                            pending.location,
                            f"argument id '{name}' is already used",
                            "give each argument a unique id",
                        )
                    )
                    break
                candidate, number = f"{name}#{number}", number + 1
            if pending.id and candidate in claims:
                problems.append(
                    Diagnostic(
                        "AM106",
                        pending.location,
                        f"argument id '{name}' is also a claim id",
                        "give the argument an id no claim uses",
                    )
                )
                continue
            argument = Argument(
                candidate,
                pending.relation,
                premises,
                target,
                pending.location,
                pending.scheme,
                pending.note,
                pending.answers,
            )
            arguments[candidate] = argument
            written[(pending.relation, tuple(premises), target)] = argument
            if pending.relation == "undercut":
                undercuts.append((argument, pending.target))
    for argument, ref in undercuts:
        if ref.id in aliases:
            argument.target = aliases[ref.id]
        elif ref.id not in arguments:
            problems.append(
                Diagnostic(
                    "AM202",
                    ref.location,
                    f"unknown argument id '{ref.id}'",
                    suggest(ref.id, arguments)
                    or "undercuts names an argument: give the target "
                    "argument an 'id' (or a claim an 'argument_id') and use it here",
                )
            )
            del arguments[argument.id]
    resolution_id = resolution.id if isinstance(resolution, Claim) else ""
    infer_sides(claims, arguments, resolution_id)
    return ArgumentMap(
        map_id,
        str(header.get("title", "")),
        resolution_id,
        str(header.get("description", "")),
        claims,
        arguments,
        sources,
        [i for f in files for i in f.left_out],
        [f.name for f in files],
    )


