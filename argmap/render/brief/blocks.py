"""A brief's blocks: a claim with its nested reasons, followed by the cards of every cited claim."""
from __future__ import annotations

import re

from argmap.model import Citation
from argmap.render.brief.state import BriefState
from argmap.render.escape import escape_markdown

#: Reading speed for the cards' reading times: a brisk but clear delivery (debaters read cards faster than
#: they speak; 180 is a middle figure between public-forum and policy speed). docs/exports.md says so.
WORDS_PER_MINUTE = 180

#: Reason lists nest at most this deep; deeper reasons stay in order at this level (renderers truncate
#: deeply nested lists: markdown-it's commonmark preset stops parsing beyond 20 levels of nesting).
MAX_LIST_DEPTH = 8


def note_claim(state: BriefState, claim_id: str, cards: list[str]) -> None:
    """Mark a claim as shown, and queue its card if it has citations and no card yet."""
    state.shown.add(claim_id)
    if state.map.claims[claim_id].citations and claim_id not in state.card_anchor and claim_id not in cards:
        cards.append(claim_id)


def reason_tree(state: BriefState, root: str, depth: int, seen: set[str], cards: list[str]) -> None:
    """Nested list of the reasons for a claim (linked groups kept together); collects cited claims.

    Depth first with an explicit stack of steps (write a line, or expand a claim's reasons), so each
    premise's reasons follow its line and no depth of reasons can exhaust Python's recursion limit.
    """
    stack: list[tuple[str, str, int]] = [("expand", root, depth)]
    while stack:
        step, value, level = stack.pop()
        if step == "line":
            state.doc.add(value)
            continue
        if step == "note":
            note_claim(state, value, cards)
            continue
        if value in seen:
            continue
        seen.add(value)
        steps: list[tuple[str, str, int]] = []
        for argument_id in state.into(value, ("support",)):
            argument = state.map.arguments[argument_id]
            indent = "  " * min(level, MAX_LIST_DEPTH)
            if argument.linked:
                note = state.scheme_note(argument_id)
                steps.append(("line", f"{indent}- *Together{f' ({note})' if note else ''}:*", 0))
                inner = "  " * min(level + 1, MAX_LIST_DEPTH)
                for premise in argument.premises:
                    steps += [("line", f"{inner}- {state.claim_line(premise)}", 0), ("note", premise, 0),
                              ("expand", premise, level + 2)]
            else:
                premise = argument.premises[0]
                note = f" \u2014 *{state.scheme_note(argument_id)}*" if argument.scheme else ""
                steps += [("line", f"{indent}- {state.claim_line(premise)}{note}", 0), ("note", premise, 0),
                          ("expand", premise, level + 1)]
        stack.extend(reversed(steps))


def reading_time(words: int) -> str:
    """Words read aloud and how long they take at :data:`WORDS_PER_MINUTE`.

    >>> reading_time(45), reading_time(400)
    ('45 words, 15 s', '400 words, 2 min 13 s')
    """
    seconds = round(words * 60 / WORDS_PER_MINUTE)
    spoken = f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"
    return f"{words} word{'s' if words != 1 else ''}, {spoken}"


def words_read(citation: Citation) -> int:
    """The words of a citation that are read aloud: the quoted (bold) words, not the context or elisions.

    >>> from argmap.diagnostics import Location
    >>> words_read(Citation("s", "The state ... can collect \u2026 whatever it wants.", Location("m")))
    7
    """
    return len([word for word in citation.quote.split() if re.search(r"\w", word)])


def write_cards(state: BriefState, cards: list[str]) -> int:
    """An H4 card per cited claim not carded yet: the cites, then the source's words around the quote, and
    how many words are read aloud and how long that takes; evidence already printed under another card is
    referred to, not printed again. Returns the words of the cards written."""
    total = 0
    for claim_id in cards:
        if claim_id in state.card_anchor:
            continue
        claim = state.map.claims[claim_id]
        tag = claim.tag or claim.text
        state.card_anchor[claim_id] = state.doc.heading(4, tag)
        for citation in claim.citations:
            if (earlier := state.evidence_card.get((citation.source, citation.quote))) is not None:
                state.doc.add(f"*The same evidence as the card [{escape_markdown(earlier[1])}](#{earlier[0]}) "
                              "above: read it from there.*", "")
                continue
            state.evidence_card[(citation.source, citation.quote)] = (state.card_anchor[claim_id], tag)
            source = state.map.sources[citation.source]
            words = words_read(citation)
            total += words
            state.doc.add(*state.evidence(source, citation), f"*Read aloud: {reading_time(words)}.*", "")
            if citation.note:
                state.doc.add(f"*Note: {escape_markdown(citation.note)}*", "")
    return total


def block(state: BriefState, heading: str, lead: list[str], roots: list[str], numbered: bool = False) -> str:
    """An H3 block: a lead paragraph, the roots' reason trees (``numbered``: each root an answer, "1.",
    "2.", ... as a debater reads them), then the cards of every cited claim. Returns the block's anchor."""
    anchor = state.doc.heading(3, heading)
    state.doc.add(*lead)
    cards: list[str] = []
    seen: set[str] = set()
    for root in roots:
        note_claim(state, root, cards)
    for number, root in enumerate(roots, 1):
        state.doc.add(f"- {f'**{number}.** ' if numbered else ''}{state.claim_line(root)}")
        reason_tree(state, root, 1, seen, cards)
    state.doc.add("")
    words = write_cards(state, cards)
    if words:
        state.doc.add(f"*This block's cards read aloud: {reading_time(words)} (cards printed earlier not counted).*", "")
    return anchor
