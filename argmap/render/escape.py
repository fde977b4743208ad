"""Escaping for the Markdown argmap writes: text from a map or a source is shown, never read as markup."""
from __future__ import annotations

import functools
import re

from argmap.load.yamlio import CONTROL_CHARACTERS

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~=#!&])")
_SPACES = re.compile(r"\s+")
#: A list marker where the text starts would begin a list inside the block the text is placed in.
_LEADING_MARKER = re.compile(r"^(\s*)([-+]|\d+(?=[.)]))")
#: Anything the three rewrites below would change: most texts have none and are returned as they are
#: after one search instead of four substitutions (a 10,000-claim build escapes 34,000 texts).
_CHANGED_BY_ESCAPING = re.compile("|".join((_MARKDOWN_SPECIAL.pattern, r"[^\S ]|  ", _LEADING_MARKER.pattern,
                                            CONTROL_CHARACTERS.pattern)))


@functools.lru_cache(maxsize=1 << 16)       # a brief escapes each claim's text many times
def escape_markdown(text: str) -> str:
    """Backslash-escape characters that Markdown (or ``==mark==``) would read as markup, entities
    included, and a list marker at the start; folds newlines.

    >>> escape_markdown("a *b*  [c] == d ")
    'a \\\\*b\\\\* \\\\[c\\\\] \\\\=\\\\= d '
    >>> escape_markdown("1. &amp; - x"), escape_markdown("- y")
    ('1\\\\. \\\\&amp; - x', '\\\\- y')
    """
    if not _CHANGED_BY_ESCAPING.search(text):
        return text
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", CONTROL_CHARACTERS.sub("", text)))
    return _LEADING_MARKER.sub(_escape_marker, escaped, count=1)


def _escape_marker(match: re.Match) -> str:
    """'- x' -> '\\- x'; '1. x' -> '1\\. x' (the backslash goes before the punctuation)."""
    indent, marker = match.groups()
    return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"
