"""Escaping for the Markdown argmap writes: text from a map or a source is shown, never read as markup."""
from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~=#!])")
_SPACES = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """Backslash-escape characters that Markdown (or ``==mark==``) would read as markup; folds newlines.

    >>> escape_markdown("a *b*  [c] == d ")
    'a \\\\*b\\\\* \\\\[c\\\\] \\\\=\\\\= d '
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))
