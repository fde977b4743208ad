"""Markdown tokens written into a Word document's body: headings with bookmarks that internal links jump
to, paragraphs styled by list depth, evidence cards formatted as debaters format them, tables. Built as XML
directly where python-docx searches the body or the styles for every paragraph or run (which made a
10,000-claim brief take minutes); the XML is what python-docx's own calls write.
"""
from __future__ import annotations

import re

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree
from markdown_it.token import Token

CONTEXT_SIZE = Pt(8)
LINK_COLOUR = RGBColor(0x00, 0x50, 0xA0)
MAX_LIST_STYLE = 3


class Bookmarks:
    """Word bookmark names for heading anchors (Word wants a letter first and at most 40 characters)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        #: The anchors named since :meth:`record` began, with their names, in the order first named.
        self.recorded: dict[str, str] | None = None

    def name(self, anchor: str) -> str:
        name = self.names.setdefault(anchor, f"h{len(self.names) + 1}")
        if self.recorded is not None:
            self.recorded.setdefault(anchor, name)
        return name

    def record(self) -> dict[str, str]:
        """Start recording the anchors named (a part's, while it is converted); returns the record."""
        self.recorded = {}
        return self.recorded

    def mark(self, paragraph: Paragraph, anchor: str) -> None:
        """Put a bookmark around a heading paragraph, so internal links can jump to it."""
        name = self.name(anchor)
        number = name[1:]                              # bookmark ids follow the names: h3 has id 3
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), number)
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), number)
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)


def add_link(paragraph: Paragraph, bookmark: str) -> OxmlElement:
    """An internal hyperlink element appended to the paragraph; runs go inside it."""
    element = OxmlElement("w:hyperlink")
    element.set(qn("w:anchor"), bookmark)
    paragraph._p.append(element)
    return element


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_HALF_POINTS = str(int(CONTEXT_SIZE.pt * 2))
_LINK_HEX = str(LINK_COLOUR)


def append_run(parent: etree._Element, text: str, *, font: str = "", bold: bool = False, italic: bool = False,
                colour: str = "", small: bool = False, highlight: bool = False, underline: bool = False) -> None:
    """Append a run (``w:r``) with these properties to a paragraph or hyperlink element.

    The same XML python-docx's ``add_run`` and font setters write (properties in the schema's order),
    built directly: python-docx searches the element's children for the insertion point of every
    run and property, which made a 10,000-claim brief spend most of its time there."""
    run = etree.SubElement(parent, _W + "r")
    if font or bold or italic or colour or small or highlight or underline:
        properties = etree.SubElement(run, _W + "rPr")
        if font:
            fonts = etree.SubElement(properties, _W + "rFonts")
            fonts.set(_W + "ascii", font)
            fonts.set(_W + "hAnsi", font)
        for wanted, name, value in ((bold, "b", ""), (italic, "i", ""), (colour, "color", colour),
                                    (small, "sz", _HALF_POINTS), (highlight, "highlight", "yellow"),
                                    (underline, "u", "single")):
            if wanted:
                element = etree.SubElement(properties, _W + name)
                if value:
                    element.set(_W + "val", value)
    for piece in re.split(r"([\t\r\n])", text):     # as python-docx: a tab is w:tab, a line break w:br
        if piece in ("\t", "\r", "\n"):
            etree.SubElement(run, _W + ("tab" if piece == "\t" else "br"))
        elif piece:
            words = etree.SubElement(run, _W + "t")
            words.text = piece
            if len(piece.strip()) < len(piece):
                words.set(_XML_SPACE, "preserve")


def add_runs(paragraph: Paragraph, children: list[Token], card: bool = False,
              bookmarks: Bookmarks | None = None) -> None:
    """Inline tokens as runs: bold, italic, ``==mark==`` highlight, code; card formatting inside quotes;
    ``#anchor`` links as Word hyperlinks to the heading's bookmark."""
    bold = italic = marked = False
    link = None
    for child in children:
        kind = child.type
        if kind == "link_open" and bookmarks is not None and str(child.attrGet("href") or "").startswith("#"):
            link = add_link(paragraph, bookmarks.name(str(child.attrGet("href"))[1:]))
        elif kind == "link_close":
            link = None
        elif kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("mark_open", "mark_close"):
            marked = kind == "mark_open"
        elif kind in ("softbreak", "hardbreak"):
            append_run(paragraph._p, " ")
        elif kind in ("text", "text_special", "code_inline"):
            append_run(paragraph._p if link is None else link, child.content,
                        font="Consolas" if kind == "code_inline" else "", bold=bold, italic=italic,
                        colour=_LINK_HEX if link is not None else "", small=card and not bold, highlight=marked,
                        underline=link is not None or (card and bold))


def add_table(document: docx.document.Document, tokens: list[Token], start: int) -> int:
    """Add the table that opens at ``start``; returns the index after its closing token."""
    rows: list[list[list[Token]]] = []
    index = start
    while tokens[index].type != "table_close":
        if tokens[index].type == "tr_open":
            rows.append([])
        elif tokens[index].type == "inline":
            rows[-1].append(tokens[index].children or [])
        index += 1
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows), style="Table Grid")
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, children in zip(row.cells, cells, strict=False):  # short rows leave cells empty
            add_runs(cell.paragraphs[0], children)
    return index + 1


class Body:
    """Appends paragraphs at the end of the document in constant time.

    python-docx inserts each new paragraph before the section properties by searching the whole body
    for them (``first_child_found_in``), and resolves a style name by scanning all styles
    (``default_for``): both per paragraph, so a brief of 10,000 claims took minutes. Here the section
    properties are set aside while paragraphs are appended, and style ids are looked up once.
    """

    def __init__(self, document: docx.document.Document):
        self.document = document
        self.element = document.element.body
        self.section = self.element.sectPr
        self.style_ids: dict[str, str] = {}
        self.set_aside()

    def set_aside(self) -> None:
        """Take the section properties out while paragraphs are appended."""
        if self.section is not None:
            self.element.remove(self.section)

    def paragraph(self, style: str | None = None) -> Paragraph:
        element = self.element._new_p()
        self.element.append(element)
        if style:
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            properties = etree.SubElement(element, _W + "pPr")      # what get_or_add_pPr().style writes,
            etree.SubElement(properties, _W + "pStyle").set(_W + "val", self.style_ids[style])   # without its search
        return Paragraph(element, self.document._body)

    def finish(self) -> None:
        """Put the section properties back at the end, where Word wants them."""
        if self.section is not None:
            self.element.append(self.section)


def write_tokens(document: docx.document.Document, body: Body, tokens: list[Token], bookmarks: Bookmarks,
                  list_depth: int = 0) -> None:
    """Append the paragraphs and tables of ``tokens`` (nested ``list_depth`` lists deep) to the document's body."""
    in_quote, index = False, 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open":
            body.finish()                  # python-docx sizes a table from the section
            index = add_table(document, tokens, index)
            body.set_aside()
            continue
        if token.type == "heading_open":
            heading = body.paragraph(f"Heading {int(token.tag[1])}")
            add_runs(heading, tokens[index + 1].children or [])
            if token.attrGet("id"):
                bookmarks.mark(heading, str(token.attrGet("id")))
            index += 3
            continue
        if token.type == "paragraph_open":
            style = None
            if list_depth:
                level = min(list_depth, MAX_LIST_STYLE)
                style = "List Bullet" if level == 1 else f"List Bullet {level}"
            add_runs(body.paragraph(style), tokens[index + 1].children or [], in_quote, bookmarks)
            index += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type in ("blockquote_open", "blockquote_close"):
            in_quote = token.type == "blockquote_open"
        index += 1
