"""Stage 4, render: what people read: Graphviz diagrams, debate briefs (Markdown, HTML, Word)."""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Callable

#: The formats argmap renders diagrams in (kept here so the CLI can offer them without importing Graphviz).
DIAGRAM_FORMATS = ("dot", "svg", "png", "pdf")

#: ``made(digest, make)``: the piece kept under ``digest``, else ``make()``'s (apps.fragments.FragmentStore).
#: What renderers take to keep pieces between runs: brief parts, cards, diagram lines.
Made = Callable[[str, Callable[[], object]], object]


def kept_texts(made: Made, digest: str, make: Callable[[], list[str]]) -> list[str]:
    """The list of texts ``made`` keeps under ``digest``, else ``make()``'s; a kept value of another shape
    (a damaged or planted store) is made again.

    >>> kept_texts(lambda digest, make: ["kept"], "d", lambda: ["made"]), kept_texts(lambda d, m: [3], "d", lambda: ["made"])
    (['kept'], ['made'])
    """
    value = made(digest, make)
    return value if isinstance(value, list) and all(isinstance(item, str) for item in value) else make()


@functools.cache
def code_digest(modules: tuple[str, ...], distributions: tuple[str, ...] = ()) -> str:
    """A digest of argmap's version, the text of ``modules`` (paths inside the argmap package) and the
    versions of the installed ``distributions``: part of every kept piece's name, so a change to the
    code that makes a piece keeps nothing made the old way."""
    from importlib.metadata import version

    from argmap import __version__

    package = Path(__file__).parents[1]
    digest = hashlib.sha256(__version__.encode())
    for name in distributions:
        digest.update(f"{name} {version(name)}\n".encode())
    for module in modules:
        digest.update((package / module).read_bytes())
    return digest.hexdigest()
