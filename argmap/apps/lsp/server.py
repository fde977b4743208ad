"""``argmap lsp``: the Language Server Protocol over stdio, built on pygls.

Every change to an open map re-checks the project with the unsaved buffers in place of their files
(debounced by :data:`DEBOUNCE_SECONDS`), and diagnostics are published for every file of the project.
Handlers read the latest :class:`Snapshot`; each catches its own failures and answers nothing rather
than take the server down, so garbage in one request never stops the next.
"""
from __future__ import annotations

import asyncio
import functools
from collections import Counter
import logging
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap import __version__
from argmap.apps.lsp import features
from argmap.apps.lsp.positions import REFERENCE_KEYS, character_column, utf16_column
from argmap.apps.lsp.snapshot import Place, Snapshot, maps_folder
from argmap.load.files import MAP_SUFFIXES
from argmap.load.sources import path_of_display_name
from argmap.load.yamlio import suggest

DEBOUNCE_SECONDS = 0.12
log = logging.getLogger("argmap.lsp")


class ArgmapServer(LanguageServer):
    """The server's state: the newest snapshot per project root, and what was published where."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.snapshots: dict[Path, Snapshot] = {}
        self.published: dict[Path, set[Path]] = {}
        self.pending: dict[Path, asyncio.TimerHandle] = {}

    # ---- documents ----
    def overlays(self, root: Path) -> dict[Path, str]:
        found = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = _path(uri)
            if path and path.suffix in MAP_SUFFIXES and path.is_relative_to(root):
                found[path] = document.source
        return found

    def snapshot_for(self, path: Path) -> Snapshot:
        root, paths = maps_folder(path)
        if root not in self.snapshots:
            self.refresh(path)
        return self.snapshots[root]

    def refresh(self, path: Path) -> None:
        """Re-check the project a document belongs to and publish its diagnostics."""
        root, paths = maps_folder(path)
        snapshot = Snapshot(root, paths, self.overlays(root), self.snapshots.get(root))
        self.snapshots[root] = snapshot
        by_file = features.diagnostics_by_file(snapshot)
        # an open document hears "no problems" too, and so does a file whose problems are gone
        for file in {*snapshot.overlays, *self.published.get(root, set())}:
            by_file.setdefault(file, [])
        for file, found in by_file.items():
            lines = (snapshot.text(file) or "").split("\n")
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=from_fs_path(str(file)),
                diagnostics=[types.Diagnostic(range=_range(lines, start, end), message=_message(d), source="argmap",
                                              code=d.code, severity=features.severity(d))
                             for d, start, end in found]))
        self.published[root] = {f for f, found in by_file.items() if found}

    def schedule(self, path: Path) -> None:
        root, _ = maps_folder(path)
        if root in self.pending:
            self.pending[root].cancel()
        loop = asyncio.get_running_loop()
        self.pending[root] = loop.call_later(DEBOUNCE_SECONDS, self._run_refresh, path, root)

    def _run_refresh(self, path: Path, root: Path) -> None:
        self.pending.pop(root, None)
        try:
            self.refresh(path)
        except Exception:                                   # noqa: BLE001 - a bad buffer must not stop the server
            log.exception("argmap: checking %s failed", path)


def _path(uri: str) -> Path | None:
    try:
        found = to_fs_path(uri)
    except Exception:                                       # noqa: BLE001
        return None
    return Path(found).resolve() if found else None


def _message(diagnostic) -> str:
    return diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")


def _range(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    def position(point: tuple[int, int]) -> types.Position:
        line, column = point
        text = lines[line] if 0 <= line < len(lines) else ""
        return types.Position(line=max(line, 0), character=utf16_column(text, max(column, 0)))
    return types.Range(start=position(start), end=position(end))


def _place_location(snapshot: Snapshot, place: Place) -> types.Location:
    lines = (snapshot.text(place.path) or "").split("\n")
    return types.Location(uri=from_fs_path(str(place.path)), range=_range(lines, place.start, place.end))


server = ArgmapServer()


def guarded(handler):
    """Run a handler; on any failure log it and answer None (the client sees "no result")."""
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except Exception:                                   # noqa: BLE001
            log.exception("argmap: %s failed", handler.__name__)
            return None
    return wrapper


def _at(params) -> tuple[Path, Snapshot, list[str], int, int] | None:
    path = _path(params.text_document.uri)
    if path is None:
        return None
    document = server.workspace.get_text_document(params.text_document.uri)
    lines = document.source.split("\n")
    line = params.position.line
    text = lines[line] if line < len(lines) else ""
    return path, server.snapshot_for(path), lines, line, character_column(text, params.position.character)


def _scalar_at(params):
    found = _at(params)
    if found is None:
        return None
    path, snapshot, lines, line, column = found
    index = snapshot.index(path)
    scalar = index.at(line, column) if index else None
    return (path, snapshot, lines, scalar) if scalar else None


def _indexed(ls: ArgmapServer, params):
    """The document a request is about, its snapshot, its index and its lines (None when it has no index)."""
    path = _path(params.text_document.uri)
    if path is None:
        return None
    snapshot = ls.snapshot_for(path)
    index = snapshot.index(path)
    if index is None:
        return None
    return path, snapshot, index, (snapshot.text(path) or "").split("\n")


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
    if (path := _path(params.text_document.uri)) is not None:
        ls.refresh(path)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def document_changed(ls: ArgmapServer, params) -> None:
    """A buffer changed, was saved or closed: check again once the typing pauses."""
    if (path := _path(params.text_document.uri)) is not None:
        ls.schedule(path)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@guarded
def definition(ls: ArgmapServer, params: types.DefinitionParams) -> types.Location | None:
    found = _scalar_at(params)
    if not found:
        return None
    path, snapshot, _, scalar = found
    if scalar.key == "source" and not scalar.is_key and scalar.value in snapshot.project.sources:
        source = snapshot.project.sources[scalar.value]
        cited = snapshot.citation(path, scalar)
        line = 0
        if cited and cited[1].locator and cited[1].locator.paragraph <= len(source.paragraphs):
            line = source.paragraphs[cited[1].locator.paragraph - 1].line - 1
        target = path_of_display_name(source.path)
        return types.Location(uri=from_fs_path(str(target)), range=types.Range(
            start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)))
    if scalar.is_key or scalar.key not in (*REFERENCE_KEYS, "id", "argument_id", "resolution"):
        return None
    place = snapshot.definition(scalar.value)
    return _place_location(snapshot, place) if place else None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@guarded
def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location] | None:
    found = _scalar_at(params)
    if not found or found[3].is_key:
        return None
    _, snapshot, _, scalar = found
    places = snapshot.references(scalar.value, params.context.include_declaration)
    return [_place_location(snapshot, p) for p in places] or None


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded
def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
    found = _scalar_at(params)
    if not found:
        return None
    path, snapshot, lines, scalar = found
    text = features.hover_markdown(snapshot, path, scalar)
    if text is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                       range=_range(lines, scalar.start, scalar.end))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "-", ","]))
@guarded
def completion(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = _at(params)
    if not found:
        return None
    path, snapshot, lines, line, column = found
    return types.CompletionList(is_incomplete=False, items=features.completions(snapshot, path, lines, line, column))


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded
def document_symbol(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
    found = _indexed(ls, params)
    if found is None:
        return None
    path, snapshot, _, lines = found
    symbols = features.document_symbols(snapshot.claim_blocks(path))

    def to_utf16(symbol: types.DocumentSymbol) -> types.DocumentSymbol:
        symbol.range = _range(lines, (symbol.range.start.line, symbol.range.start.character),
                              (symbol.range.end.line, symbol.range.end.character))
        symbol.selection_range = _range(lines, (symbol.selection_range.start.line, symbol.selection_range.start.character),
                                        (symbol.selection_range.end.line, symbol.selection_range.end.character))
        symbol.children = [to_utf16(c) for c in symbol.children or []]
        return symbol
    return [to_utf16(s) for s in symbols]


@server.feature(types.WORKSPACE_SYMBOL)
@guarded
def workspace_symbol(ls: ArgmapServer, params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol] | None:
    query = params.query.lower()
    found = []
    for snapshot in ls.snapshots.values():
        for path in snapshot.map_files:
            snapshot.claim_blocks(path)
            index = snapshot.index(path)
            for block in index.all_claims() if index else []:
                if query in block.id.lower() or query in block.text.lower():
                    lines = (snapshot.text(path) or "").split("\n")
                    found.append(types.WorkspaceSymbol(name=block.id, kind=types.SymbolKind.Object,
                                                       container_name=block.text[:80], location=types.Location(
                                                           uri=from_fs_path(str(path)),
                                                           range=_range(lines, block.id_start, block.id_end))))
    return found


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
@guarded
def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams):
    found = _scalar_at(params)
    if not found:
        return None
    path, snapshot, lines, scalar = found
    if scalar.is_key or scalar.value not in snapshot.claim_ids and scalar.value not in snapshot.argument_ids:
        return None
    if snapshot.definition(scalar.value) is None:
        return None
    return _range(lines, scalar.start, scalar.end)


@server.feature(types.TEXT_DOCUMENT_RENAME)
@guarded
def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = _scalar_at(params)
    if not found or found[3].is_key:
        return None
    _, snapshot, _, scalar = found
    problem = features.rename_problem(snapshot, scalar.value, params.new_name)
    if problem:
        raise ValueError(problem)
    changes = {}
    for path, places in features.rename_edits(snapshot, scalar.value, params.new_name).items():
        lines = (snapshot.text(path) or "").split("\n")
        changes[from_fs_path(str(path))] = [types.TextEdit(range=_range(lines, p.start, p.end), new_text=params.new_name)
                                            for p in places]
    return types.WorkspaceEdit(changes=changes)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
@guarded
def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    found = _indexed(ls, params)
    if found is None:
        return None
    path, snapshot, index, lines = found
    uri = params.text_document.uri
    actions = []

    def replace(title: str, scalar, text: str, diagnostic=None) -> types.CodeAction:
        edit = types.TextEdit(range=_range(lines, scalar.start, scalar.end), new_text=text)
        return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                diagnostics=[diagnostic] if diagnostic else None,
                                edit=types.WorkspaceEdit(changes={uri: [edit]}))

    for diagnostic in params.context.diagnostics:
        line = diagnostic.range.start.line
        text = lines[line] if line < len(lines) else ""
        scalar = index.at(line, character_column(text, diagnostic.range.start.character))
        if scalar is None or scalar.is_key:
            continue
        if diagnostic.code == "AM301" and scalar.key == "quote":
            passage = features.closest_original_passage(snapshot, path, scalar)
            if passage:
                actions.append(replace(f"Replace with the closest passage: \u201c{passage[:60]}\u2026\u201d", scalar,
                                       features.yaml_string(passage), diagnostic))
        elif diagnostic.code in ("AM201", "AM202", "AM203"):
            choices = (snapshot.project.sources if diagnostic.code == "AM203" else
                       snapshot.argument_ids if diagnostic.code == "AM202" else snapshot.claim_ids)
            hint = suggest(scalar.value, choices)
            if hint.startswith("did you mean '"):
                better = hint.split("'")[1]
                actions.append(replace(f"Did you mean '{better}'?", scalar, better, diagnostic))
    snapshot.claim_blocks(path)
    block = index.claim_at(params.range.start.line)
    if block is not None and not block.has_citation and snapshot.project.sources:
        cited = Counter(s.value for s in index.scalars if s.key == "source" and not s.is_key
                        and s.value in snapshot.project.sources)
        source = cited.most_common(1)[0][0] if cited else sorted(snapshot.project.sources)[0]   # the file's usual one
        at, text = features.citation_skeleton(block, lines, source)
        actions.append(types.CodeAction(
            title=f"Add a citation to '{block.id}'", kind=types.CodeActionKind.Refactor,
            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=types.Range(
                start=types.Position(line=at, character=0), end=types.Position(line=at, character=0)), new_text=text)]})))
    return actions or None


def run() -> None:
    """Serve over stdin/stdout until the client exits."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server.start_io()
