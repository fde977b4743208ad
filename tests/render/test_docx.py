"""Word briefs: debaters' heading levels, underlined evidence, highlights, reproducible bytes."""
from __future__ import annotations

import io
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from argmap.render.brief import brief_markdown
from argmap.render.docx import brief_docx
from argmap.render.html_page import markdown_renderer
from tests.conftest import REPO


@pytest.fixture(scope="module")
def china(china_map, china_graph, china_evaluation):
    markdown = brief_markdown(china_map, china_graph, china_evaluation)
    return china_map, markdown, docx.Document(io.BytesIO(brief_docx(markdown, "Brief")))


def test_headings_are_word_heading_styles_in_order(china) -> None:
    _, markdown, document = china
    tokens = markdown_renderer().parse(markdown)
    expected = [(f"Heading {t.tag[1]}", tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    found = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [style for style, _ in found] == [style for style, _ in expected]
    assert ("Nothing or very little of what is being done in China restrains the biggest data processor of them all, "
            "the Chinese government.") in [text for style, text in found if style == "Heading 4"]


def test_card_evidence_is_underlined_verbatim_and_highlighted(china) -> None:
    argument_map, _, document = china
    bodies = "".join(s.body for s in argument_map.sources.values())
    underlined = [r for p in document.paragraphs for r in p.runs if r.underline]
    assert len(underlined) >= 62
    for paragraph in document.paragraphs:
        run_text, joined = [], []
        for run in paragraph.runs:                   # consecutive underlined runs form one quoted passage
            if run.underline:
                run_text.append(run.text)
            elif run_text:
                joined.append("".join(run_text))
                run_text = []
        joined += ["".join(run_text)] if run_text else []
        for passage in joined:
            assert passage in bodies, passage
    highlighted = [r.text for p in document.paragraphs for r in p.runs
                   if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "the biggest data processor of them all" in highlighted
    assert len(highlighted) == sum(bool(c.highlight) for cl in argument_map.claims.values() for c in cl.citations)


def test_docx_bytes_are_reproducible(china) -> None:
    _, markdown, _ = china
    assert brief_docx(markdown, "Brief") == brief_docx(markdown, "Brief")


def test_internal_links_jump_to_heading_bookmarks(china) -> None:
    import re
    import zipfile

    from argmap.render.docx import brief_docx

    _, markdown, _ = china
    xml = zipfile.ZipFile(io.BytesIO(brief_docx(markdown, "Brief"))).read("word/document.xml").decode()
    anchors = re.findall(r'w:hyperlink w:anchor="([^"]+)"', xml)
    starts = re.findall(r'<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"', xml)
    names = [name for _, name in starts]
    assert len(set(names)) == len(names) == len({i for i, _ in starts})         # unique names and ids
    assert all(len(name) <= 40 and name[0].isalpha() for name in names)         # Word's rules
    internal_links = len(re.findall(r"\]\(#", markdown))
    assert len(anchors) == internal_links > 100 and set(anchors) <= set(names)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (scripts/setup installs it)")
def test_libreoffice_opens_the_speech_documents_with_pocket_hat_block_tag_intact(tmp_path) -> None:
    """LibreOffice converts each exported speech document to PDF, and round-trips it through its own Word
    filter with every heading level kept (pocket, hat, block, tag = Heading 1-4)."""
    import collections

    import pypdf

    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for name in ("brief.docx", "brief-pro.docx", "brief-con.docx"):
        original = REPO / "exports" / "china-big-tech" / name
        for target, folder in (("pdf", tmp_path / "pdf"), ("docx:MS Word 2007 XML", tmp_path / "docx")):
            run = subprocess.run(["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(folder),
                                  str(original)], capture_output=True, text=True, timeout=180)
            assert run.returncode == 0, run.stderr
        pdf = pypdf.PdfReader(tmp_path / "pdf" / name.replace(".docx", ".pdf"))
        text = "".join(page.extract_text() for page in pdf.pages[:8])
        assert len(pdf.pages) >= 10 and "AT:" in text and "Debate brief" in text

        def levels(path):
            return collections.Counter(p.style.name for p in docx.Document(path).paragraphs
                                       if p.style.name.startswith("Heading"))
        assert levels(tmp_path / "docx" / name) == levels(original)
        assert set(levels(original)) == {"Heading 1", "Heading 2", "Heading 3", "Heading 4"}


@pytest.mark.parametrize("seed", range(3))
def test_runs_are_the_xml_python_docx_itself_writes(seed: int) -> None:
    """The run builder writes runs directly (python-docx's own insertion is slow at scale): every
    combination of formatting, and text with tabs, line breaks and edge spaces, must come out as
    python-docx's add_run and font setters write it."""
    import random

    from docx.shared import Pt, RGBColor
    from lxml import etree

    from argmap.render.docx_write import append_run

    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(["a", "b", " ", "\t", "\n", "\r", "é", "<", "&"]) for _ in range(rng.randint(1, 9)))
        flags = {name: rng.random() < 0.5 for name in ("bold", "italic", "small", "highlight", "underline")}
        font, colour = rng.choice(["", "Consolas"]), rng.choice(["", "0050A0"])
        expected, ours = docx.Document().add_paragraph(), docx.Document().add_paragraph()
        run = expected.add_run(text)
        if font:                             # as the old code did: only what is on is set
            run.font.name = font
        if flags["bold"]:
            run.bold = True
        if flags["italic"]:
            run.italic = True
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        if flags["small"]:
            run.font.size = Pt(8)
        if flags["highlight"]:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if flags["underline"]:
            run.underline = True
        append_run(ours._p, text, font=font, colour=colour, **flags)
        assert etree.tostring(ours._p) == etree.tostring(expected._p), (text, flags, font, colour)
