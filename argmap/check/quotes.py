"""Verify that a quote occurs verbatim in its source, tolerating typography only.

Tolerated: runs of whitespace, curly vs straight quotes and apostrophes, dash variants, and an
elision marker (``...``, ``…``, ``[...]``) between fragments that occur in order. Nothing else:
case, spelling and punctuation must match the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from argmap.model import Locator, Source

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class NormalisedText:
    """Text with typography folded, and for each character its offset in the original."""

    text: str
    offsets: tuple[int, ...]


@lru_cache(maxsize=256)
def normalise(text: str) -> NormalisedText:
    """Fold typography and collapse whitespace, remembering original offsets.

    >>> normalise("It\u2019s  \u201cfine\u201d").text
    'It\\'s "fine"'
    """
    folded = text.translate(_TYPOGRAPHY)
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _SPACE.finditer(folded):
        chars.append(folded[position:match.start()])
        offsets.extend(range(position, match.start()))
        chars.append(" ")
        offsets.append(match.start())
        position = match.end()
    chars.append(folded[position:])
    offsets.extend(range(position, len(folded)))
    return NormalisedText("".join(chars), tuple(offsets))


def quote_fragments(quote: str) -> list[str]:
    """Split a quote at its elision markers into normalised fragments (empty ones dropped).

    >>> quote_fragments("the state [...] can collect")
    ['the state', 'can collect']
    """
    return [f for f in (normalise(part.strip()).text for part in _ELISION.split(quote)) if f]


def locate_quote(quote: str, source: Source) -> Locator | None:
    """Find a quote's fragments in order in the source; None when it is not there verbatim."""
    fragments = quote_fragments(quote)
    if not fragments:
        return None
    body = normalise(source.body)
    spans = []
    position = 0
    for fragment in fragments:
        found = body.text.find(fragment, position)
        if found < 0:
            return None
        start, end = body.offsets[found], body.offsets[found + len(fragment) - 1] + 1
        spans.append((start, end))
        position = found + len(fragment)
    first, last = source.paragraph_at(spans[0][0]), source.paragraph_at(spans[-1][1] - 1)
    return Locator(first.number if first else 0, last.number if last else 0, spans)


def highlight_in_quote(highlight: str, quote: str) -> bool:
    """True when the highlight (the words read aloud) lies inside one fragment of the quote."""
    wanted = normalise(highlight.strip()).text
    return bool(wanted) and any(wanted in fragment for fragment in quote_fragments(quote))


@dataclass(frozen=True)
class ClosestPassage:
    paragraph: int
    similarity: float
    text: str


def closest_passage(quote: str, source: Source) -> ClosestPassage | None:
    """The passage of the source most similar to a quote that failed to verify (for the hint)."""
    wanted = " ".join(quote_fragments(quote))
    best: ClosestPassage | None = None
    for paragraph in source.paragraphs:
        text = normalise(paragraph.text).text
        alignment = fuzz.partial_ratio_alignment(wanted, text)
        if alignment and (best is None or alignment.score > best.similarity):
            passage = text[alignment.dest_start:alignment.dest_end]
            best = ClosestPassage(paragraph.number, alignment.score, passage)
    return best
