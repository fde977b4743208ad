"""``argmap import``: the maps people already have (AIF/OVA, Argdown, Kialo, arg-microtexts, SADFace)
as checked argmap projects.

The format is detected from the content (or given); the reader in :mod:`argmap.formats` builds an
:class:`~argmap.formats.imported.ImportedMap`; this module writes its map and sources into a
project folder (never over an existing file unless forced), then the caller runs the checker on
what was written. Argdown is read through the real Argdown CLI (``argdown json``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from argmap.apps.output import OutputError, write_atomic
from argmap.apps.scaffold import source_document
from argmap.diagnostics import Diagnostic, Location
from argmap.formats.aif import read_aif
from argmap.formats.argdown import read_argdown
from argmap.formats.imported import ImportedMap, ImportProblem, choose_resolution, map_yaml
from argmap.formats.kialo import read_kialo
from argmap.formats.microtexts import read_microtext
from argmap.formats.sadface import read_sadface
from argmap.load.yamlio import read_text

FORMATS = ("aif", "argdown", "kialo", "microtexts", "sadface")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ARGDOWN_ERROR = re.compile(r"At (\d+):(\d+)\s*\n(.+)")


@dataclass
class Imported:
    """One imported file: its map, and the files written for it."""

    map: ImportedMap
    written: list[Path]


def detect_format(path: Path, text: str) -> str | None:
    """The format of a file from its content (and, for Argdown, its name); None when it is none of them."""
    stripped = text.lstrip("\ufeff \n\r\t")
    if path.suffix == ".argdown":
        return "argdown"
    if stripped.startswith("Discussion Title:"):
        return "kialo"
    if stripped.startswith("<") and "<arggraph" in stripped[:500]:
        return "microtexts"
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            return "json"               # JSON, but broken: the reader reports where
        nodes = data.get("nodes") if isinstance(data, dict) else None
        nodes = nodes[:5] if isinstance(nodes, list) else []
        if isinstance(data, dict) and ("AIF" in data or any(isinstance(n, dict) and "nodeID" in n for n in nodes)):
            return "aif"
        if any(isinstance(n, dict) and n.get("type") in ("atom", "scheme") for n in nodes):
            return "sadface"
    return None


def argdown_cli() -> str | None:
    """The Argdown CLI: $ARGMAP_ARGDOWN, ``argdown`` on the PATH, or the one the set-up installs."""
    candidates = [os.environ.get("ARGMAP_ARGDOWN"), shutil.which("argdown"),
                  str(Path(__file__).resolve().parents[2] / "tools" / "argdown" / "node_modules" / ".bin" / "argdown")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def parse_argdown(path: Path) -> dict:
    """The Argdown CLI's JSON for a document; its syntax errors become an ImportProblem with their place."""
    cli = argdown_cli()
    if cli is None:
        raise ImportProblem("the Argdown CLI is not installed: run scripts/setup, or 'npm install -g @argdown/cli'")
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as folder:
        result = subprocess.run([cli, "json", str(path.resolve()), folder], capture_output=True, text=True,
                                timeout=300)
        output = _ANSI.sub("", result.stdout + result.stderr)
        if match := _ARGDOWN_ERROR.search(output):
            raise ImportProblem(f"Argdown syntax error: {match.group(3).strip()}", int(match.group(1)), int(match.group(2)))
        produced = list(Path(folder).glob("*.json"))
        if result.returncode != 0 or not produced:
            raise ImportProblem(f"the Argdown CLI failed: {output.strip()[:300] or 'no output'}")
        return json.loads(produced[0].read_text(encoding="utf-8"))


def read_file(path: Path, wanted_format: str | None = None) -> ImportedMap:
    """Read one file in its format; raises ImportProblem (with a place) when it cannot be imported."""
    text, problems = read_text(path, str(path), "article", confine=False)
    if text is None:
        raise ImportProblem(problems[0].message)
    found = wanted_format or detect_format(path, text)
    name = path.stem
    if found is None:
        raise ImportProblem("not a format argmap imports: give AIF/OVA or SADFace JSON, an .argdown file, a Kialo "
                           "text export or an arg-microtexts .xml (or say which with --from)")
    if found in ("aif", "sadface", "json"):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise ImportProblem(f"broken JSON: {error.msg}", error.lineno, error.colno) from error
        if found == "json":
            raise ImportProblem("JSON, but neither AIF (nodes with 'nodeID') nor SADFace (atom and scheme nodes)")
        return read_aif(data, name) if found == "aif" else read_sadface(data, name)
    if found == "kialo":
        return read_kialo(text, name)
    if found == "microtexts":
        text_file = path.with_suffix(".txt")
        if not text_file.is_file():
            raise ImportProblem(f"the microtext's text {text_file.name} is not beside it")
        return read_microtext(text, text_file.read_text(encoding="utf-8"), name)
    return read_argdown(parse_argdown(path), name)


def import_file(path: Path, out: Path, wanted_format: str | None = None, map_id: str | None = None,
                resolution: str = "", force: bool = False) -> Imported:
    """Import one file into the project folder ``out``: ``arguments/<map>.yaml`` and its sources."""
    imported = read_file(path, wanted_format)
    if not imported.claims:
        raise ImportProblem("the file holds no claims")
    if map_id:
        imported.id = map_id
    choose_resolution(imported, resolution)
    files = {out / "arguments" / f"{imported.id}.yaml": map_yaml(imported).encode("utf-8")}
    for source in imported.sources:
        metadata = {"id": source.id, "title": source.title, **source.metadata}
        files[out / "sources" / f"{source.id}.md"] = source_document(source.text, metadata).encode("utf-8")
    for target in files:
        if target.exists() and not force:
            raise OutputError(f"{target} already exists; argmap import never overwrites it (add --force to replace)")
    (out / "sources").mkdir(parents=True, exist_ok=True)
    for target, data in files.items():
        write_atomic(target, data)
    return Imported(imported, list(files))


def import_problem(path: Path, error: ImportProblem) -> Diagnostic:
    """An import failure as a located diagnostic."""
    return Diagnostic("AM601", Location(str(path), error.line, error.column), str(error),
                      "fix the file in the tool that wrote it, or say its format with --from")
