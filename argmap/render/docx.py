"""Word briefs: the Markdown brief as a .docx whose headings are Heading 1-4, the levels debaters'
Word templates use for pocket, hat, block and tag, so the navigation pane and templates work on it.

The Markdown is walked as markdown-it-py's token stream (the same parse the HTML uses). Headings are
bookmarked and the contents and "(card)" links jump to them, as in the HTML. In a card
(a block quote) the quoted words are bold and underlined, the highlight is yellow, and the context
around them is set small, as debaters format evidence. Output is reproducible: zip entries and
document dates are fixed at 1980-01-01, whatever the environment.
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
from typing import Callable
from xml.parsers import expat

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree
from markdown_it.token import Token

from argmap.render.archive import FIXED_TIME, reproducible_zip
from argmap.render.html_page import ANCHOR_LEVELS, markdown_renderer
from argmap.render import Made, code_digest, kept_texts
from argmap.render.markdown_parts import Part, document_parts, item_tokens, piece_digest
from argmap.load.gcpause import paused_gc

CONTEXT_SIZE = Pt(8)
LINK_COLOUR = RGBColor(0x00, 0x50, 0xA0)
MAX_LIST_STYLE = 3


class _Bookmarks:
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


def _link(paragraph: Paragraph, bookmark: str) -> OxmlElement:
    """An internal hyperlink element appended to the paragraph; runs go inside it."""
    element = OxmlElement("w:hyperlink")
    element.set(qn("w:anchor"), bookmark)
    paragraph._p.append(element)
    return element


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_HALF_POINTS = str(int(CONTEXT_SIZE.pt * 2))
_LINK_HEX = str(LINK_COLOUR)


def _append_run(parent: etree._Element, text: str, *, font: str = "", bold: bool = False, italic: bool = False,
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


def _add_runs(paragraph: Paragraph, children: list[Token], card: bool = False,
              bookmarks: _Bookmarks | None = None) -> None:
    """Inline tokens as runs: bold, italic, ``==mark==`` highlight, code; card formatting inside quotes;
    ``#anchor`` links as Word hyperlinks to the heading's bookmark."""
    bold = italic = marked = False
    link = None
    for child in children:
        kind = child.type
        if kind == "link_open" and bookmarks is not None and str(child.attrGet("href") or "").startswith("#"):
            link = _link(paragraph, bookmarks.name(str(child.attrGet("href"))[1:]))
        elif kind == "link_close":
            link = None
        elif kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("mark_open", "mark_close"):
            marked = kind == "mark_open"
        elif kind in ("softbreak", "hardbreak"):
            _append_run(paragraph._p, " ")
        elif kind in ("text", "text_special", "code_inline"):
            _append_run(paragraph._p if link is None else link, child.content,
                        font="Consolas" if kind == "code_inline" else "", bold=bold, italic=italic,
                        colour=_LINK_HEX if link is not None else "", small=card and not bold, highlight=marked,
                        underline=link is not None or (card and bold))


def _table(document: docx.document.Document, tokens: list[Token], start: int) -> int:
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
            _add_runs(cell.paragraphs[0], children)
    return index + 1


class _Body:
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


@paused_gc
def brief_docx(markdown: str, title: str, made: Made | None = None, signed: bool = False) -> bytes:
    """A Word document of a brief (or any argmap Markdown page); with ``made`` (a store of parts kept
    between runs) only the parts not kept are converted, for the same document (:func:`_write_in_parts`).
    ``signed``: ``made`` keeps only what argmap made, and proves it (a build's store, signed with the
    user's key: :class:`argmap.apps.fragments.FragmentStore`), so its XML is not checked again."""
    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.author, properties.revision = title, "argmap", 1
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    bookmarks = _Bookmarks()
    body = _Body(document)
    if made is None:
        _write_tokens(document, body, markdown_renderer().parse(markdown), bookmarks)
        body.finish()
        return _reproducible_zip(document)
    inside = _write_in_parts(document, body, markdown, bookmarks, made, signed)
    body.element.append(etree.Comment(_PARTS_MARK))
    body.finish()
    return _reproducible_zip(document, inside)


def _write_tokens(document: docx.document.Document, body: _Body, tokens: list[Token], bookmarks: _Bookmarks) -> None:
    """Append the paragraphs and tables of ``tokens`` to the document's body."""
    list_depth, in_quote, index = 0, False, 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open":
            body.finish()                  # python-docx sizes a table from the section
            index = _table(document, tokens, index)
            body.set_aside()
            continue
        if token.type == "heading_open":
            heading = body.paragraph(f"Heading {int(token.tag[1])}")
            _add_runs(heading, tokens[index + 1].children or [])
            if token.attrGet("id"):
                bookmarks.mark(heading, str(token.attrGet("id")))
            index += 3
            continue
        if token.type == "paragraph_open":
            style = None
            if list_depth:
                level = min(list_depth, MAX_LIST_STYLE)
                style = "List Bullet" if level == 1 else f"List Bullet {level}"
            _add_runs(body.paragraph(style), tokens[index + 1].children or [], in_quote, bookmarks)
            index += 3
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type in ("blockquote_open", "blockquote_close"):
            in_quote = token.type == "blockquote_open"
        index += 1


#: Where the parts' XML goes in the saved document.xml: python-docx serialises the body with only this
#: comment (and the section properties after it), and the parts' text replaces it.
_PARTS_MARK = "argmap-parts"


def _converting_code() -> str:
    """This module's text and python-docx's version: a change to either converts every part anew."""
    return code_digest(("render/docx.py",), ("python-docx",))


def _write_in_parts(document: docx.document.Document, body: _Body, markdown: str, bookmarks: _Bookmarks,
                    made: Made, signed: bool = False) -> str:
    """The body's XML, part by part (:func:`argmap.render.markdown_parts.document_parts`: every block closes
    where a part ends, so a part converts alone). A part's XML is kept with the anchors of its bookmarks
    and links and the numbers they had in the document it was converted for (:func:`_converted_part`);
    where the anchors have other numbers in this document, the XML is renamed (:func:`_placed`). The parts
    are joined as text, which is what lxml would write for them: the document equals the one converted
    whole, without parsing and writing again the XML of thousands of parts. Kept XML is checked first
    (:func:`_well_formed`), unless the store is ``signed``; a part whose record fails is converted again."""
    renderer = markdown_renderer()
    holder = etree.tostring(etree.Element(body.element.tag, nsmap=body.element.nsmap), encoding="unicode")
    start, end = holder[:-2] + ">", f"</{holder[1:-2].split()[0]}>"       # <w:body xmlns...> and </w:body>
    convert = functools.partial(_converted_part, document, body, bookmarks)

    def kept_xml(digest: str, tokens: Callable[[], list[Token] | None]) -> str | None:
        xml = _placed(kept_texts(made, _converted_digest(digest), functools.partial(convert, tokens)), start, end,
                      bookmarks)
        return xml if xml is not None else _placed(convert(tokens), start, end, bookmarks)   # a damaged record
    parts: list[tuple[Part, str]] = []
    for part in document_parts(renderer, markdown, made, ANCHOR_LEVELS):
        xml = None
        if part.split and not part.split.header:   # a long list, item by item (after its head: bookmarks are
            head = kept_xml(f"head\n{part.digest}", part.head_tokens)      # numbered in the order they come)
            items = [kept_xml(piece_digest("list item", item), functools.partial(item_tokens, renderer, item))
                     for item in part.split.pieces]
            if head is not None and None not in items:
                xml = head + "".join(items)
        if xml is None:
            xml = kept_xml(part.digest, part.tokens)
        parts.append((part, xml or ""))
    whole = "".join(xml for _, xml in parts)
    if signed or _well_formed(start + whole + end):
        return whole
    mended = []                       # a damaged record: each part alone, a broken one converted again
    for part, xml in parts:
        if not _well_formed(start + xml + end):
            xml = _placed(convert(part.tokens), start, end, bookmarks) or ""
        mended.append(xml)
    return "".join(mended)


def _well_formed(xml: str) -> bool:
    """Whether ``xml`` is one well-formed element with every prefix declared (expat, with namespaces):
    a check of kept records that builds no tree. A document type (so any entity of one) is refused, as
    the records never have one.

    >>> _well_formed('<a xmlns:w="u"><w:p/></a>'), _well_formed('<a><w:p/></a>'), _well_formed('<a>&b;</a>')
    (True, False, False)
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_document_type
    try:
        parser.Parse(xml, True)
    except (expat.ExpatError, ValueError):
        return False
    return True


def _refuse_document_type(*_: object) -> None:
    raise ValueError("a kept record has a document type")


_BOOKMARK_NAME = re.compile(r'(w:(?:name|anchor)="h|w:id=")(\d+)"')


def _placed(record: list[str], start: str, end: str, bookmarks: _Bookmarks) -> str | None:
    """A part's kept XML as it goes into this document: its bookmarks (``w:name="h12"``, ``w:id="12"``)
    and links (``w:anchor="h12"``) renamed to the numbers the document gives their anchors, when those
    differ from the ones they had where the part was converted (after an edit that adds or removes a
    heading before it); None for a record of another shape (damaged)."""
    if len(record) < 2 or not record[0].startswith(start) or not record[0].endswith(end):
        return None
    numbers, anchors = record[1].split(), record[2:]
    if len(numbers) != len(anchors) or not all(n.isascii() and n.isdigit() for n in numbers):
        return None
    xml = record[0][len(start):len(record[0]) - len(end)]
    now = [bookmarks.name(anchor)[1:] for anchor in anchors]
    if now == numbers:
        return xml
    renumbered = dict(zip(numbers, now, strict=True))
    return _BOOKMARK_NAME.sub(lambda match: f'{match.group(1)}{renumbered.get(match.group(2), match.group(2))}"', xml)


def _converted_digest(digest: str) -> str:
    """The name a part's (or piece's) Word XML is kept by: the digest of its Markdown and this converter."""
    return hashlib.sha256(f"{_converting_code()}\n{digest}".encode()).hexdigest()


def _converted_part(document: docx.document.Document, body: _Body, bookmarks: _Bookmarks,
                    tokens: Callable[[], list[Token] | None]) -> list[str]:
    """Convert one part (or a piece of one: its ``tokens``) and take it out of the body again; returns
    what is kept of it: its XML (inside a body element, so its elements declare no namespace of their
    own), the numbers of the bookmarks it names, and their anchors ([] for a piece that does not convert
    alone: :func:`argmap.render.markdown_parts.item_tokens`)."""
    parsed = tokens()
    if parsed is None:
        return []
    last = _last_child(body.element)
    named = bookmarks.record()
    _write_tokens(document, body, parsed, bookmarks)
    bookmarks.recorded = None
    holder = etree.Element(body.element.tag, nsmap=body.element.nsmap)
    holder.extend(_after(body.element, last))
    return [etree.tostring(holder, encoding="unicode"), " ".join(name[1:] for name in named.values()), *named]


def _last_child(element: etree._Element) -> etree._Element | None:
    """The element's last child (found from the end: lxml counts and slices children by walking them)."""
    try:
        return element[-1]
    except IndexError:
        return None


def _after(element: etree._Element, last: etree._Element | None) -> list[etree._Element]:
    """The children of ``element`` after ``last`` (all of them when ``last`` is None)."""
    return list(last.itersiblings()) if last is not None else list(element)


def _reproducible_zip(document: docx.document.Document, inside: str | None = None) -> bytes:
    """Save with fixed entry timestamps, so an unchanged brief gives identical bytes; ``inside``: the
    body's XML, put where :data:`_PARTS_MARK` stands in document.xml."""
    raw = io.BytesIO()
    document.save(raw)
    if inside is None:
        return reproducible_zip(raw.getvalue())
    mark = f"<!--{_PARTS_MARK}-->".encode()

    def put_inside(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        before, found, after = content.partition(mark)
        assert found and mark not in after, "the parts' mark is in document.xml once"
        return before + inside.encode("utf-8") + after
    return reproducible_zip(raw.getvalue(), put_inside)
