"""What one map file contributes before ids are resolved, and the state its entries are read with.

:class:`MapReader` holds the file being read, the problems found, and small typed accessors over
YAML nodes (each reports a located diagnostic instead of raising); :mod:`argmap.load.entries` has
one function per kind of map entry, each taking the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.diagnostics import Diagnostic, Location
from argmap.load.yamlio import CONTROL_CHARACTERS, node_location, suggest
from argmap.model import Claim, LeftOut

MAP_KEYS = ("map", "title", "resolution", "description", "sources", "left_out", "claims", "arguments")
CLAIM_KEYS = (
    "id",
    "text",
    "side",
    "tags",
    "weight",
    "implicit",
    "by",
    "allow_overreach",
    "cite",
    "note",
    "tag",
    "order",
    "supports",
    "attacks",
    "undercuts",
    "reasons",
    "objections",
    "scheme",
    "argument_id",
    "answers",
)
CITE_KEYS = ("source", "quote", "highlight", "speaker", "note")
ARGUMENT_KEYS = ("id", "premises", "supports", "attacks", "undercuts", "scheme", "note", "answers")
LINKED_KEYS = ("linked", "id", "scheme", "note", "answers")
LEFT_OUT_KEYS = ("source", "paragraph", "reason")
RELATION_KEYS = {"supports": "support", "attacks": "attack", "undercuts": "undercut"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

STR, MAP, SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
TEXT_SCALARS = (STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")
TYPE_NAMES = {
    STR: "text",
    MAP: "a mapping",
    SEQ: "a list",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing",
}


@dataclass
class Ref:
    """A reference to a claim or argument by id, with where it was written."""

    id: str
    location: Location


@dataclass
class PendingArgument:
    relation: str
    premises: list[Claim | Ref]
    target: Claim | Ref
    location: Location
    id: str = ""
    scheme: str = ""
    note: str = ""
    answers: str = ""


@dataclass
class MapFile:
    """What one YAML file contributes to a map, before ids are resolved."""

    path: Path
    name: str
    map_id: str = ""
    header: dict[str, object] = field(default_factory=dict)
    header_location: Location | None = None
    claims: list[Claim] = field(default_factory=list)
    arguments: list[PendingArgument] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    source_paths: list[tuple[str, Location]] = field(default_factory=list)
    #: Where each item of the top-level ``claims`` and ``arguments`` lists starts (0-based line, column)
    #: and where the list ends (block-style lists only): what an incremental check re-reads alone.
    layout: dict[str, tuple[list[tuple[int, int]], tuple[int, int]]] = field(default_factory=dict)


class MapReader:
    """One file's reading state: the :class:`MapFile` being filled and the problems found so far."""

    def __init__(self, path: Path, name: str, problems: list[Diagnostic]):
        self.file = MapFile(path, name)
        self.problems = problems

    def at(self, node: yaml.Node) -> Location:
        return node_location(node, self.file.name)

    def report(self, code: str, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(code, self.at(node), message, hint))

    def expect(self, node: yaml.Node, tag: str, what: str) -> bool:
        if node.tag == tag:
            return True
        found = TYPE_NAMES.get(node.tag, node.tag)
        wanted = TYPE_NAMES[tag]
        hint = {
            SEQ: "start each item on its own line with '- '",
            MAP: "write 'key: value' lines",
            STR: "write plain text (quote it if it contains ': ' or starts with a symbol)",
        }[tag]
        self.report("AM103", node, f"{what} must be {wanted}, not {found}", hint)
        return False

    def fields(self, node: yaml.Node, allowed: tuple[str, ...], what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's keys (checked against ``allowed``) to their key and value nodes."""
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if not self.expect(node, MAP, what):
            return result
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                self.report("AM101", key_node, f"unknown key '{key}' in {what}", suggest(key, allowed))
            elif key in result:
                self.report("AM110", key_node, f"key '{key}' appears twice in {what}", "keep one of them")
            else:
                result[key] = (key_node, value_node)
        return result

    def text(self, node: yaml.Node, what: str, allow_empty: bool = False) -> str:
        """A scalar as written (numbers and dates included); a list, mapping, true/false or nothing is reported."""
        if node.tag not in TEXT_SCALARS:
            self.expect(node, STR, what)
            return ""
        value = CONTROL_CHARACTERS.sub("", str(node.value)).strip()
        if not value and not allow_empty:
            self.report("AM105", node, f"{what} is empty", "write the text, or remove the key")
        return value

    def identifier(self, node: yaml.Node, what: str) -> str:
        value = self.text(node, what)
        if value and not ID_PATTERN.match(value):
            self.report(
                "AM104",
                node,
                f"{what} '{value}' is not a valid id",
                "use lowercase letters, digits and '-', e.g. 'state-is-unchecked'",
            )
            return ""
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        return list(node.value) if self.expect(node, SEQ, what) else []

    def text_list(self, node: yaml.Node, what: str) -> list[str]:
        items = node.value if node.tag == SEQ else [node]
        return [value for item in items if (value := self.text(item, what))]

    # -- the map ---------------------------------------------------------------------------

    def order(self, node: yaml.Node) -> int | None:
        """A contention's place in its side's case: a whole number from 1, or None (reported)."""
        value = int(node.value) if node.tag == "tag:yaml.org,2002:int" and node.value.isdigit() else 0
        if value < 1:
            self.report("AM104", node, f"order '{node.value}' is not a whole number from 1",
                        "write the contention's place in its side's case: 1 first, then 2, ...")
            return None
        return value

    def weight(self, node: yaml.Node) -> float | None:
        """A base score from 0 to 1, or None (reported) for anything else."""
        try:
            value = float(node.value) if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") else None
        except ValueError:
            value = None
        if value is None or not 0.0 <= value <= 1.0:
            self.report(
                "AM104",
                node,
                f"weight '{node.value}' is not a number from 0 to 1",
                "write a base score such as 0.5 (the default) or 0.8",
            )
            return None
        return value

    def refs(self, node: yaml.Node, what: str) -> list[Ref]:
        """One reference or a list of them, e.g. the targets of ``supports:``."""
        items = node.value if node.tag == SEQ else [node]
        return [Ref(value, self.at(item)) for item in items if (value := self.text(item, what))]

    def reference(self, node: yaml.Node) -> Ref | None:
        """A list item that is a one-word lowercase string refers to a claim by id; anything else does not."""
        if node.tag == STR and ID_PATTERN.match(str(node.value).strip()):
            return Ref(str(node.value).strip(), self.at(node))
        return None
