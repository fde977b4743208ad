"""Briefs, parsed back with markdown-it-py: structure, verbatim cards, working links, A2 coverage."""
from __future__ import annotations

import re

import pytest
from markdown_it.token import Token

from argmap import check, load_project
from argmap.render.brief import brief_markdown
from argmap.render.brief.state import linked_tag
from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.render.html_page import markdown_renderer, markdown_to_html
from argmap.check.quotes import normalise
from tests.conftest import REPO


@pytest.fixture
def china(china_map, china_graph, china_evaluation):
    return china_map, china_graph, china_evaluation


def parse(markdown: str) -> list[Token]:
    return markdown_renderer().parse(markdown)


def headings(tokens: list[Token]) -> list[tuple[int, str, str]]:
    """(level, text, anchor id) of every heading."""
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[index + 1].content, token.attrGet("id")))
    return found


def inline_text(children: list[Token]) -> str:
    return "".join(c.content for c in children if c.type in ("text", "code_inline", "text_special"))


@pytest.mark.parametrize("side", ["pro", "con", "both"])
def test_every_claim_of_the_side_appears(china, side: str) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, side)
    rendered = markdown_renderer().render(text)
    sides = ["pro", "con"] if side == "both" else [side]
    for claim in argument_map.claims.values():
        if claim.side in sides:
            assert f"<code>{claim.id}</code>" in rendered, claim.id


def test_heading_hierarchy_follows_debate_templates(china) -> None:
    argument_map, graph, evaluation = china
    found = headings(parse(brief_markdown(argument_map, graph, evaluation)))
    pockets = [text for level, text, _ in found if level == 1]
    assert pockets[1:] == ["Pro: the case that affirms the resolution", "Con: the case that denies the resolution",
                           "The analyst's readings", "Evaluation", "Sources"]
    hats = [text for level, text, _ in found if level == 2]
    assert {"Pro case", "Con case", "Pro answers to the other side (A2 blocks)"} <= set(hats)
    blocks = [text for level, text, _ in found if level == 3]
    assert any(b.startswith("Contention 1:") for b in blocks) and any(b.startswith("AT: ") for b in blocks)
    tags = [text for level, text, _ in found if level == 4]
    assert ("Nothing or very little of what is being done in China restrains the biggest data processor of them all, "
            "the Chinese government.") in tags
    levels = [level for level, _, _ in found]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))     # no level is skipped going down


def test_every_bold_card_text_is_verbatim_at_the_cited_paragraph(china) -> None:
    argument_map, graph, evaluation = china
    tokens = parse(brief_markdown(argument_map, graph, evaluation))
    quotes_by_paragraph = {}
    for source in argument_map.sources.values():
        for paragraph in source.paragraphs:
            quotes_by_paragraph[(source.id, paragraph.number)] = paragraph.text
    cards = 0
    in_quote = False
    current_cite = None
    for token in tokens:
        if token.type == "inline" and "\u00b6" in token.content and not in_quote:
            current_cite = token.content
        in_quote = {"blockquote_open": True, "blockquote_close": False}.get(token.type, in_quote)
        if not (in_quote and token.type == "inline"):
            continue
        source = next(s for s in argument_map.sources.values() if f"\u201c{s.get('title')}\u201d;" in current_cite)
        paragraph = int(re.search(r"\u00b6(\d+)", current_cite).group(1))
        children = token.children
        bold_runs, depth, run = [], 0, []
        for child in children:
            if child.type == "strong_open":
                depth, run = 1, []
            elif child.type == "strong_close":
                depth = 0
                bold_runs.append(inline_text(run))
            elif depth:
                run.append(child)
        assert bold_runs, token.content
        for bold in bold_runs:
            cards += 1
            text = source.paragraphs[paragraph - 1].text
            assert bold in text or normalise(bold).text in normalise(text).text, (bold, paragraph)
            assert bold in source.body                                      # verbatim, typography included
    assert cards >= 62


def test_highlights_are_marked_inside_the_bold_text(china) -> None:
    argument_map, graph, evaluation = china
    html = markdown_renderer().render(brief_markdown(argument_map, graph, evaluation))
    assert "<mark>the biggest data processor of them all</mark>" in html
    assert html.count("<mark>") == sum(bool(c.highlight) for cl in argument_map.claims.values() for c in cl.citations)


def test_every_internal_link_resolves(china) -> None:
    argument_map, graph, evaluation = china
    tokens = parse(brief_markdown(argument_map, graph, evaluation))
    anchors = {anchor for _, _, anchor in headings(tokens)}
    links = [child.attrGet("href") for token in tokens if token.type == "inline"
             for child in token.children if child.type == "link_open"]
    internal = [href[1:] for href in links if href.startswith("#")]
    assert len(internal) > 100
    assert set(internal) <= anchors, set(internal) - anchors


def test_every_attack_on_a_side_appears_in_an_a2_block(china) -> None:
    argument_map, graph, evaluation = china
    for side in ("pro", "con"):
        text = brief_markdown(argument_map, graph, evaluation, side)
        blocks = {t for level, t, _ in headings(parse(text)) if level == 3 and t.startswith("AT: ")}
        for argument in argument_map.arguments.values():
            if argument.relation == "support":
                continue
            target = argument.target
            target_side = "pro" if target == "resolution" else (
                argument_map.claims[target].side if target in argument_map.claims
                else argument_map.claims[argument_map.arguments[target].premises[0]].side)
            attacker_side = argument_map.claims[argument.premises[0]].side
            if all(argument_map.claims[p].by == "analyst" for p in argument.premises):
                assert f"`{argument.premises[0]}` bears on" in text        # the analyst's section, not an A2
                continue
            if target_side == side and attacker_side != side:
                heading = "AT: " + linked_tag([argument_map.claims[p].text for p in argument.premises])
                assert heading in blocks, (side, argument.id)
                assert f"`{argument.id}`" in text


def test_unanswered_attacks_get_suggested_lines_and_answered_ones_numbered_answers(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, "pro")
    block = text.split("### AT: China's Big Tech crackdown is not a model for the United States.")[1].split("###")[0]
    assert "**No answer in the map yet.** Suggested lines of answer (suggestions to research, not evidence):" in block
    assert "1. Deny it: is \u201cChina's Big Tech crackdown is not a model for the United States.\u201d true" in block
    assert "3. Outweigh it: the map gives 4 reason(s) for \u201cDemocracies can learn lessons" in block
    answered = text.split("### AT: China's goals for technology regulation are often in direct conflict")[1].split("###")[0]
    assert "No answer" not in answered and "separate-shared-goals" in answered
    assert "- **1.** **" in answered


def test_an_unanswered_schemed_attack_suggests_its_critical_questions_in_the_maps_words(project) -> None:
    project.write("arguments/m.yaml", "\n".join([
        "map: m", "title: T", "resolution: Regulation should limit the state.", "claims:",
        "  - id: pro-claim", "    text: Regulation should limit the state, says a professor.", "    supports: resolution",
        "  - id: expert", "    text: Ann Lee says regulation cannot limit the state.", "    side: con",
        "    attacks: pro-claim", "    scheme: expert-opinion",
        "    cite: {source: demo, quote: regulation should limit the state, speaker: \"Ann Lee, a law professor\"}",
    ]) + "\n")
    loaded = load_project(["arguments"])
    assert not [d for d in check(loaded) if d.is_error]
    argument_map = loaded.maps["m"]
    graph = build_graph(argument_map)
    text = brief_markdown(argument_map, graph, evaluate(graph), "pro")
    block = text.split("### AT: Ann Lee says regulation cannot limit the state.")[1].split("###")[0]
    assert "1. How credible is Ann Lee as an expert source?" in block
    assert "Is Ann Lee an expert in the field that \u201cRegulation should limit the state, says a professor.\u201d is in?" in block
    assert " E " not in block and " A " not in block


def test_cite_leads_with_the_speaker_and_notes_once_what_the_source_does_not_state(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation)
    assert "**Susskind n.d.** \u00b7 Jamie Susskind, a lawyer specializing in data and technology at " \
           "London law firm 11KBW; \u201cChina is tightening its grip on Big Tech\u201d; MarketingwithAnoy; \u00b62. " \
           "The source states no author, date or URL." in text
    assert "not stated" not in text and "n.d.;" not in text


def test_html_page_is_standalone_and_anchored(china) -> None:
    argument_map, graph, evaluation = china
    page = markdown_to_html(brief_markdown(argument_map, graph, evaluation), "Brief")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert 'id="pro-case"' in page and 'href="#pro-case"' in page
    assert "<table>" in page and "<mark>" in page


def test_deep_reason_chains_render_completely(project) -> None:
    """A 30-step chain of reasons: every card survives to the HTML (no renderer truncates it)."""
    lines = ["map: deep", "title: Deep", "resolution: R", "claims:"]
    for i in range(30):
        target = "resolution" if i == 0 else f"c{i - 1}"
        lines += [f"  - id: c{i}", f"    text: Claim number {i} holds.", f"    supports: {target}",
                  "    cite: {source: demo, quote: regulation should limit the state}"]
    project.write("arguments/deep.yaml", "\n".join(lines) + "\n")
    loaded = load_project(["arguments"])
    assert not check(loaded)
    argument_map = loaded.maps["deep"]
    graph = build_graph(argument_map)
    markdown = brief_markdown(argument_map, graph, evaluate(graph))
    html = markdown_to_html(markdown, "deep")
    assert markdown.count("\n#### ") == 30 and html.count("<h4") == 30
    assert "Claim number 29 holds." in html and "Sources</h1>" in html


def test_contentions_are_not_repeated_as_offense(china) -> None:
    argument_map, graph, evaluation = china
    blocks = [t for level, t, _ in headings(parse(brief_markdown(argument_map, graph, evaluation, "con"))) if level == 3]
    assert "Contention 1: China's Big Tech crackdown is not a model for the United States." in blocks
    assert "AT: Democracies can learn lessons from China's crackdown on Big Tech." not in blocks
    assert ("AT: the step from \u201cChina's draft rules on synthetic media limit deepfakes, a problem that has "
            "affected not only China but the world.\u201d to \u201cChina's regulators face a task not so different "
            "from that of regulators elsewhere, even if the political systems differ.\u201d") in blocks


def test_speech_document_has_no_ids_scores_or_evaluation_and_each_card_once(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, speech=True)
    body = text.split("## Contents")[1]
    assert not re.search(r"`[a-z0-9][a-z0-9._-]*`", body)                       # no ids in code font
    assert not re.search(r"\b(IN|OUT|UNDEC) \d\.\d\d", body) and "inference" not in body
    titles = [t for _, t, _ in headings(parse(text))]
    assert "Evaluation" not in titles and "The analyst's readings" not in titles
    cards = [t for level, t, _ in headings(parse(text)) if level == 4]
    assert len(cards) == len(set(cards)) > 30                                   # every card printed once
    analyst = brief_markdown(argument_map, graph, evaluation)
    for brief in (text, analyst):                                               # and every piece of evidence
        evidence = [line for line in brief.splitlines() if line.startswith("> ")]
        assert len(evidence) == len(set(evidence)) > 30
    assert "The same evidence as the card" in analyst                          # two claims cite one passage
    for block in text.split("\n### AT: ")[1:]:
        block = block.split("\n###")[0]
        assert "- **1.** **" in block or "Suggested lines of answer" in block  # never an empty A2 block


def test_build_writes_speech_documents_for_both_sides_and_each() -> None:
    import io
    import zipfile
    folder = REPO / "exports" / "china-big-tech"
    for name in ("brief.docx", "brief-pro.docx", "brief-con.docx"):
        xml = zipfile.ZipFile(io.BytesIO((folder / name).read_bytes())).read("word/document.xml").decode()
        assert "AT: " in xml and not re.search(r"\b(IN|OUT) 0\.\d\d", xml)
    pro = zipfile.ZipFile(io.BytesIO((folder / "brief-pro.docx").read_bytes())).read("word/document.xml").decode()
    assert "Pro case" in pro and "Con case" not in pro


def test_contentions_come_in_the_maps_order_as_a_speaker_runs_them(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, "pro")
    shown = [t.split(": ", 1)[1] for level, t, _ in headings(parse(text)) if level == 3 and t.startswith("Contention ")]
    in_map = [linked_tag([argument_map.claims[p].text for p in a.premises]) for a in argument_map.arguments.values()
              if a.target == argument_map.resolution and a.relation == "support"
              and argument_map.claims[a.premises[0]].side == "pro"]
    assert shown == in_map and len(shown) == 4
    strengths = [evaluation.strengths[a.id] for a in argument_map.arguments.values()
                 if linked_tag([argument_map.claims[p].text for p in a.premises]) in shown]
    assert strengths != sorted(strengths, reverse=True)         # the map's order is not the strength order here


def test_cards_and_blocks_say_how_long_they_take_to_read(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, speech=True)
    cards = text.count("\n#### ")
    citations = sum(len(c.citations) for c in argument_map.claims.values() if text.count(c.text))
    assert text.count("*Read aloud: ") >= cards and text.count("*Read aloud: ") <= citations
    assert "*Read aloud: 16 words, 5 s.*" in text                       # "there may be lessons ..." at 180 wpm
    assert "*This block's cards read aloud: " in text
    assert "(The state can, of course, collect whatever it wants.)" in text     # context never cut in a bracket


def test_each_contention_has_its_frontline_linked_to_the_a2_blocks(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, "pro")
    anchors = {anchor for _, _, anchor in headings(parse(text))}
    frontlines = text.split("**Frontline**")[1:]
    assert len(frontlines) >= 3
    links = re.findall(r"\[the A2 block\]\(#([^)]+)\)", text)
    assert links and set(links) <= anchors and all(link.startswith("at-") for link in links)
    assert "They say \u201cJack Ma sharply criticised China's financial regulatory system for stifling innovation.\u201d" \
           " (no answer in the map yet, suggested lines only" in text


def test_tag_and_order_keys_shape_the_speech_document(project) -> None:
    project.write("arguments/m.yaml", "\n".join([
        "map: m", "title: T", "resolution: Regulation should limit the state.", "claims:",
        "  - id: first-in-file", "    text: A contention written first in the file.", "    supports: resolution",
        "    order: 2",
        "  - id: second-in-file", "    text: A contention the speaker runs first, with a long claim text.",
        "    supports: resolution", "    order: 1", "    tag: Run this first",
        "    cite: {source: demo, quote: regulation should limit the state}",
    ]) + "\n")
    loaded = load_project(["arguments"])
    assert not [d for d in check(loaded) if d.is_error]
    argument_map = loaded.maps["m"]
    assert argument_map.claims["second-in-file"].tag == "Run this first"
    graph = build_graph(argument_map)
    text = brief_markdown(argument_map, graph, evaluate(graph), "pro", speech=True)
    titles = [t for level, t, _ in headings(parse(text)) if level == 3 and t.startswith("Contention ")]
    assert titles == ["Contention 1: Run this first", "Contention 2: A contention written first in the file."]
    assert "\n#### Run this first\n" in text


def test_a_bad_order_is_reported_where_it_is(project) -> None:
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds here.\nclaims:\n"
                  "  - {id: a, text: A holds., supports: resolution, order: first}\n")
    found = [d for d in check(load_project(["arguments"])) if d.code == "AM104"]
    assert found and found[0].location.line == 5 and "order 'first'" in found[0].message


def test_the_analysts_brief_reads_the_evaluation_in_plain_words(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation)
    assert "-\\>" not in text                                                     # no raw inference ids
    assert not re.search(r"\b(IN|OUT): (attacked|unattacked|its attacker)", text)   # no labelling notation
    assert "Given what the map encodes, the step to the resolution: it falls (strength 0.69): \u201cJack Ma" in text
    assert "This reads the map; it does not judge the debate." in text


def test_strength_order_only_on_request(china) -> None:
    argument_map, graph, evaluation = china
    text = brief_markdown(argument_map, graph, evaluation, "pro", by_strength=True)
    shown = [t.split(": ", 1)[1] for level, t, _ in headings(parse(text)) if level == 3 and t.startswith("Contention ")]
    strength = {linked_tag([argument_map.claims[p].text for p in a.premises]): evaluation.strengths[a.id]
                for a in argument_map.arguments.values() if a.target == argument_map.resolution}
    assert [strength[s] for s in shown] == sorted((strength[s] for s in shown), reverse=True)


def test_cards_kept_between_runs_give_the_same_brief_after_the_sources_and_quotes_change(tmp_path) -> None:
    """A build keeps each card by the digest of its source and citation: after the source's title, a
    sentence next to a quote, and a quote's highlight change, a brief made with the kept cards equals one
    made without them."""
    import shutil

    for folder in ("arguments", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    kept: dict[str, object] = {}

    def made(digest: str, make):
        if digest not in kept:
            kept[digest] = make()
        return kept[digest]

    def briefs() -> tuple[str, str]:
        project = load_project([tmp_path / "arguments"])
        assert not [d for d in check(project) if d.is_error]
        argument_map = project.maps["china-big-tech"]
        graph = build_graph(argument_map)
        evaluation = evaluate(graph)
        return (brief_markdown(argument_map, graph, evaluation, speech=True, made=made),
                brief_markdown(argument_map, graph, evaluation, speech=True))

    with_kept, fresh = briefs()
    assert with_kept == fresh and kept
    source = tmp_path / "sources" / "china-tightens-grip.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("title: China is tightening its grip on Big Tech", "title: A retitled article"),
                      encoding="utf-8")
    with_kept, fresh = briefs()
    assert with_kept == fresh and "A retitled article" in with_kept
    cited = [line for line in (tmp_path / "arguments" / "china-big-tech" / "pro.yaml").read_text(
        encoding="utf-8").splitlines() if "highlight:" in line]
    assert cited, "the map has a highlight to change"
    maps = tmp_path / "arguments" / "china-big-tech" / "pro.yaml"
    original = maps.read_text(encoding="utf-8")
    highlight = cited[0].split("highlight:", 1)[1].strip().strip('"')
    shorter = " ".join(highlight.split()[:-1]) or highlight
    maps.write_text(original.replace(cited[0], cited[0].replace(highlight, shorter)), encoding="utf-8")
    with_kept, fresh = briefs()
    assert with_kept == fresh
