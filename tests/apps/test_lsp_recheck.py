"""The language server re-checks an edit of one map file alone, and its diagnostics are those of a whole
check with the same buffers, through random edits of the China map; the model is still there for hovers."""
from __future__ import annotations

import random
import shutil

from argmap.apps.lsp import features
from argmap.apps.lsp.snapshot import Snapshot
from tests.check.test_incremental import random_edit
from tests.check.test_relation_edit import relation_edit_at_random, web_project
from tests.conftest import REPO


def test_diagnostics_after_an_edit_equal_a_whole_check_with_the_same_buffers(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    root, paths = project.root.resolve(), [project.root.resolve() / "arguments"]
    files = sorted(p for p in paths[0].rglob("*.yaml") if "- id:" in p.read_text(encoding="utf-8"))
    originals = {f: f.read_text(encoding="utf-8") for f in files}
    rng = random.Random(11)
    snapshot, buffers, alone = Snapshot(root, paths, {}), {}, 0
    for step in range(60):
        target = rng.choice(files)
        buffers[target] = random_edit(rng, buffers.get(target, originals[target]), originals[target])
        snapshot = Snapshot(root, paths, dict(buffers), snapshot)
        whole = Snapshot(root, paths, dict(buffers))
        assert snapshot.diagnostics == whole.diagnostics, step
        ranges = features.diagnostics_by_file(snapshot)               # each diagnostic's item indexed alone
        whole.item_index = lambda path, line, whole=whole: whole.index(path)   # ... and in the whole file's
        assert ranges == features.diagnostics_by_file(whole), step
        alone += "project" not in snapshot.__dict__          # answered without loading the model
    assert alone >= 15
    assert snapshot.claim_ids and snapshot.project.sources    # and the model loads when a feature asks


def test_a_source_changed_on_disk_means_a_whole_check(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    root, paths = project.root.resolve(), [project.root.resolve() / "arguments"]
    first = Snapshot(root, paths, {})
    source = root / "sources" / "crackdown-not-a-model.md"
    source.write_text(source.read_text(encoding="utf-8").replace("cautionary tale", "cautionary story"),
                      encoding="utf-8")
    pro = paths[0] / "china-big-tech" / "pro.yaml"
    edited = {pro: pro.read_text(encoding="utf-8").replace("text: ", "text: Plainly, ", 1)}
    second = Snapshot(root, paths, edited, first)
    assert "project" in second.__dict__                      # checked whole: a quote may now be missing
    assert second.diagnostics == Snapshot(root, paths, edited).diagnostics
    assert any(d.code == "AM301" for d in second.diagnostics)


def test_relation_edits_are_answered_alone_and_as_a_whole_check(project) -> None:
    """Pointing relations elsewhere in the editor (argmap.check.relation_edit) is answered without loading
    the model, with the diagnostics of a whole check."""
    part = web_project(project.root).resolve()
    root, paths = project.root.resolve(), [project.root.resolve() / "arguments"]
    rng, original = random.Random(3), part.read_text(encoding="utf-8")
    snapshot, alone, text = Snapshot(root, paths, {}), 0, original
    for step in range(40):          # an edit of the buffer, or (so damage does not pile up) the file as it was
        text = original if rng.random() < 0.2 else relation_edit_at_random(rng, text)
        snapshot = Snapshot(root, paths, {part: text}, snapshot)
        assert snapshot.diagnostics == Snapshot(root, paths, {part: text}).diagnostics, step
        alone += "project" not in snapshot.__dict__
    assert alone >= 15, alone
