"""Which exports a build writes: the groups ``argmap build --only`` (or ``[build] formats`` in the project's
``argmap.toml``) chooses from, and the group each export file belongs to."""
from __future__ import annotations

import tomllib
from pathlib import Path

from argmap.apps.output import OutputError
from argmap.load.files import CONFIG_FILE

#: The manifest of a map folder's rendered images (argmap.apps.renders.RenderCache).
RENDER_MANIFEST = "renders.json"

#: What ``argmap build --only`` (or ``formats`` in the project's argmap.toml) can choose.
EXPORT_GROUPS = ("brief", "diagram", "map", "evaluation", "interchange", "flow", "teaching")


def export_group(name: str) -> str:
    """The group an export file belongs to, by its name within the map's folder.

    >>> [export_group(n) for n in ("brief-pro.docx", "slides/legend.svg", "map.html", "map.argdown", "flow.xlsx")]
    ['brief', 'diagram', 'map', 'interchange', 'flow']
    """
    if name.startswith("brief"):
        return "brief"
    if name.startswith(("diagram.", "diagrams/", "slides/")) or name == RENDER_MANIFEST:
        return "diagram"
    if name == "map.html":
        return "map"
    if name == "evaluation.json":
        return "evaluation"
    if name.startswith("map."):
        return "interchange"
    if name.startswith("flow."):
        return "flow"
    return "teaching"


def configured_groups(root: Path) -> tuple[str, ...] | None:
    """The export groups the project's ``argmap.toml`` asks for (``[build] formats = [...]``), or None."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return None
    try:
        formats = tomllib.loads(path.read_text(encoding="utf-8")).get("build", {}).get("formats")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError) as error:
        raise OutputError(f"{path}: cannot read it ({error}); write [build] formats = [\"brief\", ...]") from error
    if formats is None:
        return None
    if not isinstance(formats, list):
        raise OutputError(f"{path}: [build] formats must be a list, e.g. formats = [\"brief\", \"diagram\"]; "
                          f"choose from {', '.join(EXPORT_GROUPS)}")
    unknown = [f for f in formats if f not in EXPORT_GROUPS]
    if unknown:
        raise OutputError(f"{path}: unknown format(s) {', '.join(map(str, unknown))} in [build] formats; "
                          f"choose from {', '.join(EXPORT_GROUPS)}")
    return tuple(formats)
