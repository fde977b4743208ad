"""Assignments: what a student is asked to map, and so what ``compare`` and ``grade`` assess.

``argmap assignment REFERENCE --sources ID...`` writes a starter project for the students: the chosen
sources (verbatim), a map holding only the resolution, the JSON schema for their editor, a worksheet
for those sources, and ``assignment.yaml``, which records the reference map, the sources, the scope
(``all`` claims of those sources, or only the ``contentions`` and their direct reasons and objections)
and the rubric's weights. When a student's project holds an ``assignment.yaml``, the reference is cut
down to what was assigned before the student's map is compared with it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.diagnostics import Diagnostic, Location
from argmap.load.files import find_project_root
from argmap.load.yamlio import compose_yaml, read_text, suggest
from argmap.model import ArgumentMap
from argmap.teach.compare import key_points
from argmap.teach.rubric import CRITERIA, DEFAULT_WEIGHTS

ASSIGNMENT_FILE = "assignment.yaml"
SCOPES = ("all", "contentions")
_KEYS = ("reference", "resolution", "sources", "claims", "rubric", "student")


@dataclass
class Assignment:
    reference: str                       # the reference map's id
    resolution: str
    sources: list[str]
    scope: str = "all"
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    student: str = ""                    # the name on the sheet and in the gradebook, when given
    path: str = ""

    def to_yaml(self) -> str:
        """The file a starter project carries (comments say what each field does)."""
        rubric = "\n".join(f"  {name}: {self.weights.get(name, 0):g}" for name in CRITERIA)
        return (f"# Written by argmap assignment. argmap compare and grade read it: the student is assessed only\n"
                f"# on these sources, and scored by this rubric (a weight of 0 leaves a criterion out).\n"
                f"reference: {self.reference}\n"
                f"resolution: {json.dumps(self.resolution, ensure_ascii=False)}\n"
                f"sources: [{', '.join(self.sources)}]\n"
                f"claims: {self.scope}          # all: every claim of these sources; contentions: the contentions "
                f"and their direct reasons and objections\n"
                f"rubric:\n{rubric}\n"
                f"student: {json.dumps(self.student, ensure_ascii=False)}   # optional: the student's name on the "
                f"sheet and in the gradebook\n")


def find_assignment(student_path: Path) -> Path | None:
    """The assignment.yaml of the project a student's map lives in, if it has one."""
    candidate = find_project_root(student_path) / ASSIGNMENT_FILE
    return candidate if candidate.is_file() else None


def load_assignment(path: Path) -> tuple[Assignment | None, list[Diagnostic]]:
    """Read and validate an assignment.yaml; every problem located (file, line, column) with a fix."""
    name = str(path)
    text, problems = read_text(path, name, "assignment")
    if text is None:
        return None, problems
    node, problems = compose_yaml(text, name)
    if node is None:
        return None, problems
    if node.tag != "tag:yaml.org,2002:map":
        return None, [Diagnostic("AM701", Location(name, 1, 1), "an assignment must be a mapping of fields",
                                 f"write fields such as: {', '.join(_KEYS)}")]
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        where = Location(name, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if key_node.value not in _KEYS:
            problems.append(Diagnostic("AM701", where, f"unknown assignment field '{key_node.value}'",
                                       suggest(str(key_node.value), _KEYS)))
        else:
            fields[key_node.value] = value_node

    def at(value: yaml.Node) -> Location:
        return Location(name, value.start_mark.line + 1, value.start_mark.column + 1)

    def text_field(key: str, required: bool = True) -> str:
        value = fields.get(key)
        if value is None:
            if required:
                problems.append(Diagnostic("AM701", Location(name, 1, 1), f"the assignment lacks '{key}'",
                                           f"add '{key}: ...' (argmap assignment writes it)"))
            return ""
        if value.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null"):
            problems.append(Diagnostic("AM701", at(value), f"'{key}' must be text", "write it as plain or quoted text"))
            return ""
        return "" if value.tag.endswith("null") else str(value.value)

    reference, resolution, student = text_field("reference"), text_field("resolution"), text_field("student", False)
    scope = text_field("claims", False) or "all"
    if scope not in SCOPES:
        problems.append(Diagnostic("AM701", at(fields["claims"]), f"unknown scope '{scope}'",
                                   f"use one of: {', '.join(SCOPES)}"))
    sources: list[str] = []
    value = fields.get("sources")
    if value is None or value.tag != "tag:yaml.org,2002:seq" or not value.value:
        problems.append(Diagnostic("AM701", at(value) if value is not None else Location(name, 1, 1),
                                   "'sources' must list the ids of the assigned sources", "write e.g. sources: [my-op-ed]"))
    else:
        sources = [str(item.value) for item in value.value]
    weights = dict(DEFAULT_WEIGHTS)
    rubric = fields.get("rubric")
    if rubric is not None:
        if rubric.tag != "tag:yaml.org,2002:map":
            problems.append(Diagnostic("AM701", at(rubric), "'rubric' must map criteria to weights",
                                       f"write e.g. rubric: {{{', '.join(f'{c}: {w}' for c, w in DEFAULT_WEIGHTS.items())}}}"))
        else:
            for key_node, weight_node in rubric.value:
                try:
                    weight = float(weight_node.value)
                except (TypeError, ValueError):
                    weight = -1.0
                if key_node.value not in CRITERIA:
                    problems.append(Diagnostic("AM701", at(key_node), f"unknown rubric criterion '{key_node.value}'",
                                               suggest(str(key_node.value), CRITERIA)))
                elif weight_node.tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") or not 0 <= weight <= 1000:
                    problems.append(Diagnostic("AM701", at(weight_node), f"the weight of '{key_node.value}' must be a "
                                               "number from 0 to 1000", "write e.g. coverage: 40 (0 leaves it out)"))
                else:
                    weights[key_node.value] = weight
            if not any(weights.values()):
                problems.append(Diagnostic("AM701", at(rubric), "every rubric weight is 0", "give at least one criterion a weight"))
    if problems:
        return None, problems
    return Assignment(reference, resolution, sources, scope, weights, student, name), []


def assessed_claims(reference: ArgumentMap, assignment: Assignment) -> set[str]:
    """The reference claims a student of this assignment is assessed on: those citing an assigned source,
    the claims without a citation that argue directly for or against one of them, and the resolution;
    with scope ``contentions``, only the contentions and their direct reasons and objections among them."""
    cited = {c.id for c in reference.claims.values() if any(x.source in assignment.sources for x in c.citations)}
    uncited = {c.id for c in reference.claims.values() if not c.citations}
    linked = set()
    for argument in reference.arguments.values():
        ends = {*argument.premises, argument.target}
        if ends & cited:
            linked |= ends & uncited
    chosen = cited | linked | {reference.resolution}
    if assignment.scope == "contentions":
        contentions, direct = key_points(reference)
        chosen &= contentions | direct | {reference.resolution}
    return chosen


def restrict_map(reference: ArgumentMap, claims: set[str]) -> ArgumentMap:
    """The reference cut down to these claims and the relations among them (an undercut kept with the
    inference it undercuts)."""
    arguments: dict = {}
    changed = True
    while changed:                                  # undercuts need their target kept first
        changed = False
        for argument in reference.arguments.values():
            if argument.id in arguments or not set(argument.premises) <= claims:
                continue
            if argument.target in claims or argument.target in arguments:
                arguments[argument.id] = argument
                changed = True
    return ArgumentMap(reference.id, reference.title, reference.resolution, reference.description,
                       {i: c for i, c in reference.claims.items() if i in claims}, arguments, reference.sources,
                       reference.left_out, reference.files)


STARTER_MAP = """# yaml-language-server: $schema=../argmap.schema.json
# Your map of {sources}. Add the claims the author makes, each with a quote from its source,
# and the reasons and objections between them (argmap's docs/format.md explains every key).
# Check it with: argmap check arguments
map: {map_id}
title: {title}
resolution: {resolution}
claims: []
"""


def starter_project(reference: ArgumentMap, assignment: Assignment, source_files: dict[str, bytes],
                    worksheet: str) -> dict[str, bytes]:
    """The assignment's own files of a student's starter project, by path inside it: the assigned sources
    verbatim, a map holding only the resolution, the worksheet and assignment.yaml (``argmap assignment``
    adds what every project carries: the editor schema and a .gitignore)."""
    titles = ", ".join(f"\u201c{reference.sources[s].get('title') or s}\u201d" for s in assignment.sources)
    files = {f"sources/{name}": data for name, data in source_files.items()}
    files["arguments/" + reference.id + ".yaml"] = STARTER_MAP.format(
        sources=titles, map_id=reference.id, title=json.dumps(reference.title, ensure_ascii=False),
        resolution=json.dumps(assignment.resolution, ensure_ascii=False)).encode("utf-8")
    files["worksheet.md"] = worksheet.encode("utf-8")
    files[ASSIGNMENT_FILE] = assignment.to_yaml().encode("utf-8")
    return files
