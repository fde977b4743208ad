"""Which files make a project: map and source suffixes, the schemes file, and the project root.

Standard library only, so the CLI's cache and output guards can ask without loading the pipeline.
"""
from __future__ import annotations

import os
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")
#: Source files: Markdown (paragraphs are its blocks) and plain text (paragraphs split on blank lines only).
SOURCE_SUFFIXES = (".md", ".txt")
#: A project's own argumentation schemes, beside its sources/ folder.
SCHEMES_FILE = "argmap-schemes.yaml"
#: A project's settings (TOML, so it is never taken for a map): ``[build] formats = ["brief", ...]``.
CONFIG_FILE = "argmap.toml"


def find_project_root(path: Path, follow_links: bool = True) -> Path:
    """The nearest folder at or above ``path`` (a folder, or a file's folder) that has a ``sources/``
    folder, else that folder. ``follow_links=False`` walks the path as written, so a symbolic link is
    judged by where it stands, not where it leads.

    >>> find_project_root(Path("/"))
    PosixPath('/')
    """
    start = path.resolve() if follow_links else Path(os.path.abspath(path))
    start = start if start.is_dir() else start.parent
    for folder in (start, *start.parents):
        if (folder / "sources").is_dir():
            return folder
    return start
