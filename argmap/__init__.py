"""argmap: argument maps with verified citations, compiled to graphs, evaluated and exported.

The pipeline, one module per stage: :mod:`argmap.load.project` → :mod:`argmap.check.checker` → :mod:`argmap.analysis.graph`
→ :mod:`argmap.analysis.evaluate` → exports (:mod:`argmap.render.diagram`, :mod:`argmap.render.brief`, ...).
"""
from argmap.check.checker import check
from argmap.diagnostics import ArgmapError, Diagnostic, Location
from argmap.load.project import Project, load, load_project
from argmap.model import Argument, ArgumentMap, Citation, Claim, Source

__all__ = ["ArgmapError", "Argument", "ArgumentMap", "Citation", "Claim", "Diagnostic", "Location", "Project",
           "Source", "check", "load", "load_project"]
