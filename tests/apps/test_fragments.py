"""The fragment store: pieces kept by digest between builds, nothing else kept, damage costs a remake."""
from __future__ import annotations

from pathlib import Path

import pytest

from argmap.apps.fragments import FragmentStore


def test_pieces_are_kept_by_digest_and_only_the_used_ones_survive(tmp_path: Path) -> None:
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text

    store = FragmentStore.for_map(tmp_path, "views", "m")
    assert [store.made("a", make("A")), store.made("b", make("B")), store.made("a", make("X"))] == ["A", "B", "A"]
    store.save()
    again = FragmentStore.for_map(tmp_path, "views", "m")
    assert again.made("a", make("changed")) == "A" and again.made("c", make("C")) == "C"
    assert (again.reused, again.made_count) == (1, 1) and made == ["A", "B", "C"]
    again.save()
    assert FragmentStore.for_map(tmp_path, "views", "m").previous == {"a": "A", "c": "C"}   # b was not used
    assert FragmentStore.for_map(tmp_path, "views", "other map").previous == {}


def test_a_damaged_or_foreign_file_costs_a_remake(tmp_path: Path) -> None:
    store = FragmentStore.for_map(tmp_path, "views", "m")
    for damage in (b"{not json", b"[1, 2]", b'{"a": 3}', b"\xff\xfe"):
        store.path.write_bytes(damage)
        assert FragmentStore.for_map(tmp_path, "views", "m").made("a", lambda: "fresh") == "fresh"
    assert FragmentStore(None).made("a", lambda: "made") == "made"
    FragmentStore(None).save()                     # keeps nothing, writes nothing
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    unwritable = FragmentStore.for_map(tmp_path / "blocked", "views", "m")
    unwritable.made("a", lambda: "A")
    unwritable.save()                              # skipped, not raised


def test_the_pieces_of_a_long_table_survive_a_build_that_kept_it_whole(tmp_path: Path) -> None:
    """A long table's rows are kept in the store as one dict (:func:`argmap.render.markdown_pieces.kept_pieces`),
    saved and read back: after a build that kept the table whole, an edit renders one row again."""
    from unittest import mock

    from argmap.render import markdown_pieces
    from argmap.render.html_page import markdown_to_html

    rows = "".join(f"| Claim {n} | 0.{n:02d} |\n" for n in range(80))
    markdown = f"# Claims\n\ntext\n\n## Stand\n\n| Claim | Strength |\n| --- | ---: |\n{rows}"

    def build(text: str) -> int:
        store = FragmentStore.for_map(tmp_path, "brief.html", "m")
        with mock.patch.object(markdown_pieces, "_row_html", wraps=markdown_pieces._row_html) as rendered:
            assert markdown_to_html(text, "T", store.made) == markdown_to_html(text, "T")
        store.save()
        return rendered.call_count
    assert build(markdown) == 80
    assert build(markdown.replace("text", "other text")) == 0           # the table kept whole
    assert build(markdown.replace("text", "other text").replace("Claim 7 |", "Claim 7 reworded |")) == 1


@pytest.mark.parametrize("kind, name, planted", [
    ("brief.html", "brief.html", ("<h2", "<script>alert(1)</script><h2")),
    # the Word parts' XML goes into document.xml unparsed: a cut tag would break the document
    ("brief.docx", "brief.docx", ("</w:p>", "</w:p><w:p><w:r><w:t>planted</w:t></w:r>"))])
def test_a_piece_planted_in_a_shared_project_never_reaches_the_exports(tmp_path: Path, kind: str, name: str,
                                                                        planted: tuple[str, str]) -> None:
    """Kept pieces are rendered output, so each store is signed with this user's key: a store edited by
    anyone else (here: script put into a kept part of brief.html, or XML cut open in a kept part of
    brief.docx, the signature left as it was) is ignored, and the export is made again, as always."""
    import shutil

    import orjson

    from argmap.apps.build import build_exports
    from tests.conftest import REPO

    for folder in ("arguments", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    build_exports([tmp_path / "arguments"], tmp_path / "out")
    [store] = (tmp_path / ".argmap-cache").glob(f"fragments-{kind}-*.json")
    signature, _, data = store.read_bytes().partition(b"\n")
    pieces = orjson.loads(data)
    before, after = planted
    digest = next(d for d, piece in pieces.items() if before in str(piece))
    pieces[digest] = orjson.loads(orjson.dumps(pieces[digest]).decode().replace(before, after, 1))
    store.write_bytes(signature + b"\n" + orjson.dumps(pieces))
    build_exports([tmp_path / "arguments"], tmp_path / "out")
    made = (tmp_path / "out" / "china-big-tech" / name).read_bytes()
    assert b"<script>" not in made and b"planted" not in made
    assert made == (REPO / "exports" / "china-big-tech" / name).read_bytes()


def test_the_signing_key_is_made_once_for_this_user_only(tmp_path: Path, monkeypatch) -> None:
    from argmap.apps import fragments

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    fragments.signing_key.cache_clear()
    try:
        key = fragments.signing_key()
        path = tmp_path / "home-cache" / "argmap" / "fragments.key"
        assert key is not None and len(key) == 32 and path.read_bytes() == key
        assert path.stat().st_mode & 0o077 == 0                   # no one else can read it
        fragments.signing_key.cache_clear()
        assert fragments.signing_key() == key                      # read back, not made again
        store = FragmentStore(tmp_path / "store.json")
        store.made("a", lambda: "A")
        store.save()
        assert FragmentStore(tmp_path / "store.json").previous == {"a": "A"}
        fragments.signing_key.cache_clear()
        path.write_bytes(bytes(32))                                # another key: the store is not trusted
        assert FragmentStore(tmp_path / "store.json").previous == {}
    finally:
        fragments.signing_key.cache_clear()
