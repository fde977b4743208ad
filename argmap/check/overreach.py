"""Overreach: a tag (the claim a debater reads aloud) that says more than its cards.

Two ways a tag overreaches its quotes (AM405, a warning):

- it **drops a hedge** the quote carries: the quote says "may", "some", "very little",
  "reportedly", "not completely", "on the surface", "mostly" ... and the tag says nothing of the
  kind (any word of the same hedge family counts: "rumoured" keeps "reportedly");
- it **adds an absolute** the quotes lack: "all", "every", "never", "nothing", "only", "always",
  "real", "proves" ... or a comparison ("than"), that no quote of the claim says (or says in other
  words: "by no means" is a "never").

A claim can silence the warning with ``allow_overreach: <reason>``, which is kept and shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.diagnostics import Diagnostic
from argmap.model import Claim

#: Hedge families: a quote with any phrase of a family needs some phrase of that family in the tag.
HEDGES: dict[str, tuple[str, ...]] = {
    "may": ("may", "might", "could", "possibly", "perhaps"),
    "some": ("some", "certain", "several", "parts of", "in some cases", "sometimes", "a few", "some of"),
    "reportedly": ("reportedly", "allegedly", "alleged", "rumoured", "rumored", "rumour", "rumor", "said to",
                   "accused"),
    "very little": ("very little", "little", "hardly", "barely"),
    "not completely": ("not completely", "not wholly", "not entirely", "partly", "partially", "in part",
                       "not only a facade", "not completely a facade"),
    "on the surface": ("on the surface", "on the floor", "ostensibly", "stated", "appears", "appeared",
                       "seems", "seemed"),
    "mostly": ("mostly", "largely", "mainly", "in large part"),
    "often": ("often", "frequently", "usually"),
    "likely": ("likely", "more likely", "probably"),
    "to some extent": ("to some extent", "a little", "somewhat", "partly", "in some cases"),
    "rather than": ("rather than", "not how", "instead of", "not in how", "not in the way"),
    "without": ("without", "unless", "only if", "provided that", "absent"),
}
#: Absolutes a tag may not add; each with the phrases a quote may say it with.
ABSOLUTES: dict[str, tuple[str, ...]] = {
    "all": ("all", "every", "each", "whole"),
    "every": ("every", "all", "each"),
    "never": ("never", "by no means", "not ever", "no longer"),
    "nothing": ("nothing", "not anything", "none"),
    "only": ("only", "alone", "solely", "sole"),
    "always": ("always", "ever", "invariably"),
    "real": ("real", "really", "genuine"),
    "proves": ("proves", "proof", "proven", "demonstrates"),
    "prove": ("prove", "proves", "proof", "proven", "demonstrate"),
    "than": ("than", "rather than"),
    "none": ("none", "no one", "nobody"),
    "entirely": ("entirely", "completely", "wholly", "totally"),
    "certainly": ("certainly", "undoubtedly", "of course", "surely"),
}


@dataclass(frozen=True)
class Overreach:
    """One way a tag says more than its quotes: 'dropped' a hedge, or 'added' an absolute."""

    kind: str
    word: str


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    """One regex for a list of phrases, longest first, each only as whole words."""
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{alternatives})(?![\w'-])")


_FAMILY_OF = {phrase: family for family, phrases in HEDGES.items() for phrase in phrases}
_HEDGE_PATTERN = _phrase_pattern(list(_FAMILY_OF))
_ABSOLUTE_PATTERN = _phrase_pattern(list(ABSOLUTES))
_EQUIVALENT_PATTERN = _phrase_pattern([p for phrases in ABSOLUTES.values() for p in phrases])


def _folded(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _hedges_in(text: str) -> list[str]:
    """The hedges a text carries, each family once, longest phrase first ('to some extent' is not
    also a 'some'); a phrase in several families counts for the first."""
    found: list[str] = []
    families: set[str] = set()
    for match in _HEDGE_PATTERN.finditer(text):
        family = _FAMILY_OF[match.group()]
        if family not in families:
            families.add(family)
            found.append(match.group())
    return found


def find_overreach(tag: str, quotes: list[str]) -> list[Overreach]:
    """The hedges a tag drops and the absolutes it adds, against all of its quotes together.

    One scan of the tag and one of the quotes per list, so the check costs the same for any map size.

    >>> find_overreach("Nothing China does restrains the state.", ["Nothing or very little is restraining the state"])
    [Overreach(kind='dropped', word='very little')]
    >>> find_overreach("Big Tech always loses.", ["Big Tech by no means stood a chance"])
    [Overreach(kind='added', word='always')]
    """
    text, cards = _folded(tag), _folded(" ".join(quotes))
    tag_hedges = set(_HEDGE_PATTERN.findall(text))
    found = []
    for phrase in _hedges_in(cards):
        if not tag_hedges & set(HEDGES[_FAMILY_OF[phrase]]):      # no phrase of the family kept
            found.append(Overreach("dropped", phrase))
    said = set(_EQUIVALENT_PATTERN.findall(cards))
    for word in dict.fromkeys(_ABSOLUTE_PATTERN.findall(text)):
        if not said & set(ABSOLUTES[word]):
            found.append(Overreach("added", word))
    return found


def overreach_problems(claim: Claim) -> list[Diagnostic]:
    """AM405 for a cited claim whose tag overreaches its quotes, unless it records ``allow_overreach``."""
    if claim.allow_overreach or not claim.citations or claim.implicit:
        return []
    problems = []
    for item in find_overreach(claim.text, [c.quote for c in claim.citations]):
        if item.kind == "dropped":
            message = f"the tag of '{claim.id}' drops the hedge '{item.word}' that its quote carries"
            hint = f"keep the hedge in the tag (e.g. '{item.word}'), or add 'allow_overreach: <why>' to the claim"
        else:
            message = f"the tag of '{claim.id}' says '{item.word}', which its quote does not say"
            hint = f"tag only what the card says (drop '{item.word}'), or add 'allow_overreach: <why>' to the claim"
        problems.append(Diagnostic("AM405", claim.location, message, hint))
    return problems
