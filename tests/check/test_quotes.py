"""Quote verification tolerates typography only."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import Source
from argmap.check.passages import closest_passage
from argmap.check.quotes import highlight_in_quote, locate_quote
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


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "  ", "\n", "\t", "\u2019", "\u201c", "-", "\u2014", "x", "\u00a0",
                                 "\ufb01", "\u00ad", "-\n", "e\u0301", "\r"]), max_size=30).map("".join))
def test_folded_positions_map_back_to_the_original(text: str) -> None:
    """The compact way back (one entry per edit) is monotonic, stays inside the text, and maps every
    character the folding left alone to itself."""
    from argmap.check.quotes import normalise

    folded = normalise(text)
    originals = [folded.original(p) for p in range(len(folded.text))]
    assert originals == sorted(originals) and all(0 <= o < len(text) for o in originals)
    for position, original in enumerate(originals):
        if folded.text[position] in "abx":
            assert text[original] == folded.text[position]
        assert folded.folded_offset(original) <= position


@pytest.mark.parametrize("body,quote", [
    ("The \ufb01rst \ufb02ow of e\ufb03cient rules.", "The first flow of efficient rules."),   # ligatures in the source
    ("The first flow of efficient rules.", "The \ufb01rst \ufb02ow of e\ufb03cient rules."),   # ... or in the quote
    ("Data-pro\u00adtection rules bind firms.", "Data-protection rules bind firms."),            # soft hyphen
    ("New rules on privacy regu-\nlation bind firms.", "rules on privacy regulation bind"),       # hyphenated at a line end
    ("Rules\u00a0on privacy bind firms.", "Rules on privacy bind"),                            # non-breaking space
    ("Le cafe\u0301 ferme\u0301 hier soir.", "Le caf\u00e9 ferm\u00e9 hier"),                     # decomposed vs composed
])
def test_copy_paste_differences_verify(body: str, quote: str) -> None:
    from argmap.diagnostics import Location
    source = Source("s", "s.md", {}, body, split_paragraphs(body), Location("s.md"))
    assert locate_quote(quote, source) is not None


@pytest.mark.parametrize("body,quote", [
    ("The \ufb01rst rules bind firms.", "The fast rules bind"),          # a changed word stays a change
    ("A well-known rule binds firms.", "A wellknown rule binds"),         # a hyphen inside a line is a letter
    ("Le caf\u00e9 ferme hier soir.", "Le cafe ferme hier"),              # an accent is a letter
])
def test_copy_paste_tolerance_changes_no_word(body: str, quote: str) -> None:
    from argmap.diagnostics import Location
    source = Source("s", "s.md", {}, body, split_paragraphs(body), Location("s.md"))
    assert locate_quote(quote, source) is None
