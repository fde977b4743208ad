"""Start a project and add sources: ``argmap init`` and ``argmap add-source``.

``init`` writes a starter map that passes ``argmap check``, the JSON Schema for editor completion,
and an empty ``sources/``. ``add-source`` wraps an article's text, unchanged, in the front matter
debate evidence rules ask for. Neither ever overwrites a file.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from argmap.load.map_file import ID_PATTERN
from argmap.apps.output import OutputError, write_atomic
from argmap.load.sources import SOURCE_KEYS, SOURCE_KINDS, split_paragraphs, split_text_paragraphs

STARTER_MAP = """# yaml-language-server: $schema=../argmap.schema.json
# A starter map: replace the texts, add claims, and cite your sources (docs/format.md in argmap
# explains every key). Check it with: argmap check
map: {map_id}
title: {title}
resolution: Write here the proposition the debate is about.
claims:
  - id: first-reason
    text: A reason for the resolution, in your own words.
    supports: resolution
    implicit: true       # an unstated assumption; replace this line with a citation:
    # cite:
    #   source: my-article            # the id of a file in sources/
    #   quote: "the article's exact words"
  - text: An objection to that reason.
    attacks: first-reason
    implicit: true
"""


#: What a new project keeps out of git: argmap's cache of derived data (safe to delete, rebuilt on demand).
GITIGNORE = ".argmap-cache/\n"


def schema_bytes() -> bytes:
    """The JSON schema of argmap maps, which a project carries for editors (``argmap.schema.json``)."""
    return resources.files("argmap").joinpath("schema/argmap.schema.json").read_bytes()


def _create(path: Path, data: bytes) -> None:
    if path.exists():
        raise OutputError(f"{path} already exists; argmap never overwrites it (move it away or pick another name)")
    write_atomic(path, data)


def init_project(folder: Path, map_id: str = "my-debate", title: str = "My debate") -> list[Path]:
    """Create ``sources/``, ``arguments/<map_id>.yaml``, ``argmap.schema.json`` and (unless there is one)
    a ``.gitignore`` that keeps ``.argmap-cache/`` out of git, under ``folder``."""
    if not ID_PATTERN.match(map_id):
        raise OutputError(f"'{map_id}' is not a valid map id: use lowercase letters, digits and '-'")
    created = [folder / "arguments" / f"{map_id}.yaml", folder / "argmap.schema.json"]
    for path in created:
        if path.exists():
            raise OutputError(f"{path} already exists; argmap never overwrites it")
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    _create(created[0], STARTER_MAP.format(map_id=map_id, title=json.dumps(title)).encode("utf-8"))
    _create(created[1], schema_bytes())
    if not (folder / ".gitignore").exists():           # argmap's cache never belongs in the project's history
        _create(folder / ".gitignore", GITIGNORE.encode("utf-8"))
        created.append(folder / ".gitignore")
    return [folder / "sources", *created]


def source_document(text: str, metadata: dict[str, str]) -> str:
    """A source file: front matter with every evidence field (empty where unknown), then ``text`` unchanged.

    >>> print(source_document("Body.\\n", {"id": "a", "title": "T: a title"}).split("---")[1].strip())
    id: "a"
    title: "T: a title"
    publisher:
    author:
    author_qualifications:
    date:
    url:
    accessed:
    kind:
    language:
    note:
    extracted:
    """
    lines = ["---"]
    for key in SOURCE_KEYS:
        if key == "pages":
            if metadata.get("pages"):
                lines.append(f"pages: {json.dumps(metadata['pages'])}")
            continue
        value = metadata.get(key) or ""
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}" if value else f"{key}:")
    return "\n".join(lines) + "\n---\n" + text


def add_source(text: str, metadata: dict[str, str], folder: Path, markdown: bool = False) -> tuple[Path, int]:
    """Write ``<folder>/<id>.txt`` for an article (``.md`` when it is Markdown); returns its path and
    its number of paragraphs."""
    source_id = metadata.get("id", "")
    if not ID_PATTERN.match(source_id):
        raise OutputError(f"'{source_id}' is not a valid source id: use lowercase letters, digits and '-'")
    if not metadata.get("title"):
        raise OutputError("a source needs a title: the document states none, so give --title")
    if metadata.get("kind") and metadata["kind"] not in SOURCE_KINDS:
        raise OutputError(f"unknown kind '{metadata['kind']}': use one of {', '.join(SOURCE_KINDS)}")
    path = folder / f"{source_id}.{'md' if markdown else 'txt'}"
    _create(path, source_document(text, metadata).encode("utf-8"))
    return path, len((split_paragraphs if markdown else split_text_paragraphs)(text))
