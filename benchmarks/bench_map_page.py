"""The interactive map at scale: make map.html for synthetic maps of 250, 1,000 and 2,000 claims, open
each in Debian's Chromium (Playwright) and measure what a reader feels: how long the page takes to be
ready, frames per second while panning and zooming, a search that flies to a claim, and a what-if.

Run: .venv/bin/python benchmarks/bench_map_page.py   (medians of 5 for the in-page timings, one run)
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argmap import check, load_project  # noqa: E402
from argmap.analysis.evaluate import evaluate  # noqa: E402
from argmap.analysis.graph import build_graph  # noqa: E402
from argmap.analysis.questions import critical_questions  # noqa: E402
from argmap.apps.synthetic import write_synthetic_project  # noqa: E402
from argmap.load.schemes import schemes_for_map  # noqa: E402
from argmap.render.diagram import render  # noqa: E402
from argmap.render.map_page import map_page_dot, map_page_html  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

FRAMES = """async () => {      // pan and zoom for 2 s, counting animation frames
  const scene = document.getElementById('scene'); let frames = 0, done = false;
  const tick = () => { frames++; if (!done) requestAnimationFrame(tick); }; requestAnimationFrame(tick);
  const start = performance.now();
  while (performance.now() - start < 2000) {
    document.getElementById(Math.random() < 0.5 ? 'zoom-in' : 'zoom-out').click();
    await new Promise(r => setTimeout(r, 50));
  }
  done = true; return frames / ((performance.now() - start) / 1000);
}"""


def make_page(claims: int, folder: Path) -> tuple[Path, dict[str, float]]:
    root = write_synthetic_project(folder, claims)
    times = {}
    start = time.perf_counter()
    project = load_project([root])
    check(project)
    argument_map = next(iter(project.maps.values()))
    graph = build_graph(argument_map)
    evaluation = evaluate(graph)
    questions = critical_questions(argument_map, schemes_for_map(argument_map), evaluation)
    times["load+check+evaluate"] = time.perf_counter() - start
    start = time.perf_counter()
    svg = render(map_page_dot(graph), "svg")
    times["dot layout"] = time.perf_counter() - start
    start = time.perf_counter()
    page = map_page_html(argument_map, graph, questions, svg)
    times["page assembly"] = time.perf_counter() - start
    path = folder / "map.html"
    path.write_text(page, encoding="utf-8")
    times["page MB"] = len(page.encode("utf-8")) / 1e6
    return path, times


def measure_in_browser(browser, path: Path) -> dict[str, float]:
    loads, searches, what_ifs = [], [], []
    for _ in range(5):
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready=true]", timeout=120_000)
        loads.append(time.perf_counter() - start)
        ids = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).nodes"
                            ".filter(n => n.kind === 'claim').map(n => n.id)")
        target = ids[len(ids) // 2]
        searches.append(page.evaluate("""(id) => { const t = performance.now(); const box = document.getElementById('search-box');
            box.value = id; box.dispatchEvent(new Event('input'));
            document.getElementById('search').requestSubmit(); return performance.now() - t; }""", target) / 1000)
        page.wait_for_timeout(800)                               # let the flight end
        what_ifs.append(page.evaluate("""() => { const t = performance.now(); const box = document.getElementById('what-if-off');
            box.checked = true; box.dispatchEvent(new Event('change')); return performance.now() - t; }""") / 1000)
        page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready=true]", timeout=120_000)
    fps = page.evaluate(FRAMES)
    page.close()
    return {"page ready (s)": statistics.median(loads), "search + fly (s)": statistics.median(searches),
            "what-if re-evaluate + redraw (s)": statistics.median(what_ifs), "frames/s while zooming": fps}


def main() -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as scratch:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        print(f"{'claims':>7} {'measure':<36} {'value':>9}")
        for claims in (250, 1000, 2000):
            folder = Path(scratch) / str(claims)
            folder.mkdir()
            path, times = make_page(claims, folder)
            for name, value in {**times, **measure_in_browser(browser, path)}.items():
                print(f"{claims:>7} {name:<36} {value:>9.3f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
