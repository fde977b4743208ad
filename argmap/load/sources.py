"""Load source documents: Markdown files with YAML front matter, body kept verbatim.

Paragraphs are the top-level blocks markdown-it-py finds in the body; each is numbered from 1
and keeps its raw text and character offsets, so citations can point at it.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Location
from argmap.model import Paragraph, Source
from argmap.load.map_file import ID_PATTERN
from argmap.load.memo import NO_MEMO, Memo
from argmap.load.yamlio import CONTROL_CHARACTERS, compose_yaml, read_text, suggest

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: Metadata fields of a source (the fields debate evidence rules ask for).
SOURCE_KEYS = ("id", "title", "publisher", "author", "author_qualifications", "date", "url", "accessed", "kind", "language",
               "note", "extracted", "pages")
SOURCE_KINDS = ("news", "op-ed", "blog", "report", "study", "interview", "speech", "transcript", "declaration",
                "statute", "court-ruling", "book-chapter", "other")

_BLOCK_OPENERS = {"paragraph_open", "heading_open", "blockquote_open", "bullet_list_open",
                  "ordered_list_open", "table_open", "fence", "code_block", "html_block"}
# Paragraphs need only the block structure: inline parsing is switched off (a third of the time).
@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """CommonMark's block parser, made once, when a source is first split (not at import: 25 ms of every
    start otherwise)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def markdown_blocks(body: str) -> list[tuple[int, int]]:
    """The line span (first, past-the-last, 0-based) of each top-level block of a Markdown body, as
    markdown-it's CommonMark block parser finds them.

    >>> markdown_blocks("One.\\n\\nTwo\\nlines.\\n")
    [(0, 1), (2, 4)]
    """
    return [tuple(token.map) for token in _block_parser().parse(body)
            if token.level == 0 and token.type in _BLOCK_OPENERS and token.map is not None]


def _recalled_blocks(value: object, body: str, line_starts: list[int]) -> list[tuple[int, int]] | None:
    """Blocks recalled from the memo, if they fit this body: in order, within its lines, each starting
    on a line with text, and some block wherever the body has text."""
    if not isinstance(value, list) or bool(value) != bool(body.strip()):
        return None
    blocks, last = [], 0
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and all(type(n) is int for n in item)
                and last <= item[0] < item[1] <= len(line_starts) - 1
                and body[line_starts[item[0]]:line_starts[item[0] + 1]].strip()):
            return None
        blocks.append((item[0], item[1]))
        last = item[1]
    return blocks


def split_paragraphs(body: str, first_line: int = 1, memo: Memo = NO_MEMO) -> list[Paragraph]:
    """Number the top-level blocks of a Markdown body (their spans recalled from ``memo`` when this
    body was split before).

    >>> [p.text for p in split_paragraphs("One.\\n\\nTwo\\nlines.\\n")]
    ['One.', 'Two\\nlines.']
    """
    line_starts = [0]
    for index, char in enumerate(body):
        if char == "\n":
            line_starts.append(index + 1)
    line_starts.append(len(body) + 1)
    blocks = _recalled_blocks(memo.recall("markdown-blocks", body), body, line_starts)
    if blocks is None:
        blocks = markdown_blocks(body)
        memo.keep("markdown-blocks", body, blocks)
    paragraphs = []
    for first, last in blocks:
        start = line_starts[first]
        end = min(line_starts[last] - 1, len(body))
        text = body[start:end].rstrip()
        paragraphs.append(Paragraph(len(paragraphs) + 1, start, start + len(text), first_line + first, text))
    return paragraphs


_BLANK_LINES = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")


def split_text_paragraphs(body: str, first_line: int = 1) -> list[Paragraph]:
    """Number the paragraphs of plain text: runs of lines between blank lines; nothing is markup
    (a line starting with '#', '*' or '1.' is just text).

    >>> [p.text for p in split_text_paragraphs("# Not a heading\\n* not a list\\n\\n1. Second.\\n")]
    ['# Not a heading\\n* not a list', '1. Second.']
    """
    paragraphs = []
    start = 0
    for match in [*_BLANK_LINES.finditer(body), None]:
        end = match.start() if match else len(body)
        text = body[start:end].strip("\r\n")
        if text.strip():
            offset = start + body[start:end].index(text)
            paragraphs.append(Paragraph(len(paragraphs) + 1, offset, offset + len(text.rstrip()),
                                        first_line + body.count("\n", 0, offset), text.rstrip()))
        start = match.end() if match else len(body)
    return paragraphs


def load_source(path: Path, display: str | None = None, memo: Memo = NO_MEMO) -> tuple[Source | None, list[Diagnostic]]:
    """Read one source file; returns the source (None when unusable) and its diagnostics (the split
    into paragraphs recalled from ``memo`` when the text was split before)."""
    name = display or str(path)
    text, problems = read_text(path, name, "source")
    if text is None:
        return None, problems
    if not text.startswith("---\n"):
        return None, [Diagnostic("AM501", Location(name, 1, 1), "source file has no YAML front matter",
                                 "start the file with '---', the metadata (id, title, ...), then '---' and the text")]
    closing = text.find("\n---\n", 3)
    if closing < 0:
        return None, [Diagnostic("AM501", Location(name, 1, 1), "source front matter is not closed",
                                 "end the metadata with a line holding only '---'")]
    node, problems = compose_yaml(text[4:closing + 1], name, line_offset=1)
    if node is None:
        return None, problems
    meta: dict[str, str] = {}
    pages: list[int] = []
    if node.tag != "tag:yaml.org,2002:map":
        return None, [Diagnostic("AM502", Location(name, 2, 1), "source metadata must be a mapping of fields",
                                 f"use fields such as: {', '.join(SOURCE_KEYS)}")]
    for key_node, value_node in node.value:
        key = str(key_node.value)
        where = Location(name, key_node.start_mark.line + 2, key_node.start_mark.column + 1)
        if key not in SOURCE_KEYS:
            problems.append(Diagnostic("AM502", where, f"unknown source field '{key}'", suggest(key, SOURCE_KEYS)))
            continue
        if key == "pages":
            values = [item.value for item in value_node.value] if value_node.tag == "tag:yaml.org,2002:seq" else []
            if value_node.tag != "tag:yaml.org,2002:seq" or not all(str(v).isdigit() for v in values):
                problems.append(Diagnostic("AM502", where, "source field 'pages' must list each paragraph's page number",
                                           "write e.g. 'pages: [1, 1, 2]' (one number per paragraph), or remove it"))
            else:
                pages = [int(v) for v in values]
            continue
        if value_node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
                                  "tag:yaml.org,2002:int"):
            problems.append(Diagnostic("AM502", where, f"source field '{key}' must be text",
                                       "write the value as plain text, quoted if it contains ':'"))
            continue
        meta[key] = "" if value_node.tag.endswith("null") else CONTROL_CHARACTERS.sub("", str(value_node.value)).strip()
    for required in ("id", "title"):
        if not meta.get(required):
            problems.append(Diagnostic("AM502", Location(name, 1, 1), f"source metadata lacks '{required}'",
                                       f"add '{required}: ...' to the front matter"))
    if meta.get("id") and not ID_PATTERN.match(meta["id"]):
        problems.append(Diagnostic("AM502", Location(name, 2, 1), f"source id {meta['id'][:60]!r} is not a valid id",
                                   "use lowercase letters, digits and '-', e.g. 'crackdown-not-a-model'"))
    if meta.get("kind") and meta["kind"] not in SOURCE_KINDS:
        problems.append(Diagnostic("AM502", Location(name, 1, 1), f"unknown source kind '{meta['kind']}'",
                                   f"use one of: {', '.join(SOURCE_KINDS)}"))
    if problems:
        return None, problems
    body_start = closing + len("\n---\n")
    body_first_line = text.count("\n", 0, body_start) + 1
    body = text[body_start:]
    paragraphs = (split_text_paragraphs(body, body_first_line) if path.suffix == ".txt"
                  else split_paragraphs(body, body_first_line, memo))
    source = Source(meta["id"], name, meta, body, paragraphs, Location(name, 1, 1))
    source.pages = pages
    return source, []


def path_of_display_name(name: str) -> Path:
    """The absolute path of a file as a diagnostic or source names it (:func:`display_name`'s inverse
    for names relative to the working directory).

    >>> path_of_display_name("/tmp/x/../y.md")
    PosixPath('/tmp/y.md')
    """
    path = Path(name)
    return (path if path.is_absolute() else Path.cwd() / path).resolve()


def display_name(path: Path, root: Path | None = None) -> str:
    """A path as users should see it: relative to the working directory (or root) when possible."""
    for base in filter(None, (root, Path.cwd())):
        try:
            return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(base)))
        except ValueError:
            continue
    return str(path)


class SourcesOnDemand(Mapping[str, Source]):
    """A project's sources by id, each read from its file (through ``memo``) only when asked for: a check
    of a few claims needs the few sources they cite, while every id stays known for "did you mean"."""

    def __init__(self, paths: dict[str, str], memo: Memo = NO_MEMO):
        self.paths = paths
        self.memo = memo
        self.loaded: dict[str, Source | None] = {}

    def __getitem__(self, source_id: str) -> Source:
        if source_id not in self.loaded:
            path = Path(self.paths[source_id])
            self.loaded[source_id] = load_source(path, display_name(path), self.memo)[0]
        source = self.loaded[source_id]
        if source is None or source.id != source_id:
            raise KeyError(source_id)
        return source

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)
