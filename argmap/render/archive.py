"""Reproducible zip containers (Word and Excel files are zips): fixed entry timestamps, so an unchanged
document gives identical bytes on every machine and every build."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime, timezone

#: The time stamped on every entry and in documents' own properties.
FIXED_TIME = datetime(1980, 1, 1, tzinfo=timezone.utc)


def reproducible_zip(data: bytes, rewrite: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same zip with every entry stamped :data:`FIXED_TIME`, in the same order; ``rewrite`` may change
    an entry's content (given its name), e.g. a date a library writes into the document itself.

    >>> raw = io.BytesIO()
    >>> with zipfile.ZipFile(raw, "w") as z:
    ...     z.writestr("a.txt", "x")
    >>> zipfile.ZipFile(io.BytesIO(reproducible_zip(raw.getvalue()))).infolist()[0].date_time
    (1980, 1, 1, 0, 0, 0)
    """
    fixed = io.BytesIO()
    stamp = FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if rewrite is not None:
                content = rewrite(entry.filename, content)
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()
