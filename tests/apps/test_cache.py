"""The check cache gives the same answers as checking from scratch, through random edits of a real
project (claims, quotes, sources, added and removed files), and its second run reads nothing else."""
from __future__ import annotations

import random
import shutil

from click.testing import CliRunner

from argmap.apps.cli import main
from tests.conftest import REPO


def run_check(*options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "arguments", "--format", "json", *options])
    return result.exit_code, result.output


def test_cached_answers_equal_fresh_answers_through_random_edits(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    for extra in ("demo.md", "other.md"):
        (project.root / "sources" / extra).unlink()
    rng = random.Random(20)
    pro = project.root / "arguments" / "china-big-tech" / "pro.yaml"
    source = project.root / "sources" / "crackdown-not-a-model.md"
    original_pro, original_source = pro.read_text(encoding="utf-8"), source.read_text(encoding="utf-8")
    edits = [
        lambda: pro.write_text(original_pro.replace("lessons for democracies", "lessons for free countries", 1)),
        lambda: pro.write_text(original_pro.replace("the same task", "the same tsak", 1)),
        lambda: pro.write_text(original_pro.replace("promulgated to defend", "promulgated to defned", 1)),
        lambda: pro.write_text(original_pro),
        lambda: source.write_text(original_source.replace("cautionary tale", "cautionary story", 1)),
        lambda: source.write_text(original_source),
        lambda: (project.root / "arguments" / "extra.yaml").write_text("map: extra\ntitle: T\nclaims: [\n"),
        lambda: (project.root / "arguments" / "extra.yaml").unlink(missing_ok=True),
        lambda: pro.touch(),
    ]
    seen_outputs = set()
    for step in range(24):
        rng.choice(edits)()
        cached_first = run_check()
        cached_again = run_check()
        fresh = run_check("--no-cache")
        assert cached_first == cached_again == fresh, step
        seen_outputs.add(fresh)
    assert len(seen_outputs) >= 3                     # the edits really changed the answers
    assert any((project.root / ".argmap-cache").glob("check-*.json"))


def test_a_hit_does_not_load_the_pipeline(project) -> None:
    project.write("arguments/m.yaml", "map: m\ntitle: T\nresolution: R holds.\n")
    first = run_check()
    from argmap.load import project as loader
    original = loader.load_project
    loader.load_project = None                        # a hit must not need the loader at all
    try:
        assert run_check() == first
    finally:
        loader.load_project = original


def test_a_damaged_memo_of_derived_data_costs_a_recomputation_not_a_wrong_answer(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    pro = project.root / "arguments" / "china-big-tech" / "pro.yaml"
    pro.write_text(pro.read_text(encoding="utf-8").replace("the same task", "the same tsak", 1), encoding="utf-8")
    fresh = run_check("--no-cache")
    assert run_check() == fresh
    entries = sorted((project.root / ".argmap-cache" / "derived").glob("markdown-blocks-*.json"))
    assert entries                                   # the sources' block spans were kept
    damage = ["not json", "[[0, 1], [1, 0]]", "[[5, 999999]]", '{"a": 1}', "[[0, 1], [0, 2]]", '[["0", 1]]', "[]"]
    for number, garbage in enumerate(damage):
        for entry in entries:
            entry.write_text(garbage, encoding="utf-8")
        for answer in (project.root / ".argmap-cache").glob("check-*.json"):
            answer.unlink()
        assert run_check() == fresh, garbage if number < len(damage) - 1 else "an empty list of blocks"


def test_states_are_kept_for_the_last_few_ways_of_asking_only(project) -> None:
    """Each way of asking (folder and paths) keeps a state and a base state; only the newest KEEP_STATES
    of each are kept, so a cache asked in many ways does not grow without end."""
    from argmap.apps.cache import KEEP_STATES, CheckCache

    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    ways = [["arguments"], ["arguments/"], ["./arguments"], ["arguments/china-big-tech"],
            ["arguments/china-big-tech/"], ["./arguments/china-big-tech"], ["arguments", "sources"],
            ["arguments/", "sources"], ["./arguments", "sources"], ["arguments/china-big-tech", "sources"]]
    for paths in ways:
        CheckCache(paths).checked()
    folder = project.root / ".argmap-cache"
    assert len(list(folder.glob("state-*.json"))) == KEEP_STATES < len(ways)
    assert len(list(folder.glob("base-*.json"))) == KEEP_STATES
    assert len(list(folder.glob("input-*.json"))) == KEEP_STATES            # the states they name
