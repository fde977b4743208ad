"""Quote verification tolerates typography only."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import Source
from argmap.check.quotes import closest_passage, highlight_in_quote, locate_quote
from argmap.load.sources import split_paragraphs

BODY = ("Headline\n\nIt\u2019s \u201cnot so different\u201d \u2014 even if\nthe systems are.\n\n"
        "The state can, of course, collect whatever it wants.\n")


@pytest.fixture
def source() -> Source:
    from argmap.diagnostics import Location
    return Source("s", "s.md", {}, BODY, split_paragraphs(BODY), Location("s.md"))


@pytest.mark.parametrize("quote", [
    "It's \"not so different\" - even if the systems are.",      # straight quotes, hyphen for em dash
    "It\u2019s \u201cnot so different\u201d \u2014 even if\n the   systems are.",  # whitespace runs
    "It's \"not so different\" -- even if the systems are.".replace("--", "\u2013"),  # en dash
    "It's [...] even if the systems are.",                        # bracketed elision
    "not so different\" ... the systems",                         # plain elision
    "not so different\u201d \u2026 the systems",                   # ellipsis character
])
def test_typographic_variants_verify(source: Source, quote: str) -> None:
    assert locate_quote(quote, source) is not None


@pytest.mark.parametrize("quote", [
    "it's \"not so different\"",           # case differs
    "It's not so different",               # quote marks dropped
    "the systems are ... It's",            # elided fragments out of order
    "The state can collect whatever it wants.",  # words dropped without an elision marker
    "",
    "...",
])
def test_other_differences_fail(source: Source, quote: str) -> None:
    assert locate_quote(quote, source) is None


def test_locator_gives_paragraph_and_offsets(source: Source) -> None:
    locator = locate_quote("collect whatever it wants", source)
    assert (locator.paragraph, locator.end_paragraph) == (3, 3)
    start, end = locator.spans[0]
    assert BODY[start:end] == "collect whatever it wants"


def test_locator_spans_keep_original_typography(source: Source) -> None:
    locator = locate_quote("It's \"not so different\" ... systems", source)
    (a, b), (c, d) = locator.spans
    assert BODY[a:b] == "It\u2019s \u201cnot so different\u201d" and BODY[c:d] == "systems"
    assert locator.paragraph == 2


def test_highlight_must_be_inside_quote() -> None:
    assert highlight_in_quote("so  different", "not so different [...] the systems")
    assert not highlight_in_quote("different the", "not so different [...] the systems")


def test_closest_passage_points_at_the_right_paragraph(source: Source) -> None:
    closest = closest_passage("The state can, of course, collect whatever it likes.", source)
    assert closest.paragraph == 3 and closest.similarity > 85


def test_windows_line_endings() -> None:
    """Articles pasted on Windows keep their CRLF text verbatim and still split and match."""
    from argmap.diagnostics import Location
    body = "Title line\r\n\r\nFirst para says\r\nsomething here.\r\n\r\nSecond para.\r\n"
    source = Source("s", "s.md", {}, body, split_paragraphs(body), Location("s.md"))
    assert [p.text for p in source.paragraphs] == ["Title line", "First para says\r\nsomething here.", "Second para."]
    locator = locate_quote("says something here", source)
    assert locator.paragraph == 2 and body[slice(*locator.spans[0])] == "says\r\nsomething here"


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab \n\t\u2019\u201c-\u2014x\u00a0\r")), max_size=60))
def test_folded_positions_map_back_to_the_original(text: str) -> None:
    """The compact way back (one entry per collapsed whitespace run) agrees with a per-character map."""
    from argmap.check.quotes import normalise

    folded = normalise(text)
    for position, char in enumerate(folded.text):
        original = folded.original(position)
        assert text[original].translate(str.maketrans({"\u2019": "'", "\u201c": '"', "\u2014": "-"})) == char or \
            (char == " " and text[original].isspace())
        assert folded.folded_offset(original) == position
