"""Word briefs: the Markdown brief as a .docx whose headings are Heading 1-4, the levels debaters'
Word templates use for pocket, hat, block and tag, so the navigation pane and templates work on it.

The Markdown is walked as markdown-it-py's token stream (the same parse the HTML uses). Headings are
bookmarked and the contents and "(card)" links jump to them, as in the HTML. In a card
(a block quote) the quoted words are bold and underlined, the highlight is yellow, and the context
around them is set small, as debaters format evidence (:mod:`argmap.render.docx_write`). Output is
reproducible: zip entries and document dates are fixed at 1980-01-01, whatever the environment. A long
brief is converted part by part, each part's XML kept between builds (:func:`_write_in_parts`).
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
from typing import Callable, Iterator
from xml.parsers import expat

import docx
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from argmap.render.archive import FIXED_TIME, reproducible_zip
from argmap.render.docx_write import Bookmarks, Body, write_tokens
from argmap.render.html_page import ANCHOR_LEVELS, markdown_renderer
from argmap.render import Made, code_digest, kept_texts
from argmap.render.markdown_parts import Part
from argmap.render.markdown_runs import kept_runs
from argmap.render.markdown_pieces import kept_pieces
from argmap.load.gcpause import paused_gc


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
    bookmarks = Bookmarks()
    body = Body(document)
    if made is None:
        write_tokens(document, body, markdown_renderer().parse(markdown), bookmarks)
        body.finish()
        return _reproducible_zip(document)
    inside = _write_in_parts(document, body, markdown, bookmarks, made, signed)
    body.element.append(etree.Comment(_PARTS_MARK))
    body.finish()
    return _reproducible_zip(document, inside)


#: Where the parts' XML goes in the saved document.xml: python-docx serialises the body with only this
#: comment (and the section properties after it), and the parts' text replaces it.
_PARTS_MARK = "argmap-parts"


def _converting_code() -> str:
    """This module's text and python-docx's version: a change to either converts every part anew."""
    return code_digest(("render/docx.py", "render/docx_write.py"), ("python-docx",))


def _write_in_parts(document: docx.document.Document, body: Body, markdown: str, bookmarks: Bookmarks,
                    made: Made, signed: bool = False) -> str:
    """The body's XML, part by part (:func:`argmap.render.markdown_parts.document_parts`: every block closes
    where a part ends, so a part converts alone), unchanged runs of parts kept whole
    (:func:`argmap.render.markdown_runs.kept_runs`). A part's (or run's) XML is kept with the anchors of its
    bookmarks and links and the numbers they had in the document it was converted for
    (:func:`_converted_part`); where the anchors have other numbers in this document, the XML is renamed
    (:func:`_placed`). The parts are joined as text, which is what lxml would write for them: the document
    equals the one converted whole, without parsing and writing again the XML of thousands of parts. Kept
    XML is checked first (:func:`_well_formed`), unless the store is ``signed``; when it fails, everything
    is converted again."""
    renderer = markdown_renderer()
    holder = etree.tostring(etree.Element(body.element.tag, nsmap=body.element.nsmap), encoding="unicode")
    start, end = holder[:-2] + ">", f"</{holder[1:-2].split()[0]}>"       # <w:body xmlns...> and </w:body>
    convert = functools.partial(_converted_part, document, body, bookmarks)

    def records(parts: Iterator[Part]) -> list[str]:
        """The record of a run of parts, as one part's: their placed XML, then their anchors' numbers and
        anchors."""
        xml, anchors = [], {}
        for part in parts:
            make = functools.partial(convert, part.tokens, 0)
            if part.split and part.split.items:    # a long list: its pieces kept too (also when it is)
                kept = kept_pieces(made, f"word {_converting_code()}", part.split, part.occurrence)
                make = functools.partial(_converted_list, renderer, convert, bookmarks, part, kept)
            record = kept_texts(made, _converted_digest(part.digest), make)
            placed = _placed(record, bookmarks)
            if placed is None:                     # a damaged record
                record = make()
                placed = _placed(record, bookmarks) or ""
            xml.append(placed)
            anchors.update(dict.fromkeys(record[2:]))
        return ["".join(xml), " ".join(bookmarks.name(anchor)[1:] for anchor in anchors), *anchors]

    def placed(record: object) -> str | None:
        ok = isinstance(record, list) and all(isinstance(item, str) for item in record)
        return _placed(record, bookmarks) if ok else None
    whole = "".join(kept_runs(renderer, markdown, made, ANCHOR_LEVELS, f"word {_converting_code()}", records, placed))
    if signed or _well_formed(start + whole + end):
        return whole
    bookmarks.names.clear()           # a damaged record: everything converted again, numbered anew
    return _write_in_parts(document, body, markdown, bookmarks, lambda digest, make: make(), signed=True)


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


def _placed(record: list[str], bookmarks: Bookmarks) -> str | None:
    """A part's kept XML as it goes into this document: its bookmarks (``w:name="h12"``, ``w:id="12"``)
    and links (``w:anchor="h12"``) renamed to the numbers the document gives their anchors, when those
    differ from the ones they had where the part was converted (after an edit that adds or removes a
    heading before it); None for a record of another shape (damaged)."""
    if len(record) < 2:
        return None
    xml, numbers, anchors = record[0], record[1].split(), record[2:]
    if len(numbers) != len(anchors) or not all(n.isascii() and n.isdigit() for n in numbers):
        return None
    now = [bookmarks.name(anchor)[1:] for anchor in anchors]
    if now == numbers:
        return xml
    renumbered = dict(zip(numbers, now, strict=True))
    return _BOOKMARK_NAME.sub(lambda match: f'{match.group(1)}{renumbered.get(match.group(2), match.group(2))}"', xml)


def _converted_list(renderer: MarkdownIt, convert: Callable[..., list[str]], bookmarks: Bookmarks, part: Part,
                    kept: dict[str, object]) -> list[str]:
    """The record of a part ending in a long list (:func:`_converted_part`'s), made piece by piece (its head,
    then each item or item's own line at its depth: a Word list is paragraphs styled by depth), each piece
    taken from ``kept`` or converted and put there; bookmarks are numbered in the order pieces come."""
    assert part.split is not None
    previous = dict(kept)
    kept.clear()
    pieces = [(f"head\n{part.split.head}\n{part.ids!r}", part.head_tokens, 0)]
    pieces += [(f"{piece.depth} {piece.kind}\n{piece.text}", functools.partial(renderer.parse, piece.text), piece.depth)
               for piece in part.split.items if piece.kind != "close"]
    xml, anchors = [], {}
    for key, tokens, depth in pieces:
        record = previous.get(key)
        placed = _placed(record, bookmarks) if isinstance(record, list) and \
            all(isinstance(item, str) for item in record) else None
        if placed is None:
            record = convert(tokens, depth)
            placed = _placed(record, bookmarks) or ""
        kept[key] = record
        xml.append(placed)
        anchors.update(dict.fromkeys(record[2:]))
    return ["".join(xml), " ".join(bookmarks.name(anchor)[1:] for anchor in anchors), *anchors]


def _converted_digest(digest: str) -> str:
    """The name a part's (or piece's) Word XML is kept by: the digest of its Markdown and this converter."""
    return hashlib.sha256(f"{_converting_code()}\n{digest}".encode()).hexdigest()


def _converted_part(document: docx.document.Document, body: Body, bookmarks: Bookmarks,
                    tokens: Callable[[], list[Token]], list_depth: int) -> list[str]:
    """Convert one part (or a piece of one: its ``tokens``, nested ``list_depth`` lists deep) and take it
    out of the body again; returns what is kept of it: its XML (its elements as they are written inside the
    document's body, declaring no namespace of their own), the numbers of the bookmarks it names, and their
    anchors."""
    last = _last_child(body.element)
    named = bookmarks.record()
    write_tokens(document, body, tokens(), bookmarks, list_depth)
    bookmarks.recorded = None
    holder = etree.Element(body.element.tag, nsmap=body.element.nsmap)
    holder.extend(_after(body.element, last))
    xml = etree.tostring(holder, encoding="unicode")             # <w:body xmlns...>...</w:body>, or <w:body .../>
    inside = "" if xml.endswith("/>") else xml[xml.index(">") + 1:xml.rindex("</")]
    return [inside, " ".join(name[1:] for name in named.values()), *named]


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
