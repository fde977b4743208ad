"""The fragment store: pieces kept by digest between builds, nothing else kept, damage costs a remake."""
from __future__ import annotations

from pathlib import Path

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
