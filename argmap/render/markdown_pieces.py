"""A long table or list at the end of a part (:mod:`argmap.render.markdown_parts`) cut into pieces that render
alone, so an edit to one claim renders one row or item, not the brief's whole evaluation table or contents.

A table is cut into rows: a row renders under the table's own header, which alone fixes its cells and their
alignment. A list is cut into items, recursively: an item with many lines nested in it is its own line (an
``open`` piece) followed by the pieces of the items nested in it, and a ``close``. Lists are cut only where
the cut cannot change what they mean: every line is an item (``- `` at an even indent, at most one level
deeper than the line before) whose text starts with a letter, a bracket or a number that is no list marker,
so no line can start another block, be a heading or make the list loose. Whether each piece renders alone
as expected is checked as it is rendered; a piece that does not makes its part render whole.
"""
from __future__ import annotations

import functools
import hashlib
import re
from importlib import import_module
from typing import NamedTuple

from markdown_it import MarkdownIt

from argmap.render import Made, code_digest

#: From this many rows, or lines in a list item, a table or item is rendered piece by piece.
SPLIT_FROM = 50
#: A line the table rule reads as a delimiter row (``| --- | :-: |``).
_DELIMITER_ROW = re.compile(r"[-:|][-:|\s]*")
#: markdown-it stops a table once it has filled this many missing cells; a table that could reach it is
#: rendered whole.
_MAX_FILLED_CELLS = getattr(import_module("markdown_it.rules_block.table"), "MAX_AUTOCOMPLETED_CELLS", 0)
#: A list line that cannot start another block: ``- `` at an even indent, then a letter, a bracket, or a
#: number that is no ordered-list marker.
_ITEM_LINE = re.compile(r"((?:  )*)- (?:[^\W\d_]|[\[(]|\d+[^\d.)])")
#: Lists nested deeper than this are rendered whole (markdown-it's nesting limit is counted in the
#: whole document, not in a piece).
_DEEPEST = 20
#: The placeholder item an ``open`` piece is rendered above, and what follows it in the HTML.
_PLACEHOLDER, _PLACEHOLDER_HTML = "  - x\n", "<li>x</li>\n</ul>\n</li>\n</ul>\n"
#: What closes an item opened by an ``open`` piece, in HTML.
CLOSE_HTML = "</ul>\n</li>\n"


@functools.cache
def rendering_code() -> str:
    """argmap's rendering modules and the Markdown libraries' versions: a change to any renders parts anew."""
    return code_digest(("render/html_page.py", "render/markdown_mark.py", "render/markdown_parts.py",
                        "render/markdown_pieces.py", "render/markdown_runs.py"), ("markdown-it-py", "mdit-py-plugins"))


class ListPiece(NamedTuple):
    """A piece of a list: an ``item`` with everything nested in it, an item's own line (``open``: the
    pieces of its nested items follow, then a ``close``); ``depth``: how deep in the list it is; ``text``:
    its lines moved to the margin ("" for a close)."""

    kind: str
    depth: int
    text: str


class BlockSplit(NamedTuple):
    """A part that ends in a long table or list, cut before the pieces that render one by one: ``head`` is
    the text before them (the blocks before the table or list, and a table's header and delimiter lines),
    ``header`` a table's header and delimiter lines, ``rows`` its rows (the last without the empty lines
    after it, which render to nothing); ``items`` a list's pieces."""

    head: str
    header: str = ""
    rows: tuple[str, ...] = ()
    items: tuple[ListPiece, ...] = ()
    #: The list starts in the head: the pieces go on the list the head's HTML ends with.
    list_in_head: bool = False


def block_split(text: str) -> BlockSplit | None:
    """``text`` cut before the rows of the table, or the pieces of the bullet list, it ends in (else None):
    the table or list is the last block, after an empty line; a table has SPLIT_FROM rows or more, too few
    to reach markdown-it's limit of filled-in cells; a list has SPLIT_FROM lines or more, comes first in
    the part or right after a heading, and has every line an item that cannot start another block.

    >>> block_split("## T\\n\\n| a | b |\\n| --- | ---: |\\n" + "| x | 1 |\\n" * 50 + "\\n").rows[:2]
    ('| x | 1 |\\n', '| x | 1 |\\n')
    >>> [piece.kind for piece in block_split("## T\\n\\n- [x](#a)\\n" + "  - [y](#b)\\n" * 60).items][:3]
    ['open', 'item', 'item']
    >>> block_split("## T\\n\\n- x\\n" + "  - # not text\\n" * 60) is None
    True
    """
    body = text.rstrip("\n")
    start = body.rfind("\n\n") + 2 if "\n\n" in body else 0
    if body.count("\n", start) + 1 < SPLIT_FROM or "\t" in body:      # asked of every part, every build
        return None
    lines = body[start:].split("\n")
    if lines[0].startswith("|") and len(lines) > 2 and _DELIMITER_ROW.fullmatch(lines[1]):
        if len(lines) - 2 < SPLIT_FROM or (len(lines) - 2) * (lines[0].count("|") + 1) > _MAX_FILLED_CELLS:
            return None
        header = f"{lines[0]}\n{lines[1]}\n"
        return BlockSplit(text[:start] + header, header, tuple(f"{row}\n" for row in lines[2:]))
    before = text[:start].rstrip("\n").rpartition("\n")[2]     # a list before it would go on across the empty line
    if before and not before.startswith("#"):
        return None
    depths = []
    for line in lines:
        match = _ITEM_LINE.match(line)
        if match is None:
            return None
        depths.append(len(match.group(1)) // 2)
    # items two spaces in at the list's start (a contents whose first entries are a level down) are items of
    # the list all the same: they go with the head, whose list the pieces go on
    lead = next((number for number, depth in enumerate(depths) if depth != 1), len(lines))
    if lead == len(lines) or depths[lead] != 0 or max(depths) > _DEEPEST or \
            any(depth > previous + 1 for previous, depth in zip(depths[lead:], depths[lead + 1:], strict=False)):
        return None
    items: list[ListPiece] = []
    _list_pieces(lines, depths, lead, len(lines), items)
    return BlockSplit(text[:start] + "".join(f"{line}\n" for line in lines[:lead]), items=tuple(items),
                      list_in_head=lead > 0)


def _list_pieces(lines: list[str], depths: list[int], first: int, end: int, pieces: list[ListPiece]) -> None:
    """The pieces of the items from line ``first`` to ``end`` (all at the depth of the first and below)."""
    depth = depths[first]
    starts = [number for number in range(first, end) if depths[number] == depth] + [end]
    for start, stop in zip(starts, starts[1:], strict=False):
        if stop - start >= max(2, SPLIT_FROM):         # lines nested in it, and many
            pieces.append(ListPiece("open", depth, lines[start][2 * depth:] + "\n"))
            _list_pieces(lines, depths, start + 1, stop, pieces)
            pieces.append(ListPiece("close", depth, ""))
        else:
            pieces.append(ListPiece("item", depth, "".join(f"{line[2 * depth:]}\n" for line in lines[start:stop])))


def kept_pieces(made: Made, kind: str, split: BlockSplit, occurrence: int) -> dict[str, object]:
    """The pieces of a split part kept from the last build, by their text, under a name that outlives
    edits to the part: its ``kind`` of output (naming the code that makes it, beyond the rendering code),
    a table's header, and how many blocks of the document with that header came before it
    (``occurrence``). The dict is the store's own: what goes into it is kept."""
    key = f"{rendering_code()}\n{kind}\n{split.header}\n{occurrence}"
    pieces = made(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(), dict)
    return pieces if isinstance(pieces, dict) else {}


def split_html(renderer: MarkdownIt, split: BlockSplit, head_html: str, kept: dict[str, object]) -> str | None:
    """A split part's HTML from its head's and its pieces', each piece taken from ``kept`` (:func:`kept_pieces`)
    or rendered and put there; None when a piece does not render alone as it does in its block."""
    previous = dict(kept)
    kept.clear()
    pieces = []
    kinds = [(row, _row_html, split.header + row) for row in split.rows] or \
        [(f"{piece.kind}\n{piece.text}", _open_html if piece.kind == "open" else _item_html, piece.text)
         for piece in split.items if piece.kind != "close"]
    for key, render, text in kinds:
        html = previous.get(key)
        if not isinstance(html, str):
            html = render(renderer, text)
            if html is None:
                return None
        kept[key] = html
        pieces.append(html)
    if split.rows:          # the rows rendered in the table's header, so the head's HTML ends with that table
        return head_html.removesuffix("</table>\n") + "<tbody>\n" + "".join(pieces) + "</tbody>\n</table>\n"
    rendered = iter(pieces)
    body = "".join(CLOSE_HTML if piece.kind == "close" else next(rendered) for piece in split.items)
    if split.list_in_head:                  # the head's HTML ends with the list's first items
        return head_html.removesuffix("</ul>\n") + body + "</ul>\n"
    return head_html + "<ul>\n" + body + "</ul>\n"


def _row_html(renderer: MarkdownIt, table: str) -> str | None:
    """The ``<tr>...</tr>`` of a table's one row (``table``: header, delimiter, row), if the row renders
    as one (None if it ends the table or starts another block: it would in the whole table too)."""
    html = renderer.render(table)       # one line: one row, or no row at all
    if not html.endswith("</tbody>\n</table>\n"):
        return None
    return html[html.index("<tbody>\n") + len("<tbody>\n"):-len("</tbody>\n</table>\n")]


def _item_html(renderer: MarkdownIt, item: str) -> str | None:
    """The ``<li>...</li>`` of an item with everything nested in it, rendered alone."""
    html = renderer.render(item)
    if not (html.startswith("<ul>\n<li>") and html.endswith("</li>\n</ul>\n")):
        return None
    return html[len("<ul>\n"):-len("</ul>\n")]


def _open_html(renderer: MarkdownIt, line: str) -> str | None:
    """The HTML of an item's own line up to its nested items (``<li>text\\n<ul>\\n``): rendered above a
    placeholder item, which, with what closes it, is cut off again."""
    html = renderer.render(line + _PLACEHOLDER)
    if not (html.startswith("<ul>\n<li>") and html.endswith(_PLACEHOLDER_HTML)):
        return None
    return html[len("<ul>\n"):-len(_PLACEHOLDER_HTML)]
