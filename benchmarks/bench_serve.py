"""Save to screen with ``argmap serve``: a claim's text is changed on disk, and the time is taken until the
interactive map in an open workspace page (Debian's Chromium) shows the new text. The China map, then a
2,000-claim synthetic map.

Run: .venv/bin/python benchmarks/bench_serve.py   (medians of 10 edits, one run)
"""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ARGMAP = str(Path(sys.executable).parent / "argmap")


def latencies(root: Path, file: Path, old: str, edits: int = 10) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright
    server = subprocess.Popen([ARGMAP, "serve", str(root), "--port", "0"], stderr=subprocess.PIPE, text=True)
    url = re.search(r"(http://127\.0\.0\.1:\d+/)", server.stderr.readline()).group(1)
    to_screen, checked = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            page.goto(url)
            frame = page.frame_locator("#view")
            frame.locator("html[data-ready=true]").wait_for(timeout=120_000)
            text = file.read_text(encoding="utf-8")
            for number in range(edits):
                marker = f"Edit number {number}."
                start = time.perf_counter()
                file.write_text(text.replace(old, f"{old} {marker}", 1), encoding="utf-8")
                frame.locator("g.claim > title", has_text=marker).first.wait_for(state="attached", timeout=120_000)
                to_screen.append(time.perf_counter() - start)
                checked.append(httpx.get(url + "api/state").json()["seconds"])
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return to_screen, checked


def report(name: str, found: tuple[list[float], list[float]]) -> None:
    to_screen, checked = found
    print(f"{name}: save to screen median {statistics.median(to_screen) * 1000:.0f} ms "
          f"(max {max(to_screen) * 1000:.0f} ms); of which check + evaluate + page median "
          f"{statistics.median(checked) * 1000:.0f} ms", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        china = Path(scratch) / "china"
        for folder in ("arguments", "sources"):
            shutil.copytree(REPO / folder, china / folder)
        report("China map (67 claims)", latencies(china, china / "arguments/china-big-tech/con.yaml",
                                                  "text: China's Big Tech crackdown is not a model for the United States."))
        synthetic = Path(scratch) / "synthetic"
        write_synthetic_project(synthetic, 2000)
        first = sorted((synthetic / "arguments").glob("*.yaml"))[0]
        report("synthetic map (2,000 claims)", latencies(synthetic, first, "text: Claim 1 says measure 1 matters.", 5))


if __name__ == "__main__":
    main()
