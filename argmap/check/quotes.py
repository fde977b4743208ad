"""Verify that a quote occurs verbatim in its source, tolerating typography only, and that its
elisions are honest.

Tolerated: runs of whitespace, curly vs straight quotes and apostrophes, dash variants, and an
elision marker (``...``, ``…``, ``[...]``) between fragments that occur in order. Nothing else:
case, spelling and punctuation must match the source.

The elision rules (docs/format.md, "Quotes and elisions"), which an editor would sign:

- every fragment begins and ends at a word boundary of the source (no "effective" inside
  "ineffective");
- the fragments of an elided quote lie in one paragraph, in order (:func:`locate_quote`);
- a quote carries at least :data:`MIN_QUOTE_WORDS` words, and each fragment of an elided quote at
  least :data:`MIN_FRAGMENT_WORDS`, so no fragment is a word picked from anywhere
  (:func:`length_problem`);
- the words an elision omits are read: a dropped negation is an error, a dropped reversal or
  comparative a warning, each naming the words (:func:`dropped_words`).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache


from argmap.model import Locator, Source

MIN_QUOTE_WORDS = 3
MIN_FRAGMENT_WORDS = 3
#: Dropping one of these inside an elision can turn a sentence into its opposite: an error.
NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "nowhere", "without",
                       "cannot", "n't", "hardly", "barely", "scarcely"})
#: Dropping one of these can reverse or qualify what is left (contrast, exception, comparison): a warning.
REVERSALS = frozenset({"but", "however", "unless", "except", "than", "rather", "instead", "although", "though",
                       "yet", "despite", "whereas", "only", "if", "until", "nevertheless", "nonetheless", "still",
                       "less", "fewer", "against"})
#: At most this many placements of an elided quote's first fragment are tried.
MAX_PLACEMENTS = 2000

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*")
WORD_PATTERN = re.compile(r"\w+(?:'\w+)*")
#: Parts of a Markdown source a reader never sees as text: HTML comments and tags, link and image
#: destinations (the parenthesised part after ``]``), and reference definitions.
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>\n]*>|(?<=\])\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
                     r"|^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class NormalisedText:
    """Text with typography folded and whitespace runs collapsed, and the way back to the original.

    Folding maps characters one to one; only a collapsed run of whitespace shifts what follows. So
    the way back is stored per collapsed run, not per character: ``starts[k]`` is the first folded
    position whose original lies ``shifts[k]`` further on (a few integers for a whole article).
    """

    text: str
    starts: tuple[int, ...]
    shifts: tuple[int, ...]

    def original(self, position: int) -> int:
        """The original offset of a folded position."""
        return position + self.shifts[bisect_right(self.starts, position) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded text[start:end] (end exclusive, end > start)."""
        return self.original(start), self.original(end - 1) + 1

    def folded_offset(self, original: int) -> int:
        """The first folded position whose original offset is at or after ``original``."""
        return bisect_left(range(len(self.text)), original, key=self.original)


#: What a PDF viewer or web page changes when words are copied, and argmap folds away on both sides:
#: whitespace runs (non-breaking spaces and line breaks included), soft hyphens, ligatures, a word
#: hyphenated across a line break, and letters written with combining marks (to their composed form).
_EDITS = re.compile(
    r"(?P<wrap>(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_]))"
    r"|(?P<space>[ ]{2,}|\s*[^\S ]\s*)"
    r"|(?P<soft>\u00ad)"
    r"|(?P<ligature>[\ufb00-\ufb06])"
    r"|(?P<marks>[^\W\d_][\u0300-\u036f]+)")
_WRAP = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}


def _replacement(match: re.Match, keep_wrap: bool = False) -> str:
    kind = match.lastgroup
    if kind == "wrap":
        return "-" if keep_wrap else ""
    if kind == "space":
        return " "
    if kind == "ligature":
        return _LIGATURES[match.group()]
    if kind == "marks":
        return unicodedata.normalize("NFC", match.group())
    return ""                                   # a soft hyphen, or a hyphen at a line break


@lru_cache(maxsize=1024)
def normalise(text: str) -> NormalisedText:
    """Fold typography, whitespace and copy-paste artefacts; see :func:`fold`."""
    return fold(text)


def fold(text: str, keep_wrap: bool = False) -> NormalisedText:
    """Fold typography, whitespace and copy-paste artefacts (:data:`_EDITS`), remembering original offsets.

    >>> folded = normalise("It\u2019s  \u201cfine\u201d")
    >>> print(folded.text, folded.original_span(5, 11))
    It's "fine" (6, 12)
    >>> normalise("e\ufb03cient regu-\\nlation, co\u00adoperation, cafe\u0301").text
    'efficient regulation, cooperation, caf\xe9'
    """
    translated = text.translate(_TYPOGRAPHY)
    pieces: list[str] = []
    starts, shifts = [0], [0]
    position = last = 0
    for match in _EDITS.finditer(translated):
        start, end = match.span()
        replacement = _replacement(match, keep_wrap)
        if match.lastgroup == "space" and end - start == 1 and translated[start] == " ":
            continue
        pieces.append(translated[last:start])
        position += start - last
        for extra in range(1, len(replacement)):          # a ligature's later letters point at it too
            starts.append(position + extra)
            shifts.append(start - position - extra)
        pieces.append(replacement)
        position += len(replacement)
        starts.append(position)
        shifts.append(end - position)
        last = end
    pieces.append(translated[last:])
    return NormalisedText("".join(pieces), tuple(starts), tuple(shifts))


def visible_text(source: Source, keep_wrap: bool = False) -> NormalisedText:
    """A source body as a reader sees it, folded for matching (computed once per source): hidden
    parts (:data:`_HIDDEN`) become NUL characters of the same length, which no quote contains, so
    offsets stay those of the body.

    >>> from argmap.diagnostics import Location
    >>> body = "See [the study](http://x.org/it-works) here <!-- not shown -->"
    >>> shown = visible_text(Source("s", "s.md", {}, body, [], Location("s.md"))).text
    >>> " ".join(shown.replace("\\x00", " ").split())
    'See [the study] here'
    """
    key = "visible-keeping-hyphens" if keep_wrap else "visible"
    if key not in source.cache:
        body = source.body
        if not source.path.endswith(".txt"):             # plain-text sources hide nothing
            body = _HIDDEN.sub(lambda m: "\x00" * len(m.group()), body)
        source.cache[key] = fold(body, keep_wrap)
    return source.cache[key]


def quote_fragments(quote: str) -> list[str]:
    """Split a quote at its elision markers into normalised fragments (empty ones dropped).

    >>> quote_fragments("the state [...] can collect")
    ['the state', 'can collect']
    """
    return [f for f in (normalise(part.strip()).text for part in _ELISION.split(quote)) if f]


def words_of(text: str) -> list[str]:
    """The words of a text (letters and digits, with inner apostrophes).

    >>> words_of("It's -- a 'model', (1)!")
    ["It's", 'a', 'model', '1']
    """
    return WORD_PATTERN.findall(text)


def length_problem(quote: str) -> tuple[str, str] | None:
    """('AM305' or 'AM306', message) when a quote or one of its elided fragments is too short."""
    words = words_of(quote)
    if len(words) < MIN_QUOTE_WORDS:
        found = "no words" if not words else f"only {len(words)} word(s)"
        return "AM305", f"quote has {found}; a quote needs at least {MIN_QUOTE_WORDS} words of the source"
    fragments = quote_fragments(quote)
    if len(fragments) > 1:
        for fragment in fragments:
            if len(words_of(fragment)) < MIN_FRAGMENT_WORDS:
                return "AM306", (f"elided fragment \u201c{fragment}\u201d has fewer than {MIN_FRAGMENT_WORDS} words; "
                                 "an elision may not stitch together single words")
    return None


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when text[start:end] neither begins nor ends inside a word."""
    if text[start].isalnum() and start > 0 and text[start - 1].isalnum():
        return False
    return not (text[end - 1].isalnum() and end < len(text) and text[end].isalnum())


def _find_word_aligned(text: str, fragment: str, start: int, end: int) -> int:
    """The first occurrence of a fragment in text[start:end] at word boundaries, else -1."""
    position = text.find(fragment, start, end)
    while position >= 0:
        if _at_word_boundaries(text, position, position + len(fragment)):
            return position
        position = text.find(fragment, position + 1, end)
    return -1


def _paragraph_limits(source: Source, keep_wrap: bool) -> list[tuple[int, int]]:
    """Each paragraph's (start, end) in the folded visible text (computed once per source)."""
    key = f"limits-{keep_wrap}"
    if key not in source.cache:
        body = visible_text(source, keep_wrap)
        source.cache[key] = [(body.folded_offset(p.start), body.folded_offset(p.end)) for p in source.paragraphs]
    return source.cache[key]


def _hyphenated_at_line_ends(source: Source) -> bool:
    """Whether the source has a hyphen at a line break between letters (looked for once per source)."""
    if "line-end hyphens" not in source.cache:
        source.cache["line-end hyphens"] = _WRAP.search(source.body) is not None
    return source.cache["line-end hyphens"]


def _placed(fragments: list[str], source: Source, keep_wrap: bool) -> tuple[NormalisedText, list[list[int]]]:
    """The folded visible text and the placements of the fragments in it (in one paragraph when elided)."""
    body = visible_text(source, keep_wrap)
    return body, _placements(fragments, body, _paragraph_limits(source, keep_wrap) if len(fragments) > 1 else None)


def _placements(fragments: list[str], body: NormalisedText, limits: list[tuple[int, int]] | None) -> list[list[int]]:
    """Candidate placements (the folded start of each fragment), each inside one paragraph when
    ``limits`` is given, else anywhere in order."""
    text = body.text
    starts = [lo for lo, _ in limits] if limits else []
    found: list[list[int]] = []
    position = _find_word_aligned(text, fragments[0], 0, len(text))
    while position >= 0 and len(found) < MAX_PLACEMENTS:
        if limits:
            index = bisect_right(starts, position) - 1
            low, high = limits[index] if index >= 0 else (0, 0)
            if not low <= position < high:
                position = _find_word_aligned(text, fragments[0], position + 1, len(text))
                continue
        else:
            high = len(text)
        placement, cursor = [position], position + len(fragments[0])
        for fragment in fragments[1:]:
            at = _find_word_aligned(text, fragment, cursor, high)
            if at < 0:
                break
            placement.append(at)
            cursor = at + len(fragment)
        if len(placement) == len(fragments):
            found.append(placement)
            if len(fragments) == 1:
                break
        position = _find_word_aligned(text, fragments[0], position + 1, len(text))
    return found


def locate_quote(quote: str, source: Source) -> Locator | None:
    """Find a quote's fragments in order, at word boundaries, inside one paragraph of the source
    (the tightest such placement); None when it is not there verbatim."""
    fragments = quote_fragments(quote)
    if not fragments or not words_of(quote):
        return None
    body, placements = _placed(fragments, source, keep_wrap=False)
    if not placements and _hyphenated_at_line_ends(source):
        # a hyphen at a line break is a broken word ("regu-/lation") or a compound ("ground-/focused"):
        # the quote may have either, so the source is tried both ways
        body, placements = _placed(fragments, source, keep_wrap=True)
    if not placements:
        return None
    best = min(placements, key=lambda p: p[-1] + len(fragments[-1]) - p[0])
    spans = [body.original_span(at, at + len(fragment)) for at, fragment in zip(best, fragments, strict=True)]
    first, last = source.paragraph_at(spans[0][0]), source.paragraph_at(spans[-1][1] - 1)
    return Locator(first.number if first else 0, last.number if last else 0, spans)


def spans_paragraphs(quote: str, source: Source) -> tuple[int, int] | None:
    """For a quote that :func:`locate_quote` rejects: the first and last paragraph its fragments reach
    when they may cross paragraphs, or None when they are not in the source in order at all."""
    fragments = quote_fragments(quote)
    if len(fragments) < 2:
        return None
    body = visible_text(source)
    placements = _placements(fragments, body, None)
    if not placements:
        return None
    first = source.paragraph_at(body.original(placements[0][0]))
    last = source.paragraph_at(body.original(placements[0][-1]))
    return (first.number if first else 0, last.number if last else 0)


@dataclass(frozen=True)
class DroppedWords:
    """What the elisions of a verified quote leave out."""

    omitted: list[str]
    negations: list[str]
    reversals: list[str]


def dropped_words(source: Source, locator: Locator) -> DroppedWords:
    """The source text between a quote's fragments, and the negations and reversals in it.

    >>> from argmap.diagnostics import Location
    >>> body = "China's crackdown is not a model for the U.S."
    >>> s = Source("s", "s.md", {}, body, [], Location("s.md"))
    >>> dropped_words(s, Locator(1, 1, [(0, 20), (25, 45)])).negations
    ['not']
    """
    omitted = [source.body[end:start] for (_, end), (start, _) in zip(locator.spans, locator.spans[1:], strict=False)]
    negations: list[str] = []
    reversals: list[str] = []
    for gap in omitted:
        for word in words_of(normalise(gap).text):
            lowered = "n't" if word.lower().endswith("n't") else word.lower()
            if lowered in NEGATIONS and lowered not in negations:
                negations.append(lowered)
            elif lowered in REVERSALS and lowered not in reversals:
                reversals.append(lowered)
    return DroppedWords([" ".join(gap.split()) for gap in omitted], negations, reversals)


def highlight_in_quote(highlight: str, quote: str) -> bool:
    """True when the highlight (the words read aloud) lies inside one fragment of the quote."""
    wanted = normalise(highlight.strip()).text
    return bool(wanted) and any(wanted in fragment for fragment in quote_fragments(quote))
