"""Verify the quotes of a big map on every core: the citations are split by source (so each source's
folded text is made in one process only) among forked workers, which inherit the sources instead of
receiving them, and send back each citation's locator and problems.

Only where it pays and is safe: from PARALLEL_VERIFY_LIMIT citations (a fork and the results' trip
back cost about 0.1 s), on a machine with several cores, and in a process running no other thread
(forking a threaded process can leave a lock held forever), so never inside the language server or
``argmap serve``. The answers are the same either way; a test compares them.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Mapping

from argmap.diagnostics import Diagnostic
from argmap.model import Citation, Locator, Source

#: From this many citations a check verifies quotes in parallel (checking a 100,000-claim map on 2 cores:
#: 5.3 s -> 4.3 s; the rest of the check, overreach and the map-wide rules, stays in one process).
PARALLEL_VERIFY_LIMIT = 20_000
#: What the forked workers verify: the parent sets it just before forking, so nothing is pickled out.
_WORK: tuple[list[Citation], Mapping[str, Source]] | None = None


def _verify_range(bounds: tuple[int, int]) -> list[tuple[Locator | None, list[Diagnostic]]]:
    """In a worker: verify citations ``bounds[0]`` to ``bounds[1]`` of the inherited work."""
    from argmap.check.checker import verify_citation

    citations, sources = _WORK
    results = []
    for citation in citations[bounds[0]:bounds[1]]:
        problems = verify_citation(citation, sources)
        results.append((citation.locator, problems))
    return results


def can_fork() -> bool:
    """Whether forked workers can verify here: several cores, fork available, no other thread running."""
    return ((os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def verify_all(citations: list[Citation], sources: Mapping[str, Source]) -> list[list[Diagnostic]]:
    """Each citation's problems (its locator set, as :func:`~argmap.check.checker.verify_citation` does),
    in parallel for a big map."""
    from argmap.check.checker import verify_citation

    if len(citations) < PARALLEL_VERIFY_LIMIT or not can_fork():
        return [verify_citation(citation, sources) for citation in citations]
    global _WORK
    order = sorted(range(len(citations)), key=lambda i: citations[i].source)
    grouped = [citations[i] for i in order]
    workers = min(os.cpu_count() or 2, 8)
    size = -(-len(grouped) // workers)
    _WORK = (grouped, sources)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_verify_range, [(start, min(start + size, len(grouped)))
                                             for start in range(0, len(grouped), size)])
    finally:
        _WORK = None
    problems: list[list[Diagnostic]] = [[] for _ in citations]
    results = [result for part in parts for result in part]
    for index, (locator, found) in zip(order, results, strict=True):
        citations[index].locator = locator
        problems[index] = found
    return problems
