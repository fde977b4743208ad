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

A part that ends in a long table or a long tight bullet list (the brief's evaluation lists every claim in a
table, its contents every block in a list) is rendered piece by piece too: row by row, or top-level item by
item, each kept alone, so an edit to one claim renders one row or item, not the whole block. A row is
rendered under the table's own header, which alone fixes its cells and their alignment; a list item
renders alone as in its list when no empty line makes the list loose and none of its lines can be a
heading (whose id would depend on the rest of the document).

Equal to rendering the whole document at once: tests/render/test_markdown_parts.py compares the two on
every brief argmap writes and on generated documents.
"""
from __future__ import annotations

import functools
import hashlib
import re
from importlib import import_module
from typing import Iterator, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors.index import slugify, unique_slug

from argmap.render import Made, code_digest, kept_texts

_PART_START = re.compile(r"\n\n(?=#{1,6}(?:[ \t]|\n|$))")
#: What makes a document render whole: a fence at the margin, or a link reference definition anywhere (also
#: inside a list item or quote, its label possibly over several lines), which applies to the whole document.
_WHOLE_ONLY = re.compile(r"^(?: {0,3}(?:```|~~~)|[ \t>+*\d.)-]*\[(?:[^\[\]\\]|\\.){0,999}\]:)", re.MULTILINE)
#: What the anchors plugin's slugify leaves of a heading's text.
_SLUG = re.compile(r"[\w\u4e00-\u9fff-]*")
#: A line the table rule reads as a delimiter row (``| --- | :-: |``).
_DELIMITER_ROW = re.compile(r"[-:|][-:|\s]*")
#: A line that could be (or underline) a heading inside a list item: a list item's lines are refused.
_MAYBE_HEADING = re.compile(r"^ *(?:(?:[-+*]|\d{1,9}[.)]) +|> ?)*(?:#|[=-]+ *$)", re.MULTILINE)
#: From this many rows or top-level items, a table or list ending a part is rendered piece by piece
#: (:func:`block_split`).
SPLIT_FROM = 50
#: markdown-it stops a table once it has filled this many missing cells; a table that could reach it is
#: rendered whole.
_MAX_FILLED_CELLS = getattr(import_module("markdown_it.rules_block.table"), "MAX_AUTOCOMPLETED_CELLS", 0)

def markdown_parts(markdown: str) -> list[str]:
    """The parts a document is rendered in (see the module docstring); their concatenation is the document.

    >>> markdown_parts("# A\\n\\ntext\\n\\n## B\\n- item\\n\\n#hashtag, not a heading\\n")
    ['# A\\n\\ntext\\n\\n', '## B\\n- item\\n\\n#hashtag, not a heading\\n']
    >>> markdown_parts("# A\\n\\n```\\n\\n# inside a fence\\n```\\n")
    ['# A\\n\\n```\\n\\n# inside a fence\\n```\\n']
    """
    if "\r" in markdown or "\0" in markdown or _WHOLE_ONLY.search(markdown):
        return [markdown]
    cuts = [0, *(match.end() for match in _PART_START.finditer(markdown)), len(markdown)]
    return [markdown[start:end] for start, end in zip(cuts, cuts[1:], strict=False) if end > start]


def _rendering_code() -> str:
    """argmap's rendering modules and the Markdown libraries' versions: a change to any renders parts anew."""
    return code_digest(("render/html_page.py", "render/markdown_mark.py", "render/markdown_parts.py"),
                       ("markdown-it-py", "mdit-py-plugins"))


class BlockSplit(NamedTuple):
    """A part that ends in a long table or list, cut before the pieces that render one by one: ``head`` is
    the text before them (the blocks before the table or list, and a table's header and delimiter lines),
    ``header`` a table's header and delimiter lines ("" for a list), ``pieces`` its rows or top-level items
    (the last without the empty lines after it, which render to nothing)."""

    head: str
    header: str
    pieces: list[str]


def block_split(text: str) -> BlockSplit | None:
    """``text`` cut before the rows of the table, or the top-level items of the bullet list, it ends in (else
    None): the table or list is the last block, after an empty line, has SPLIT_FROM rows or items or more;
    a list comes first in the part or right after a heading, and starts each top-level item with ``- `` at
    the margin, with no line empty or possibly a heading; a table has too few rows to reach markdown-it's limit of filled-in cells. Whether
    each piece renders alone as it does in the block is checked as it is rendered (:func:`_row_html`,
    :func:`item_tokens`).

    >>> block_split("## T\\n\\n| a | b |\\n| --- | ---: |\\n" + "| x | 1 |\\n" * 50 + "\\n").pieces[:2]
    ['| x | 1 |\\n', '| x | 1 |\\n']
    >>> block_split("## T\\n\\n" + "- [x](#a)\\n  - y\\n" * 50).pieces[:2]
    ['- [x](#a)\\n  - y\\n', '- [x](#a)\\n  - y\\n']
    >>> block_split("## T\\n\\n" + "- x\\n  - # y\\n" * 50) is None
    True
    """
    body = text.rstrip("\n")
    start = body.rfind("\n\n") + 2 if "\n\n" in body else 0
    lines = body[start:].split("\n")
    if len(lines) < SPLIT_FROM or "\t" in body:
        return None
    if lines[0].startswith("|") and len(lines) > 2 and _DELIMITER_ROW.fullmatch(lines[1]):
        if len(lines) - 2 < SPLIT_FROM or (len(lines) - 2) * (lines[0].count("|") + 1) > _MAX_FILLED_CELLS:
            return None
        header = f"{lines[0]}\n{lines[1]}\n"
        return BlockSplit(text[:start] + header, header, [f"{row}\n" for row in lines[2:]])
    before = text[:start].rstrip("\n").rpartition("\n")[2]     # a list before it would go on across the empty line
    if (not lines[0].startswith("- ") or (before and not before.startswith("#"))
            or not all(line.strip() for line in lines)       # an empty line would make the list loose
            or _MAYBE_HEADING.search(body, start)):
        return None
    items = [number for number, line in enumerate(lines) if line.startswith("- ")] + [len(lines)]
    if len(items) <= SPLIT_FROM:
        return None
    return BlockSplit(text[:start], "", ["".join(f"{line}\n" for line in lines[first:end])
                                         for first, end in zip(items, items[1:], strict=False)])


def item_tokens(renderer: MarkdownIt, item: str) -> list[Token] | None:
    """The tokens of a list item rendered alone (:class:`BlockSplit`) if they are one bullet list with one
    item, else None (a line of it ends the list, as it would in the whole list: the part is rendered whole)."""
    tokens = renderer.parse(item)
    outer = [token.type for token in tokens if token.level <= 1]
    return tokens if outer == ["bullet_list_open", "list_item_open", "list_item_close", "bullet_list_close"] else None


class Part:
    """One part of a document: its text, the ids its headings get in the whole document, and the digest
    of both, which names what is kept of it (its HTML, its Word XML)."""

    def __init__(self, text: str, digest: str, ids: list[str], parsed: list[Token], taken: set[str],
                 renderer: MarkdownIt, levels: range, split: BlockSplit | None = None):
        self.text, self.digest, self.ids, self.split = text, digest, ids, split
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
            self.ids = _unique_ids(_bases_of(tokens, headings), self._taken)
        for number, heading_id in zip(headings, self.ids, strict=True):
            tokens[number].attrSet("id", heading_id)
        return tokens


def document_parts(renderer: MarkdownIt, markdown: str, made: Made, anchor_levels: range) -> Iterator[Part]:
    """The parts of ``markdown`` (:func:`markdown_parts`) with their headings' ids in the whole document.
    A part's base slugs are kept (by the part's digest), so a kept part is not parsed at all; the ids
    stay unique across parts as the anchors plugin makes them in one document."""
    taken: set[str] = set()
    for text in markdown_parts(markdown):
        digest = hashlib.sha256(f"{_rendering_code()}\n".encode() + text.encode("utf-8", "surrogatepass")).hexdigest()
        parsed: list[Token] = []
        split = block_split(text)                 # its headings are all in its head
        make = functools.partial(_base_slugs, renderer, split.head if split else text, anchor_levels, parsed)
        bases = kept_texts(made, digest, make)
        if not all(map(_SLUG.fullmatch, bases)):        # a damaged store: these are no slugs
            bases = make()
        ids = _unique_ids(bases, taken)
        part = Part(text, hashlib.sha256(f"{digest}\n{ids!r}".encode("utf-8", "surrogatepass")).hexdigest(), ids,
                    parsed, taken, renderer, anchor_levels, split)
        yield part
        taken.update(part.ids)


def render_in_parts(renderer: MarkdownIt, markdown: str, made: Made, anchor_levels: range) -> str:
    """The HTML of ``markdown``, equal to ``renderer.render(markdown)``, made part by part through ``made``
    (a part's HTML kept by :attr:`Part.digest`; a split part's by its pieces, kept by their own digests:
    keeping the whole part too would drop its pieces from the store whenever it is kept whole).
    ``anchor_levels``: the levels the anchors plugin marks."""
    pieces = []
    for part in document_parts(renderer, markdown, made, anchor_levels):
        html = _split_html(renderer, part, made) if part.split else None
        if html is None:
            html = made(part.digest, functools.partial(_part_html, renderer, part))
        pieces.append(html if isinstance(html, str) else _part_html(renderer, part))
    return "".join(pieces)


def _part_html(renderer: MarkdownIt, part: Part) -> str:
    return renderer.renderer.render(part.tokens(), renderer.options, {})


def piece_digest(kind: str, text: str) -> str:
    """The name a piece of a split part is kept by (:class:`BlockSplit`): its ``kind`` of output and its text."""
    return hashlib.sha256(f"{_rendering_code()}\n{kind}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


def _split_html(renderer: MarkdownIt, part: Part, made: Made) -> str | None:
    """A split part's HTML, piece by piece; None when a piece does not render alone as in its block."""
    assert part.split is not None
    header, table = part.split.header, bool(part.split.header)
    pieces = []
    for piece in part.split.pieces:
        make = functools.partial(_row_html if table else _item_html, renderer, header + piece)
        html = made(piece_digest("table row" if table else "list item", header + piece), make)
        html = html if isinstance(html, str) else make()
        if html is None:
            return None
        pieces.append(html)
    head = renderer.renderer.render(part.head_tokens(), renderer.options, {})
    if table:                # a row renders in its table's header, so the head's HTML ends with that table
        return head.removesuffix("</table>\n") + "<tbody>\n" + "".join(pieces) + "</tbody>\n</table>\n"
    return head + "<ul>\n" + "".join(pieces) + "</ul>\n"


def _row_html(renderer: MarkdownIt, table: str) -> str | None:
    """The ``<tr>...</tr>`` of a table's one row (``table``: header, delimiter, row), if the row renders
    as one (None if it ends the table or starts another block: it would in the whole table too)."""
    html = renderer.render(table)       # one line: one row, or no row at all
    if not html.endswith("</tbody>\n</table>\n"):
        return None
    return html[html.index("<tbody>\n") + len("<tbody>\n"):-len("</tbody>\n</table>\n")]


def _item_html(renderer: MarkdownIt, item: str) -> str | None:
    """The ``<li>...</li>`` of a list's top-level item rendered alone (:func:`item_tokens`), else None."""
    tokens = item_tokens(renderer, item)
    if tokens is None:
        return None
    return renderer.renderer.render(tokens, renderer.options, {}).removeprefix("<ul>\n").removesuffix("</ul>\n")


class _Taken(set):
    """The slugs of the document so far (not changed) and those added here: what ``unique_slug`` avoids."""

    def __init__(self, before: set[str]):
        super().__init__()
        self.before = before

    def __contains__(self, slug: object) -> bool:
        return slug in self.before or super().__contains__(slug)


def _unique_ids(bases: list[str], slugs: set[str]) -> list[str]:
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
