"""Keep runs of a document's parts whole between builds, so an unchanged run costs one look-up, not one a part.

A 10,000-claim brief is 16,680 parts (:mod:`argmap.render.markdown_parts`). Keeping each part's output
still meant, after any edit, digesting, looking up and placing every one of them: 0.3 to 0.4 s of each
worker that converts a brief. So parts are kept in runs as well. A run ends after a part whose first line
(its heading) has a CRC-32 that is a multiple of RUN_EVERY (content-defined, as rsync cuts blocks): where a
run ends depends on its last part alone, so an edit changes the run it falls in (and the next, when it
moves a boundary), never the others.

A run's outline, kept by the digest of its text, lists the base slugs of its headings. From them come
the ids its headings get after the document before it; its output is kept by the run's digest, those ids
and the kind of output. A run not kept whole is made part by part, each part kept as before. A run with a
split part (:mod:`argmap.render.markdown_pieces`: a long table or list, which the brief's edits touch
row by row) is always made part by part, so its pieces stay kept and the parts after it are counted.
"""
from __future__ import annotations

import functools
import hashlib
import zlib
from typing import Callable, Iterator

from markdown_it import MarkdownIt

from argmap.render import Made
from argmap.render.markdown_parts import SLUG, Part, Written, document_parts, markdown_parts, unique_ids
from argmap.render.markdown_pieces import kept_pieces, rendering_code, split_html

#: A part ends a run when its text's CRC-32 is a multiple of this: runs of 32 parts on average.
RUN_EVERY = 32


def part_runs(markdown: str) -> list[list[str]]:
    """The document's parts (:func:`argmap.render.markdown_parts.markdown_parts`) in runs, each ending
    after a part whose first line's CRC-32 is a multiple of RUN_EVERY (or at the document's end).

    >>> text = "".join(f"## Heading {n}\\n\\ntext {n}\\n\\n" for n in range(200))
    >>> runs = part_runs(text)
    >>> sum(runs, []) == markdown_parts(text), 1 < len(runs) < 200
    (True, True)
    """
    runs, run = [], []
    for text in markdown_parts(markdown):
        run.append(text)
        if zlib.crc32(text[:text.find("\n")].encode("utf-8", "surrogatepass")) % RUN_EVERY == 0:
            runs.append(run)
            run = []
    return runs + [run] if run else runs


class _Run:
    """A run's parts, made as ``output`` asks for them, after the document ``written`` before them (which
    each adds to as it is made: a part whose kept slugs do not fit it learns its ids as it is rendered)."""

    def __init__(self, texts: list[str], written: Written, renderer: MarkdownIt, made: Made, anchor_levels: range,
                 output: Callable[[Iterator[Part]], object]):
        self.texts, self.written, self.output = texts, written, output
        self.renderer, self.made, self.anchor_levels = renderer, made, anchor_levels
        #: The parts, once made (None: the run was kept whole); ``value``: ``output``'s of them.
        self.parts: list[Part] | None = None
        self.value: object = None

    def made_value(self) -> object:
        """``output`` of the run's parts, made now."""
        self.parts = []

        def parts() -> Iterator[Part]:
            for part in document_parts(self.renderer, self.texts, self.made, self.anchor_levels, self.written):
                self.parts.append(part)
                yield part
        self.value = self.output(parts())
        return self.value

    def outline(self) -> list[str]:
        """What is kept of the run by its text (its parts made now): "split", or "whole" and its headings'
        base slugs."""
        self.made_value()
        parts = self.parts or []
        return ["split"] if any(part.split for part in parts) else ["whole", *(b for part in parts for b in part.bases)]


def kept_runs(renderer: MarkdownIt, markdown: str, made: Made, anchor_levels: range, kind: str,
              output: Callable[[Iterator[Part]], object], placed: Callable[[object], str | None]) -> Iterator[str]:
    """Each run's text in the output: ``placed(made(its name, ...))`` for a run kept whole, else made from
    its parts by ``output`` (each part kept by ``made`` as before) and kept. ``kind`` names the output and
    the code that makes it beyond the rendering code; ``placed`` gives a kept output's text, or None for
    one of another shape (a damaged store), which is made again."""
    written = Written()
    for texts in part_runs(markdown):
        run = _Run(texts, written, renderer, made, anchor_levels, output)
        digest = hashlib.sha256(f"{rendering_code()}\nrun\n".encode() + "".join(texts).encode("utf-8", "surrogatepass"))
        kept = made(digest.hexdigest(), run.outline)
        bases = kept[1:] if isinstance(kept, list) and kept[:1] == ["whole"] and all(
            isinstance(base, str) and SLUG.fullmatch(base) for base in kept[1:]) else None
        if bases is None:                    # a run with a split part, or a damaged outline: part by part
            yield placed(run.value if run.parts is not None else run.made_value()) or ""
            continue
        ids = [i for part in run.parts for i in part.ids] if run.parts is not None else unique_ids(bases, written.taken)
        name = hashlib.sha256(f"{kind}\n{digest.hexdigest()}\n{ids!r}".encode("utf-8", "surrogatepass")).hexdigest()
        value = made(name, lambda run=run: run.value if run.parts is not None else run.made_value())
        kept_whole = run.parts is None
        if kept_whole:                       # its headings take their ids here
            written.taken.update(ids)
        text = placed(value)
        if text is None:                     # a damaged record: the run's parts, after the document before them
            if kept_whole:
                written.taken.difference_update(ids)
            text = placed(run.value if run.parts is not None else run.made_value()) or ""
        yield text


def render_in_parts(renderer: MarkdownIt, markdown: str, made: Made, anchor_levels: range) -> str:
    """The HTML of ``markdown``, equal to ``renderer.render(markdown)``, made part by part through ``made``
    (a part's HTML kept by :attr:`Part.digest`; a split part's pieces kept as well, by
    :func:`argmap.render.markdown_pieces.kept_pieces`; an unchanged run of parts kept whole, by
    :func:`argmap.render.markdown_runs.kept_runs`).
    ``anchor_levels``: the levels the anchors plugin marks."""
    def parts_html(parts: Iterator[Part]) -> str:
        pieces = []
        for part in parts:
            make = functools.partial(_part_html, renderer, part)
            if part.split:                # its pieces are kept too (also when it is): an edit renders only theirs
                make = functools.partial(_split_part_html, renderer, part,
                                         kept_pieces(made, "html", part.split, part.occurrence))
            html = made(part.digest, make)
            pieces.append(html if isinstance(html, str) else make())
        return "".join(pieces)

    def placed(html: object) -> str | None:
        return html if isinstance(html, str) else None
    return "".join(kept_runs(renderer, markdown, made, anchor_levels, "html", parts_html, placed))


def _part_html(renderer: MarkdownIt, part: Part) -> str:
    return renderer.renderer.render(part.tokens(), renderer.options, {})


def _split_part_html(renderer: MarkdownIt, part: Part, kept: dict[str, object]) -> str:
    """A split part's HTML, piece by piece (:func:`argmap.render.markdown_pieces.split_html`), else whole."""
    assert part.split is not None
    head = renderer.renderer.render(part.head_tokens(), renderer.options, {})
    return split_html(renderer, part.split, head, kept) or _part_html(renderer, part)


