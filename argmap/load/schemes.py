"""Argumentation schemes and their critical questions: the built-in catalogue plus a project's own.

The catalogue is ``argmap/data/schemes.yaml``. A project adds or overrides schemes in
``argmap-schemes.yaml`` beside its ``sources/`` folder, in the same form.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from argmap.diagnostics import Diagnostic
from argmap.model import Argument, ArgumentMap
from argmap.load.yamlio import compose_yaml, node_location, read_text
from argmap.load.files import SCHEMES_FILE, find_project_root

PROJECT_FILE = SCHEMES_FILE


@dataclass(frozen=True)
class CriticalQuestion:
    id: str
    question: str


#: What a scheme's variable may stand for in an argument (the ``fill`` of a catalogue entry).
FILL_ROLES = ("conclusion", "premise", "speaker")


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    premises: tuple[str, ...]
    conclusion: str
    questions: tuple[CriticalQuestion, ...]
    fill: tuple[tuple[str, str], ...] = ()

    def question(self, question_id: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


def parse_schemes(text: str, name: str) -> tuple[dict[str, Scheme], list[Diagnostic]]:
    """Schemes from a catalogue file's text; each malformed entry is reported and skipped."""
    root, problems = compose_yaml(text, name)
    if root is None:
        return {}, problems
    data = yaml.SafeLoader("").construct_document(root) if root else None
    entries = data.get("schemes") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}, [Diagnostic("AM103", node_location(root, name), "a schemes file needs a 'schemes' list",
                               "write 'schemes:' followed by one '- id: ...' entry per scheme")]
    nodes = dict((k.value, v) for k, v in root.value).get("schemes").value
    schemes: dict[str, Scheme] = {}
    for entry, node in zip(entries, nodes, strict=True):
        where = node_location(node, name)
        questions = entry.get("critical_questions") if isinstance(entry, dict) else None
        valid = (isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("name"), str)
                 and isinstance(entry.get("premises"), list) and entry["premises"]
                 and isinstance(entry.get("conclusion"), str) and isinstance(questions, list) and len(questions) >= 2
                 and all(isinstance(q, dict) and set(q) == {"id", "question"} and isinstance(q["id"], str)
                         and isinstance(q["question"], str) for q in questions))
        if not valid:
            problems.append(Diagnostic("AM102", where, "scheme entry is incomplete",
                                       "a scheme needs id, name, premises (a list), conclusion and at least two "
                                       "critical_questions, each with only an id and a question (quote "
                                       "questions that contain commas)"))
            continue
        fill = entry.get("fill") if isinstance(entry.get("fill"), dict) else {}
        schemes[entry["id"]] = Scheme(entry["id"], entry["name"], tuple(map(str, entry["premises"])),
                                      entry["conclusion"],
                                      tuple(CriticalQuestion(q["id"], q["question"]) for q in questions),
                                      tuple((str(k), v) for k, v in fill.items() if v in FILL_ROLES))
    return schemes, problems


@lru_cache(maxsize=1)
def builtin_schemes() -> dict[str, Scheme]:
    """The catalogue shipped with argmap."""
    text = resources.files("argmap").joinpath("data/schemes.yaml").read_text(encoding="utf-8")
    schemes, problems = parse_schemes(text, "argmap/data/schemes.yaml")
    assert not problems, problems
    return schemes


def load_schemes(project_root: Path | None = None) -> tuple[dict[str, Scheme], list[Diagnostic]]:
    """The built-in catalogue, extended (or overridden) by the project's ``argmap-schemes.yaml`` if present."""
    schemes = dict(builtin_schemes())
    if project_root is None or not (project_root / PROJECT_FILE).is_file():
        return schemes, []
    path = project_root / PROJECT_FILE
    text, problems = read_text(path, str(path), "schemes")
    if text is None:
        return schemes, problems
    extra, problems = parse_schemes(text, str(path))
    schemes.update(extra)
    return schemes, problems


def schemes_for_map(argument_map: ArgumentMap) -> dict[str, Scheme]:
    """The catalogue plus the schemes of the map's project (problems in that file are reported by check)."""
    root = find_project_root(Path(argument_map.files[0])) if argument_map.files else None
    return load_schemes(root)[0]


def questioned_arguments(answer: Argument, arguments: dict[str, Argument]) -> list[Argument]:
    """The arguments whose critical questions an attack or undercut can answer: the argument it
    undercuts, or every argument that has the attacked claim as a premise."""
    if answer.relation == "undercut":
        return [arguments[answer.target]] if answer.target in arguments else []
    return [a for a in arguments.values() if answer.target in a.premises]


def scheme_problems(arguments: dict[str, Argument], schemes: dict[str, Scheme], suggest) -> list[Diagnostic]:
    """Warnings for unknown scheme ids, and for ``answers`` that name no critical question of a questioned argument."""
    problems = []
    for argument in arguments.values():
        if argument.scheme and argument.scheme not in schemes:
            problems.append(Diagnostic("AM403", argument.location, f"unknown argumentation scheme '{argument.scheme}'",
                                       suggest(argument.scheme, schemes) or
                                       f"add it to {PROJECT_FILE}, or use one of the catalogue's schemes"))
        if not argument.answers or argument.relation == "support":
            continue
        candidates = [schemes[a.scheme] for a in questioned_arguments(argument, arguments) if a.scheme in schemes]
        if not any(scheme.question(argument.answers) for scheme in candidates):
            options = sorted({q.id for scheme in candidates for q in scheme.questions})
            problems.append(Diagnostic("AM404", argument.location, f"answers '{argument.answers}' names no critical "
                                       "question of the argument this objection targets",
                                       ("its questions are: " + ", ".join(options)) if options else
                                       "only an objection to an argument that names a scheme answers a critical question"))
    return problems
