"""Shared fixtures: a throw-away project with a small source, written file by file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: Debian's Chromium, which the browser tests drive with Playwright (no browser can be downloaded here).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags that keep Chromium off the network on a closed machine.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]

DEMO_SOURCE = """---
id: demo
title: Demo article
publisher: Demo Press
---
A demo headline

The first paragraph says \u201ccurly quotes\u201d and it\u2019s fine \u2014 really.
It runs over two lines.

Second paragraph: regulation should limit the state, says Ann Lee, a law professor.
"""

OTHER_SOURCE = """---
id: other
title: Other article
---
Only the party may censor.
"""


class ProjectFactory:
    """Writes files under a temporary project root (which has a sources/ folder)."""

    def __init__(self, root: Path):
        self.root = root
        (root / "sources").mkdir()
        (root / "arguments").mkdir()
        self.write("sources/demo.md", DEMO_SOURCE)
        self.write("sources/other.md", OTHER_SOURCE)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def china_map():
    """The project's China debate map, loaded and checked once (check fills in the quote locators)."""
    from argmap import check, load_project

    project = load_project([REPO / "arguments"])
    diagnostics = check(project)
    assert diagnostics == [], [d.render() for d in diagnostics]
    return project.maps["china-big-tech"]


@pytest.fixture(scope="session")
def china_graph(china_map):
    from argmap.analysis.graph import build_graph

    return build_graph(china_map)


@pytest.fixture(scope="session")
def china_evaluation(china_graph):
    from argmap.analysis.evaluate import evaluate

    return evaluate(china_graph)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectFactory:
    monkeypatch.chdir(tmp_path)
    return ProjectFactory(tmp_path)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser, pointed at Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: pytest-playwright's synchronous API keeps an event loop running for the rest
    of the session, in which pytest-asyncio (the language server's tests) can no longer start its own."""
    items.sort(key=lambda item: "page" in getattr(item, "fixturenames", ()))
