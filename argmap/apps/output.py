"""Write outputs atomically and only when their content changed.

A reader never sees a half-written file: data goes to a temporary file in the same folder, which
then replaces the target in one ``os.replace``. An unchanged file is left alone, so its timestamp
and git's view of it stay quiet.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.load.files import SCHEMES_FILE, find_project_root

if TYPE_CHECKING:
    from argmap.load.project import Project

#: Files a project may hold beside its maps and sources that argmap reads or editors read (the schema).
PROJECT_INPUTS = (SCHEMES_FILE, "argmap.schema.json")


class OutputError(Exception):
    """An output could not be written; the message names the path and what to do."""


def same_file(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file holding exactly ``data`` (its size is compared first)."""
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; returns False (and writes nothing) when it is unchanged."""
    try:
        if same_file(path, data):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        reason = f"'{blocker}' is a file, not a folder" if blocker else (error.strerror or str(error))
        raise OutputError(f"cannot write {path}: {reason}; check that the folder exists "
                          "and is writable, or choose another output with -o/--out") from error
    return True


@dataclass
class Inputs:
    """What a command read: its files (maps, sources, schemes, schema) and its input folders (the
    folders named on the command line and each project's ``sources/``). Outputs may touch neither."""

    files: set[Path] = field(default_factory=set)
    folders: set[Path] = field(default_factory=set)

    def add_project(self, project: Project, paths: list[str | Path] | None = None) -> None:
        """Record everything ``project`` was loaded from (``paths``: what the command was given)."""
        names = [name for m in project.maps.values() for name in m.files] + [s.path for s in project.sources.values()]
        for name in names:
            resolved = Path(name).resolve()
            self.files.add(resolved)
            root = find_project_root(resolved)
            self.files.update(root / extra for extra in PROJECT_INPUTS)
            if (root / "sources").is_dir():
                self.folders.add((root / "sources").resolve())
        for given in paths or ["arguments"]:
            if Path(given).is_dir():
                self.folders.add(Path(given).resolve())

    def conflict(self, path: Path) -> str:
        """Why writing ``path`` would touch an input ('' when it would not)."""
        resolved = path.resolve()
        if resolved in self.files:
            return f"{path} is one of this command's inputs"
        inside = next((f for f in sorted(self.folders) if resolved == f or resolved.is_relative_to(f)), None)
        return f"{path} is inside the input folder {inside}" if inside else ""


def check_output(path: Path, inputs: Inputs, force: bool = False) -> None:
    """Raise OutputError when an output would overwrite an input or land among them (unless forced)."""
    if not force and (reason := inputs.conflict(path)):
        raise OutputError(f"refusing to write: {reason}; choose another output path (or add --force to "
                          "overwrite it anyway)")
