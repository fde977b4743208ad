"""An edit the incremental check takes, carried into the checked project (argmap.check.patch), gives the
project a load and check from scratch gives: through random edits of the China map, every patched project
is compared field by field (every claim, citation, locator, argument and place) with a fresh one."""
from __future__ import annotations

import random
import shutil

from argmap.apps.cache import CheckCache
from argmap.check.checker import check
from argmap.diagnostics import Diagnostic
from argmap.load.project import Project, load_project
from argmap.load.snapshot import snapshot_data
from tests.check.test_incremental import china_copy, edit_at_random


def patched_beside_fresh() -> tuple[tuple[Project, list[Diagnostic]] | None, Project, list[Diagnostic]]:
    """The checked project the cache patches with the edit on disk (None when it loads from the files
    instead; a fresh check is then remembered for the next edit), beside a fresh load and its check."""
    cache = CheckCache(["arguments"])
    patched = cache.patched()
    fresh = load_project(["arguments"])
    answer = check(fresh)
    if patched is None:
        cache.remember(fresh, answer)
    return patched, fresh, answer


def test_patched_projects_equal_projects_checked_from_scratch_through_random_edits(project) -> None:
    originals = china_copy(project.root)
    rng = random.Random(11)
    CheckCache(["arguments"]).checked()
    patched_count, texts = 0, set()
    for step in range(100):
        edit_at_random(rng, originals)
        patched, fresh, answer = patched_beside_fresh()
        if patched is None:
            continue
        patched_count += 1
        project_now, diagnostics = patched
        assert snapshot_data(project_now, diagnostics) == snapshot_data(fresh, answer), step
        assert CheckCache(["arguments"]).checked()[0].maps == fresh.maps      # and it is what is read back now
        texts.add(tuple(c.text for m in fresh.maps.values() for c in m.claims.values()))
    assert patched_count >= 20, patched_count   # the edits it is meant for were carried, often
    assert len(texts) >= 10                 # and they changed what the claims say


def test_a_patched_build_and_evaluate_answer_as_from_scratch(project) -> None:
    """The commands after an edit start from the patched project: their outputs equal those made with no cache."""
    from click.testing import CliRunner

    from argmap.apps.cli import main
    from argmap.apps.synthetic import write_synthetic_project

    maps = write_synthetic_project(project.root, 300)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "arguments"]).exit_code == 0
    path = maps / "part-000.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: Claim 150 says", "text: Claim 150 now says", 1),
                    encoding="utf-8")
    assert CheckCache(["arguments"]).patched() is not None
    kept = runner.invoke(main, ["evaluate", "arguments", "--format", "json"])
    shutil.rmtree(project.root / ".argmap-cache")
    fresh = runner.invoke(main, ["evaluate", "arguments", "--format", "json"])
    assert kept.exit_code == fresh.exit_code == 0 and kept.output == fresh.output and "Claim 150 now says" in kept.output


def test_a_changed_quote_is_carried_with_where_it_was_found(project) -> None:
    """A quote cut shorter (still found, in the same paragraph): the patched project's citation has the new
    quote and locator, as a fresh check finds them."""
    from argmap.apps.synthetic import write_synthetic_project

    maps = write_synthetic_project(project.root, 300)
    CheckCache(["arguments"]).checked()
    path = maps / "part-000.yaml"
    text = path.read_text(encoding="utf-8")
    for number in (120, 121, 240):
        before = f'quote: "measure {number} changed outcome {number * 7 % 1000}"'
        assert before in text
        text = text.replace(before, f'quote: "measure {number} changed outcome"', 1)
        path.write_text(text, encoding="utf-8")
        patched = CheckCache(["arguments"]).patched()
        fresh = load_project(["arguments"])
        answer = check(fresh)
        assert patched is not None, number
        assert snapshot_data(*patched) == snapshot_data(fresh, answer), number
        citation = patched[0].maps["synthetic"].claims[f"c{number}"].citations[0]
        assert citation.quote == f"measure {number} changed outcome" and citation.locator is not None


def test_an_edit_checked_in_between_is_still_carried(project) -> None:
    """edit, `argmap check` (which keeps no project), edit again: the project kept before both is patched
    with both edits, since they are in one file."""
    from click.testing import CliRunner

    from argmap.apps.cli import main
    from argmap.apps.synthetic import write_synthetic_project

    maps = write_synthetic_project(project.root, 300)
    CheckCache(["arguments"]).checked()
    path = maps / "part-000.yaml"
    for number in (40, 41):
        path.write_text(path.read_text(encoding="utf-8").replace(f"text: Claim {number} says",
                                                                 f"text: Claim {number} now says", 1), encoding="utf-8")
        assert CliRunner().invoke(main, ["check", "arguments"]).exit_code == 0
    patched = CheckCache(["arguments"]).patched()
    fresh = load_project(["arguments"])
    assert patched is not None and snapshot_data(*patched) == snapshot_data(fresh, check(fresh))
