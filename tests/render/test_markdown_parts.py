"""Rendering Markdown part by part (HTML and Word), with parts kept between runs, gives the page or the
document that rendering it whole gives."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.check.checker import check
from argmap.load.project import load_project
from argmap.render.brief import brief_markdown
from argmap.render.docx import brief_docx
from argmap.render.html_page import markdown_to_html
from argmap.render import docx as docx_module
from argmap.render import markdown_pieces as pieces_module
from argmap.render.markdown_parts import markdown_parts
from argmap.render.markdown_pieces import block_split
from tests.conftest import REPO


class Kept(dict):
    """A store of parts, as apps.fragments.FragmentStore keeps them, counting what it made."""

    made_count = asked = 0

    def made(self, digest: str, make):
        self.asked += 1
        if digest not in self:
            self.made_count += 1
            self[digest] = make()
        return self[digest]


def china_briefs() -> dict[str, str]:
    project = load_project([REPO / "arguments"])
    check(project)
    argument_map = project.maps["china-big-tech"]
    graph = build_graph(argument_map)
    evaluation = evaluate(graph)
    return {f"{side}{' speech' * speech}{' by strength' * by}": brief_markdown(argument_map, graph, evaluation, side,
                                                                             speech=speech, by_strength=by)
            for side in ("both", "pro", "con") for speech in (False, True) for by in (False, True)}


def test_every_brief_of_the_china_map_renders_the_same_in_parts() -> None:
    kept = Kept()
    for name, markdown in china_briefs().items():
        assert len(markdown_parts(markdown)) > 20, name
        assert markdown_to_html(markdown, "T", kept.made) == markdown_to_html(markdown, "T"), name
    made = kept.made_count
    for markdown in china_briefs().values():
        markdown_to_html(markdown, "T", kept.made)
    assert kept.made_count == made                 # the second time every part is kept


def test_an_edit_renders_only_its_parts_and_the_page_is_still_exact() -> None:
    markdown = (REPO / "exports" / "china-big-tech" / "brief.md").read_text(encoding="utf-8")
    kept = Kept()
    markdown_to_html(markdown, "T", kept.made)
    before = kept.made_count
    claim = "Antitrust measures are not a panacea for the outsized power of Big Tech"
    assert markdown.count(claim) > 2
    edited = markdown.replace(claim, "Antitrust measures cannot fix the outsized power of Big Tech")
    assert markdown_to_html(edited, "T", kept.made) == markdown_to_html(edited, "T")
    assert 0 < kept.made_count - before < len(markdown_parts(edited)) // 3


@mock.patch.object(pieces_module, "SPLIT_FROM", 1)       # the table's rows and list's items kept one by one too
def test_a_planted_or_damaged_store_costs_a_remake_not_a_wrong_page() -> None:
    markdown = "# A\n\ntext\n\n# A\n\nmore\n\n## B\n\n- x\n- y\n\n## C\n\n| a | b |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n"
    honest = Kept()
    markdown_to_html(markdown, "T", honest.made)
    for damage in (3, ["<script>", 4], ["<b>"], [], None, {"a": 1}):
        planted = Kept({digest: damage for digest in honest})
        assert markdown_to_html(markdown, "T", planted.made) == markdown_to_html(markdown, "T")


_words = st.sampled_from(["Alpha", "beta", "*gamma*", "**delta**", "==mark==", "`code`", "[link](#alpha)",
                          "x_y", "A & B", "<b>", "#tag", "1.", "-", ">", "|", "\\*", "é"])
_text = st.lists(_words, min_size=1, max_size=5).map(" ".join)
_block = st.one_of(
    st.tuples(st.integers(1, 6), st.sampled_from(["Answers", "Sources", "Alpha beta", "Alpha  beta", "Pro"])).map(
        lambda h: f"{'#' * h[0]} {h[1]}"),                                     # repeated headings: slug clashes
    _text,
    st.lists(_text, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(_text, min_size=1, max_size=3).map(lambda items: "\n".join(f"  - {item}" for item in items)),
    st.lists(_text, min_size=1, max_size=3).map(lambda lines: "\n".join(f"> {line}" for line in lines)),
    _text.map(lambda line: f"> {line}\nlazy continuation"),
    st.just("| a | b |\n| --- | --- |\n| 1 | 2 |"),
    _text.map(lambda line: f"    indented code {line}"),
    _text.map(lambda line: f"{line}\n===="),
    st.just("```\n\n# not a heading\n```"),
    st.just("[alpha]: https://example.org/"),
    st.just("- [alpha]: https://example.org/"),                     # definitions inside a list item or quote
    st.just("> [alpha\n> beta]: /quoted"),
    st.just("1. first\n\n2. second"),
    st.just("text\r\n# heading\r\n"),
    st.just(""),
)


#: Documents of those blocks, each followed by one, two or three line breaks.
_documents = st.builds(lambda blocks, gaps: "".join(block + gap for block, gap in zip(blocks, gaps, strict=False)),
                       st.lists(_block, min_size=1, max_size=14),
                       st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=14, max_size=14))


def same_in_parts(render, markdown: str) -> None:
    """``render(markdown, title, made)`` in parts equals it whole, also after an edit with the parts kept."""
    kept = Kept()
    assert render(markdown, "T", kept.made) == render(markdown, "T")
    edited = markdown.replace("Alpha", "Omega", 1)
    assert render(edited, "T", kept.made) == render(edited, "T")


@settings(max_examples=300, deadline=None)
@given(_documents)
def test_generated_documents_render_the_same_in_parts(markdown: str) -> None:
    assert "".join(markdown_parts(markdown)) == markdown
    same_in_parts(markdown_to_html, markdown)


_row = st.one_of(
    st.lists(_text, min_size=0, max_size=4).map(lambda cells: "| " + " | ".join(cells) + " |"),
    st.lists(_text, min_size=1, max_size=3).map(" | ".join),                # no pipe at the margin
    st.sampled_from(["| --- | --- |", "|", "| a \\| b | c |", "  | indented | row |", "| # x | y |", "| > q | - r |",
                     "|:-|-:|", "| `a | b` | c |", "| **a | b** |", "| [x](#a) | ==y== |"]),
)
_table = st.builds(lambda header, rows: "\n".join([header, *rows]),
                   st.sampled_from(["| Alpha | b |\n| --- | ---: |", "| a | b | c |\n|:-|:-:|-|", "| a |\n| - |",
                                    "a | b\n--- | ---", "| a | b |\n| --- |"]),
                   st.lists(_row, min_size=1, max_size=8))


_item = st.one_of(
    _text.map(lambda text: f"- {text}"),
    st.lists(_text, min_size=1, max_size=3).map(lambda texts: "- " + "\n  - ".join(texts)),
    st.sampled_from(["- [x](#alpha)\n  - [y](#b)\n    - z", "- a\n  > quoted\n  lazy", "- a\n  # heading",
                     "- a\n  ---", "- a\n  ===", "- a\n  ## Alpha", "- - -", "- b\n continued", "- c\n      code",
                     "-   wide\n    kept", "- d\n  1. one\n  2. two", "- e\n  | t |\n  | - |\n  | 1 |", "- f\n  \n  g",
                     "- 1) # x", "- g\n* other", "- h\nlazy", "- i\n1. ordered", "- j\n  - k\n - l", "- 12. twelve",
                     "- 2500 claims", "- (aside) *x*", "- Alpha  \n  - hard break above"]),
)
#: Nested lists, mostly of the lines a list is cut into pieces at (items one level deeper at most).
_nested = st.lists(st.tuples(st.integers(-3, 1), st.sampled_from(
    ["[Alpha](#alpha)", "Alpha beta", "2500 claims", "[x](#b) and ==y==", "(aside)", "Über", "[a]", "**bold**",
     "# not text", "1. ordered", "- bullet", "> quote", "---", ""])), min_size=1, max_size=12).map(
    lambda lines: "\n".join(f"{'  ' * depth}- {text}" for depth, text in _depths(lines)))


def _depths(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    depth, placed = 0, []
    for step, text in lines:
        depth = 0 if not placed else max(0, depth + step)
        placed.append((depth, text))
    return placed


_list = st.one_of(st.lists(_item, min_size=1, max_size=8).map("\n".join), _nested)
#: Documents with a table or list ending a part: blocks and a heading before it (or nothing), then it,
#: then maybe a heading.
_table_documents = st.builds(lambda before, table, gap, after: "\n\n".join([*before, table]) + gap + after,
                             st.lists(_block, max_size=3).map(lambda blocks: [*blocks, "## Alpha"]) | st.just([]),
                             st.one_of(_table, _list),
                             st.sampled_from(["\n", "\n\n", "", "\n\n\n"]),
                             st.sampled_from(["", "## Alpha\n\nend\n", "| after |\n", "- after\n"]))


@settings(max_examples=500, deadline=None)
@given(_table_documents)
@example("## Alpha\n\n- a\n- f\n  \n  g\n- b\n")                      # a line of spaces: the list is loose
@example("## Alpha\n\n- a\n  ## Alpha\n- b\n")                         # a heading in an item: its id
@example("## Alpha\n\n- a\n- Alpha\n  ---\n- b\n")                     # an underlined heading in an item
@example("## Alpha\n\n- a\n- g\n* other\n- b\n")                        # a line that ends the list
def test_tables_and_lists_render_the_same_piece_by_piece(markdown: str) -> None:
    """Every table or list at a part's end rendered row by row or item by item (the threshold lowered to
    one piece) gives the page rendering it whole gives, also after an edit with the pieces kept."""
    with mock.patch.object(pieces_module, "SPLIT_FROM", 1):
        same_in_parts(markdown_to_html, markdown)


@settings(max_examples=80, deadline=None)
@given(_table_documents)
@example("## Contents\n\n- [to later](#later)\n  - [back](#contents)\n- [again](#later)\n\n## Later\n")   # bookmark order
@example("## Alpha\n\n- a\n- g\n* other\n- b\n")
def test_tables_and_lists_convert_to_word_the_same_piece_by_piece(markdown: str) -> None:
    """Word converts a long list item by item (a table whole): the same bytes as the document converted whole."""
    with mock.patch.object(pieces_module, "SPLIT_FROM", 1):
        same_in_parts(brief_docx, markdown)


#: Items two spaces in that may start a list (as the analyst brief's contents starts).
_lead = st.lists(st.sampled_from(["  - [Overview](#alpha)", "  - Alpha", "    - deeper", "  - # x"]), max_size=3)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_lead, _nested), min_size=1, max_size=3))
@example([(["  - [Overview](#alpha)", "  - Alpha"], "- [Pro](#alpha)\n  - [Case](#case)\n- Con")])
def test_nested_lists_render_and_convert_the_same_piece_by_piece(lists: list[tuple[list[str], str]]) -> None:
    """Nested lists, cut into items and items' own lines (the threshold lowered to two lines), give the page
    and the Word document that rendering them whole gives."""
    markdown = "".join(f"## Alpha\n\n{''.join(line + chr(10) for line in lead)}{nested}\n\n" for lead, nested in lists)
    with mock.patch.object(pieces_module, "SPLIT_FROM", 1):
        same_in_parts(markdown_to_html, markdown)
        same_in_parts(brief_docx, markdown)


def test_a_list_nested_deeper_than_markdown_its_limit_renders_whole() -> None:
    markdown = "## Deep\n\n" + "".join(f"{'  ' * depth}- [level {depth}](#deep)\n" for depth in range(60))
    assert "level 59" not in markdown_to_html(markdown, "T")          # beyond markdown-it's nesting limit
    with mock.patch.object(pieces_module, "SPLIT_FROM", 1):
        same_in_parts(markdown_to_html, markdown)


def test_an_edited_row_or_item_is_the_one_rendered_again() -> None:
    """A long table and a long nested list (the brief's evaluation and contents): an edit renders again the
    one row or item it touches, in HTML and in Word, also when a build in between kept the block whole."""
    rows = "".join(f"| Claim {n} says **{n}** | {'pro' if n % 2 else 'con'} | 0.{n:02d} |\n" for n in range(120))
    items = "".join(f"- [Side {side}](#side-{side})\n" + "".join(f"  - [AT: Claim {side}{n}](#at-{side}{n})\n"
                                                                for n in range(80)) for side in "ab")
    markdown = f"# Evaluation\n\n## Contents\n\n{items}\n## Stand\n\n| Claim | Side | Strength |\n| --- | --- | ---: |\n{rows}"
    assert len(block_split(markdown_parts(markdown)[-1]).rows) == 120
    assert [piece.kind for piece in block_split(markdown_parts(markdown)[1]).items][:3] == ["open", "item", "item"]
    kept = Kept()
    markdown_to_html(markdown, "T", kept.made)
    brief_docx(markdown, "T", kept.made)
    unrelated = markdown.replace("# Evaluation", "# The evaluation")          # both blocks kept whole
    for render in (markdown_to_html, brief_docx):
        assert render(unrelated, "T", kept.made) == render(unrelated, "T")
    edited = unrelated.replace("Claim 77 says", "Claim 77 now says").replace("Claim b42]", "Claim b42 again]")
    with mock.patch.object(pieces_module, "_row_html", wraps=pieces_module._row_html) as rows_rendered, \
            mock.patch.object(pieces_module, "_item_html", wraps=pieces_module._item_html) as items_rendered:
        page = markdown_to_html(edited, "T", kept.made)
    assert page == markdown_to_html(edited, "T")
    assert (rows_rendered.call_count, items_rendered.call_count) == (1, 1)
    assert "<td>Claim 77 now says <strong>77</strong></td>" in page
    with mock.patch("argmap.render.docx.write_tokens", wraps=docx_module.write_tokens) as converted:
        document = brief_docx(edited, "T", kept.made)
    assert document == brief_docx(edited, "T")
    assert converted.call_count == 2          # the table's part (Word converts a table whole) and the one item


def test_a_changed_word_converter_keeps_no_list_piece_made_the_old_way() -> None:
    """The pieces of a long list are kept under a name that outlives edits; it names the converter too, so
    a new argmap (or python-docx) converts them anew instead of reusing XML made the old way."""
    markdown = "## Contents\n\n" + "".join(f"- [Block {n}](#block-{n})\n" for n in range(60))
    kept = Kept()
    brief_docx(markdown, "T", kept.made)
    for value in kept.values():                  # what an older converter made: XML of another shape
        if isinstance(value, dict):
            value.update({key: ["<w:p><w:r><w:t>made the old way</w:t></w:r></w:p>", ""] for key in value})
    with mock.patch.object(docx_module, "_converting_code", return_value="a newer converter"):
        assert brief_docx(markdown, "T", kept.made) == brief_docx(markdown, "T")


def test_a_table_that_could_reach_markdown_its_cell_limit_is_rendered_whole() -> None:
    """markdown-it ends a table once it has filled in a number of missing cells; a table long enough to
    reach that limit (lowered here on both sides) is not rendered row by row, which would never reach it."""
    markdown = "## T\n\n| a | b | c |\n| - | - | - |\n" + "".join(f"| row {n} |\n" for n in range(60))
    table_module = import_module("markdown_it.rules_block.table")
    with mock.patch.object(table_module, "MAX_AUTOCOMPLETED_CELLS", 40), \
            mock.patch.object(pieces_module, "_MAX_FILLED_CELLS", 40):
        whole = markdown_to_html(markdown, "T")
        assert whole.count("<tr>") < 30                  # the limit ended the table
        assert markdown_to_html(markdown, "T", Kept().made) == whole


@pytest.mark.parametrize("claims", [300])
def test_a_synthetic_brief_renders_the_same_in_parts(tmp_path: Path, claims: int) -> None:
    from argmap.apps.synthetic import write_synthetic_project

    project = load_project([write_synthetic_project(tmp_path, claims)])
    check(project)
    argument_map = next(iter(project.maps.values()))
    graph = build_graph(argument_map)
    markdown = brief_markdown(argument_map, graph, evaluate(graph))
    assert markdown_to_html(markdown, "T", Kept().made) == markdown_to_html(markdown, "T")


def test_every_word_brief_of_the_china_map_converts_the_same_in_parts() -> None:
    """The Word export converts part by part too: same bytes, also after an edit with the parts kept."""
    kept = Kept()
    briefs = {name: markdown for name, markdown in china_briefs().items() if "by strength" not in name}
    for name, markdown in briefs.items():
        assert brief_docx(markdown, "T", kept.made) == brief_docx(markdown, "T"), name
    made = kept.made_count
    claim = "Antitrust measures are not a panacea for the outsized power of Big Tech"
    for name, markdown in briefs.items():
        edited = markdown.replace(claim, "Antitrust measures cannot fix the outsized power of Big Tech")
        assert brief_docx(edited, "T", kept.made) == brief_docx(edited, "T"), name
    assert 0 < kept.made_count - made < made // 3


def test_kept_word_parts_are_renumbered_when_a_heading_is_added_before_them() -> None:
    """A kept part's bookmarks carry the numbers they had in the document it was converted for; a heading
    added (or removed) before it moves every later number, and the kept parts are renamed to match: the
    same bytes as the document converted whole, with nearly every part kept."""
    markdown = "".join(f"## Block {n}\n\n- see [block {n + 1}](#block-{n + 1})\n\n#### Card {n}\n\n> **quoted** {n}\n\n"
                       for n in range(1, 30))
    kept = Kept()
    assert brief_docx(markdown, "T", kept.made) == brief_docx(markdown, "T")
    made = kept.made_count
    for edited in ("# Added first\n\n[to card 3](#card-3)\n\n" + markdown,
                   markdown.replace("## Block 1\n", "## Block 1\n\n#### Inserted\n\ntext\n", 1),
                   markdown.replace("#### Card 2\n", "", 1)):
        assert brief_docx(edited, "T", kept.made) == brief_docx(edited, "T")
    assert kept.made_count - made < made // 4


def test_a_planted_word_store_costs_a_remake_not_a_wrong_document() -> None:
    markdown = "# A\n\n[to B](#b)\n\n# A\n\n> **quoted** text\n\n## B\n\n- x\n  - y\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"
    honest = Kept()
    brief_docx(markdown, "T", honest.made)
    bomb = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p>&b;</w:p></w:body>')
    for damage in (3, ["<not xml"], [bomb, "b"], [], None):
        planted = Kept({digest: damage for digest in honest})
        try:
            document = brief_docx(markdown, "T", planted.made)
        except Exception as error:                  # noqa: BLE001 - any crash fails the test
            pytest.fail(f"{damage!r}: {error}")
        assert document == brief_docx(markdown, "T") or damage == [bomb, "b"], damage
        assert b"aaaaaaaaaa" * 10 not in document
    broken = Kept({digest: [record[0].replace("</w:p>", "", 1), *record[1:]]       # cut inside kept XML
                   if isinstance(record, list) and "</w:p>" in record[0] else record
                   for digest, record in honest.items()})
    assert brief_docx(markdown, "T", broken.made) == brief_docx(markdown, "T")


@settings(max_examples=150, deadline=None)
@given(_documents)
def test_generated_documents_convert_to_word_the_same_in_parts(markdown: str) -> None:
    same_in_parts(brief_docx, markdown)


def long_document(blocks: int = 400) -> str:
    """A document of many parts: headings repeated (their ids clash across runs), links between them,
    cards, lists, and a long table."""
    markdown = "# Brief\n\n"
    for n in range(blocks):
        markdown += (f"## Block {n % 37}\n\n- see [block {n % 37}](#block-{n % 37}) and **claim {n}**\n"
                     f"  - a reason {n}\n\n#### Card {n % 11}\n\n> **quoted** words {n} ==marked==\n\n")
        if n == blocks // 2:
            markdown += "## Table\n\n| a | b |\n| --- | ---: |\n" + "".join(f"| row {i} | {i} |\n" for i in range(60)) + "\n"
    return markdown


@pytest.mark.parametrize("render", [markdown_to_html, brief_docx], ids=["html", "word"])
def test_runs_of_parts_kept_whole_give_the_document_made_whole(render) -> None:
    """Unchanged runs of parts are kept whole (argmap.render.markdown_runs): the second rendering makes
    nothing, and after edits (a heading added first whose id clashes with later ones, a part changed
    midway, a part removed) the page or document is still the one made whole, with few parts made."""
    markdown = long_document()
    kept = Kept()
    assert render(markdown, "T", kept.made) == render(markdown, "T")
    made, asked = kept.made_count, kept.asked
    assert render(markdown, "T", kept.made) == render(markdown, "T")
    assert kept.made_count == made                     # every run kept whole: a look-up or two a run
    assert kept.asked - asked < len(markdown_parts(markdown)) // 4, (kept.asked - asked, len(markdown_parts(markdown)))
    for edited in ("# Added\n\n## Block 3\n\n[to card 2](#card-2)\n\n" + markdown,
                   markdown.replace("**claim 200**", "**claim two hundred**"),
                   markdown.replace("#### Card 5\n\n> **quoted** words 5 ==marked==\n\n", "", 1)):
        before = kept.made_count
        assert render(edited, "T", kept.made) == render(edited, "T")
        assert kept.made_count - before < made // 4, kept.made_count - before
