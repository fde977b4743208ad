"""The interactive map page: hostile text stays text, only the page's own scripts can run, nothing is
fetched, and the build links the page from the brief and the index."""
from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CHROMIUM, REPO
from tests.render.test_map_page_browser import open_page

ARGMAP = [str(Path(sys.executable).parent / "argmap")]
ATTACK = ("<script>window.pwned=1</script> <img src=x onerror=\"window.pwned=2\"> <svg onload=\"window.pwned=3\"> "
          "</script><script>window.pwned=4</script> javascript:window.pwned=5 <a href=\"javascript:window.pwned=6\">x</a>")


def hostile_page(root: Path) -> Path:
    """A map whose title, claims, tags, notes, speaker, quote context and source fields carry markup and
    script, and whose source's URL is a javascript: URL; made into a page with ``argmap map``."""
    (root / "sources").mkdir()
    (root / "arguments").mkdir()
    meta = {"id": "s", "title": f"T {ATTACK}", "author": f"A {ATTACK}", "url": "javascript:window.pwned=7",
            "kind": "op-ed"}
    (root / "sources" / "s.md").write_text("---\n" + yaml.safe_dump(meta) + "---\n"
                                           f"Intro words stand here. {ATTACK} Closing words.\n", encoding="utf-8")
    claims = [{"id": "c1", "text": f"Claim {ATTACK}", "tags": [f"tag {ATTACK}"], "note": f"N {ATTACK}",
               "supports": "resolution", "scheme": "expert-opinion",
               "cite": {"source": "s", "quote": "Intro words stand here.", "speaker": f"Ann {ATTACK}, expert",
                        "note": f"cn {ATTACK}"}},
              {"id": "c2", "text": f"Objection {ATTACK}", "attacks": "c1"}]
    document = {"map": "m", "title": f"Title {ATTACK}", "resolution": f"Resolution {ATTACK}", "claims": claims}
    (root / "arguments" / "m.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    out = root / "m.html"
    run = subprocess.run([*ARGMAP, "map", "arguments", "-o", str(out)], cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


def test_only_the_pages_own_scripts_are_allowed_to_run(tmp_path):
    text = hostile_page(tmp_path).read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1]
    scripts = re.findall(r"<script>(.*?)</script>\n", text, re.DOTALL)
    hashes = re.findall(r"'sha256-([^']+)'", policy)
    assert len(scripts) == 3 and sorted(hashes) == sorted(
        base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts)
    assert text.count("<script>") == 3 and text.count("<script ") == 1     # and the JSON data; none from the map
    assert text.lower().count("</script") == 4
    assert not re.search(r"<(img|a|svg)[^>]*(onerror|onload|javascript:)", text, re.IGNORECASE)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_hostile_text_is_shown_as_text_and_never_runs(page, tmp_path):
    path = hostile_page(tmp_path)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    problems, requests = open_page(page, path)
    count = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).order.length")
    for index in page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).order"):
        page.evaluate(f"document.getElementById('n{index}').dispatchEvent(new MouseEvent('click', {{bubbles: true}}))")
        assert ATTACK in page.text_content("#panel-title")              # the literal text, markup and all
        page.click("#panel-body details summary")
    page.fill("#search-box", "script")
    page.select_option("#filter-tag", index=1)
    assert count == 3
    assert page.evaluate("window.pwned") is None and dialogs == []
    assert requests == [path.as_uri()] and problems == []
    assert page.locator("#panel img, #panel svg, #panel script, #panel a").count() == 0     # no link to javascript:
    assert page.evaluate("document.querySelectorAll('[onerror], [onload]').length") == 0
    # Even markup that did get in could not run: the policy blocks any script the page did not ship.
    page.evaluate("(() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 8';"
                  " document.body.appendChild(s); })()")
    assert page.evaluate("window.pwned") is None


def test_build_writes_the_page_and_links_it_from_the_brief_and_the_index():
    folder = REPO / "exports" / "china-big-tech"
    assert (folder / "map.html").is_file()
    assert "[map.html](map.html)" in (folder / "brief.md").read_text(encoding="utf-8")
    assert "(china-big-tech/map.html)" in (REPO / "exports" / "index.md").read_text(encoding="utf-8")
    assert 'href="map.html"' in (folder / "brief.html").read_text(encoding="utf-8")
