"""Check a loaded map: references, cycles, unsupported assertions, and every quote against its source.

Verified citations get their locator (paragraph and character offsets) filled in, which the
exports use to print paragraph numbers and the surrounding context of each card.
"""
from __future__ import annotations

import graphlib
from pathlib import Path
from typing import Iterable

from argmap.diagnostics import Diagnostic, Location, sort_diagnostics
from argmap.load.gcpause import paused_gc
from argmap.load.files import find_project_root
from argmap.load.project import Project
from argmap.model import ArgumentMap, Citation, Source
from argmap.check.overreach import overreach_problems
from argmap.check.parallel import verify_all
from argmap.check.passages import closest_passage
from argmap.check.quotes import (dropped_words, highlight_in_quote, length_problem,
                                 locate_quote, spans_paragraphs)
from argmap.load.schemes import Scheme, load_schemes, scheme_problems
from argmap.load.yamlio import suggest


def verify_citation(citation: Citation, sources: dict[str, Source]) -> list[Diagnostic]:
    """Verify one citation, setting its locator; returns the problems found (elision rules included)."""
    if not citation.source:
        return []  # the source path itself was already reported
    source = sources.get(citation.source)
    if source is None:
        return [Diagnostic("AM203", citation.source_location or citation.location, f"unknown source id '{citation.source}'",
                           suggest(citation.source, sources) or "add the source under sources/ or fix the id")]
    if too_short := length_problem(citation.quote):
        return [Diagnostic(too_short[0], citation.location, too_short[1],
                           "quote whole phrases: copy at least three consecutive words of the source around each "
                           "'...'")]
    citation.locator = locate_quote(citation.quote, source)
    if citation.locator is None:
        return [_not_found(citation, source, sources)]
    problems = []
    if citation.highlight and not highlight_in_quote(citation.highlight, citation.quote):
        problems.append(Diagnostic("AM303", citation.location, "highlight is not part of the quote",
                                   "the highlight must be words copied from inside the quote"))
    dropped = dropped_words(source, citation.locator)
    shown = "; ".join(f"\u201c{gap}\u201d" for gap in dropped.omitted if gap)
    if dropped.negations:
        problems.append(Diagnostic("AM308", citation.location, f"the elision drops the negation "
                                   f"{', '.join(repr(w) for w in dropped.negations)} (omitted: {shown})",
                                   "quote the words the '...' leaves out, or cut the quote where the sentence "
                                   "says what the claim needs"))
        citation.locator = None
    elif dropped.reversals:
        problems.append(Diagnostic("AM309", citation.location, f"the elision drops "
                                   f"{', '.join(repr(w) for w in dropped.reversals)}, which can reverse or qualify "
                                   f"what is left (omitted: {shown})",
                                   "check the quote still says what the source says; quote the omitted words if "
                                   "they change its meaning"))
    return problems


def _not_found(citation: Citation, source: Source, sources: dict[str, Source]) -> Diagnostic:
    """Why a quote did not verify: its fragments cross paragraphs, it is in another source, or the
    closest passage of the cited one."""
    if reach := spans_paragraphs(citation.quote, source):
        return Diagnostic("AM307", citation.location, f"the quote's fragments are in paragraphs {reach[0]} to "
                          f"{reach[1]} of '{source.id}'; an elision may not join paragraphs",
                          "split it into one citation per paragraph")
    for other in sources.values():
        if other is not source and (found := locate_quote(citation.quote, other)):
            return Diagnostic("AM302", citation.location, f"quote is not in '{source.id}' but in '{other.id}' "
                              f"(paragraph {found.paragraph})", f"cite source '{other.id}' instead")
    closest = closest_passage(citation.quote, source)
    hint = ("copy the words exactly, beginning and ending at whole words; only whitespace, quote marks, dashes "
            "and '...' elisions may differ")
    if closest:
        hint = (f"closest passage (paragraph {closest.paragraph}, {closest.similarity:.0f}% similar): "
                f"\"{closest.text}\"; {hint}")
    return Diagnostic("AM301", citation.location, f"quote not found in source '{source.id}'", hint)


def support_cycles(argument_map: ArgumentMap) -> list[list[str]]:
    """Claims that support each other in a circle (each cycle once, as a sorted list of claim ids).

    >>> from argmap.model import Argument, Claim
    >>> from argmap.diagnostics import Location
    >>> here = Location("m.yaml")
    >>> claims = {i: Claim(i, i, here) for i in "abc"}
    >>> arguments = {"a->b": Argument("a->b", "support", ["a"], "b", here),
    ...              "b->a": Argument("b->a", "support", ["b"], "a", here),
    ...              "c->a": Argument("c->a", "attack", ["c"], "a", here)}
    >>> support_cycles(ArgumentMap("m", "T", "a", "", claims, arguments, {}, [], []))
    [['a', 'b']]
    """
    return cycles_among((premise, argument.target) for argument in argument_map.arguments.values()
                        if argument.relation == "support" for premise in argument.premises)


def cycles_among(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups of two or more nodes that reach each other along ``edges`` (each sorted, in order).

    The standard library's graphlib finds out whether there is a cycle at all; only then is networkx
    (a tenth of a second to import) asked for the strongly connected parts.

    >>> cycles_among([("a", "b"), ("b", "a"), ("b", "c"), ("d", "d")])
    [['a', 'b']]
    """
    edges = list(edges)
    sorter = graphlib.TopologicalSorter()
    for source, target in edges:
        if source != target:
            sorter.add(target, source)
    try:
        sorter.prepare()
        return []
    except graphlib.CycleError:
        import networkx as nx

        graph = nx.DiGraph(edges)
        return sorted(sorted(part) for part in nx.strongly_connected_components(graph) if len(part) > 1)


def unsupported_assertion(claim_id: str, location: Location) -> Diagnostic:
    """AM401: a claim with neither a citation nor a supporting reason (and not implicit, not the resolution)."""
    return Diagnostic("AM401", location, f"claim '{claim_id}' has neither a citation nor a supporting reason "
                      "(unsupported assertion)", "cite the source, add a reason, or mark it 'implicit: true' if it "
                      "is an unstated assumption")


def check_map(argument_map: ArgumentMap, schemes: dict[str, Scheme] | None = None) -> list[Diagnostic]:
    """All semantic checks of one map (quotes included); ``schemes`` defaults to the catalogue plus the
    project's own schemes file."""
    problems: list[Diagnostic] = []
    if schemes is None:
        schemes, found = load_schemes(find_project_root(Path(argument_map.files[0])) if argument_map.files else None)
        problems.extend(found)
    problems.extend(scheme_problems(argument_map.arguments, schemes, suggest))
    supported = set()
    for argument in argument_map.arguments.values():
        if argument.target in argument.premises:
            problems.append(Diagnostic("AM206", argument.location, f"claim '{argument.target}' is related to itself",
                                       "a claim cannot support or attack itself; point the relation at another claim"))
        elif argument.target == argument.id:
            problems.append(Diagnostic("AM206", argument.location, f"argument '{argument.id}' undercuts itself",
                                       "an argument cannot undercut its own inference; point the undercut at "
                                       "another argument"))
        if argument.relation == "support":
            supported.add(argument.target)
    for cycle in support_cycles(argument_map):
        first = argument_map.claims[cycle[0]]
        problems.append(Diagnostic("AM207", first.location, f"support cycle: {' -> '.join(cycle + cycle[:1])}",
                                   "circular support proves nothing; remove one of the supports"))
    cited: dict[tuple[str, int], str] = {}
    citations = [citation for claim in argument_map.claims.values() for citation in claim.citations]
    verified = iter(verify_all(citations, argument_map.sources))
    for claim in argument_map.claims.values():
        problems.extend(overreach_problems(claim))
        for citation in claim.citations:
            problems.extend(next(verified))
            if citation.locator:
                for number in range(citation.locator.paragraph, citation.locator.end_paragraph + 1):
                    cited.setdefault((citation.source, number), claim.id)
        if not (claim.citations or claim.implicit or claim.is_resolution or claim.id in supported):
            problems.append(unsupported_assertion(claim.id, claim.location))
    for item in argument_map.left_out:
        source = argument_map.sources.get(item.source)
        if source is None:
            problems.append(Diagnostic("AM203", item.location, f"unknown source id '{item.source}'",
                                       suggest(item.source, argument_map.sources) or "fix the source id"))
        elif not 1 <= item.paragraph <= len(source.paragraphs):
            problems.append(Diagnostic("AM208", item.location, f"source '{item.source}' has no paragraph "
                                       f"{item.paragraph}", f"paragraphs run from 1 to {len(source.paragraphs)}"))
        elif (item.source, item.paragraph) in cited:
            problems.append(Diagnostic("AM209", item.location, f"paragraph {item.paragraph} of '{item.source}' is "
                                       f"listed as left out but claim '{cited[item.source, item.paragraph]}' cites it",
                                       "remove it from left_out (or the citation, if the paragraph truly "
                                       "makes no argument)"))
    return problems


@paused_gc
def check(target: Project | ArgumentMap) -> list[Diagnostic]:
    """Every diagnostic for a project (load problems included) or a single map, sorted by location."""
    if isinstance(target, ArgumentMap):
        return sort_diagnostics(check_map(target))
    found = list(target.diagnostics)
    for argument_map in target.maps.values():
        found.extend(check_map(argument_map))
    return sort_diagnostics(found)
