"""The package layout shows the pipeline, and imports only go down it (never up, never sideways
between the two output stages)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"
#: Each stage may import from its own rank and below; formats and render share a rank but not each other.
RANKS = {"model": 0, "diagnostics": 0, "load": 1, "check": 2, "analysis": 3, "formats": 4, "render": 4,
         "teach": 5, "apps": 6}
SIBLINGS_APART = {("formats", "render"), ("render", "formats")}
MAX_MODULE_LINES = 400


def stage_of(module: str) -> str | None:
    """'argmap.check.quotes' -> 'check'; the package facade and non-argmap modules -> None."""
    parts = module.split(".")
    if parts[0] != "argmap" or len(parts) < 2:
        return None
    return parts[1]


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every argmap module a file imports, at top level or inside functions, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.startswith("argmap")]


def module_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_lives_in_a_stage():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__", "model", "diagnostics")]
    assert loose == []
    assert set(RANKS) - {"model", "diagnostics"} <= {p.name for p in PACKAGE.iterdir() if p.is_dir()}


@pytest.mark.parametrize("path", module_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_pipeline(path: Path):
    importer = stage_of("argmap." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if importer in (None, "__init__", "__main__"):
        return  # the package facade re-exports the public API
    wrong = []
    for module, line in imports_of(path):
        imported = stage_of(module)
        if imported is None:
            continue
        if RANKS[imported] > RANKS[importer] or (importer, imported) in SIBLINGS_APART:
            wrong.append(f"{path.name}:{line} ({importer}) imports {module} ({imported})")
    assert wrong == []


def test_the_import_rule_catches_an_upward_import(tmp_path: Path):
    """The rule above can fail: a render module importing the CLI is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from argmap.apps.cli import run\n")
    imported = [stage_of(m) for m, _ in imports_of(bad)]
    assert imported == ["apps"] and RANKS["apps"] > RANKS["render"]


@pytest.mark.parametrize("path", module_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long_to_read(path: Path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def test_tests_mirror_the_package():
    tests = Path(__file__).resolve().parent
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert stages <= {p.name for p in tests.iterdir() if p.is_dir()}
