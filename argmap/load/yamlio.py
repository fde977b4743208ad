"""Read YAML safely and keep positions: every node carries its line and column for diagnostics.

Uses PyYAML's C loader when present. Anchors and aliases are refused before any expansion, so an
alias bomb ("billion laughs") costs one pass over its text and no more memory than the text.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Iterable

import yaml

from argmap.diagnostics import Diagnostic, Location
from argmap.load.files import find_project_root

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Files larger than this are refused; split a bigger map over several files.
MAX_FILE_BYTES = 4 * 1024 * 1024
_ALIAS_CANDIDATE = re.compile(r"(?:^|[\s\[\{,:])[*&][^\s\]\},]", re.MULTILINE)
_LEADING_TAB = re.compile(r"^ *\t", re.MULTILINE)
#: Collections may nest at most this deep. PyYAML's C composer recurses once per level and ends the
#: process (a segmentation fault, no exception) somewhere past 30,000 levels, so deeper input is
#: refused before it runs; real maps nest a few dozen levels at most.
MAX_NESTING = 100
#: Control characters other than whitespace: never text a reader sees (YAML's escapes can still
#: write them), so text values drop them. NUL is also the brief's own placeholder marker.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FLOW_BRACKET = re.compile(r"[\[\]{}]")
_BLOCK_PREFIX = re.compile(r"^[ ?:-]+", re.MULTILINE)


#: What to split when a file is over the size limit, by the kind of file.
_SPLIT_HINT = {"map": "split the map into several files that share its 'map' id",
               "source": "split the article into several sources (e.g. one per part), each with its own id",
               "schemes": "split the schemes over several projects or shorten their descriptions",
               "article": "split the article into several sources (e.g. one per part) and add each"}


def read_text(path: Path, name: str, kind: str = "map", confine: bool = True) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file within the size limit; None and a diagnostic when that fails.

    Only a regular file is read: a FIFO, device, socket or folder is refused without blocking
    (opened non-blocking, checked with fstat on the open handle), and the size is checked on that
    same handle and bounded while reading, so /dev/zero or a file that grows cannot exhaust memory.
    With ``confine``, a symbolic link must lead to a file inside the project it appears in.
    """
    start = Location(name, 1, 1)
    try:
        if confine and path.is_symlink():
            root = find_project_root(path, follow_links=False).resolve()
            if not path.resolve().is_relative_to(root):
                return None, [Diagnostic("AM001", start, f"'{name}' is a link to {path.resolve()}, outside the "
                                         f"project ({root})", "copy the file into the project instead of linking it")]
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, [Diagnostic("AM001", start, "file does not exist", "check the path")]
    except OSError as error:
        return None, [Diagnostic("AM001", start, f"cannot read file: {error.strerror}", "check the path and permissions")]
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        what = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        return None, [Diagnostic("AM001", start, f"'{name}' is {what}, not a file argmap can read",
                                 "give a regular text file")]
    with os.fdopen(descriptor, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    return decode_text(data, name, kind, size)


def decode_text(data: bytes, name: str, kind: str = "map", size: int = 0) -> tuple[str | None, list[Diagnostic]]:
    """Bytes read (at most MAX_FILE_BYTES + 1 of them; ``size`` the file's own, when known) as UTF-8
    text, or None and a located diagnostic: over the size limit, not UTF-8, or empty. A BOM is dropped.
    Files and standard input are held to the same rules."""
    start = Location(name, 1, 1)
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        return None, [Diagnostic("AM004", start, f"file is {max(size, len(data)) / 1048576:.1f} MiB or more, over "
                                 f"the {MAX_FILE_BYTES // 1048576} MiB limit", _SPLIT_HINT.get(kind, _SPLIT_HINT["map"]))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Diagnostic("AM002", Location(name, line, column),
                                 f"byte 0x{data[error.start]:02x} is not valid UTF-8",
                                 "save the file as UTF-8 (most editors offer this under 'encoding')")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        hint = ("give the article's text" if kind == "article" else
                "write a map (see docs/format.md) or remove the file")
        return None, [Diagnostic("AM003", start, "file is empty", hint)]
    return text, []


def compose_yaml(text: str, name: str, line_offset: int = 0) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Parse one YAML document into a node tree with positions, refusing tabs and aliases."""
    tabs = [Diagnostic("AM006", Location(name, text.count("\n", 0, m.start()) + 1 + line_offset,
                                         m.end() - m.start()),
                       "tab character used for indentation", "indent with spaces (YAML forbids tabs)")
            for m in _LEADING_TAB.finditer(text)]
    if tabs:
        return None, tabs
    try:
        if (too_deep := _nesting_problem(text, name, line_offset)) is not None:
            return None, [too_deep]
        if _ALIAS_CANDIDATE.search(text):
            for event in yaml.parse(text, Loader=Loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    mark = event.start_mark
                    return None, [Diagnostic("AM007", Location(name, mark.line + 1 + line_offset, mark.column + 1),
                                             "YAML anchors and aliases are not allowed in argmap files",
                                             "write the value out in full; to reuse a claim, reference its id")]
        documents = list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(filter(None, [error.context, error.problem]))
        return None, [Diagnostic("AM005", Location(name, line + line_offset, column), f"YAML syntax error: {message}",
                                 "check indentation and quoting near this point; quote text containing ': ' or '#'")]
    except yaml.YAMLError as error:
        return None, [Diagnostic("AM005", Location(name, 1, 1), f"YAML syntax error: {error}", "check the file's syntax")]
    if len(documents) > 1:
        mark = documents[1].start_mark
        return None, [Diagnostic("AM008", Location(name, mark.line + 1 + line_offset, mark.column + 1),
                                 "more than one YAML document in this file", "split the documents into separate files")]
    if not documents or documents[0] is None:
        return None, [Diagnostic("AM003", Location(name, 1, 1), "file holds no YAML content",
                                 "write a map (see docs/format.md) or remove the file")]
    return documents[0], []


def nesting_bound(text: str) -> int:
    """A cheap upper bound on how deep the text's collections can nest.

    Flow collections add at most one level per bracket still open (brackets inside quotes or
    comments only raise the bound); block collections at most two per column of a line's
    indentation and compact ``- ``/``? `` indicators.

    >>> nesting_bound("a: [1, [2]]")
    4
    """
    depth = deepest = 0
    for match in _FLOW_BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    block = max((len(m.group()) for m in _BLOCK_PREFIX.finditer(text)), default=0)
    return deepest + 2 * (block + 1)


def _nesting_problem(text: str, name: str, line_offset: int) -> Diagnostic | None:
    """A located diagnostic when collections nest deeper than MAX_NESTING, found by walking the
    parser's events (libyaml's parser keeps its own stack, so this walk cannot crash)."""
    if nesting_bound(text) <= MAX_NESTING:
        return None
    depth, mark = 0, None
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    mark = event.start_mark
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # PyYAML 6.0.4 refuses deep flow nesting itself, scanning ahead of the events read here
        if "nesting depth" not in (error.problem or ""):
            raise
        mark = error.problem_mark or error.context_mark
    if mark is None:
        return None
    return Diagnostic("AM009", Location(name, mark.line + 1 + line_offset, mark.column + 1),
                      f"lists and mappings nest more than {MAX_NESTING} levels deep here",
                      "flatten the structure: give deep claims an id and reference it from a top-level entry")


def node_location(node: yaml.Node, name: str) -> Location:
    """The 1-based position where a node starts."""
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def suggest(word: str, choices: Iterable[str], prefix: str = "did you mean") -> str:
    """A 'did you mean' hint for a misspelt key or id, or a list of valid choices."""
    from rapidfuzz import fuzz, process   # only when a hint is needed: 10 ms of start-up otherwise

    options = list(choices)
    match = process.extractOne(word, options, scorer=fuzz.ratio, score_cutoff=60) if options else None
    if match:
        return f"{prefix} '{match[0]}'?"
    if len(options) <= 12:
        return "expected one of: " + ", ".join(options)
    return ""
