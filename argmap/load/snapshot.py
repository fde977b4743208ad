"""A checked project as plain JSON data and back, so a command after ``argmap check`` (or after another
command) starts from the loaded, checked model instead of parsing and verifying everything again.

The data is written under ``.argmap-cache/`` by :class:`~argmap.apps.cache.CheckCache`, named by the
fingerprint of every input file, and is JSON (never pickle: a cache planted in a shared project must
not run code). Each object is a list of its dataclass fields in order, so reading 100,000 claims back
costs a fraction of reading their YAML; a test compares a project read back with the one loaded.
"""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any

from argmap.diagnostics import Diagnostic, Location
from argmap.load.gcpause import paused_gc
from argmap.load.project import Project
from argmap.model import Argument, ArgumentMap, Citation, Claim, LeftOut, Locator, Paragraph, Source

#: Bumped when the layout of the data changes (argmap's version is part of the entry's name too).
SNAPSHOT_FORMAT = 2
_CLAIM_FIELDS = [f.name for f in fields(Claim)]
_CITATION_FIELDS = [f.name for f in fields(Citation)]
_ARGUMENT_FIELDS = [f.name for f in fields(Argument)]
_SOURCE_FIELDS = [f.name for f in fields(Source) if f.name != "cache"]
#: Every field of an object at once (operator.attrgetter: one call, not one getattr per field).
_CLAIM_VALUES, _CITATION_VALUES = attrgetter(*_CLAIM_FIELDS), attrgetter(*_CITATION_FIELDS)
_ARGUMENT_VALUES, _SOURCE_VALUES = attrgetter(*_ARGUMENT_FIELDS), attrgetter(*_SOURCE_FIELDS)
_CLAIM_LOCATION, _CLAIM_OVERREACH, _CLAIM_CITATIONS = map(_CLAIM_FIELDS.index,
                                                           ("location", "overreach_location", "citations"))
_CITATION_LOCATION, _CITATION_SOURCE_LOCATION, _CITATION_LOCATOR = map(_CITATION_FIELDS.index,
                                                                       ("location", "source_location", "locator"))
_ARGUMENT_LOCATION = _ARGUMENT_FIELDS.index("location")
_SOURCE_LOCATION, _SOURCE_PARAGRAPHS = map(_SOURCE_FIELDS.index, ("location", "paragraphs"))


def _place(location: Location | None) -> list | None:
    return None if location is None else [location.file, location.line, location.column]


def _location(value: list | None) -> Location | None:
    return None if value is None else Location(value[0], value[1], value[2])


def _citation_data(citation: Citation) -> list:
    values = list(_CITATION_VALUES(citation))
    values[_CITATION_LOCATION] = _place(citation.location)
    values[_CITATION_SOURCE_LOCATION] = _place(citation.source_location)
    locator = citation.locator
    values[_CITATION_LOCATOR] = locator and [locator.paragraph, locator.end_paragraph, locator.spans]
    return values


def _citation(values: list) -> Citation:
    citation = Citation(*values)
    citation.location = _location(citation.location)
    citation.source_location = _location(citation.source_location)
    if citation.locator:
        paragraph, end, spans = citation.locator
        citation.locator = Locator(paragraph, end, [(start, stop) for start, stop in spans])
    return citation


def _claim_data(claim: Claim) -> list:
    values = list(_CLAIM_VALUES(claim))
    values[_CLAIM_LOCATION] = _place(claim.location)
    values[_CLAIM_OVERREACH] = _place(claim.overreach_location)
    values[_CLAIM_CITATIONS] = [_citation_data(c) for c in claim.citations]
    return values


def _claim(values: list) -> Claim:
    claim = Claim(*values)
    claim.location = _location(claim.location)
    claim.overreach_location = _location(claim.overreach_location)
    claim.citations = [_citation(c) for c in claim.citations]
    return claim


def _argument(values: list) -> Argument:
    argument = Argument(*values)
    argument.location = _location(argument.location)
    return argument


def _source_data(source: Source) -> list:
    values = list(_SOURCE_VALUES(source))
    values[_SOURCE_LOCATION] = _place(source.location)
    values[_SOURCE_PARAGRAPHS] = [[p.number, p.start, p.end, p.line, p.text] for p in source.paragraphs]
    return values


def _source(values: list) -> Source:
    source = Source(*values)
    source.location = _location(source.location)
    source.paragraphs = [Paragraph(*p) for p in source.paragraphs]
    return source


def _diagnostic_data(diagnostic: Diagnostic) -> list:
    return [diagnostic.code, _place(diagnostic.location), diagnostic.message, diagnostic.hint]


def _diagnostic(values: list) -> Diagnostic:
    return Diagnostic(values[0], _location(values[1]), values[2], values[3])


@paused_gc
def snapshot_data(project: Project, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """A checked project and its check's diagnostics as JSON-ready data."""
    maps = []
    for argument_map in project.maps.values():
        arguments = [list(_ARGUMENT_VALUES(a)) for a in argument_map.arguments.values()]
        for values in arguments:
            values[_ARGUMENT_LOCATION] = _place(values[_ARGUMENT_LOCATION])
        maps.append({"id": argument_map.id, "title": argument_map.title, "resolution": argument_map.resolution,
                     "description": argument_map.description, "files": argument_map.files,
                     "claims": [_claim_data(c) for c in argument_map.claims.values()], "arguments": arguments,
                     "left_out": [[i.source, i.paragraph, i.reason, _place(i.location)] for i in argument_map.left_out]})
    return {"format": SNAPSHOT_FORMAT, "maps": maps,
            "sources": [_source_data(s) for s in project.sources.values()],
            "load_diagnostics": [_diagnostic_data(d) for d in project.diagnostics],
            "diagnostics": [_diagnostic_data(d) for d in diagnostics]}


@paused_gc
def project_from_snapshot(data: dict[str, Any]) -> tuple[Project, list[Diagnostic]]:
    """The project and diagnostics :func:`snapshot_data` wrote (raises ValueError, KeyError or
    TypeError for data of another shape: the caller then loads the project from its files)."""
    if data["format"] != SNAPSHOT_FORMAT:
        raise ValueError("another snapshot format")
    sources = {source.id: source for source in map(_source, data["sources"])}
    maps = {}
    for entry in data["maps"]:
        claims = {claim.id: claim for claim in map(_claim, entry["claims"])}
        arguments = {argument.id: argument for argument in map(_argument, entry["arguments"])}
        left_out = [LeftOut(source, paragraph, reason, _location(where))
                    for source, paragraph, reason, where in entry["left_out"]]
        maps[entry["id"]] = ArgumentMap(entry["id"], entry["title"], entry["resolution"], entry["description"],
                                        claims, arguments, sources, left_out, entry["files"])
    project = Project(maps, sources, [_diagnostic(d) for d in data["load_diagnostics"]])
    return project, [_diagnostic(d) for d in data["diagnostics"]]
