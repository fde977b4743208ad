"""argmap build: exports/ is what the build produces now, writes are atomic and quiet."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from argmap.apps.build import RENDER_MANIFEST, build_exports
from argmap.diagnostics import ArgmapError
from tests.conftest import REPO

IMAGES = {".png", ".svg"}


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_committed_exports_are_fresh(tmp_path: Path) -> None:
    """Fails when exports/ is not what `argmap build` makes now: run the README's build command."""
    fresh = tmp_path / "exports"
    build_exports([REPO / "arguments"], fresh)
    committed, built = files_under(REPO / "exports"), files_under(fresh)
    assert sorted(committed) == sorted(built), "exports/ has missing or stale files: rebuild it"
    for name, data in built.items():
        if Path(name).suffix in IMAGES:
            continue
        if Path(name).name == RENDER_MANIFEST:         # image hashes depend on Graphviz; DOT hashes must match
            dot_hashes = lambda raw: {k: v["dot"] for k, v in json.loads(raw).items()}  # noqa: E731
            assert dot_hashes(committed[name]) == dot_hashes(data), f"exports/{name} is stale"
            continue
        assert committed[name] == data, f"exports/{name} is stale: run the build command from the README"
    for name in (n for n in committed if n.endswith(".svg")):
        assert svg_node_titles(committed[name]) == svg_node_titles(built[name]), f"exports/{name} is stale"
        png = name.replace(".svg", ".png")
        if png in committed:
            assert committed[png].startswith(b"\x89PNG")
            if committed[name] == built[name]:          # same Graphviz: the PNG must be the same render too
                assert committed[png] == built[png], f"exports/{png} is stale"


def svg_node_titles(svg: bytes) -> set[str]:
    root = ElementTree.fromstring(svg)
    return {g.find("{http://www.w3.org/2000/svg}title").text for g in root.iter("{http://www.w3.org/2000/svg}g")
            if g.get("class") == "node"}


def test_rebuild_writes_nothing_when_unchanged(tmp_path: Path) -> None:
    first = build_exports([REPO / "arguments"], tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    second = build_exports([REPO / "arguments"], tmp_path)
    assert first.written and not second.written and len(second.unchanged) == len(first.written)
    assert stamps == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}


def test_a_map_that_fails_check_builds_nothing(project) -> None:
    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    out = project.root / "exports"
    build_exports(["arguments"], out)
    before = files_under(out)
    project.write("arguments/broken.yaml", "map: broken\ntitle: B\nresolution: R\nclaims:\n  - text: x\n    supports: nope\n")
    with pytest.raises(ArgmapError) as raised:
        build_exports(["arguments"], out)
    assert raised.value.diagnostics[0].code == "AM201"
    assert files_under(out) == before


def test_a_failure_mid_build_leaves_previous_exports_intact(tmp_path: Path) -> None:
    build_exports([REPO / "arguments"], tmp_path)
    before = files_under(tmp_path)

    def failing_step(argument_map, folder):
        raise OSError("disk full")

    with pytest.raises(OSError):
        build_exports([REPO / "arguments"], tmp_path, steps=(lambda m, f: {"brief.md": b"changed"}, failing_step))
    assert files_under(tmp_path) == before


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_cli_build_reports_and_fails_clearly(tmp_path: Path) -> None:
    ok = run_cli("build", str(REPO / "arguments"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("built 1 map(s) into")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    bad = run_cli("build", str(REPO / "arguments"), "--out", str(blocker / "exports"), cwd=tmp_path)
    assert bad.returncode == 1
    assert "cannot write" in bad.stderr and "a-file" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_build_of_bad_map_says_why(project) -> None:
    project.write("arguments/a.yaml", "map: m\ntitle: T\nresolution: R\nclaims:\n  - text: x\n    supports: nope\n")
    result = run_cli("build", cwd=project.root)
    assert result.returncode == 1
    assert "AM201" in result.stderr and "nothing was written" in result.stderr
    assert not (project.root / "exports").exists()


def test_every_file_the_exports_link_to_exists() -> None:
    import re
    for page in (REPO / "exports").rglob("*.md"):
        for target in re.findall(r"\]\(([^)#][^)]*)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


def test_many_maps_build_with_progress_and_an_index(project) -> None:
    for number in range(6):
        project.write(f"arguments/m{number}.yaml", f"map: m{number}\ntitle: Map number {number}\nresolution: R{number}\n"
                      "claims:\n  - text: A reason.\n    supports: resolution\n"
                      "    cite: {source: demo, quote: regulation should limit the state}\n")
    seen = []

    def progress(maps):
        seen.extend(m.id for m in maps)
        return iter(maps)

    report = build_exports(["arguments"], project.root / "out", progress=progress)
    assert seen == report.maps == [f"m{n}" for n in range(6)]
    index = (project.root / "out" / "index.md").read_text(encoding="utf-8")
    assert all(f"## Map number {n}" in index and f"(m{n}/brief.md)" in index for n in range(6))
    result = run_cli("build", "--out", "out2", cwd=project.root)
    assert result.returncode == 0 and result.stdout.startswith("built 6 map(s) into out2/")


def test_a_build_interrupted_between_a_dot_and_its_svg_renders_again(project, monkeypatch) -> None:
    """The stale-render hole: the .dot was replaced, the .svg not; the next build must not keep the old .svg."""
    import argmap.apps.build as build

    shutil.copytree(REPO / "arguments", project.root / "arguments", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    out = project.root / "out"
    build_exports(["arguments"], out)
    pro = project.root / "arguments" / "china-big-tech" / "pro.yaml"
    pro.write_text(pro.read_text(encoding="utf-8").replace("There may be lessons for democracies", "Companies like lessons for democracies", 1), encoding="utf-8")
    real_write = build.write_atomic

    def killed_after_the_dot(path: Path, data: bytes) -> bool:
        if path.name == "diagram.svg":
            raise KeyboardInterrupt("killed")
        return real_write(path, data)

    monkeypatch.setattr(build, "write_atomic", killed_after_the_dot)
    with pytest.raises(KeyboardInterrupt):
        build_exports(["arguments"], out)
    monkeypatch.setattr(build, "write_atomic", real_write)
    folder = out / "china-big-tech"
    assert b"Companies like" in (folder / "diagram.dot").read_bytes()     # the .dot is new ...
    assert b"Companies like" not in (folder / "diagram.svg").read_bytes()  # ... the .svg still old
    build_exports(["arguments"], out)
    assert b"Companies like" in (folder / "diagram.svg").read_bytes()


def test_a_tampered_render_is_not_reused(tmp_path: Path) -> None:
    build_exports([REPO / "arguments"], tmp_path)
    svg = tmp_path / "china-big-tech" / "diagram.svg"
    good = svg.read_bytes()
    svg.write_bytes(b"<svg>half-written</svg>")
    build_exports([REPO / "arguments"], tmp_path)
    assert svg.read_bytes() == good


def test_temporary_files_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    build_exports([REPO / "arguments"], tmp_path)
    leftover = tmp_path / "china-big-tech" / ".brief.md.k3j2h1x0.tmp"
    leftover.write_bytes(b"partial")
    build_exports([REPO / "arguments"], tmp_path)
    assert not leftover.exists()


def test_builds_killed_at_random_moments_leave_the_same_exports_as_a_clean_build(tmp_path: Path) -> None:
    """Real SIGKILLs of `argmap build` at random moments, then one build: the result equals a fresh build."""
    import random
    import signal
    import time

    rng = random.Random(21)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "argmap", "build", str(REPO / "arguments"), "--out", str(out)]
    for attempt in range(8):
        if attempt % 2:            # an edit between kills, so renders really change
            shutil.rmtree(out / "china-big-tech" / "diagrams", ignore_errors=True)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
    subprocess.run(command, check=True, capture_output=True)
    fresh = tmp_path / "fresh"
    build_exports([REPO / "arguments"], fresh)
    killed, clean = files_under(out), files_under(fresh)
    assert sorted(killed) == sorted(clean) and not [n for n in killed if n.endswith(".tmp")]
    for name, data in clean.items():
        if Path(name).suffix not in IMAGES and Path(name).name != RENDER_MANIFEST:
            assert killed[name] == data, name
        elif name.endswith(".svg"):
            assert svg_node_titles(killed[name]) == svg_node_titles(data), name


def test_outputs_no_longer_produced_are_removed(tmp_path: Path) -> None:
    build_exports([REPO / "arguments"], tmp_path)
    stale = tmp_path / "china-big-tech" / "slides" / "contention-removed-arg-01.svg"
    stale.write_bytes(b"<svg/>")
    report = build_exports([REPO / "arguments"], tmp_path)
    assert not stale.exists() and report.removed == [stale]


def test_a_large_contention_is_split_into_readable_diagrams(project) -> None:
    from argmap.apps.synthetic import write_synthetic_project
    from argmap.render.diagram_views import MAX_VIEW_CLAIMS

    maps = write_synthetic_project(project.root / "big", 1_200)
    heard: list[str] = []
    report = build_exports([maps], project.root / "out", on_step=lambda argument_map, step: heard.append(step))
    assert heard == ["graph+evaluate", "map_exports", "teaching_exports", "graphviz, Word, HTML (waiting)"]
    folder = project.root / "out" / "synthetic"
    diagrams = sorted((folder / "diagrams").glob("*.svg"))
    assert len(diagrams) > 3 and (folder / "diagram.dot").is_file()
    assert not (folder / "diagram.svg").exists() and not (folder / "worksheet.svg").exists()   # over 1,000 claims
    for svg in diagrams:
        assert len(svg_node_titles(svg.read_bytes()) & {f"c{i}" for i in range(1_200)}) <= MAX_VIEW_CLAIMS + 60
    index = (project.root / "out" / "index.md").read_text(encoding="utf-8")
    assert "too large to lay out readably" in index
    assert {"load+check", "map_exports", "graphviz, Word, HTML (waiting)"} <= set(report.timings)


def test_build_only_some_exports_leaves_the_others_as_they_are(tmp_path: Path) -> None:
    build_exports([REPO / "arguments"], tmp_path)
    before = files_under(tmp_path)
    (tmp_path / "china-big-tech" / "brief.md").write_text("stale", encoding="utf-8")
    (tmp_path / "china-big-tech" / "flow.html").write_text("stale", encoding="utf-8")
    report = build_exports([REPO / "arguments"], tmp_path, only=("brief",))
    after = files_under(tmp_path)
    assert after["china-big-tech/brief.md"] == before["china-big-tech/brief.md"]      # rebuilt
    assert after["china-big-tech/flow.html"] == b"stale"                               # not in the groups: kept
    assert set(after) == set(before) and not report.removed
    assert all("brief" in p.name or p.name.startswith("index.") for p in report.written)


def test_the_projects_argmap_toml_chooses_the_formats(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("arguments", "sources"):
        shutil.copytree(REPO / folder, project / folder)
    (project / "argmap.toml").write_text('[build]\nformats = ["map", "flow"]\n', encoding="utf-8")
    build_exports([project / "arguments"], tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out" / "china-big-tech").iterdir()) == ["flow.html", "flow.xlsx",
                                                                                       "map.html"]
    (project / "argmap.toml").write_text('[build]\nformats = ["posters"]\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "argmap", "build", str(project / "arguments"), "--out",
                          str(tmp_path / "again")], capture_output=True, text=True)
    assert run.returncode == 1 and "argmap.toml" in run.stderr and "posters" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "again").exists()
    (project / "argmap.toml").write_text('[build]\nformats = "brief"\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "argmap", "build", str(project / "arguments"), "--out",
                          str(tmp_path / "again")], capture_output=True, text=True)
    assert run.returncode == 1 and "must be a list" in run.stderr and not (tmp_path / "again").exists()


def test_documents_made_in_worker_processes_are_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    """Above PARALLEL_TEXT_LIMIT claims the Word and HTML briefs are made in spawned worker processes;
    forced here for the China map, they must equal the committed exports byte for byte."""
    import argmap.apps.build as build

    monkeypatch.setattr(build, "PARALLEL_TEXT_LIMIT", 1)
    build_exports([REPO / "arguments"], tmp_path)
    for name in ("brief.html", "brief.docx", "brief-pro.docx", "brief-con.docx"):
        assert (tmp_path / "china-big-tech" / name).read_bytes() == \
            (REPO / "exports" / "china-big-tech" / name).read_bytes(), name


def test_views_kept_between_builds_equal_views_drawn_anew(project, monkeypatch) -> None:
    """A large map's per-subtree diagrams are kept between builds by the digest of what they are drawn
    from (argmap.apps.fragments): after a reword and after a changed relation (which moves strengths far
    from the edit) the build draws only some views again, and its exports equal, byte for byte, those of
    a build with no cache."""
    import argmap.apps.diagram_files as diagram_files
    from argmap.apps.synthetic import write_synthetic_project

    maps = write_synthetic_project(project.root / "big", 1_200)
    drawn: list[str] = []

    def counted(*args, **kwargs):
        drawn.append(kwargs.get("caption", ""))
        return diagram_dot(*args, **kwargs)

    diagram_dot = diagram_files.diagram_dot
    monkeypatch.setattr(diagram_files, "diagram_dot", counted)
    build_exports([maps], project.root / "out")
    views = len(list((project.root / "out" / "synthetic" / "diagrams").glob("*.dot")))
    path = maps / "part-000.yaml"
    text = path.read_text(encoding="utf-8")
    edits = [("    text: Claim 700 says", "    text: Claim 700 now says", 2),      # a reword deep in one subtree
             ("  - id: c5\n    text: Claim 5 says measure 5 matters.\n    attacks: c0\n",
              "  - id: c5\n    text: Claim 5 says measure 5 matters.\n    attacks: c1\n", views - 1)]   # a relation
    for before, after, most in edits:
        assert before in text
        text = text.replace(before, after, 1)
        path.write_text(text, encoding="utf-8")
        drawn.clear()
        report = build_exports([maps], project.root / "out")
        assert 0 < len([c for c in drawn if c]) <= most, drawn        # some views drawn again, the rest kept
        kept, made = report.pieces["views"]
        assert made == len([c for c in drawn if c]) and kept > 0 and "pieces kept from the last build" in \
            report.timing_table()
        fresh = project.root / "fresh"
        shutil.copytree(project.root / "big", fresh, dirs_exist_ok=True)
        shutil.rmtree(fresh / ".argmap-cache", ignore_errors=True)
        build_exports([fresh / "arguments"], fresh / "out")
        assert files_under(project.root / "out") == files_under(fresh / "out")
        shutil.rmtree(fresh)


@pytest.mark.parametrize("threads", [1, 2])
def test_a_large_maps_documents_made_in_workers_equal_those_made_here(project, monkeypatch, threads) -> None:
    """Above PARALLEL_TEXT_LIMIT claims a large map's speech document (Markdown and Word, with their kept
    pieces) and brief (Markdown and HTML) are made in worker processes: forced here for 1,200 claims, with
    workers forked (no other thread: the map handed over in memory) and spawned (another thread: the map
    pickled with each task); every file equals the one a build without workers makes."""
    import types

    import argmap.apps.build as build
    import argmap.apps.workers as workers
    from argmap.apps.synthetic import write_synthetic_project

    maps = write_synthetic_project(project.root / "big", 1_200)
    build_exports([maps], project.root / "here")
    shutil.rmtree(project.root / "big" / ".argmap-cache", ignore_errors=True)
    monkeypatch.setattr(build, "PARALLEL_TEXT_LIMIT", 1)
    monkeypatch.setattr(workers, "threading", types.SimpleNamespace(active_count=lambda: threads))
    made: list[workers.MapWorkers] = []
    monkeypatch.setattr(workers.MapWorkers, "submit", lambda self, *task, submit=workers.MapWorkers.submit:
                        made.append(self) or submit(self, *task))
    build_exports([maps], project.root / "workers")
    assert made and {w.forked for w in made} == {threads == 1 and sys.platform.startswith("linux")}
    here, workers_made = files_under(project.root / "here"), files_under(project.root / "workers")
    assert {"synthetic/worksheet.dot", "synthetic/critique.json", "synthetic/brief.docx"} <= set(here)
    assert here == workers_made
