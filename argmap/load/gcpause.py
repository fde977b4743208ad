"""Pause Python's cyclic garbage collector while a pipeline stage builds many small objects.

Building a 10,000-claim model allocates hundreds of thousands of objects; each generation-2
collection walks the whole heap, which makes loading super-linear (measured: 1.63 s with the
collector, 0.68 s without, on benchmarks/bench_check.py's map). Nothing built here needs a
collection mid-stage; the collector runs again as soon as the stage returns.

A command that runs once and ends (every command but ``serve`` and ``lsp``) also keeps what each stage
built out of later collections (:func:`freeze_stage_results`): the first collection after a stage would
otherwise walk every object it made, and later ones the whole model again (0.6 s of a 100,000-claim
``evaluate --format json``, measured).
"""
from __future__ import annotations

import functools
import gc
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)
_freezing = False


def freeze_stage_results(freeze: bool) -> None:
    """Whether each paused stage's objects are frozen (``gc.freeze``) when it returns: right for a
    process that ends after one command, wrong for a server (cyclic garbage would never be freed)."""
    global _freezing
    _freezing = freeze


def paused_gc(function: F) -> F:
    """Decorator: run ``function`` with the cyclic collector paused (restored afterwards)."""

    @functools.wraps(function)
    def wrapper(*args: object, **kwargs: object) -> object:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if _freezing:
                gc.freeze()
            if was_enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


def freeze_loaded() -> None:
    """Hide every object alive now from later collections (``gc.freeze``): a command's loaded project
    lives until the command ends, and each full collection would otherwise walk all of it again (2 s
    of a 100,000-claim ``evaluate --format json`` went to collections while its output was built)."""
    gc.freeze()
