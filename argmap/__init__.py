"""argmap: argument maps with verified citations, compiled to graphs, evaluated and exported.

The pipeline, one folder per stage: :mod:`argmap.load` → :mod:`argmap.check` → :mod:`argmap.analysis`
→ :mod:`argmap.render` / :mod:`argmap.formats` → the applications (:mod:`argmap.apps`).

The public API is imported lazily, so ``argmap --version`` or a script that needs only the model
does not pay for loading the whole pipeline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

# The stage packages 'check' and 'load' are loaded first (they are light), so that the functions below
# keep those names: importing a stage's module later does not rebind an attribute already set.
import argmap.check as _check_stage  # noqa: F401
import argmap.load as _load_stage  # noqa: F401
from argmap.diagnostics import ArgmapError, Diagnostic, Location
from argmap.model import Argument, ArgumentMap, Citation, Claim, Source

if TYPE_CHECKING:
    from argmap.load.project import Project

__version__ = "0.2.0"
__all__ = ["ArgmapError", "Argument", "ArgumentMap", "Citation", "Claim", "Diagnostic", "Location", "Project",
           "Source", "__version__", "check", "load", "load_project"]


def check(target: Project | ArgumentMap) -> list[Diagnostic]:
    """Every diagnostic for a project (load problems included) or a single map, sorted by location."""
    from argmap.check.checker import check as run_checks

    return run_checks(target)


def load_project(paths: list | None = None) -> Project:
    """Load every map and source under ``paths`` (default ``arguments/``); never raises for bad input."""
    from argmap.load.project import load_project as load_paths

    return load_paths(paths)


def load(path) -> ArgumentMap:
    """Load the one map in ``path``; raises ArgmapError when it cannot be loaded."""
    from argmap.load.project import load as load_one

    return load_one(path)


def __getattr__(name: str) -> object:
    if name == "Project":
        from argmap.load.project import Project

        return Project
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
