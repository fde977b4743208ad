"""JSON as every argmap output writes it: indented by two spaces, UTF-8 (no ``\\u`` escapes).

orjson writes it: the standard library's encoder falls back to pure Python as soon as output is
indented, which took 4 s of a 100,000-claim ``argmap evaluate --format json`` (orjson: 0.2 s).
Output is the same as ``json.dumps(data, indent=2, ensure_ascii=False)`` but for numbers below
1e-4, which it writes as ``1e-6``, not ``1e-06`` (the same number to every JSON reader).
"""
from __future__ import annotations

import orjson


def json_text(data: object) -> str:
    """``data`` as indented JSON text (dict keys that are not text, e.g. numbers, become text).

    >>> print(json_text({"claim": "é", "strength": 0.5, 3: [1, 2]}))
    {
      "claim": "é",
      "strength": 0.5,
      "3": [
        1,
        2
      ]
    }
    """
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode("utf-8")
