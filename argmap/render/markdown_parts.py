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

A part that ends in a long table (the brief's evaluation lists every claim in one) is rendered row by row
too: its rows are kept one by one, so an edit to one claim renders one row, not the table. A row is
rendered under the table's own header, which alone fixes its cells and their alignment.

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
_WHOLE_ONLY = re.compile(r"^ {0,3}(?:```|~~~|\[)", re.MULTILINE)
#: A line the table rule reads as a delimiter row (``| --- | :-: |``).
_DELIMITER_ROW = re.compile(r"[-:|][-:|\s]*")
#: From this many rows a table at a part's end is rendered row by row (:func:`table_split`).
TABLE_ROWS_SPLIT = 50
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


class TableSplit(NamedTuple):
    """A part that ends in a table: the text before its rows (``head``: the part's blocks before the table,
    the table's header and delimiter lines), the header and delimiter lines alone, and its rows (the last
    without the empty lines after it, which render to nothing)."""

    head: str
    header: str
    rows: list[str]


def table_split(text: str) -> TableSplit | None:
    """``text`` split before the rows of the table it ends in (else None): the table is the last block,
    after an empty line, with TABLE_ROWS_SPLIT rows or more, and too few to reach markdown-it's limit of
    filled-in cells. Whether each row renders alone as it does in the table is checked as it is rendered
    (:func:`_row_html`).

    >>> table_split("## T\\n\\n| a | b |\\n| --- | ---: |\\n" + "| x | 1 |\\n" * 50 + "\\n").rows[:2]
    ['| x | 1 |\\n', '| x | 1 |\\n']
    >>> table_split("## T\\n\\n| a | b |\\n| --- | ---: |\\n" + "| x | 1 |\\n" * 50 + "\\nafter\\n") is None
    True
    """
    body = text.rstrip("\n")
    start = body.rfind("\n\n") + 2 if "\n\n" in body else 0
    lines = body[start:].split("\n")
    if (len(lines) < TABLE_ROWS_SPLIT + 2 or not lines[0].startswith("|") or not _DELIMITER_ROW.fullmatch(lines[1])
            or (len(lines) - 2) * (lines[0].count("|") + 1) > _MAX_FILLED_CELLS):
        return None
    header = f"{lines[0]}\n{lines[1]}\n"
    return TableSplit(text[:start] + header, header, [f"{row}\n" for row in lines[2:]])


class Part:
    """One part of a document: its text, the ids its headings get in the whole document, and the digest
    of both, which names what is kept of it (its HTML, its Word XML)."""

    def __init__(self, text: str, digest: str, ids: list[str], parsed: list[Token], taken: set[str],
                 renderer: MarkdownIt, levels: range, table: TableSplit | None = None):
        self.text, self.digest, self.ids, self.table = text, digest, ids, table
        self._parsed, self._taken, self._renderer, self._levels = parsed, taken, renderer, levels

    def tokens(self) -> list[Token]:
        """The part's tokens, its headings carrying the document's ids."""
        return self._with_ids(self._renderer.parse(self.text) if self.table or not self._parsed else self._parsed)

    def head_tokens(self) -> list[Token]:
        """The tokens of a table part's head (:class:`TableSplit`), its headings carrying the document's ids."""
        assert self.table is not None
        return self._with_ids(self._parsed or self._renderer.parse(self.table.head))

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
        table = table_split(text) if "\n|" in text else None      # its headings are all in its head
        bases = kept_texts(made, digest, functools.partial(_base_slugs, renderer, table.head if table else text,
                                                           anchor_levels, parsed))
        ids = _unique_ids(bases, taken)
        part = Part(text, hashlib.sha256(f"{digest}\n{ids!r}".encode("utf-8", "surrogatepass")).hexdigest(), ids,
                    parsed, taken, renderer, anchor_levels, table)
        yield part
        taken.update(part.ids)


def render_in_parts(renderer: MarkdownIt, markdown: str, made: Made, anchor_levels: range) -> str:
    """The HTML of ``markdown``, equal to ``renderer.render(markdown)``, made part by part through ``made``
    (a part's HTML kept by :attr:`Part.digest`). ``anchor_levels``: the levels the anchors plugin marks."""
    pieces = []
    for part in document_parts(renderer, markdown, made, anchor_levels):
        html = made(part.digest, functools.partial(_part_html, renderer, part, made))
        pieces.append(html if isinstance(html, str) else _part_html(renderer, part, made))
    return "".join(pieces)


def _part_html(renderer: MarkdownIt, part: Part, made: Made) -> str:
    if part.table:
        rows = [_kept_row(renderer, part.table.header, row, made) for row in part.table.rows]
        if None not in rows:        # the header is a table's, so the head's HTML ends with it
            head = renderer.renderer.render(part.head_tokens(), renderer.options, {})
            return head.removesuffix("</table>\n") + "<tbody>\n" + "".join(rows) + "</tbody>\n</table>\n"
    return renderer.renderer.render(part.tokens(), renderer.options, {})


def _kept_row(renderer: MarkdownIt, header: str, row: str, made: Made) -> str | None:
    """A table row's HTML (``<tr>...</tr>``), rendered under the table's ``header`` and kept through
    ``made`` by the digest of both; None if the row does not render as one row of that table."""
    digest = hashlib.sha256(f"{_rendering_code()}\ntable row\n{header}{row}".encode("utf-8", "surrogatepass"))
    html = made(digest.hexdigest(), functools.partial(_row_html, renderer, header, row))
    return html if isinstance(html, str) else _row_html(renderer, header, row)


def _row_html(renderer: MarkdownIt, header: str, row: str) -> str | None:
    """A row's ``<tr>...</tr>`` under ``header``, if it renders as one row there (None if it ends the table
    or starts another block: then it would in the whole table too, and the part is rendered whole)."""
    html = renderer.render(header + row)       # one line: one row, or no row at all
    if not html.endswith("</tbody>\n</table>\n"):
        return None
    return html[html.index("<tbody>\n") + len("<tbody>\n"):-len("</tbody>\n</table>\n")]


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
