"""Editing help for the workspace's editor: completion at the cursor (the language server's, on the
editor's unsaved text) and the "cite" action (a verified quote, inserted as a citation of the claim
under the cursor)."""
from __future__ import annotations

from pathlib import Path

from argmap.apps.lsp.features import citation_skeleton, completions
from argmap.apps.lsp.positions import index_document
from argmap.apps.lsp.snapshot import Snapshot
from argmap.check.quotes import locate_quote
from argmap.model import Source


def completion_items(root: Path, path: Path, text: str, line: int, column: int) -> list[dict]:
    """What may be typed at (line, column) of ``text``, the unsaved content of ``path``."""
    snapshot = Snapshot(root, [root / "arguments"], {path: text})
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return []
    return [{"label": item.label, "detail": item.detail or ""}
            for item in completions(snapshot, path, lines, line, min(column, len(lines[line])))]


def cite_edit(text: str, line: int, source: Source, quote: str) -> dict:
    """Where and what to insert so the claim at ``line`` cites ``quote`` from ``source``; an error when
    the quote is not verbatim in the source, or the claim already has a citation."""
    quote = " ".join(quote.split())
    if locate_quote(quote, source) is None:
        return {"error": f"these words are not verbatim in '{source.id}'",
                "hint": "select whole words within one paragraph of the source"}
    index = index_document(text)
    block = index.claim_at(line) if index else None
    if block is None:
        return {"error": "the cursor is not in a claim", "hint": "put the cursor in the claim the quote supports"}
    if block.has_citation:
        return {"error": f"the claim '{block.id or block.text[:40]}' already has a citation",
                "hint": "add this one to its 'cite' list by hand, or cite it in another claim"}
    at, insert = citation_skeleton(block, text.split("\n"), source.id, quote)
    return {"line": at, "insert": insert}
