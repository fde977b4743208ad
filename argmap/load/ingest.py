"""Sources from real documents: a saved web page or a PDF becomes the text of a source, with the
metadata the document itself states and a record of where the text came from.

Web pages go through trafilatura (main text without navigation, ads or comments; title, authors,
site name, date, canonical URL and language from meta tags and JSON-LD). PDFs go through pypdf,
page by page (so memory stays bounded): running headers and footers and page numbers are dropped,
hyphenation at line ends is undone, lines are joined into paragraphs, and each paragraph's page is
kept so a citation can say "p. 7". Nothing the document does not state is invented.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Callable

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


class IngestError(ValueError):
    """The document cannot become a source; the message says why and what to do."""


@dataclass
class Extracted:
    """A document's text (paragraphs separated by blank lines), what it states about itself, the
    page of each paragraph (PDFs), and where the text came from."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)
    provenance: str = ""


def _provenance(path: Path, data: bytes, extractor: str) -> str:
    return (f"extracted from {path.name} (sha256 {hashlib.sha256(data).hexdigest()}) by {extractor} "
            f"{version(extractor)}")


def extract_html(path: Path) -> Extracted:
    """The article text and stated metadata of a saved web page."""
    import trafilatura

    data = path.read_bytes()
    document = trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True,
                                           include_comments=False, include_tables=False, favor_precision=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < 20:
        raise IngestError("the page has no article text argmap can find (is it a saved article, not a "
                          "listing or a login page?)")
    paragraphs = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    language = document.language or ""
    if not language and (match := re.search(rb"<html[^>]*\blang=[\"']?([A-Za-z-]{2,12})", data[:4096], re.IGNORECASE)):
        language = match.group(1).decode("ascii")
    metadata = {"title": document.title or "", "author": (document.author or "").replace(";", " and "),
                "publisher": document.sitename or "", "date": document.date or "", "url": document.url or "",
                "language": language}
    return Extracted("\n\n".join(paragraphs) + "\n", {k: v for k, v in metadata.items() if v},
                     provenance=_provenance(path, data, "trafilatura"))


_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
_HYPHEN_END = re.compile(r"(?<=[^\W\d_])-$")
_SENTENCE_END = re.compile(r"[.!?:\"\u201d)]$")


def extract_pdf(path: Path, progress: Callable[[int, int], None] | None = None) -> Extracted:
    """The text of a PDF, page by page, with paragraphs rebuilt and each paragraph's page;
    ``progress(page, pages)`` is called after each page (a long PDF shows where it is)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise IngestError(f"the PDF is over {MAX_DOCUMENT_BYTES // 1048576} MiB; split it and add each part")
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise IngestError("the file is not a PDF (it does not start with %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))            # the bytes already read (and hashed), not the file again
        if reader.is_encrypted:
            raise IngestError("the PDF is encrypted; save an unprotected copy first")
        pages = []
        for number, page in enumerate(reader.pages, 1):
            pages.append((page.extract_text() or "").splitlines())
            if progress:
                progress(number, len(reader.pages))
    except IngestError:
        raise
    except PdfReadError as error:
        raise IngestError(f"the PDF is damaged or truncated ({error}); download it again") from error
    except (ValueError, KeyError, TypeError) as error:
        raise IngestError(f"the PDF cannot be read ({type(error).__name__}); save it again from its viewer") from error
    if not any(line.strip() for lines in pages for line in lines):
        raise IngestError("the PDF has no text layer (it is scanned images); OCR it first, e.g. with ocrmypdf")
    repeated = _running_lines(pages)
    paragraphs: list[tuple[str, int]] = []
    current: list[str] = []
    current_page = 1
    widths = [len(line.strip()) for lines in pages for line in lines if line.strip()]
    full_width = sorted(widths)[int(len(widths) * 0.75)] if widths else 0
    for number, lines in enumerate(pages, 1):
        for line in (raw.strip() for raw in lines):
            if not line or _PAGE_NUMBER.match(line) or _normalised(line) in repeated:
                continue
            if not current:
                current_page = number
            if current and _HYPHEN_END.search(current[-1]):
                # the line break stays: "regu-/lation" and "ground-/focused" read alike here, and quotes
                # match either way (argmap.check.quotes folds a hyphen at a line break both ways)
                current[-1] = current[-1] + "\n" + line
            else:
                current.append(line)
            if _SENTENCE_END.search(line) and len(line) < 0.8 * full_width:
                paragraphs.append((" ".join(current), current_page))
                current = []
    if current:
        paragraphs.append((" ".join(current), current_page))
    info = reader.metadata or {}
    metadata = {"title": str(info.get("/Title") or ""), "author": str(info.get("/Author") or ""),
                "date": _pdf_date(str(info.get("/CreationDate") or ""))}
    return Extracted("\n\n".join(p for p, _ in paragraphs) + "\n", {k: v for k, v in metadata.items() if v},
                     [page for _, page in paragraphs], _provenance(path, data, "pypdf"))


def _normalised(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (digits aside) that open or close most pages: running headers and footers (a page
    number alone is dropped by its own pattern)."""
    if len(pages) < 2:
        return set()
    edges = Counter()
    for lines in pages:
        kept = [line for line in lines if line.strip()]
        edges.update({_normalised(line) for line in kept[:1] + kept[-1:]})
    return {line for line, count in edges.items() if count >= max(2, len(pages) * 0.6)}


def _pdf_date(value: str) -> str:
    """'D:20210830120000' -> '2021-08-30'."""
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", value)
    return "-".join(filter(None, match.groups())) if match else ""


def extract_document(path: Path, progress: Callable[[int, int], None] | None = None) -> Extracted | None:
    """A web page or PDF as text; None for anything else (read as plain text by the caller)."""
    if not path.is_file():
        return None                      # devices, FIFOs and folders are refused by the text reader
    with path.open("rb") as stream:
        head = stream.read(1024)
    if path.suffix.lower() == ".pdf" or head.startswith(b"%PDF"):
        return extract_pdf(path, progress)
    if path.suffix.lower() in (".html", ".htm") or re.search(rb"<!doctype html|<html", head, re.IGNORECASE):
        return extract_html(path)
    return None
