"""The command line: exit codes, output formats, and no tracebacks for bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

ARGMAP = [sys.executable, "-m", "argmap"]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([*ARGMAP, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_check_clean_project_exits_0() -> None:
    result = run("check", "--strict", "sources/", "arguments/")
    assert result.returncode == 0, result.stdout
    assert "no problems found" in result.stdout


def test_check_reports_and_exits_1(project) -> None:
    project.write("arguments/a.yaml", "map: m\ntitle: T\nresolution: R\nclaims:\n  - text: x\n    supports: nope\n")
    result = run("check", cwd=project.root)
    assert result.returncode == 1
    assert "arguments/a.yaml:6:15: AM201 unknown claim id 'nope'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_warnings_fail_only_when_strict(project) -> None:
    project.write("arguments/a.yaml", "map: m\ntitle: T\nresolution: R\nclaims:\n  - text: bare\n    supports: resolution\n")
    assert run("check", cwd=project.root).returncode == 0
    assert run("check", "--strict", cwd=project.root).returncode == 1


def test_json_format(project) -> None:
    project.write("arguments/a.yaml", "map: m\ntitle: T\nresolution: R\nclaims:\n  - txt: x\n")
    result = run("check", "--format", "json", cwd=project.root)
    data = json.loads(result.stdout)
    assert {d["code"] for d in data} == {"AM101", "AM102"}
    assert data[0]["location"] == {"file": "arguments/a.yaml", "line": 5, "column": 5}
    assert all(d["hint"] for d in data)


def test_usage_error_exits_2() -> None:
    result = run("check", "--format", "yaml")
    assert result.returncode == 2


def test_bad_inputs_never_trace_back(project) -> None:
    bad = {
        "malformed.yaml": "map: [\n", "tabs.yaml": "map: m\n\tclaims: []\n", "binary.yaml": b"\xff\xfe\x00",
        "empty.yaml": "", "list.yaml": "- 1\n- 2\n", "scalar.yaml": "just text\n",
        "wrongtypes.yaml": "map: m\ntitle: [1]\nresolution: {text: 3}\nclaims:\n  - cite: 5\n    text: {a: b}\n",
    }
    for name, text in bad.items():
        path = project.write(f"arguments/{name}", text)
        result = run("check", str(path.relative_to(project.root)), cwd=project.root)
        assert result.returncode == 1, name
        assert "Traceback" not in result.stderr, (name, result.stderr)
        assert f"arguments/{name}:" in result.stdout, name


def test_internal_errors_are_reported_without_a_traceback(monkeypatch, capsys) -> None:
    import argmap.apps.cli as cli
    from argmap.load import project as loader

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(loader, "load_project", broken)
    monkeypatch.setattr(sys, "argv", ["argmap", "check", "--no-cache"])
    monkeypatch.delenv("ARGMAP_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.run()
    assert stop.value.code == 3
    error = capsys.readouterr().err
    assert "internal error (RuntimeError: simulated bug)" in error and "ARGMAP_DEBUG=1" in error
    assert "Traceback" not in error


def test_a_finished_command_ends_at_once_with_all_its_output_and_its_exit_code(tmp_path: Path) -> None:
    """run() ends the process with os._exit after flushing: megabytes of output through a pipe arrive
    whole, and exit codes (0, 1, a usage error's 2) are kept."""
    from argmap.apps.synthetic import write_synthetic_project

    write_synthetic_project(tmp_path, 3000)
    result = run("evaluate", "arguments", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    evaluation = json.loads(result.stdout)["synthetic"]
    assert len(evaluation["claims"]) == 3001 and len(result.stdout) > 1_000_000
    part = tmp_path / "arguments" / "part-000.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("supports: c1\n", "supports: c-none\n", 1),
                    encoding="utf-8")
    broken = run("check", "arguments", cwd=tmp_path)
    assert broken.returncode == 1 and "AM201" in broken.stdout and broken.stdout.rstrip().endswith("warning(s)")
    assert run("check", "--no-such-option", cwd=tmp_path).returncode == 2
