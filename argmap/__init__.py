"""argmap: argument maps with verified citations, compiled to graphs, evaluated and exported.

The pipeline, one module per stage: :mod:`argmap.load` → :mod:`argmap.check` → :mod:`argmap.graph`
→ :mod:`argmap.evaluate` → exports (:mod:`argmap.diagram`, :mod:`argmap.brief`, ...).
"""
from argmap.check import check
from argmap.diagnostics import ArgmapError, Diagnostic, Location
from argmap.load import Project, load, load_project
from argmap.model import Argument, ArgumentMap, Citation, Claim, Source

__all__ = ["ArgmapError", "Argument", "ArgumentMap", "Citation", "Claim", "Diagnostic", "Location", "Project",
           "Source", "check", "load", "load_project"]
