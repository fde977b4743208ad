"""An incremental check (re-reading only the map items an edit touched) answers exactly as a check from
scratch, through random edits of every kind on the China map, and takes its short way for the edits
it is meant for (reworded claims, changed quotes, added notes)."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.apps.cache import CheckCache
from argmap.apps.cli import main
from argmap.apps.synthetic import write_synthetic_project
from argmap.check.checker import check
from argmap.check.incremental import changed_lines, common_ends, find_edit, layout_offsets
from argmap.diagnostics import render_json
from argmap.load.project import load_project
from tests.conftest import REPO


def _lines(pattern: str, text: str) -> list[re.Match]:
    return list(re.finditer(pattern, text, re.MULTILINE))


def random_edit(rng: random.Random, text: str, original: str) -> str:
    """One edit of a map file's text, as people make them: most reword or re-quote, some change the
    structure, break the YAML, or go back to the file as it was."""
    kind = rng.choices(["reword", "requote", "overreach", "note", "comment", "retarget", "unknown-target",
                        "delete", "duplicate", "unclosed", "revert"], weights=[5, 4, 1, 2, 1, 1, 1, 1, 1, 1, 2])[0]
    if kind == "revert":
        return original
    if kind in ("reword", "overreach", "note"):
        found = rng.choice(_lines(r"^( +)text: (.*)$", text))
        indent, words = found.group(1), found.group(2)
        if kind == "note":
            replacement = f"{indent}text: {words}\n{indent}note: Added while editing."
        else:
            split = words.split(" ")
            split.insert(rng.randrange(len(split) + 1), "always" if kind == "overreach" else "plainly")
            replacement = f"{indent}text: {' '.join(split)}"
        return text[:found.start()] + replacement + text[found.end():]
    if kind == "requote":
        found = rng.choice(_lines(r'quote: "([^"]+)"', text))
        quote = found.group(1)
        spot = rng.randrange(len(quote))
        changed = quote[:spot] + rng.choice(["x", "", " the", quote[spot:spot + 1] * 2]) + quote[spot + 1:]
        return text[:found.start(1)] + changed + text[found.end(1):]
    if kind in ("retarget", "unknown-target"):
        targets = _lines(r"^( +)(supports|attacks): (\S+)$", text)
        if not targets:
            return text
        found = rng.choice(targets)
        ids = re.findall(r"^ +- id: (\S+)$", text, re.MULTILINE)
        target = "no-such-claim" if kind == "unknown-target" else rng.choice(ids)
        return text[:found.start(3)] + target + text[found.end(3):]
    if kind == "comment":
        found = rng.choice(_lines(r"^  - id: .*$", text))
        return text[:found.end()] + "  # checked" + text[found.end():]
    items = _lines(r"^  - ", text)
    index = rng.randrange(len(items))
    start, end = items[index].start(), items[index + 1].start() if index + 1 < len(items) else len(text)
    if kind == "delete":
        return text[:start] + text[end:]
    if kind == "duplicate":
        return text[:end] + text[start:end] + text[end:]
    return text[:end] + '  - id: broken\n    text: "never closed\n' + text[end:]


def china_copy(root: Path) -> dict[Path, str]:
    """The China map and its sources copied under ``root``; each map file's text, by path."""
    shutil.copytree(REPO / "arguments", root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", root / "sources", dirs_exist_ok=True)
    return {f: f.read_text(encoding="utf-8") for f in sorted((root / "arguments").rglob("*.yaml"))}


def edit_at_random(rng: random.Random, originals: dict[Path, str]) -> None:
    """One random edit (:func:`random_edit`) of a map file with items, mostly of its current text."""
    target = rng.choice([f for f, text in originals.items() if "- id:" in text])
    current = target.read_text(encoding="utf-8") if rng.random() < 0.7 else originals[target]
    target.write_text(random_edit(rng, current, originals[target]), encoding="utf-8")


def test_incremental_answers_equal_checks_from_scratch_through_random_edits(project) -> None:
    originals = china_copy(project.root)
    rng = random.Random(7)
    first = load_project(["arguments"])
    CheckCache(["arguments"]).remember(first, check(first))
    short, answers = 0, set()
    for step in range(120):
        edit_at_random(rng, originals)
        cache = CheckCache(["arguments"])
        incremental = cache.recheck()
        loaded = load_project(["arguments"])
        whole = check(loaded)
        answers.add(render_json(whole))
        if incremental is not None:
            short += 1
            assert render_json(incremental) == render_json(whole), step
        else:
            cache.remember(loaded, whole)
    assert short >= 25                   # the short way was taken, often
    assert len(answers) >= 20            # and the edits really changed the answers


def test_the_command_answers_the_same_after_an_edit_with_and_without_the_cache(project) -> None:
    write_synthetic_project(project.root, 300)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "arguments"]).exit_code == 0
    part = project.root / "arguments" / "part-000.yaml"
    text = part.read_text(encoding="utf-8")
    quote = re.search(r'quote: "([^"]+)"', text[len(text) // 2:])
    start = len(text) // 2 + quote.start(1)
    part.write_text(text[:start] + "words the source never printed" + text[start + len(quote.group(1)):],
                    encoding="utf-8")
    assert CheckCache(["arguments"]).recheck() is not None          # the short way
    cached = runner.invoke(main, ["check", "arguments"])
    fresh = runner.invoke(main, ["check", "arguments", "--no-cache"])
    assert (cached.exit_code, cached.output) == (fresh.exit_code, fresh.output)
    assert "AM301" in fresh.output and fresh.exit_code == 1
    line_before = int(re.search(r":(\d+):\d+: AM301", fresh.output)[1])
    text = part.read_text(encoding="utf-8")
    claim = re.search(r"\n  - id: c7\n    text: [^\n]*\n", text)          # a line added inside a claim
    part.write_text(text[:claim.end()] + "    note: every later line moves down.\n" + text[claim.end():],
                    encoding="utf-8")
    assert CheckCache(["arguments"]).recheck() is not None
    cached = runner.invoke(main, ["check", "arguments"])
    fresh = runner.invoke(main, ["check", "arguments", "--no-cache"])
    assert (cached.exit_code, cached.output) == (fresh.exit_code, fresh.output)
    assert int(re.search(r":(\d+):\d+: AM301", fresh.output)[1]) == line_before + 1   # moved down with its claim


def test_a_damaged_state_costs_a_check_from_scratch_not_a_crash(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    loaded = load_project(["arguments"])
    cache = CheckCache(["arguments"])
    cache.remember(loaded, check(loaded))
    pro = project.root / "arguments" / "china-big-tech" / "pro.yaml"
    pro.write_text(pro.read_text(encoding="utf-8").replace("text: ", "text: Plainly, ", 1), encoding="utf-8")
    state, pointer = cache.input.read_text(encoding="utf-8"), cache.state.read_text(encoding="utf-8")
    damaged = [(cache.input, damage) for damage in
               ["", "[]", state[: len(state) // 2], state.replace('"layouts":{', '"layouts":{"x":1,', 1),
                re.sub(r"\[(\d+),(\d+)\]", r"[\2,\1]", state), state.replace('"version":"', '"version":"x', 1)]]
    damaged += [(cache.state, damage) for damage in
                ["", "{}", '{"input": 5}', '{"input": "../../arguments/china-big-tech/pro.yaml"}',
                 '{"input": "input-/etc/passwd"}', '{"input": "input-missing.json"}', pointer[:-3]]]
    for file, damage in damaged:
        file.write_text(damage, encoding="utf-8")
        CheckCache(["arguments"]).recheck()            # any answer or None, never an exception
        fresh = CliRunner().invoke(main, ["check", "arguments", "--no-cache"])
        cached = CliRunner().invoke(main, ["check", "arguments"])
        assert cached.output == fresh.output, damage
        cache.input.write_text(state, encoding="utf-8")
        cache.state.write_text(pointer, encoding="utf-8")
        pro.write_text(pro.read_text(encoding="utf-8").replace("text: Plainly, ", "text: Plainly, plainly, ", 1),
                       encoding="utf-8")


def test_after_an_undone_edit_the_next_edit_is_checked_against_the_text_undone_to(project) -> None:
    """An edit, then its undo (answered at once from the cache), then an edit elsewhere: the last is
    checked from the state of the undone text, as the one item it touched, not as everything between
    the two edits; in the command line's check and in the build's checked project alike."""
    write_synthetic_project(project.root, 300)
    part = project.root / "arguments" / "part-000.yaml"
    original = part.read_bytes()
    for checked in (lambda: CliRunner().invoke(main, ["check", "arguments"]), lambda: CheckCache(["arguments"]).checked()):
        part.write_bytes(original)
        checked()
        part.write_bytes(original.replace(b"Claim 3 says", b"Claim 3 now says"))
        checked()
        part.write_bytes(original)
        checked()                                                  # met again: answered from the cache
        part.write_bytes(original.replace(b"Claim 280 says", b"Claim 280 now says"))
        cache = CheckCache(["arguments"])
        for pointer in (cache.state, cache.base):                  # what check and the patch start from
            found = cache._rechecked(pointer)
            assert found is not None and len(found[2].after.items) == 1
        assert render_json(cache.recheck()) == render_json(check(load_project(["arguments"])))


def _same_answer_after(project, edit) -> tuple[list | None, list]:
    """Check, apply ``edit`` to the map's text, and compare the cache's answer with one from scratch."""
    part = project.root / "arguments" / "part-000.yaml"
    loaded = load_project(["arguments"])
    CheckCache(["arguments"]).remember(loaded, check(loaded))
    part.write_bytes(edit(part.read_bytes()))
    cache = CheckCache(["arguments"])
    incremental = cache.recheck()
    whole = check(load_project(["arguments"]))
    assert incremental is None or render_json(incremental) == render_json(whole)
    return incremental, whole


def test_a_key_added_at_the_left_margin_below_the_last_list_is_no_item(project) -> None:
    write_synthetic_project(project.root, 30)                      # its last list is 'arguments'
    for added in (b"title: twice\n", b"map: another\n", b"left_out: []\n"):
        incremental, whole = _same_answer_after(project, lambda data, added=added: data + added)
        assert incremental is None, added


def test_line_breaks_other_than_newline_take_the_whole_way_and_crlf_the_short_one(project) -> None:
    write_synthetic_project(project.root, 30)
    part = project.root / "arguments" / "part-000.yaml"
    part.write_bytes(part.read_bytes().replace(b"Claim 5 says", "Claim 5\u2028says".encode()))
    incremental, _ = _same_answer_after(project, lambda data: data.replace(b"Claim 7 says", b"Claim 7 now says"))
    assert incremental is None
    part.write_bytes(part.read_bytes().replace("\u2028".encode(), b" ").replace(b"\n", b"\r\n"))
    incremental, whole = _same_answer_after(project, lambda data: data.replace(b'outcome 56"', b'outcome 57"'))
    assert incremental is not None and any(d.code == "AM301" for d in whole)


def test_where_texts_differ_is_found_exactly_whatever_their_length() -> None:
    rng = random.Random(5)
    for length in (10, 4095, 4096, 4097, 6000, 9000, 20000):
        old = "".join(rng.choice("ab\n ") for _ in range(length))
        for _ in range(20):
            new = list(old)
            for spot in rng.sample(range(length), 2):              # two changes, far apart or not
                new[spot] = "x"
            new = "".join(new)
            prefix, suffix = common_ends(old, new)
            first = next(i for i in range(length) if old[i] != new[i])
            last = max(i for i in range(length) if old[i] != new[i])
            assert (prefix, suffix) == (first, length - 1 - last), length


def test_an_edit_is_placed_in_the_items_it_touches() -> None:
    old = "map: m\nclaims:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\narguments: []\n"
    new = old.replace("B.", "B, reworded.")
    layout = layout_offsets(old, {"claims": ([(2, 4), (4, 4)], (6, 0))})
    assert common_ends(old, new) == (old.index("B.") + 1, len(old) - old.index(".\narg"))
    edit = find_edit(old, new, layout)
    assert (edit.key, edit.first, edit.stop) == ("claims", 1, 2)
    assert (edit.old, edit.new) == ("  - id: b\n    text: B.\n", "  - id: b\n    text: B, reworded.\n")
    assert find_edit(old, old.replace("map: m", "map: n"), layout) is None      # the header is not an item


_LINES = st.lists(st.sampled_from(["", "  - id: a", "    text: A.", "    note: n", "x", "\r"]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(before=_LINES, removed=_LINES, added=_LINES, after=_LINES)
def test_changed_lines_cover_every_change_and_only_whole_lines(before, removed, added, after) -> None:
    """Whatever lines replace whatever others: the texts agree outside the change, the change starts and
    ends at line starts, and every later old line is found again ``shift`` lines further on."""
    old = "\n".join(before + removed + after)
    new = "\n".join(before + added + after)
    change = changed_lines(old, new)
    assert old[:change.start] == new[:change.start]
    assert old[change.old_end:] == new[change.new_end:]
    assert change.start == 0 or old[change.start - 1] == "\n"
    old_lines, new_lines = old.split("\n"), new.split("\n")
    for line in range(len(old_lines)):
        moved = change.moved(line)
        if moved is not None:
            assert new_lines[moved] == old_lines[line], (line, moved)
