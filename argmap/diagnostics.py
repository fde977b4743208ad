"""Diagnostics: every problem argmap finds, with a stable code, a location, a message and a hint.

Modelled on ruff: a code such as ``AM201`` never changes meaning, so users and scripts can
rely on it (``--format json`` exposes the same fields).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


#: Every diagnostic code argmap emits, with its default severity and a short title.
CODES: dict[str, tuple[Severity, str]] = {
    # AM0xx: reading the file
    "AM001": (Severity.ERROR, "file cannot be read"),
    "AM002": (Severity.ERROR, "file is not UTF-8"),
    "AM003": (Severity.ERROR, "file is empty"),
    "AM004": (Severity.ERROR, "file is too large"),
    "AM005": (Severity.ERROR, "YAML syntax error"),
    "AM006": (Severity.ERROR, "tab used for indentation"),
    "AM007": (Severity.ERROR, "YAML anchors and aliases are not allowed"),
    "AM008": (Severity.ERROR, "more than one YAML document in a file"),
    "AM009": (Severity.ERROR, "nesting too deep"),
    # AM1xx: the shape of the map
    "AM101": (Severity.ERROR, "unknown key"),
    "AM102": (Severity.ERROR, "missing required key"),
    "AM103": (Severity.ERROR, "wrong type"),
    "AM104": (Severity.ERROR, "invalid value"),
    "AM105": (Severity.ERROR, "empty text"),
    "AM106": (Severity.ERROR, "duplicate id"),
    "AM107": (Severity.ERROR, "map header declared twice"),
    "AM108": (Severity.ERROR, "map has no resolution"),
    "AM109": (Severity.ERROR, "relation needs exactly one target"),
    "AM110": (Severity.ERROR, "duplicate key"),
    # AM2xx: references
    "AM201": (Severity.ERROR, "unknown claim id"),
    "AM202": (Severity.ERROR, "unknown argument id"),
    "AM203": (Severity.ERROR, "unknown source id"),
    "AM204": (Severity.ERROR, "source file does not exist"),
    "AM205": (Severity.ERROR, "source path outside the project"),
    "AM206": (Severity.ERROR, "relation to itself"),
    "AM207": (Severity.WARNING, "support cycle"),
    "AM208": (Severity.ERROR, "unknown paragraph in left-out list"),
    "AM209": (Severity.WARNING, "left-out paragraph is cited"),
    "AM210": (Severity.WARNING, "relation written twice"),
    "AM211": (Severity.ERROR, "a one-word claim that looks like a claim id"),
    # AM3xx: citations
    "AM301": (Severity.ERROR, "quote not found in source"),
    "AM302": (Severity.ERROR, "quote is in a different source"),
    "AM303": (Severity.ERROR, "highlight not inside quote"),
    "AM304": (Severity.ERROR, "empty quote"),
    "AM305": (Severity.ERROR, "quote too short"),
    "AM306": (Severity.ERROR, "elided fragment too short"),
    "AM307": (Severity.ERROR, "elided fragments in different paragraphs"),
    "AM308": (Severity.ERROR, "elision drops a negation"),
    "AM309": (Severity.WARNING, "elision drops a reversal"),
    # AM4xx: warnings about reasoning
    "AM401": (Severity.WARNING, "unsupported assertion"),
    "AM403": (Severity.WARNING, "unknown argumentation scheme"),
    "AM404": (Severity.WARNING, "answers names no critical question"),
    "AM405": (Severity.WARNING, "tag overreaches its quote"),
    # AM5xx: source documents
    "AM501": (Severity.ERROR, "source has no front matter"),
    "AM502": (Severity.ERROR, "invalid source metadata"),
    "AM503": (Severity.ERROR, "duplicate source id"),
    # AM6xx: importing other tools' maps
    "AM601": (Severity.ERROR, "cannot import the file"),
    # AM7xx: the classroom
    "AM701": (Severity.ERROR, "invalid assignment.yaml"),
}


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, as editors show them."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: what (code, message), where (location) and how to fix it (hint)."""

    code: str
    location: Location
    message: str
    hint: str = ""
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered diagnostic code {self.code}")
        if self.severity is None:
            object.__setattr__(self, "severity", CODES[self.code][0])

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self) -> str:
        text = f"{self.location}: {self.code} {self.message}"
        if self.severity is Severity.WARNING:
            text = f"{self.location}: {self.code} [warning] {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value if self.severity else None
        return data


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order diagnostics by file, line, column, code and message, so the order never depends on the order
    the checks ran in (an incremental check gives the same list as a whole one)."""
    return sorted(diagnostics, key=lambda d: (d.location.file, d.location.line, d.location.column, d.code, d.message))


def render_text(diagnostics: list[Diagnostic]) -> str:
    """Human-readable report: one block per problem and a summary line."""
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    lines = [d.render() for d in diagnostics]
    lines.append(f"{errors} error(s), {warnings} warning(s)" if diagnostics else "no problems found")
    return "\n".join(lines)


def render_json(diagnostics: list[Diagnostic]) -> str:
    """Machine-readable report: a JSON list of diagnostics."""
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)


class ArgmapError(Exception):
    """Raised by the library API when input is unusable; carries the diagnostics that explain why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__(render_text(diagnostics))
