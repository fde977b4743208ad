"""Evidence cards: the spoken and written cite, and the card text with the quoted words in bold."""
from __future__ import annotations

import hashlib
import re

from argmap.check.quotes import normalise
from argmap.model import Citation, Source
from argmap.render import code_digest
from argmap.render.escape import escape_markdown

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


def short_cite(source: Source, citation: Citation) -> str:
    """The spoken form, 'Name YY': the quoted speaker, else the author, publisher or title; 'n.d.' without a date.

    >>> from argmap.diagnostics import Location
    >>> s = Source("s", "s.md", {"title": "A title here", "date": "2021-08-30"}, "", [], Location("s.md"))
    >>> short_cite(s, Citation("s", "q", Location("m"), speaker="Jamie Susskind, a lawyer"))
    'Susskind 21'
    """
    name = citation.speaker.split(",")[0].split()[-1] if citation.speaker else ""
    name = name or author_name(source.get("author")) or source.get("publisher")
    name = name or "\u201c" + " ".join(source.get("title").split()[:4]) + "\u2026\u201d"
    year = re.search(r"\b(\d{4})\b", source.get("date"))
    return f"{name} {year.group(1)[2:] if year else 'n.d.'}"


_INSTITUTION = re.compile(r"\b(Congress|Parliament|University|Institute|Department|Ministry|Commission|Council|"
                          r"Agency|Association|Court|Committee|Government|Bank|Party|Foundation|Cent(?:er|re)|"
                          r"Organi[sz]ation|Office|Board|Union|Society|Assembly|Senate|House)\b")


def author_name(authors: str) -> str:
    """The name a spoken cite uses for a source's authors: one person's surname, two surnames, the
    first surname and 'et al.', or an institution's whole name.

    >>> [author_name(a) for a in ("Jamie Susskind", "Ann Lee and Bo Chen", "Lee, Chen and Park",
    ...  "Thomas Jefferson et al. (Second Continental Congress)", "Second Continental Congress", "")]
    ['Susskind', 'Lee and Chen', 'Lee et al.', 'Jefferson et al.', 'Second Continental Congress', '']
    """
    text = re.sub(r"\s*\([^)]*\)", "", authors or "").strip()
    if not text:
        return ""
    if _INSTITUTION.search(text) and " et al" not in text:
        return text
    et_al = re.search(r"\bet al\.?", text)
    people = [p.strip() for p in re.split(r"\s*(?:;|,|\band\b|&)\s*", re.sub(r"\bet al\.?", "", text)) if p.strip()]
    surnames = [p.split()[-1] for p in people]
    if not surnames:
        return ""
    if et_al or len(surnames) > 2:
        return f"{surnames[0]} et al."
    return " and ".join(surnames)


def full_cite(source: Source, citation: Citation) -> str:
    """The written cite as debaters cut it: who is speaking and why they count first (the quoted speaker
    with their qualifications, else the author with theirs), then the title, publisher, date, access date,
    URL and place, only the fields the source has, and one note naming what it does not state.

    >>> from argmap.diagnostics import Location
    >>> from argmap.model import Locator
    >>> s = Source("s", "s.md", {"title": "T", "publisher": "P"}, "", [], Location("s.md"))
    >>> full_cite(s, Citation("s", "q", Location("m"), speaker="Ann Lee, a law professor",
    ...                       locator=Locator(3, 3, [(0, 1)])))
    'Ann Lee, a law professor; \u201cT\u201d; P; \u00b63. The source states no author, date or URL.'
    """
    who = citation.speaker
    author = source.get("author")
    if not who and author:
        who = author + (f", {source.get('author_qualifications')}" if source.get("author_qualifications") else "")
    elif who and author and author_name(author) not in who:
        who += f" (in {author})"
    parts = [who] if who else []
    parts.append(f"\u201c{source.get('title')}\u201d")
    parts += [source.get(key) for key in ("publisher", "date") if source.get(key)]
    if source.get("url"):
        parts.append(source.get("url"))
    if source.get("accessed"):
        parts.append(f"accessed {source.get('accessed')}")
    locator = citation.locator
    if locator:
        parts.append(f"\u00b6{locator.paragraph}" + (f"\u2013{locator.end_paragraph}"
                                                   if locator.end_paragraph != locator.paragraph else ""))
    if locator and source.pages and locator.paragraph <= len(source.pages):
        first, last = source.pages[locator.paragraph - 1], source.pages[min(locator.end_paragraph, len(source.pages)) - 1]
        parts.append(f"p. {first}" if first == last else f"pp. {first}\u2013{last}")
    missing = unstated(source)
    note = ""
    if missing:
        note = " The source states no " + (", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1
                                          else missing[0]) + "."
    return "; ".join(parts) + "." + note


def unstated(source: Source) -> list[str]:
    """What a cite needs and the source does not state: its author, date or URL.

    >>> from argmap.diagnostics import Location
    >>> unstated(Source("s", "s.md", {"title": "T", "date": "2021"}, "", [], Location("s.md")))
    ['author', 'URL']
    """
    return [name for name, key in (("author", "author"), ("date", "date"), ("URL", "url")) if not source.get(key)]


def _sentence_window(source: Source, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole sentences, without leaving its paragraph: a sentence ends after its closing
    quotation mark or bracket, and the window grows until no bracket or quotation is left open."""
    paragraph = source.paragraph_at(start) or source.paragraph_at(max(start - 1, 0))
    low, high = (paragraph.start, paragraph.end) if paragraph else (0, len(source.body))
    body = source.body
    starts = [low] + [m.end() for m in _SENTENCE_END.finditer(body, low, start)]
    ends = [m.start() + len(m.group().rstrip()) for m in _SENTENCE_END.finditer(body, end, high)] + [high]
    first, last = len(starts) - 1, 0
    while not _balanced(body[starts[first]:ends[last]]) and (first > 0 or last < len(ends) - 1):
        if last < len(ends) - 1:
            last += 1
        else:
            first -= 1
    return starts[first], ends[last]


def _balanced(text: str) -> bool:
    """No bracket or curly quotation left open (straight quotes cannot say which way they face).

    >>> _balanced("He said (this. And that)."), _balanced("\u201cIt is. It is not.\u201d"), _balanced("(open.")
    (True, True, False)
    """
    return text.count("(") <= text.count(")") and text.count("\u201c") <= text.count("\u201d")


def card_body(source: Source, citation: Citation) -> str:
    """The card: the source's sentences from the quote's first word to its last, the quoted words in
    bold, the highlight marked. What an elision omitted stays on the card as unbolded text (as
    debaters keep unread text visible; HTML greys it, Word sets it small), never hidden by '[...]'."""
    spans = citation.locator.spans
    low, _ = _sentence_window(source, *spans[0])
    _, high = _sentence_window(source, *spans[-1])
    highlight = highlight_span(source, citation)
    text, position = [], low
    for start, end in spans:
        text.append(escape_markdown(source.body[position:start]))
        text.append(_bold(source, start, end, highlight))
        position = end
    text.append(escape_markdown(source.body[position:high]))
    return "".join(text).strip()


def highlight_span(source: Source, citation: Citation) -> tuple[int, int] | None:
    """Where a citation's highlight sits in the source body, inside one of its quoted spans (None without one)."""
    if not citation.highlight:
        return None
    wanted = normalise(citation.highlight.strip()).text
    for start, end in citation.locator.spans:
        folded = normalise(source.body[start:end])
        found = folded.text.find(wanted)
        if found >= 0:
            low, high = folded.original_span(found, found + len(wanted))
            return start + low, start + high
    return None


def _bold(source: Source, start: int, end: int, highlight: tuple[int, int] | None) -> str:
    """Quoted words in bold, the highlight inside them marked, the source's own spacing kept."""
    if not (highlight and start <= highlight[0] and highlight[1] <= end):
        return f"**{escape_markdown(source.body[start:end])}**"
    before = escape_markdown(source.body[start:highlight[0]])
    marked = escape_markdown(source.body[highlight[0]:highlight[1]])
    after = escape_markdown(source.body[highlight[1]:end])
    return f"**{before}=={marked}=={after}**"


def evidence_lines(source: Source, citation: Citation) -> list[str]:
    """A citation's lines on a card: the spoken and written cite, then the card itself (a quotation)."""
    return [f"**{escape_markdown(short_cite(source, citation))}** \u00b7 {escape_markdown(full_cite(source, citation))}",
            "", "> " + card_body(source, citation), ""]


def _card_code() -> str:
    """The modules a card is written by (its cites, its escaping, how a highlight is found in the quote):
    a change to any writes every card anew."""
    return code_digest(("render/brief/cards.py", "render/escape.py", "check/quotes.py"))


def source_digest(source: Source) -> str:
    """A digest of everything a card reads of its source: metadata, body, paragraphs, pages."""
    key = repr((source.id, sorted(source.metadata.items(), key=repr), source.body, source.paragraphs, source.pages))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def evidence_digest(source_key: str, citation: Citation) -> str:
    """A digest of what :func:`evidence_lines` reads: the source (its :func:`source_digest`) and the
    citation's source, quote, highlight, speaker and where its quote was found, not where it is written."""
    locator = citation.locator
    key = repr((_card_code(), source_key, citation.source, citation.quote, citation.highlight, citation.speaker,
                (locator.paragraph, locator.end_paragraph, locator.spans) if locator else None))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
