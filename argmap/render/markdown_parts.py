"""Render a long Markdown document part by part, so an unchanged part's HTML can be kept between builds.

A document is cut just before each ATX heading that starts a line after an empty line (``\\n\\n## ...``).
In CommonMark nothing open can continue across such a line: a heading at the left margin interrupts a
paragraph and belongs to no list item, quote or indented code, and the empty line has already closed
tables. Only a fenced code block or a link reference definition (``[label]: url``, which applies to the
whole document) could reach across, so a document with either, or with a carriage return or NUL (which
markdown-it rewrites before parsing), is rendered whole. The heading ids (the anchors plugin's
GitHub-style slugs, unique in the document) are the one thing a part cannot know alone: each part
keeps the base slugs of its headings, and a part whose ids come out differently in the whole document
(a repeated heading further down) is rendered again with the document's ids.

A part that ends in a long table or list (the brief's evaluation lists every claim in a table, its
contents every block in a list) is rendered piece by piece too (:mod:`argmap.render.markdown_pieces`).

Equal to rendering the whole document at once: tests/render/test_markdown_parts.py compares the two on
every brief argmap writes and on generated documents.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors.index import slugify, unique_slug

from argmap.render import Made, kept_texts
from argmap.render.markdown_pieces import BlockSplit, block_split, rendering_code

_PART_START = re.compile(r"\n\n(?=#{1,6}(?:[ \t]|\n|$))")
#: What makes a document render whole: a fence at the margin, or a link reference definition anywhere (also
#: inside a list item or quote, its label possibly over several lines), which applies to the whole document.
_WHOLE_ONLY = re.compile(r"^(?: {0,3}(?:```|~~~)|[ \t>+*\d.)-]*\[(?:[^\[\]\\]|\\.){0,999}\]:)", re.MULTILINE)
#: What the anchors plugin's slugify leaves of a heading's text.
SLUG = re.compile(r"[\w\u4e00-\u9fff-]*")


def markdown_parts(markdown: str) -> list[str]:
    """The parts a document is rendered in (see the module docstring); their concatenation is the document.

    >>> markdown_parts("# A\\n\\ntext\\n\\n## B\\n- item\\n\\n#hashtag, not a heading\\n")
    ['# A\\n\\ntext\\n\\n', '## B\\n- item\\n\\n#hashtag, not a heading\\n']
    >>> markdown_parts("# A\\n\\n```\\n\\n# inside a fence\\n```\\n")
    ['# A\\n\\n```\\n\\n# inside a fence\\n```\\n']
    """
    if "\r" in markdown or "\0" in markdown or (any(map(markdown.__contains__, ("```", "~~~", "]:")))
                                              and _WHOLE_ONLY.search(markdown)):   # a scan in C first: 1 ms, not 47
        return [markdown]
    cuts = [0, *(match.end() for match in _PART_START.finditer(markdown)), len(markdown)]
    return [markdown[start:end] for start, end in zip(cuts, cuts[1:], strict=False) if end > start]


class Part:
    """One part of a document: its text, the ids its headings get in the whole document, and the digest
    of both, which names what is kept of it (its HTML, its Word XML)."""

    def __init__(self, text: str, digest: str, bases: list[str], ids: list[str], parsed: list[Token],
                 taken: set[str], renderer: MarkdownIt, levels: range, split: BlockSplit | None = None,
                 occurrence: int = 0):
        #: Its headings' base slugs (before they are made unique in the document), and their ids in it.
        self.bases, self.ids = bases, ids
        self.text, self.digest, self.split = text, digest, split
        #: How many split parts with the same table header (or lists) came before this one: with its kind
        #: of output, what its pieces are kept by (:func:`argmap.render.markdown_pieces.kept_pieces`).
        self.occurrence = occurrence
        self._parsed, self._taken, self._renderer, self._levels = parsed, taken, renderer, levels

    def tokens(self) -> list[Token]:
        """The part's tokens, its headings carrying the document's ids."""
        return self._with_ids(self._renderer.parse(self.text) if self.split or not self._parsed else self._parsed)

    def head_tokens(self) -> list[Token]:
        """The tokens of a split part's head (:class:`BlockSplit`), its headings carrying the document's ids."""
        assert self.split is not None
        return self._with_ids(self._parsed or self._renderer.parse(self.split.head))

    def _with_ids(self, tokens: list[Token]) -> list[Token]:
        headings = _anchored(tokens, self._levels)
        if len(headings) != len(self.ids):       # base slugs kept that do not fit the part: a damaged store
            self.bases = _bases_of(tokens, headings)
            self.ids = unique_ids(self.bases, self._taken)
        for number, heading_id in zip(headings, self.ids, strict=True):
            tokens[number].attrSet("id", heading_id)
        return tokens


@dataclass
class Written:
    """The document so far, as the parts after it need it: the heading ids it took, and how many split parts
    came with each table header (a list's is empty)."""

    taken: set[str] = field(default_factory=set)
    splits: Counter[str] = field(default_factory=Counter)


def document_parts(renderer: MarkdownIt, texts: Iterable[str], made: Made, anchor_levels: range,
                   written: Written | None = None) -> Iterator[Part]:
    """The parts ``texts`` (:func:`markdown_parts`, all of a document's or a run of them after the document
    ``written`` so far, which they add to) with their headings' ids in the whole document. A part's base
    slugs are kept (by the part's digest), so a kept part is not parsed at all; the ids stay unique across
    parts as the anchors plugin makes them in one document."""
    written = written or Written()
    taken, splits = written.taken, written.splits
    for text in texts:
        digest = hashlib.sha256(f"{rendering_code()}\n".encode() + text.encode("utf-8", "surrogatepass")).hexdigest()
        parsed: list[Token] = []
        split = block_split(text)                 # its headings are all in its head
        make = functools.partial(_base_slugs, renderer, split.head if split else text, anchor_levels, parsed)
        bases = kept_texts(made, digest, make)
        if not all(map(SLUG.fullmatch, bases)):         # a damaged store: these are no slugs
            bases = make()
        ids = unique_ids(bases, taken)
        part = Part(text, hashlib.sha256(f"{digest}\n{ids!r}".encode("utf-8", "surrogatepass")).hexdigest(), bases, ids,
                    parsed, taken, renderer, anchor_levels, split, splits[split.header] if split else 0)
        if split:
            splits[split.header] += 1
        yield part
        taken.update(part.ids)


class _Taken(set):
    """The slugs of the document so far (not changed) and those added here: what ``unique_slug`` avoids."""

    def __init__(self, before: set[str]):
        super().__init__()
        self.before = before

    def __contains__(self, slug: object) -> bool:
        return slug in self.before or super().__contains__(slug)


def unique_ids(bases: list[str], slugs: set[str]) -> list[str]:
    """The ids headings with these base slugs get after the ``slugs`` of the document so far (not added)."""
    taken = _Taken(slugs)
    return [unique_slug(base, taken) for base in bases]


def _base_slugs(renderer: MarkdownIt, part: str, levels: range, parsed: list[Token]) -> list[str]:
    """A part's headings' base slugs (before the anchors plugin makes them unique); the part's tokens are
    left in ``parsed`` for its rendering."""
    parsed[:] = renderer.parse(part)
    return _bases_of(parsed, _anchored(parsed, levels))


def _bases_of(tokens: list[Token], headings: list[int]) -> list[str]:
    """The base slugs of the headings at ``headings``, made from their text as the anchors plugin reads it."""
    return [slugify("".join(child.content for child in tokens[number + 1].children or []
                            if child.type in ("text", "code_inline"))) for number in headings]


def _anchored(tokens: list[Token], levels: range) -> list[int]:
    """Where the headings the anchors plugin gives an id are in ``tokens``, in order."""
    return [number for number, token in enumerate(tokens)
            if token.type == "heading_open" and int(token.tag[1]) in levels]
