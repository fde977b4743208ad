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

Equal to rendering the whole document at once: tests/render/test_markdown_parts.py compares the two on
every brief argmap writes and on generated documents.
"""
from __future__ import annotations

import functools
import hashlib
import re
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors.index import slugify, unique_slug

#: ``made(digest, make)``: a part's record kept under ``digest``, else ``make()`` (apps.fragments.FragmentStore).
Made = Callable[[str, Callable[[], object]], object]

_PART_START = re.compile(r"\n\n(?=#{1,6}(?:[ \t]|\n|$))")
_WHOLE_ONLY = re.compile(r"^ {0,3}(?:```|~~~|\[)", re.MULTILINE)


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


@functools.cache
def _rendering_code() -> str:
    """argmap's rendering modules and the Markdown libraries' versions: a change to any renders parts anew."""
    digest = hashlib.sha256(f"{version('markdown-it-py')}\n{version('mdit-py-plugins')}\n".encode())
    for module in ("html_page.py", "markdown_mark.py", "markdown_parts.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def render_in_parts(renderer: MarkdownIt, markdown: str, made: Made, anchor_levels: range) -> str:
    """The HTML of ``markdown``, equal to ``renderer.render(markdown)``, made part by part through ``made``.
    ``anchor_levels``: the heading levels the renderer's anchors plugin gives ids.

    Each part keeps two records: its headings' base slugs (by the part's digest) and its HTML (by the
    digest and the ids its headings get in this document), so a part is parsed at most once a run."""
    slugs: set[str] = set()
    pieces = []
    for part in markdown_parts(markdown):
        digest = hashlib.sha256(f"{_rendering_code()}\n".encode() + part.encode("utf-8", "surrogatepass")).hexdigest()
        parsed: list[Token] = []
        bases = made(digest, functools.partial(_base_slugs, renderer, part, anchor_levels, parsed))
        if not (isinstance(bases, list) and all(isinstance(base, str) for base in bases)):
            bases = _base_slugs(renderer, part, anchor_levels, parsed)
        ids = _unique_ids(bases, slugs)
        html_digest = hashlib.sha256(f"{digest}\n{ids!r}".encode("utf-8", "surrogatepass")).hexdigest()
        try:
            html = made(html_digest, functools.partial(_render_with_ids, renderer, part, anchor_levels, ids, parsed))
        except ValueError:                   # base slugs kept that do not fit the part: a damaged store
            html = None
        if not isinstance(html, str):
            ids = _unique_ids(_base_slugs(renderer, part, anchor_levels, parsed), slugs)
            html = _render_with_ids(renderer, part, anchor_levels, ids, parsed)
        slugs.update(ids)
        pieces.append(html)
    return "".join(pieces)


def _unique_ids(bases: list[str], slugs: set[str]) -> list[str]:
    """The ids headings with these base slugs get after the ``slugs`` of the document so far (not added)."""
    taken = set(slugs)
    return [unique_slug(base, taken) for base in bases]


def _base_slugs(renderer: MarkdownIt, part: str, levels: range, parsed: list[Token]) -> list[str]:
    """A part's headings' base slugs, as the anchors plugin makes them from the heading's text (before it
    makes them unique); the part's tokens are left in ``parsed`` for its rendering."""
    parsed[:] = renderer.parse(part)
    return [slugify("".join(child.content for child in parsed[number + 1].children or []
                            if child.type in ("text", "code_inline")))      # the heading's text, as the plugin reads it
            for number in _anchored(parsed, levels)]


def _render_with_ids(renderer: MarkdownIt, part: str, levels: range, ids: list[str], parsed: list[Token]) -> str:
    """A part's HTML with its headings' ids as the whole document gives them (``parsed``: its tokens, if
    they were just made). ValueError when ``ids`` are not one a heading."""
    tokens = parsed or renderer.parse(part)
    for number, heading_id in zip(_anchored(tokens, levels), ids, strict=True):
        tokens[number].attrSet("id", heading_id)
    return renderer.renderer.render(tokens, renderer.options, {})


def _anchored(tokens: list[Token], levels: range) -> list[int]:
    """Where the headings the anchors plugin gives an id are in ``tokens``, in order."""
    return [number for number, token in enumerate(tokens)
            if token.type == "heading_open" and int(token.tag[1]) in levels]
