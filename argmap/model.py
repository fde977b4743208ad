"""The typed model of an argument map: claims, arguments (inferences), citations and sources.

The model follows the Argument Interchange Format: claims are I-nodes; an :class:`Argument` is an
RA-node (``support``) or CA-node (``attack``, ``undercut``) joining one or more premises to a target.
An undercut targets another argument (the inference), not a claim.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from argmap.diagnostics import Location

SIDES = ("pro", "con")


def opposite_side(side: str) -> str:
    """The other side of the debate.

    >>> opposite_side("pro")
    'con'
    """
    return "con" if side == "pro" else "pro"


@dataclass
class Paragraph:
    """A numbered block of a source; ``start``/``end`` are character offsets into the body."""

    number: int
    start: int
    end: int
    line: int
    text: str


@dataclass
class Source:
    """A source document kept verbatim, with the metadata debate evidence rules ask for."""

    id: str
    path: str
    metadata: dict[str, str]
    body: str
    paragraphs: list[Paragraph]
    location: Location
    #: The page of each paragraph (sources made from PDFs), empty when the source has no pages.
    pages: list[int] = field(default_factory=list)
    #: Derived data computed once per source (e.g. its folded visible text), never compared or shown.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def get(self, key: str) -> str:
        """A metadata field as text, empty when the source does not state it."""
        value = self.metadata.get(key)
        return "" if value is None else str(value)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing a body offset, or None between paragraphs (binary search)."""
        index = bisect_right(self.paragraphs, offset, key=lambda p: p.start) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return self.paragraphs[index]
        return None


@dataclass
class Locator:
    """Where a verified quote sits: paragraph numbers and the character spans of each fragment."""

    paragraph: int
    end_paragraph: int
    spans: list[tuple[int, int]]


@dataclass
class Citation:
    """A verbatim quote from a source backing a claim (a debater's underlined evidence)."""

    source: str
    quote: str
    location: Location
    source_location: Location | None = None
    highlight: str = ""
    speaker: str = ""
    note: str = ""
    locator: Locator | None = None


@dataclass
class Claim:
    """A statement that can be true or false (an AIF I-node)."""

    id: str
    text: str
    location: Location
    side: str | None = None
    tags: list[str] = field(default_factory=list)
    weight: float | None = None
    implicit: bool = False
    citations: list[Citation] = field(default_factory=list)
    note: str = ""
    #: What a debater reads as the card's tag (the claim's text when not given).
    tag: str = ""
    #: A contention's place in its side's case (the map's order when not given).
    order: int | None = None
    generated_id: bool = False
    is_resolution: bool = False
    #: Who argues it: "source" (a source does, or the author leaves it unstated: ``implicit``) or
    #: "analyst" (the analyst's own objection or reading, which no source argues).
    by: str = "source"
    #: Why the tag may say more than its quote (silences the overreach warning AM405); "" when unset.
    allow_overreach: str = ""
    overreach_location: Location | None = None
    #: The map gives the side (``side:``); else argmap infers it from the relations (load/assemble.py).
    side_given: bool = False

    @property
    def base_score(self) -> float:
        """The DF-QuAD base score: the claim's weight; by default 0.5, and 0.3 for an analyst's own
        claim (an argument no source makes starts weaker than one a source makes)."""
        if self.weight is not None:
            return self.weight
        return ANALYST_BASE_SCORE if self.by == "analyst" else 0.5


#: The default base score of a claim ``by: analyst`` (docs/graph.md).
ANALYST_BASE_SCORE = 0.3
AUTHORS = ("source", "analyst")


@dataclass
class Argument:
    """An inference from premises to a target: support or attack a claim, or undercut an argument."""

    id: str
    relation: str
    premises: list[str]
    target: str
    location: Location
    scheme: str = ""
    note: str = ""
    answers: str = ""

    @property
    def linked(self) -> bool:
        """True when several co-premises support or attack the target only together."""
        return len(self.premises) > 1


@dataclass
class LeftOut:
    """A source paragraph deliberately not cited, with the analyst's reason."""

    source: str
    paragraph: int
    reason: str
    location: Location


@dataclass
class ArgumentMap:
    """A whole map, possibly merged from several files that share its ``map`` id."""

    id: str
    title: str
    resolution: str
    description: str
    claims: dict[str, Claim]
    arguments: dict[str, Argument]
    sources: dict[str, Source]
    left_out: list[LeftOut]
    files: list[str]

    def cited_sources(self) -> list[Source]:
        """The sources this map cites or lists paragraphs of, in id order."""
        ids = {c.source for claim in self.claims.values() for c in claim.citations}
        ids |= {item.source for item in self.left_out}
        return [self.sources[i] for i in sorted(ids) if i in self.sources]
