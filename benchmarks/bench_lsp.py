"""Keystroke to diagnostics with ``argmap lsp``: the real server over stdio; each edit of the China map's
con.yaml (breaking, then mending, a claim reference) is timed until the server publishes the new
diagnostics for it. The figure includes the server's debounce (argmap.apps.lsp.server.DEBOUNCE_SECONDS).
Then on synthetic maps of 2,000 and 10,000 claims: a claim reference (a change of structure, checked
whole) and a quote (re-checked alone, argmap.apps.lsp.recheck).

Run: .venv/bin/python benchmarks/bench_lsp.py   (medians of 20 edits, one run)
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap.apps.lsp.server import DEBOUNCE_SECONDS  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ARGMAP = str(Path(sys.executable).parent / "argmap")


async def latency(document: Path, old: str, new: str, code: str = "AM201", edits: int = 20) -> list[float]:
    client = LanguageClient("bench", "1")
    arrived: dict[str, asyncio.Event] = {}
    codes: dict[str, set[str]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        codes[params.uri] = {str(d.code) for d in params.diagnostics}
        if params.uri in arrived:
            arrived[params.uri].set()

    await client.start_io(ARGMAP, "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=document.parent.as_uri()))
    client.initialized(types.InitializedParams())
    uri, good = document.as_uri(), document.read_text(encoding="utf-8")
    bad = good.replace(old, new, 1)
    arrived[uri] = asyncio.Event()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=good)))
    await arrived[uri].wait()
    times = []
    for version in range(2, edits + 2):
        text, wanted = (bad, True) if version % 2 == 0 else (good, False)
        arrived[uri] = asyncio.Event()
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        while True:
            await arrived[uri].wait()
            if (code in codes[uri]) == wanted:
                break
            arrived[uri] = asyncio.Event()
        times.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    print(f"debounce: {DEBOUNCE_SECONDS * 1000:.0f} ms (included below)")
    china = REPO / "arguments" / "china-big-tech" / "con.yaml"
    times = asyncio.run(latency(china, "attacks: resolution", "attacks: resolutoin"))
    print(f"China map (67 claims): keystroke to diagnostics, median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms")
    for claims in (2000, 10_000):
        with tempfile.TemporaryDirectory() as scratch:
            write_synthetic_project(Path(scratch), claims)
            first = sorted((Path(scratch) / "arguments").glob("*.yaml"))[0]
            for what, old, new, code in [("a claim reference (checked whole)", "supports: resolution",
                                          "supports: resolutoin", "AM201"),
                                         ("a quote (re-checked alone)", "measure 1 changed outcome 7",
                                          "measure 1 changed outcome 8", "AM301")]:
                times = asyncio.run(latency(first, old, new, code))
                print(f"synthetic map ({claims:,} claims), {what}: keystroke to diagnostics, median "
                      f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")

if __name__ == "__main__":
    main()
