"""``argmap lsp`` driven as an editor drives it: the real server process over stdio, spoken to through the
protocol by pytest-lsp's client, on the China map (buffers are changed in the editor, never on disk)."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.conftest import REPO

ARGMAP = str(Path(sys.executable).parent / "argmap")
CON = REPO / "arguments" / "china-big-tech" / "con.yaml"
PRO = REPO / "arguments" / "china-big-tech" / "pro.yaml"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[ARGMAP, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=REPO.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=REPO.as_uri(), name="argmap")]))
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="yaml", version=version, text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def change_document(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def diagnostics_until(client: LanguageClient, uri: str, predicate, timeout: float = 10) -> list[types.Diagnostic]:
    """Wait for the server to publish diagnostics for ``uri`` that satisfy ``predicate``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        found = client.diagnostics.get(uri)
        if found is not None and predicate(found):
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"no such diagnostics for {uri}: {client.diagnostics.get(uri)}")


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    before = text[:text.index(needle) + offset]
    return types.Position(line=before.count("\n"), character=len(before) - before.rfind("\n") - 1)


BROKEN = ("attacks: resolution", "attacks: resolutoin"), (
    "quote: \"China's Large Tech crackdown is not a model for the U.S.\"",
    "quote: \"China's Big Tech crackdown is a model for the U.S.\"")


@pytest.mark.asyncio
async def test_diagnostics_with_ranges_then_cleared_by_a_fix(client: LanguageClient):
    good = CON.read_text(encoding="utf-8")
    broken = good
    for old, new in BROKEN:
        broken = broken.replace(old, new, 1)
    uri = open_document(client, CON, broken)
    found = await diagnostics_until(client, uri, lambda d: {x.code for x in d} >= {"AM201", "AM301"})
    unknown = next(d for d in found if d.code == "AM201")
    start = position_of(broken, "resolutoin")
    assert (unknown.range.start, unknown.range.end.character) == (start, start.character + len("resolutoin"))
    assert "did you mean 'resolution'" in unknown.message
    misquote = next(d for d in found if d.code == "AM301")
    assert misquote.range.start == position_of(broken, "\"China's Big Tech crackdown is a model")
    assert "closest passage" in misquote.message and "not a model" in misquote.message
    change_document(client, uri, good, 2)
    await diagnostics_until(client, uri, lambda d: len(d) == 0)


@pytest.mark.asyncio
async def test_definition_references_and_rename_across_files(client: LanguageClient):
    text = CON.read_text(encoding="utf-8")
    uri = open_document(client, CON)
    await diagnostics_until(client, uri, lambda d: True)
    # 'stated-aim-arg' is undercut in con.yaml and defined in pro.yaml
    at = position_of(text, "undercuts: stated-aim-arg", len("undercuts: "))
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at))
    assert found.uri == PRO.as_uri()
    pro = PRO.read_text(encoding="utf-8")
    assert found.range.start == position_of(pro, "argument_id: stated-aim-arg", len("argument_id: "))
    claim_at = position_of(text, "- id: not-a-model-us", len("- id: "))
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=claim_at,
        context=types.ReferenceContext(include_declaration=True)))
    assert len(refs) >= 2 and {r.uri for r in refs} >= {uri}
    # rename a claim used in both files
    target = "converging"
    assert f"id: {target}" in pro and f": {target}" in text
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, f": {target}", 2),
        new_name="converging-renamed"))
    assert set(edit.changes) == {CON.as_uri(), PRO.as_uri()}
    assert all(e.new_text == "converging-renamed" for edits in edit.changes.values() for e in edits)
    total = sum(len(edits) for edits in edit.changes.values())
    assert total == (pro + text).count(f": {target}\n") + (pro + text).count(f" {target},") + (pro + text).count(f" {target}]")


@pytest.mark.asyncio
async def test_source_definition_opens_the_cited_paragraph(client: LanguageClient):
    text = CON.read_text(encoding="utf-8")
    uri = open_document(client, CON)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position_of(text, "source: crackdown-not-a-model", len("source: "))))
    assert found.uri.endswith("sources/crackdown-not-a-model.md")
    source_lines = Path(found.uri[len("file://"):]).read_text(encoding="utf-8").split("\n")
    assert "not a model" in source_lines[found.range.start.line]


@pytest.mark.asyncio
async def test_completion_of_ids_sources_schemes_questions_and_keys(client: LanguageClient):
    text = CON.read_text(encoding="utf-8")
    uri = open_document(client, CON)

    async def labels(edited: str, needle: str) -> set[str]:
        change_document(client, uri, edited, 2)
        result = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(edited, needle, len(needle))))
        return {item.label for item in result.items}

    assert {"resolution", "not-a-model-us"} <= await labels(text.replace("attacks: resolution", "attacks: ", 1), "attacks: ")
    assert "crackdown-not-a-model" in await labels(text.replace("source: crackdown-not-a-model", "source: ", 1), "source: ")
    assert "expert-opinion" in await labels(text.replace("scheme: negative-consequences", "scheme: ", 1), "scheme: ")
    questions = await labels(text.replace("answers: other-causes", "answers: ", 1), "answers: ")
    assert "other-causes" in questions
    keys = await labels(text.replace("    note: >-\n", "    no\n    note: >-\n", 1), "    no")
    assert {"text", "supports", "cite", "scheme"} <= keys and "title" not in keys


@pytest.mark.asyncio
async def test_hover_on_a_claim_a_quote_and_a_scheme(client: LanguageClient):
    text = CON.read_text(encoding="utf-8")
    uri = open_document(client, CON)
    await diagnostics_until(client, uri, lambda d: True)

    async def hover(needle: str, offset: int) -> str:
        found = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, offset)))
        return found.contents.value

    claim = await hover("attacks: resolution", len("attacks: "))
    assert "side: resolution" in claim and "label: OUT" in claim and "strength: 0.51" in claim
    quote = await hover("quote: \"China's Large Tech", len("quote: ") + 3)
    assert "Verified in" in quote and "**China\u2019s Large Tech crackdown is not a model for the U.S.**" in quote
    scheme = await hover("scheme: negative-consequences", len("scheme: "))
    assert "Critical questions" in scheme


@pytest.mark.asyncio
async def test_code_actions_fix_a_misquote_a_typo_and_add_a_citation(client: LanguageClient):
    broken = CON.read_text(encoding="utf-8")
    for old, new in BROKEN:
        broken = broken.replace(old, new, 1)
    uri = open_document(client, CON, broken)
    found = await diagnostics_until(client, uri, lambda d: {x.code for x in d} >= {"AM201", "AM301"})
    for code, wanted in (("AM301", "\u201cChina\u2019s Large Tech crackdown is not a model"), ("AM201", "resolution")):
        diagnostic = next(d for d in found if d.code == code)
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic])))
        fix = next(a for a in actions if a.diagnostics)
        new_text = fix.edit.changes[uri][0].new_text
        assert new_text.strip('"').startswith(wanted.strip("\u201c")) or wanted in new_text, new_text
    # apply the quote fix: the misquote is gone
    quote_fix = next(a for a in await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=next(d for d in found if d.code == "AM301").range,
        context=types.CodeActionContext(diagnostics=[next(d for d in found if d.code == "AM301")]))) if a.diagnostics)
    edit = quote_fix.edit.changes[uri][0]
    lines = broken.split("\n")
    line = lines[edit.range.start.line]
    lines[edit.range.start.line] = line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:]
    change_document(client, uri, "\n".join(lines), 2)
    await diagnostics_until(client, uri, lambda d: "AM301" not in {x.code for x in d})
    # a claim without a citation gets a skeleton
    uncited = broken.replace("  - id: not-a-model-us\n", "  - id: fresh-claim\n    text: A new claim.\n    attacks: resolution\n\n  - id: not-a-model-us\n", 1)
    change_document(client, uri, uncited, 3)
    await asyncio.sleep(0.3)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=position_of(uncited, "fresh-claim"), end=position_of(uncited, "fresh-claim")),
        context=types.CodeActionContext(diagnostics=[])))
    add = next(a for a in actions if a.title.startswith("Add a citation"))
    assert add.edit.changes[uri][0].new_text == "    cite:\n      source: crackdown-not-a-model\n      quote: \"\"\n"


@pytest.mark.asyncio
async def test_symbols_outline_nested_as_in_the_file(client: LanguageClient):
    uri = open_document(client, CON)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    first = symbols[0]
    assert first.name == "not-a-model-us" and [c.name for c in first.children] == ["not-a-panacea", "cautionary-tale"]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="wechat"))
    assert [s.name for s in found] == ["many-wechat-users-have-gone-to"]


@pytest.mark.asyncio
async def test_garbage_never_stops_the_server(client: LanguageClient, tmp_path):
    uri = open_document(client, CON, "\x00\x01 not: [yaml: {")
    await diagnostics_until(client, uri, lambda d: any(x.code in ("AM005", "AM002") or "control" in x.message
                                                          for x in d))
    change_document(client, uri, "claims:\n  - id: half\n    text: \"unterminated", 2)
    change_document(client, uri, "x" * (5 * 1024 * 1024), 3)
    await diagnostics_until(client, uri, lambda d: any(x.code == "AM004" for x in d))
    outside = tmp_path / "loose.yaml"
    outside.write_text("map: loose\nresolution: R.\nclaims:\n  - id: a\n    text: A.\n    supports: nope\n",
                       encoding="utf-8")
    loose = open_document(client, outside)
    await diagnostics_until(client, loose, lambda d: any(x.code == "AM201" for x in d))
    # a request the server cannot serve (a position far outside the text) gets no answer, not a crash
    found = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=10_000, character=5)))
    assert found is None
    change_document(client, uri, CON.read_text(encoding="utf-8"), 4)
    await diagnostics_until(client, uri, lambda d: len(d) == 0)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert symbols[0].name == "not-a-model-us"
