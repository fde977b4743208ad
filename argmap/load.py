"""Load argument maps from YAML files into the typed model, reporting every shape problem at once.

Authoring rules (docs/format.md has the full format):
- in ``reasons``, ``objections``, ``linked`` and ``premises`` a one-word lowercase string
  (``state-is-unchecked``) references a claim by id; any other string is the text of a new claim;
- a claim without ``id`` gets a stable one made from its text;
- files that share a ``map`` id form one map, so claims can be referenced across files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from argmap.diagnostics import ArgmapError, Diagnostic, Location
from argmap.gcpause import paused_gc
from argmap.model import SIDES, Argument, ArgumentMap, Citation, Claim, LeftOut, Source, opposite_side
from argmap.sources import display_name, load_source
from argmap.yamlio import compose_yaml, node_location, read_text, suggest

MAP_KEYS = ("map", "title", "resolution", "description", "sources", "left_out", "claims", "arguments")
CLAIM_KEYS = ("id", "text", "side", "tags", "weight", "implicit", "cite", "note", "supports", "attacks",
              "undercuts", "reasons", "objections", "scheme", "argument_id", "answers")
CITE_KEYS = ("source", "quote", "highlight", "speaker", "note")
ARGUMENT_KEYS = ("id", "premises", "supports", "attacks", "undercuts", "scheme", "note", "answers")
LINKED_KEYS = ("linked", "id", "scheme", "note", "answers")
LEFT_OUT_KEYS = ("source", "paragraph", "reason")
RELATION_KEYS = {"supports": "support", "attacks": "attack", "undercuts": "undercut"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAP_SUFFIXES = (".yaml", ".yml")

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_TEXT_SCALARS = (_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")
_TYPE_NAMES = {_STR: "text", _MAP: "a mapping", _SEQ: "a list", "tag:yaml.org,2002:int": "a number",
               "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:bool": "true/false",
               "tag:yaml.org,2002:null": "nothing"}


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


@dataclass
class Project:
    """Everything loaded from the paths given: maps, sources and the problems found on the way."""

    maps: dict[str, ArgumentMap]
    sources: dict[str, Source]
    diagnostics: list[Diagnostic]


class _Reader:
    """Walks one file's node tree; collects claims, arguments and diagnostics."""

    def __init__(self, path: Path, name: str, problems: list[Diagnostic]):
        self.file = MapFile(path, name)
        self.problems = problems

    # -- small typed accessors -------------------------------------------------------------
    def at(self, node: yaml.Node) -> Location:
        return node_location(node, self.file.name)

    def report(self, code: str, node: yaml.Node, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(code, self.at(node), message, hint))

    def expect(self, node: yaml.Node, tag: str, what: str) -> bool:
        if node.tag == tag:
            return True
        found = _TYPE_NAMES.get(node.tag, node.tag)
        wanted = _TYPE_NAMES[tag]
        hint = {_SEQ: "start each item on its own line with '- '", _MAP: "write 'key: value' lines",
                _STR: "write plain text (quote it if it contains ': ' or starts with a symbol)"}[tag]
        self.report("AM103", node, f"{what} must be {wanted}, not {found}", hint)
        return False

    def fields(self, node: yaml.Node, allowed: tuple[str, ...], what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's keys (checked against ``allowed``) to their key and value nodes."""
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if not self.expect(node, _MAP, what):
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
        if node.tag not in _TEXT_SCALARS:
            self.expect(node, _STR, what)
            return ""
        value = str(node.value).strip()
        if not value and not allow_empty:
            self.report("AM105", node, f"{what} is empty", "write the text, or remove the key")
        return value

    def identifier(self, node: yaml.Node, what: str) -> str:
        value = self.text(node, what)
        if value and not ID_PATTERN.match(value):
            self.report("AM104", node, f"{what} '{value}' is not a valid id",
                        "use lowercase letters, digits and '-', e.g. 'state-is-unchecked'")
            return ""
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        return list(node.value) if self.expect(node, _SEQ, what) else []

    def text_list(self, node: yaml.Node, what: str) -> list[str]:
        items = node.value if node.tag == _SEQ else [node]
        return [value for item in items if (value := self.text(item, what))]

    # -- the map ---------------------------------------------------------------------------
    def read(self, root: yaml.Node) -> MapFile:
        top = self.fields(root, MAP_KEYS, "the map file")
        if "map" not in top:
            self.report("AM102", root, "map file lacks 'map' (the map's id)",
                        "add 'map: my-map-id' at the top; files with the same id form one map")
        else:
            self.file.map_id = self.identifier(top["map"][1], "map id")
        for key in ("title", "description"):
            if key in top:
                self.file.header[key] = self.text(top[key][1], key)
        if "title" in top or "resolution" in top:
            self.file.header_location = self.at(top.get("title", top.get("resolution"))[0])
        if "resolution" in top:
            node = top["resolution"][1]
            if node.tag == _STR:
                claim = Claim("resolution", self.text(node, "resolution"), self.at(node))
                self.file.claims.append(claim)
            else:
                claim = self.claim(node, None)
            if claim:
                claim.id = claim.id or "resolution"
                claim.is_resolution = True
                self.file.header["resolution"] = claim
        if "sources" in top:
            for item in self.sequence(top["sources"][1], "sources"):
                if value := self.text(item, "source path"):
                    self.file.source_paths.append((value, self.at(item)))
        if "left_out" in top:
            for item in self.sequence(top["left_out"][1], "left_out"):
                self.left_out(item)
        if "claims" in top:
            for item in self.sequence(top["claims"][1], "claims"):
                self.claim(item, None)
        if "arguments" in top:
            for item in self.sequence(top["arguments"][1], "arguments"):
                self.argument(item)
        return self.file

    def left_out(self, node: yaml.Node) -> None:
        entry = self.fields(node, LEFT_OUT_KEYS, "a left_out entry")
        missing = [k for k in LEFT_OUT_KEYS if k not in entry]
        if missing and node.tag == _MAP:
            self.report("AM102", node, f"left_out entry lacks {', '.join(missing)}",
                        "write source, paragraph (its number) and reason")
            return
        if missing:
            return
        paragraph_node = entry["paragraph"][1]
        if paragraph_node.tag != "tag:yaml.org,2002:int":
            self.report("AM103", paragraph_node, "paragraph must be a number", "write the paragraph's number, e.g. 3")
            return
        self.file.left_out.append(LeftOut(self.text(entry["source"][1], "source"), int(paragraph_node.value),
                                          self.text(entry["reason"][1], "reason"), self.at(node)))

    def citation(self, node: yaml.Node) -> Citation | None:
        entry = self.fields(node, CITE_KEYS, "a citation")
        if node.tag != _MAP:
            return None
        for required in ("source", "quote"):
            if required not in entry:
                self.report("AM102", node, f"citation lacks '{required}'",
                            "a citation needs 'source' (a source id) and 'quote' (the source's exact words)")
        if "source" not in entry or "quote" not in entry:
            return None
        quote_node = entry["quote"][1]
        quote = self.text(quote_node, "quote", allow_empty=True)
        if not quote:
            self.report("AM304", quote_node, "quote is empty", "copy the source's exact words into 'quote'")
            return None
        source_node = entry["source"][1]
        citation = Citation(self.text(source_node, "source"), quote, self.at(quote_node), self.at(source_node))
        for key in ("highlight", "speaker", "note"):
            if key in entry:
                setattr(citation, key, self.text(entry[key][1], key))
        return citation

    def claim(self, node: yaml.Node, parent: tuple[str, Claim] | None) -> Claim | None:
        """Read a claim entry; ``parent`` is (relation, claim) when nested under reasons/objections."""
        if node.tag == _STR:
            text = self.text(node, "claim text")
            return self.add_claim(Claim("", text, self.at(node)), parent, {}) if text else None
        entry = self.fields(node, CLAIM_KEYS, "a claim")
        if node.tag != _MAP:
            return None
        if "text" not in entry:
            self.report("AM102", node, "claim lacks 'text'", "add 'text: the claim in one sentence'")
            return None
        claim = Claim("", self.text(entry["text"][1], "claim text"), self.at(node))
        if "id" in entry:
            claim.id = self.identifier(entry["id"][1], "claim id")
        if "side" in entry:
            side = self.text(entry["side"][1], "side")
            if side and side not in SIDES:
                self.report("AM104", entry["side"][1], f"side '{side}' is not pro or con", suggest(side, SIDES))
            else:
                claim.side = side or None
        if "tags" in entry:
            claim.tags = self.text_list(entry["tags"][1], "tag")
        if "weight" in entry:
            claim.weight = self.weight(entry["weight"][1])
        if "implicit" in entry:
            value = entry["implicit"][1]
            if value.tag != "tag:yaml.org,2002:bool":
                self.report("AM103", value, "implicit must be true or false", "write 'implicit: true'")
            else:
                claim.implicit = value.value.lower() in ("true", "yes", "on")
        if "note" in entry:
            claim.note = self.text(entry["note"][1], "note")
        if "cite" in entry:
            value = entry["cite"][1]
            items = value.value if value.tag == _SEQ else [value]
            claim.citations = [c for item in items if (c := self.citation(item))]
        return self.add_claim(claim, parent, entry)

    def weight(self, node: yaml.Node) -> float | None:
        try:
            value = float(node.value) if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") else None
        except ValueError:
            value = None
        if value is None or not 0.0 <= value <= 1.0:
            self.report("AM104", node, f"weight '{node.value}' is not a number from 0 to 1",
                        "write a base score such as 0.5 (the default) or 0.8")
            return None
        return value

    def add_claim(self, claim: Claim, parent: tuple[str, Claim] | None,
                  entry: dict[str, tuple[yaml.Node, yaml.Node]]) -> Claim:
        self.file.claims.append(claim)
        options = {k: self.text(entry[k][1], k) for k in ("scheme", "answers") if k in entry}
        name = self.identifier(entry["argument_id"][1], "argument_id") if "argument_id" in entry else ""
        if parent:
            self.file.arguments.append(PendingArgument(parent[0], [claim], parent[1], claim.location, name, **options))
            name = ""
        for key, relation in RELATION_KEYS.items():
            if key in entry:
                for target in self.refs(entry[key][1], f"'{key}' target"):
                    self.file.arguments.append(PendingArgument(relation, [claim], target, self.at(entry[key][0]),
                                                               name, **options))
        for key, relation in (("reasons", "support"), ("objections", "attack")):
            if key in entry:
                for item in self.sequence(entry[key][1], key):
                    self.nested(item, (relation, claim))
        return claim

    def refs(self, node: yaml.Node, what: str) -> list[Ref]:
        items = node.value if node.tag == _SEQ else [node]
        return [Ref(value, self.at(item)) for item in items if (value := self.text(item, what))]

    def reference(self, node: yaml.Node) -> Ref | None:
        """A list item that is a one-word lowercase string refers to a claim by id; anything else does not."""
        if node.tag == _STR and ID_PATTERN.match(str(node.value).strip()):
            return Ref(str(node.value).strip(), self.at(node))
        return None

    def premise(self, node: yaml.Node) -> Claim | Ref | None:
        """A list item naming a claim: an id reference or an inline claim."""
        return self.reference(node) or self.claim(node, None)

    def nested(self, node: yaml.Node, parent: tuple[str, Claim]) -> None:
        """An item under reasons/objections: a claim, a reference, or a linked group."""
        if node.tag == _MAP and any(key.value == "linked" for key, _ in node.value):
            entry = self.fields(node, LINKED_KEYS, "a linked argument")
            premises = [p for item in self.sequence(entry["linked"][1], "linked") if (p := self.premise(item))]
            self.pending(parent[0], premises, parent[1], node, entry)
            return
        if ref := self.reference(node):
            self.file.arguments.append(PendingArgument(parent[0], [ref], parent[1], ref.location))
        else:
            self.claim(node, parent)

    def pending(self, relation: str, premises: list[Claim | Ref], target: Claim | Ref, node: yaml.Node,
                entry: dict[str, tuple[yaml.Node, yaml.Node]]) -> None:
        if not premises:
            self.report("AM102", node, "argument has no premises", "list the premises (claim ids or new claims)")
            return
        options = {k: self.text(entry[k][1], k) for k in ("scheme", "note", "answers") if k in entry}
        name = self.identifier(entry["id"][1], "argument id") if "id" in entry else ""
        self.file.arguments.append(PendingArgument(relation, premises, target, self.at(node), name, **options))

    def argument(self, node: yaml.Node) -> None:
        entry = self.fields(node, ARGUMENT_KEYS, "an argument")
        if node.tag != _MAP:
            return
        targets = [k for k in RELATION_KEYS if k in entry]
        if len(targets) != 1:
            self.report("AM109", node, "an argument needs exactly one of supports, attacks, undercuts"
                        + (f" (found {', '.join(targets)})" if targets else ""),
                        "say what the premises do together, e.g. 'supports: claim-id'")
            return
        if "premises" not in entry:
            self.report("AM102", node, "argument lacks 'premises'", "list the co-premises (claim ids or new claims)")
            return
        premises = [p for item in self.sequence(entry["premises"][1], "premises") if (p := self.premise(item))]
        target_list = self.refs(entry[targets[0]][1], "target")
        if len(target_list) != 1:
            self.report("AM109", entry[targets[0]][1], "an argument has exactly one target",
                        "write several arguments for several targets")
            return
        self.pending(RELATION_KEYS[targets[0]], premises, target_list[0], node, entry)


# -- files to maps ----------------------------------------------------------------------------

def slugify(text: str, words: int = 6) -> str:
    """A readable id made from a claim's first words.

    >>> slugify("China's regulation: too lax, for years!")
    'china-s-regulation-too-lax-for'
    """
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words]) or "claim"


def find_project_root(path: Path) -> Path:
    """The nearest folder at or above ``path`` that has a ``sources/`` folder (else the path's own folder)."""
    start = path.resolve() if path.is_dir() else path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / "sources").is_dir():
            return folder
    return start



def infer_sides(claims: dict[str, Claim], arguments: dict[str, Argument], resolution: str) -> None:
    """Give claims without a ``side`` the side their reasoning serves.

    A reason for a claim takes that claim's side, an objection the other side; an undercut takes
    the side opposite the argument it attacks. The resolution counts as pro. Explicit sides win.
    """
    from collections import defaultdict, deque

    by_target: dict[str, list[Argument]] = defaultdict(list)
    for argument in arguments.values():
        by_target[argument.target].append(argument)
    side = {cid: c.side for cid, c in claims.items() if c.side}
    side.setdefault(resolution, "pro")
    queue = deque(side)
    while queue:
        node = queue.popleft()
        for argument in by_target.get(node, ()):
            if argument.id in side:
                continue
            side[argument.id] = side[node] if argument.relation == "support" else opposite_side(side[node])
            queue.append(argument.id)
            for premise in argument.premises:
                if premise not in side:
                    side[premise] = side[argument.id]
                    queue.append(premise)
    for cid, claim in claims.items():
        if not claim.is_resolution and claim.side is None:
            claim.side = side.get(cid)


def _collect_paths(paths: list[Path], problems: list[Diagnostic]) -> tuple[list[Path], list[Path]]:
    map_files: list[Path] = []
    source_files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix in MAP_SUFFIXES:
                    map_files.append(file)
                elif file.suffix == ".md":
                    source_files.append(file)
        elif path.suffix in MAP_SUFFIXES:
            map_files.append(path)
        elif path.suffix == ".md":
            source_files.append(path)
        elif not path.exists():
            problems.append(Diagnostic("AM001", Location(str(path)), "path does not exist",
                                       "give a map file (.yaml), a source (.md) or a folder of them"))
        else:
            problems.append(Diagnostic("AM001", Location(str(path)), "not a map (.yaml/.yml) or source (.md) file",
                                       "give a map file (.yaml), a source (.md) or a folder of them"))
    return map_files, source_files


class _SourcePool:
    """Loads each source file once, however many maps or paths name it."""

    def __init__(self, problems: list[Diagnostic]):
        self.by_path: dict[Path, Source | None] = {}
        self.by_id: dict[str, Source] = {}
        self.problems = problems

    def add(self, file: Path) -> Source | None:
        resolved = file.resolve()
        if resolved in self.by_path:
            return self.by_path[resolved]
        source, found = load_source(file, display_name(file))
        self.problems.extend(found)
        if source and source.id in self.by_id:
            self.problems.append(Diagnostic("AM503", source.location, f"source id '{source.id}' is already used by "
                                            f"{self.by_id[source.id].path}", "give each source a unique id"))
            source = None
        if source:
            self.by_id[source.id] = source
        self.by_path[resolved] = source
        return source

    def add_declared(self, value: str, where: Location, map_path: Path) -> Source | None:
        """A source named by path in a map: must exist inside the map's project."""
        root = find_project_root(map_path)
        try:
            target = (map_path.parent / value).resolve()
            target.exists()
        except (OSError, ValueError) as error:
            self.problems.append(Diagnostic("AM204", where, f"'{value[:80]}' is not a usable file path ({error})",
                                            "write a path relative to this map file, e.g. ../sources/article.md"))
            return None
        if not target.is_relative_to(root):
            self.problems.append(Diagnostic("AM205", where, f"source path '{value}' points outside the project ({root})",
                                            "copy the source into the project's sources/ folder and cite it by id"))
            return None
        if not target.exists():
            self.problems.append(Diagnostic("AM204", where, f"source file '{value}' does not exist",
                                            "check the path (it is relative to this map file)"))
            return None
        if target.is_dir():
            for file in sorted(target.rglob("*.md")):
                self.add(file)
            return None
        return self.add(target)


def _read_map_file(path: Path, problems: list[Diagnostic]) -> MapFile | None:
    name = display_name(path)
    text, found = read_text(path, name)
    problems.extend(found)
    if text is None:
        return None
    root, found = compose_yaml(text, name)
    problems.extend(found)
    if root is None:
        return None
    return _Reader(path, name, problems).read(root)


def _assign_claim_ids(files: list[MapFile], problems: list[Diagnostic]) -> dict[str, Claim]:
    claims: dict[str, Claim] = {}
    for file in files:
        for claim in file.claims:
            if not claim.id:
                continue
            if claim.id in claims:
                problems.append(Diagnostic("AM106", claim.location, f"claim id '{claim.id}' is already used at "
                                           f"{claims[claim.id].location}", "give each claim a unique id"))
                claim.id = ""
            else:
                claims[claim.id] = claim
    for file in files:
        for claim in file.claims:
            if claim.id:
                continue
            base = slugify(claim.text)
            candidate, number = base, 2
            while candidate in claims:
                candidate, number = f"{base}-{number}", number + 1
            claim.id, claim.generated_id = candidate, True
            claims[candidate] = claim
    return claims


def _resolve(ref: Claim | Ref, claims: dict[str, Claim], problems: list[Diagnostic]) -> str | None:
    if isinstance(ref, Claim):
        return ref.id if ref.text else None
    if ref.id in claims:
        return ref.id
    problems.append(Diagnostic("AM201", ref.location, f"unknown claim id '{ref.id}'",
                               suggest(ref.id, claims) or "define a claim with this id, or fix the reference"))
    return None


def _assemble(map_id: str, files: list[MapFile], sources: dict[str, Source], problems: list[Diagnostic]) -> ArgumentMap:
    header: dict[str, object] = {}
    header_file: MapFile | None = None
    for file in files:
        if not file.header:
            continue
        if header_file is not None:
            problems.append(Diagnostic("AM107", file.header_location or Location(file.name),
                                       f"map '{map_id}' already has its title/resolution in {header_file.name}",
                                       "declare title, resolution and description in one file only"))
            continue
        header, header_file = file.header, file
    resolution = header.get("resolution")
    if not isinstance(resolution, Claim):
        where = header_file.header_location if header_file else Location(files[0].name)
        problems.append(Diagnostic("AM108", where or Location(files[0].name), f"map '{map_id}' has no resolution",
                                   "add 'resolution: the thesis the debate is about' to one of its files"))
    claims = _assign_claim_ids(files, problems)
    arguments: dict[str, Argument] = {}
    undercuts: list[tuple[Argument, Ref]] = []
    for file in files:
        for pending in file.arguments:
            premises = [_resolve(p, claims, problems) for p in pending.premises]
            if pending.relation == "undercut":
                target = pending.target.id if isinstance(pending.target, Ref) else None
            else:
                target = _resolve(pending.target, claims, problems)
            if target is None or None in premises:
                continue
            name = pending.id or f"{'+'.join(premises)}->{target}"
            candidate, number = name, 2
            while candidate in arguments:
                if pending.id:
                    problems.append(Diagnostic("AM106", pending.location, f"argument id '{name}' is already used",
                                               "give each argument a unique id"))
                    break
                candidate, number = f"{name}#{number}", number + 1
            if pending.id and candidate in claims:
                problems.append(Diagnostic("AM106", pending.location, f"argument id '{name}' is also a claim id",
                                           "give the argument an id no claim uses"))
                continue
            argument = Argument(candidate, pending.relation, premises, target, pending.location,
                                pending.scheme, pending.note, pending.answers)
            arguments[candidate] = argument
            if pending.relation == "undercut":
                undercuts.append((argument, pending.target))
    for argument, ref in undercuts:
        if ref.id not in arguments:
            problems.append(Diagnostic("AM202", ref.location, f"unknown argument id '{ref.id}'",
                                       suggest(ref.id, arguments) or "undercuts names an argument: give the target "
                                       "argument an 'id' (or a claim an 'argument_id') and use it here"))
            del arguments[argument.id]
    resolution_id = resolution.id if isinstance(resolution, Claim) else ""
    infer_sides(claims, arguments, resolution_id)
    return ArgumentMap(map_id, str(header.get("title", "")), resolution_id, str(header.get("description", "")),
                       claims, arguments, sources, [i for f in files for i in f.left_out], [f.name for f in files])


@paused_gc
def load_project(paths: list[str | Path] | None = None) -> Project:
    """Load every map and source under ``paths`` (default ``arguments/``); never raises for bad input."""
    problems: list[Diagnostic] = []
    map_paths, source_paths = _collect_paths([Path(p) for p in (paths or ["arguments"])], problems)
    pool = _SourcePool(problems)
    for file in source_paths:
        pool.add(file)
    for root in sorted({find_project_root(p) for p in map_paths}):
        if (root / "sources").is_dir():
            for file in sorted((root / "sources").rglob("*.md")):
                pool.add(file)
    groups: dict[str, list[MapFile]] = {}
    for path in map_paths:
        file = _read_map_file(path, problems)
        if file is None:
            continue
        for value, where in file.source_paths:
            pool.add_declared(value, where, path)
        for citation in (c for claim in file.claims for c in claim.citations):
            if "/" in citation.source or citation.source.endswith(".md"):
                source = pool.add_declared(citation.source, citation.source_location or citation.location, path)
                citation.source = source.id if source else ""
        groups.setdefault(file.map_id or path.stem, []).append(file)
    maps = {map_id: _assemble(map_id, files, pool.by_id, problems) for map_id, files in groups.items()}
    return Project(maps, pool.by_id, problems)


def load(path: str | Path) -> ArgumentMap:
    """Load the one map in ``path`` (a file or folder); raises ArgmapError when it cannot be loaded.

    Use :func:`load_project` to load several maps, or to get the diagnostics instead of an error.
    """
    project = load_project([path])
    errors = [d for d in project.diagnostics if d.is_error]
    if errors:
        raise ArgmapError(errors)
    if len(project.maps) != 1:
        raise ArgmapError([Diagnostic("AM102", Location(str(path)), f"expected one map, found {len(project.maps)}",
                                      "name a file or folder that holds exactly one map")])
    return next(iter(project.maps.values()))
