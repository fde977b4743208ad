"""Adversarial quotes: elisions that stitch a sentence the source never says, quotes that are not
words of the source, and Unicode that only looks like the source's letters."""
from __future__ import annotations

import json

import pytest

from argmap import check, load_project
from argmap.check.quotes import dropped_words, length_problem, locate_quote
from argmap.diagnostics import Location
from argmap.load.sources import split_paragraphs
from argmap.model import Source
from tests.conftest import REPO

DECLARATION = ("Prudence, indeed, will dictate that Governments long established should not be changed for light and "
               "transient causes; and accordingly all experience hath shewn, that mankind are more disposed to suffer, "
               "while evils are sufferable, than to right themselves by abolishing the forms to which they are "
               "accustomed.\n\nThe history of the present King of Great Britain is a history of repeated injuries.\n")


def source_of(body: str) -> Source:
    return Source("s", "s.md", {}, body, split_paragraphs(body), Location("s.md"))


def problems_for(project, quote: str, source_text: str) -> list[str]:
    project.write("sources/s.md", "---\nid: s\ntitle: S\n---\n" + source_text)
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  f"    supports: resolution\n    cite: {{source: s, quote: {json.dumps(quote)}}}\n")
    return [d.code for d in check(load_project(["arguments"])) if d.code.startswith("AM3")]


HEADLINE = "China's Large Tech crackdown is not a model for the U.S.\n"


@pytest.mark.parametrize("quote", [
    "China's ... crackdown is ... a model for the U.S.",
    "China ... model",
    "the ... U.S.",
    "China's Large Tech crackdown is ... a model for the U.S.",
])
def test_the_fabricated_quotes_of_the_trust_issue_fail(project, quote: str) -> None:
    found = problems_for(project, quote, HEADLINE)
    assert found and set(found) <= {"AM305", "AM306", "AM308"}, found


def test_the_real_op_ed_headline_cannot_be_reversed() -> None:
    body = (REPO / "sources" / "crackdown-not-a-model.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    source = source_of(body)
    locator = locate_quote("China's Large Tech crackdown is ... a model for the U.S.", source)
    assert locator is not None and dropped_words(source, locator).negations == ["not"]


def test_reversal_without_a_negation_word_is_named() -> None:
    source = source_of(DECLARATION)
    locator = locate_quote("mankind are more disposed ... to right themselves by abolishing the forms", source)
    dropped = dropped_words(source, locator)
    assert dropped.negations == [] and "than" in dropped.reversals
    assert "to suffer, while evils are sufferable, than" in dropped.omitted[0]


def test_fragments_may_not_join_paragraphs() -> None:
    source = source_of(DECLARATION)
    assert locate_quote("to which they are accustomed ... The history of the present King", source) is None


def test_an_honest_elision_still_verifies() -> None:
    source = source_of(DECLARATION)
    locator = locate_quote("Governments long established should not be changed ... all experience hath shewn", source)
    assert locator is not None and dropped_words(source, locator).negations == []


@pytest.mark.parametrize("quote", ["effective against the variant.", "ffective against the variant", "The vaccine is in"])
def test_a_quote_begins_and_ends_at_word_boundaries(quote: str) -> None:
    assert locate_quote(quote, source_of("The vaccine is ineffective against the variant.\n")) is None


@pytest.mark.parametrize("quote,code", [(".", "AM305"), (", ", "AM305"), ("e", "AM305"), ("-", "AM305"),
                                        ("!", "AM305"), ("the variant", "AM305"),
                                        ("The vaccine is ... variant.", "AM306")])
def test_too_short_quotes_are_errors(quote: str, code: str) -> None:
    assert length_problem(quote)[0] == code


@pytest.mark.parametrize("quote", [
    "The vaccine is \u0435ffective",          # Cyrillic e
    "The vac\u200bcine is ineffective",       # zero-width space
    "The vaccine\u0338 is ineffective",       # combining overlay
    "The vaccine is ineffective\ufeff",       # zero-width no-break space
    "\uff34he vaccine is ineffective",        # fullwidth T
])
def test_lookalike_unicode_never_verifies_against_plain_letters(quote: str) -> None:
    assert locate_quote(quote, source_of("The vaccine is ineffective against the variant.\n")) is None


def test_a_quote_found_only_in_the_front_matter_fails(project) -> None:
    project.write("sources/fm.md", "---\nid: fm\ntitle: Secret words in the title\n---\nThe body says other things.\n")
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\nclaims:\n  - text: x\n"
                  "    supports: resolution\n    cite: {source: fm, quote: Secret words in the title}\n")
    assert "AM301" in [d.code for d in check(load_project(["arguments"]))]


HIDDEN = ("The vaccine is ineffective against the variant. <!-- The vaccine is effective against everything. -->\n"
          "See [the trial report](http://example.org/the-vaccine-works-very-well \"the vaccine works well\") "
          "and <span title=\"works for all ages\">the annex</span>.\n\n[ref]: http://example.org/secret-words-here\n")


@pytest.mark.parametrize("quote", ["The vaccine is effective against everything", "the-vaccine-works-very-well",
                                   "the vaccine works well", "works for all ages", "secret-words-here",
                                   "http://example.org/the-vaccine-works-very-well"])
def test_text_a_reader_never_sees_does_not_verify(quote: str) -> None:
    assert locate_quote(quote, source_of(HIDDEN)) is None


@pytest.mark.parametrize("quote", ["The vaccine is ineffective against the variant.", "See [the trial report]",
                                   "the annex"])
def test_the_visible_text_around_hidden_parts_still_verifies(quote: str) -> None:
    assert locate_quote(quote, source_of(HIDDEN)) is not None
