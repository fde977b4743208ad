"""The interactive map in a real browser: Debian's Chromium driven by Playwright, the page opened from
file:// exactly as a reader opens exports/<map>/map.html."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.check.quotes import normalise
from tests.conftest import CHROMIUM, REPO

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (scripts/setup installs it)")
ARGMAP = [str(Path(sys.executable).parent / "argmap")]
@pytest.fixture(scope="session")
def china_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "china.html"
    run = subprocess.run([*ARGMAP, "map", str(REPO / "arguments"), "-o", str(out)], capture_output=True, text=True,
                         cwd=REPO)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="session")
def china_data(china_page) -> dict:
    text = china_page.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="argmap-data">') + len(
        '<script type="application/json" id="argmap-data">')
    return json.loads(text[start:text.index("</script>", start)])


def evaluate_json(*what_if: str) -> dict:
    run = subprocess.run([*ARGMAP, "evaluate", str(REPO / "arguments"), "--format", "json", *what_if],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    return run.stdout and json.loads(run.stdout)["china-big-tech"]


def open_page(page, path: Path, fragment: str = ""):
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri() + fragment)
    page.wait_for_selector("html[data-ready=true]", timeout=10_000)
    return problems, requests


def badges(page) -> dict[str, str]:
    """Every claim's label and strength as the diagram shows them, by claim id."""
    return page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('argmap-data').textContent);
        const found = {};
        data.order.forEach(i => { const g = document.getElementById('n' + i);
                                  if (g) found[data.nodes[i].id] = g.querySelector('.badge text').textContent; });
        return found; }""")


def expected_badges(evaluation: dict) -> dict[str, str]:
    return {claim: f"{entry['label']} {entry['strength']:.2f}" for claim, entry in evaluation["claims"].items()}


def test_page_loads_offline_without_errors_and_shows_the_evaluation(page, china_page):
    problems, requests = open_page(page, china_page)
    assert problems == []
    assert requests == [china_page.as_uri()]                    # nothing fetched, not even from file://
    assert badges(page) == expected_badges(evaluate_json())
    assert page.text_content("#status").startswith("Resolution: OUT (falls), strength 0.51")


def test_search_flies_to_the_claim_and_opens_it(page, china_page, china_data):
    open_page(page, china_page)
    page.fill("#search-box", "wechat prison")
    assert page.locator("#search-results button").count() == 1
    page.press("#search-box", "Enter")
    wanted = next(n for n in china_data["nodes"] if n["id"] == "many-wechat-users-have-gone-to")
    assert page.text_content("#panel-title") == wanted["text"]
    page.wait_for_timeout(700)                                 # the smooth move
    node = page.locator(f"#n{china_data['nodes'].index(wanted)}").bounding_box()
    view = page.locator("#viewport").bounding_box()
    centre = (node["x"] + node["width"] / 2, node["y"] + node["height"] / 2)
    assert abs(centre[0] - (view["x"] + view["width"] / 2)) < 40 and abs(centre[1] - (view["y"] + view["height"] / 2)) < 40
    page.wait_for_url(re.compile(r"#.*claim=many\-wechat\-users\-have\-gone\-to"))


def test_clicking_a_claim_shows_its_verified_quote_in_its_paragraph(page, china_page, china_data):
    open_page(page, china_page)
    index, claim = next((i, n) for i, n in enumerate(china_data["nodes"])
                        if n["kind"] == "claim" and n["evidence"] and n["evidence"][0]["segments"])
    page.evaluate(f"document.getElementById('n{index}').dispatchEvent(new MouseEvent('click', {{bubbles: true}}))")
    assert page.text_content("#panel-title") == claim["text"]
    card = page.locator("#panel .card").first
    underlined = " ".join(card.locator("blockquote u").all_text_contents())
    quote = claim["evidence"][0]["quote"]
    assert normalise(underlined).text.startswith(normalise(quote).text[:40])     # as argmap check compares
    paragraph = card.locator("blockquote").text_content()
    assert len(paragraph) > len(underlined) or paragraph == underlined    # the quote sits inside its paragraph
    assert "Quote verified" in card.text_content()


def test_relations_are_named_on_hover(page, china_page):
    open_page(page, china_page)
    titles = page.eval_on_selector_all("g.relation > title", "els => els.map(e => e.textContent)")
    assert titles and all(t.split(" ")[0].rstrip(":") in ("Support", "Attack", "Undercut") for t in titles)
    assert any(" speaks against " in t for t in titles) and any(t.startswith("Undercut") for t in titles)


def test_keyboard_only_tab_through_claims_in_reading_order_enter_opens_escape_closes(page, china_page, china_data):
    open_page(page, china_page)
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        current = page.evaluate("document.activeElement.id")
        if current.startswith("n") and current[1:].isdigit():
            focused.append(int(current[1:]))
        if len(focused) == 3:
            break
    assert focused == china_data["order"][:3]                       # the resolution first, then reading order
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "panel-title"
    assert page.is_visible("#panel")
    page.keyboard.press("Escape")
    assert not page.is_visible("#panel")
    assert page.evaluate("document.activeElement.id") == f"n{focused[-1]}"
    label = page.get_attribute(f"#n{focused[0]}", "aria-label")
    assert label.startswith("Resolution: ") and "OUT (falls)" in label


def test_what_if_switching_off_a_claim_gives_argmap_evaluates_numbers(page, china_page, china_data):
    baseline = evaluate_json()
    resolution = china_data["nodes"][china_data["resolution"]]["id"]
    # Which con claims must fall for the resolution to stand: every con premise that attacks it directly.
    attackers = [china_data["nodes"][p]["id"] for n in china_data["nodes"] if n["kind"] == "argument"
                 and n["relation"] == "attack" and n["target"] == china_data["resolution"] for p in n["premises"]]
    expected = evaluate_json(*[a for claim in attackers for a in ("--off", claim)])
    assert expected["claims"][resolution]["label"] != baseline["claims"][resolution]["label"]
    open_page(page, china_page)
    for claim in attackers:
        page.fill("#search-box", claim)
        page.press("#search-box", "Enter")
        page.check("#what-if-off")
    assert badges(page) == expected_badges(expected)
    assert page.text_content("#status").startswith(f"Resolution: {expected['claims'][resolution]['label']}")
    assert page.locator("g.claim.changed").count() >= 1
    page.wait_for_url(re.compile(r"#.*off="))
    page.click("#reset")
    assert badges(page) == expected_badges(baseline)
    assert page.locator("g.claim.changed").count() == 0


def test_what_if_weight_gives_argmap_evaluates_numbers(page, china_page):
    expected = evaluate_json("--weight", "not-a-model-us=0.2")
    open_page(page, china_page, "#claim=not-a-model-us")
    page.fill("#what-if-weight", "0.2")
    page.dispatch_event("#what-if-weight", "change")
    assert badges(page) == expected_badges(expected)
    page.wait_for_url(re.compile(r"#.*weight=not\-a\-model\-us:0\.2"))


def test_the_url_restores_a_view_a_teacher_sends(page, china_page, china_data):
    open_page(page, china_page, "#claim=many-wechat-users-have-gone-to&focus=1&off=not-a-model-us")
    wanted = next(n for n in china_data["nodes"] if n["id"] == "many-wechat-users-have-gone-to")
    assert page.text_content("#panel-title") == wanted["text"]
    assert page.input_value("#filter-focus") == "1"
    shown = page.locator("g.claim:not(.dim)").count()
    assert 1 < shown < len(china_data["order"])
    assert page.is_checked("#what-if-off") is False and page.locator("g.switched-off").count() == 1


def test_filters_show_one_side(page, china_page, china_data):
    open_page(page, china_page)
    page.select_option("#filter-side", "pro")
    sides = page.eval_on_selector_all("g.claim:not(.dim)", "els => els.map(e => [...e.classList].find(c => c.startsWith('side-')))")
    assert set(sides) == {"side-pro", "side-resolution"}
    page.wait_for_url(re.compile(r"#.*side=pro"))


def test_no_serious_accessibility_violations(page, china_page):
    from axe_playwright_python.sync_playwright import Axe
    open_page(page, china_page, "#claim=many-wechat-users-have-gone-to")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("size", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}])
def test_projector_and_phone_sizes(page, china_page, size):
    page.set_viewport_size(size)
    open_page(page, china_page, "#claim=many-wechat-users-have-gone-to")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    view, panel = page.locator("#viewport").bounding_box(), page.locator("#panel").bounding_box()
    assert view["height"] > size["height"] * 0.3 and panel["height"] > 100
    assert panel["x"] + panel["width"] <= size["width"] + 1


def test_print_shows_the_map_and_the_claim_list_not_the_controls(page, china_page):
    open_page(page, china_page)
    page.emulate_media(media="print")
    assert not page.is_visible("#filter-side") and not page.is_visible("#minimap")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.is_visible("#outline-list li >> nth=0")
    assert page.pdf()[:4] == b"%PDF"
