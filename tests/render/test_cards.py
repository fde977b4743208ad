"""Cards show what an elision omitted: unbolded, never replaced by '[...]'."""
from __future__ import annotations

from argmap.check.quotes import locate_quote
from argmap.diagnostics import Location
from argmap.load.sources import split_paragraphs
from argmap.model import Citation, Source
from argmap.render.brief.cards import card_body

BODY = ("First sentence opens the paragraph. Mankind are more disposed to suffer. Evils are sufferable. "
        "They would rather right themselves by abolishing the forms. Last sentence.\n")


def test_an_elided_card_keeps_the_omitted_sentences_visible() -> None:
    source = Source("s", "s.md", {}, BODY, split_paragraphs(BODY), Location("s.md"))
    citation = Citation("s", "Mankind are more disposed ... right themselves by abolishing the forms", Location("m"))
    citation.locator = locate_quote(citation.quote, source)
    card = card_body(source, citation)
    assert "[...]" not in card
    assert "**Mankind are more disposed** to suffer. Evils are sufferable. They would rather " \
           "**right themselves by abolishing the forms**" in card
