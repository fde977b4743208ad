"""Finding passages for words that did not verify: the closest passage for a failed quote's hint,
and the passages a few remembered words come from (``argmap quote``). Both rank paragraphs by the
words they hold first, so a search costs bounded time and memory at any source size."""
from __future__ import annotations

import re
from dataclasses import dataclass


from argmap.check.quotes import WORD_PATTERN, MIN_QUOTE_WORDS, locate_quote, normalise, quote_fragments, words_of
from argmap.model import Source


@dataclass(frozen=True)
class ClosestPassage:
    paragraph: int
    similarity: float
    text: str


#: Only this many paragraphs (those sharing the most words with the quote) are aligned in full,
#: so a failed quote costs bounded time at any source size.
CLOSEST_CANDIDATES = 8


def closest_passage(quote: str, source: Source) -> ClosestPassage | None:
    """The passage of the source most similar to a quote that failed to verify (for the hint).

    Paragraphs are first ranked by the quote's words they contain (rare words count more), without
    keeping anything per paragraph, and only the best :data:`CLOSEST_CANDIDATES` are aligned
    character by character: bounded time and memory per failed quote at any source size.
    """
    from rapidfuzz import fuzz   # only for a failed quote or a search: 10 ms of start-up otherwise

    wanted = " ".join(quote_fragments(quote))
    if not wanted or not source.paragraphs:
        return None
    ranked = _ranked_paragraphs(source, wanted, CLOSEST_CANDIDATES)
    best: ClosestPassage | None = None
    for index in sorted(ranked):
        paragraph = source.paragraphs[index]
        text = normalise(paragraph.text).text
        alignment = fuzz.partial_ratio_alignment(wanted, text)
        if alignment and (best is None or alignment.score > best.similarity):
            start, end = _whole_words(text, alignment.dest_start, alignment.dest_end)
            best = ClosestPassage(paragraph.number, alignment.score, text[start:end])
    return best


#: An alignment that stops this close to a sentence's start or end is widened to it.
SENTENCE_SLACK = 24
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"')\]]*\s+)(?=\S)")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s|$)")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span so it neither begins nor ends inside a word (an alignment may cut one), and to the
    sentence's start or end when that is only a word or two away.

    >>> text = "China's Large Tech crackdown is not a model. Next one."
    >>> text[slice(*_whole_words(text, 9, 30))], text[slice(*_whole_words(text, 45, 49))]
    ("China's Large Tech crackdown is not a model.", 'Next one.')
    """
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    before = [m.end() for m in _SENTENCE_START.finditer(text, 0, start + 1) if m.end() <= start]
    if before and start - before[-1] <= SENTENCE_SLACK:
        start = before[-1]
    after = _SENTENCE_END.search(text, end - 1 if end else 0)
    if after and after.end() - end <= SENTENCE_SLACK:
        end = max(end, after.end())
    return start, end


def _ranked_paragraphs(source: Source, wanted: str, count: int) -> list[int]:
    """The indexes of the ``count`` paragraphs holding most of the words wanted (rare words weigh
    more), keeping nothing per paragraph, so the cost stays bounded at any source size."""
    quote_words = {w.lower() for w in words_of(wanted) if len(w) > 2} or {w.lower() for w in words_of(wanted)}
    lowered = [paragraph.text.lower() for paragraph in source.paragraphs]
    holders = {word: [i for i, text in enumerate(lowered) if word in text] for word in quote_words}
    scores = [0.0] * len(lowered)
    for indices in holders.values():
        for index in indices:
            scores[index] += 1 / len(indices)
    return sorted(range(len(source.paragraphs)), key=lambda i: -scores[i])[:count]


#: A passage shows up only when it holds at least about half the words asked for.
MIN_PASSAGE_SCORE = 50


@dataclass(frozen=True)
class Passage:
    """A passage found for a few remembered words: its paragraph, how alike, and the exact quote."""

    paragraph: int
    similarity: float
    quote: str


def find_passages(words: str, source: Source, limit: int = 3) -> list[Passage]:
    """Passages of a source matching a few remembered words, typo-tolerant, best first; each quote is
    the source's own text (its typography kept), widened to whole words, and verifies as it stands.

    >>> from argmap.diagnostics import Location
    >>> from argmap.load.sources import split_text_paragraphs
    >>> body = "The state can, of course, collect whatever it wants.\\n\\nOther words entirely."
    >>> s = Source("s", "s.txt", {}, body, split_text_paragraphs(body), Location("s.txt"))
    >>> find_passages("state can colect whatever", s)[0].quote
    'state can, of course, collect whatever'
    """
    from rapidfuzz import fuzz   # only for a failed quote or a search: 10 ms of start-up otherwise

    wanted = " ".join(normalise(words).text.split())
    wanted_words = [w.lower() for w in words_of(wanted)]
    size = max(len(wanted_words), 1)
    found: list[Passage] = []
    for index in _ranked_paragraphs(source, wanted, max(limit * 3, CLOSEST_CANDIDATES)):
        paragraph = source.paragraphs[index]
        spans = [m.span() for m in WORD_PATTERN.finditer(paragraph.text)]
        tokens = [normalise(paragraph.text[a:b]).text.lower() for a, b in spans]
        # where each remembered word occurs, typos forgiven (at least 75% alike)
        places = [{i for i, token in enumerate(tokens) if fuzz.ratio(word, token) >= 75} for word in wanted_words]
        best = (0.0, 0, 0)
        for first in range(len(spans)):           # every run of whole words up to thrice the words given
            for last in range(first, min(first + 3 * size + 2, len(spans))):
                covered = sum(any(first <= i <= last for i in found_at) for found_at in places)
                score = 100 * covered / size - 0.5 * max(0, last - first + 1 - size)
                if covered and score > best[0]:
                    best = (score, spans[first][0], spans[last][1])
        score, start, end = best
        quote = paragraph.text[start:end]
        if score >= MIN_PASSAGE_SCORE and len(words_of(quote)) >= MIN_QUOTE_WORDS and locate_quote(quote, source):
            found.append(Passage(paragraph.number, score, quote))
    found.sort(key=lambda p: (-p.similarity, p.paragraph))
    return list({p.quote: p for p in found}.values())[:limit]
