"""``argmap serve`` for real: the server process on a free port of 127.0.0.1 serving a copy of the China
project, its API compared with the CLI, its guards attacked, its event stream read by 20 clients at once,
and the workspace driven in Debian's Chromium."""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import CHROMIUM, REPO

ARGMAP = str(Path(sys.executable).parent / "argmap")
CON = Path("arguments/china-big-tech/con.yaml")
CLAIM = "text: China's Big Tech crackdown is not a model for the United States."


class Served:
    def __init__(self, root: Path):
        self.root = root
        self.process = subprocess.Popen([ARGMAP, "serve", ".", "--port", "0"], cwd=root, stderr=subprocess.PIPE,
                                        stdout=subprocess.DEVNULL, text=True)
        line = self.process.stderr.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert found, line
        self.url = found.group(1)
        page = httpx.get(self.url, timeout=10).text
        self.token = re.search(r'name="argmap-token" content="([^"]+)"', page).group(1)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return httpx.get(self.url + path.lstrip("/"), timeout=10, **kwargs)

    def put_file(self, relative: str, text: str, base: str | None, headers: dict | None = None) -> httpx.Response:
        return httpx.put(self.url + "api/file", params={"path": relative}, json={"text": text, "base": base},
                         headers={"X-Argmap-Token": self.token, **(headers or {})}, timeout=10)

    def version(self) -> int:
        return self.get("/api/state").json()["version"]

    def wait_for_version(self, above: int, timeout: float = 5) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (version := self.version()) > above:
                return version
            time.sleep(0.02)
        raise AssertionError(f"the server did not update past version {above}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=10)


@pytest.fixture()
def served(tmp_path):
    for folder in ("arguments", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    server = Served(tmp_path)
    yield server
    if server.process.poll() is None:
        server.stop()


def cli(root: Path, *args: str) -> str:
    return subprocess.run([ARGMAP, *args], cwd=root, capture_output=True, text=True).stdout


def test_the_api_answers_what_the_cli_answers(served):
    assert served.get("/api/maps").json()[0]["id"] == "china-big-tech"
    assert served.get("/api/diagnostics").json() == json.loads(cli(served.root, "check", "--format", "json"))
    evaluation = served.get("/api/evaluation", params={"map": "china-big-tech"}).json()
    assert evaluation == json.loads(cli(served.root, "evaluate", "--format", "json"))
    broken = (served.root / CON).read_text(encoding="utf-8").replace("attacks: resolution", "attacks: resolutoin", 1)
    (served.root / CON).write_text(broken, encoding="utf-8")
    served.wait_for_version(1)
    assert served.get("/api/diagnostics").json() == json.loads(cli(served.root, "check", "--format", "json"))
    assert served.get("/api/diagnostics").json()[0]["code"] == "AM201"


@pytest.mark.parametrize("path", ["../pyproject.toml", "arguments/../../etc/passwd", "/etc/passwd",
                                  "arguments/%2e%2e/%2e%2e/etc/passwd", "sources/crackdown-not-a-model.md",
                                  "arguments/china-big-tech/../../sources/crackdown-not-a-model.md", "", "arguments\x00.yaml"])
def test_only_map_files_of_the_project_can_be_read_or_written(served, path):
    assert served.get("/api/file", params={"path": path}).status_code in (400, 403)
    assert served.put_file(path, "x: 1\n", None).status_code in (400, 403)
    assert served.get("/static/../app.py").status_code == 404
    assert served.get("/static/%2e%2e/app.py").status_code == 404
    assert (served.root / "sources" / "crackdown-not-a-model.md").read_text(encoding="utf-8").startswith("---")


def test_writes_need_the_token_and_this_origin_and_a_bounded_body(served):
    original = (served.root / CON).read_text(encoding="utf-8")
    no_token = httpx.put(served.url + "api/file", params={"path": str(CON)}, json={"text": "x", "base": None})
    assert no_token.status_code == 403
    assert served.put_file(str(CON), "x", None, {"X-Argmap-Token": "guess"}).status_code == 403
    assert served.put_file(str(CON), "x", None, {"Origin": "http://evil.example"}).status_code == 403
    rebinding = httpx.get(served.url + "api/state", headers={"Host": "evil.example"})
    assert rebinding.status_code == 400
    huge = served.put_file(str(CON), "x" * (6 * 1024 * 1024), None)
    assert huge.status_code == 413
    assert (served.root / CON).read_text(encoding="utf-8") == original


def test_a_save_over_a_file_changed_on_disk_is_refused_with_both_versions(served):
    opened = served.get("/api/file", params={"path": str(CON)}).json()
    (served.root / CON).write_text(opened["text"] + "\n# edited elsewhere\n", encoding="utf-8")
    refused = served.put_file(str(CON), opened["text"].replace(CLAIM, CLAIM + " Mine.", 1), opened["hash"])
    assert refused.status_code == 409 and refused.json()["disk"].endswith("# edited elsewhere\n")
    assert (served.root / CON).read_text(encoding="utf-8").endswith("# edited elsewhere\n")
    accepted = served.put_file(str(CON), refused.json()["disk"].replace(CLAIM, CLAIM + " Both.", 1), refused.json()["hash"])
    assert accepted.status_code == 200
    assert not list(served.root.rglob("*.tmp"))


@pytest.mark.asyncio
async def test_twenty_pages_receive_every_update(served):
    async def listen(received: list, ready: asyncio.Event, count: int) -> None:
        async with httpx.AsyncClient(timeout=20) as client:
            async with client.stream("GET", served.url + "api/events") as response:
                async for line in response.aiter_lines():
                    if line.startswith("data:"):
                        received.append(json.loads(line[5:]))
                        if len(received) == 1:
                            ready.set()
                        if len(received) == count + 1:
                            return

    async def run() -> list[list]:
        logs = [[] for _ in range(20)]
        readies = [asyncio.Event() for _ in range(20)]
        tasks = [asyncio.create_task(listen(log, ready, 3)) for log, ready in zip(logs, readies, strict=True)]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 10)
        text = (served.root / CON).read_text(encoding="utf-8")
        for number in range(3):
            version = await asyncio.to_thread(served.version)
            opened = await asyncio.to_thread(served.get, "/api/file", params={"path": str(CON)})
            await asyncio.to_thread(served.put_file, str(CON), text.replace(CLAIM, CLAIM + f" Edit {number}.", 1),
                                    opened.json()["hash"])
            await asyncio.to_thread(served.wait_for_version, version)
        await asyncio.wait_for(asyncio.gather(*tasks), 15)
        return logs

    logs = await run()
    assert all(len(log) == 4 for log in logs)
    versions = [[event["version"] for event in log[1:]] for log in logs]
    assert all(v == sorted(v) and len(set(v)) == 3 for v in versions)


def test_ctrl_c_leaves_no_process_or_temporary_file(served):
    served.put_file(str(CON), (served.root / CON).read_text(encoding="utf-8") + "\n", None)
    pid = served.process.pid
    assert served.stop() == 0
    assert not list(served.root.rglob("*.tmp"))
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    assert children == "" and not os.path.exists(f"/proc/{pid}/status")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_the_workspace_edits_saves_and_follows_the_disk(served, page):
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(served.url)
    page.wait_for_selector("body[data-version]")
    frame = page.frame_locator("#view")
    frame.locator("html[data-ready=true]").wait_for()
    # edit a claim in the page, save: the file changes and the map shows the new text
    page.locator(".cm-content").focus()
    page.keyboard.press("Control+Home")
    page.locator(".cm-line", has_text=CLAIM).click()
    page.keyboard.press("End")
    page.keyboard.type(" Edited in the page.")
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 5
    while "Edited in the page." not in (served.root / CON).read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert CLAIM + " Edited in the page." in (served.root / CON).read_text(encoding="utf-8")
    in_map = lambda words: frame.locator("g.claim > title", has_text=words).first   # noqa: E731 (the claim's full text)
    in_map("Edited in the page.").wait_for(state="attached", timeout=5000)
    # an edit on disk reaches the open page within a second
    text = (served.root / CON).read_text(encoding="utf-8")
    started = time.monotonic()
    (served.root / CON).write_text(text.replace("Edited in the page.", "Edited on disk."), encoding="utf-8")
    in_map("Edited on disk.").wait_for(state="attached", timeout=5000)
    assert time.monotonic() - started < 1.0
    page.locator(".cm-line", has_text="Edited on disk.").wait_for(timeout=2000)     # the editor follows too
    # a syntax error: the problem at its line, and the last good map stays
    broken = (served.root / CON).read_text(encoding="utf-8").replace("claims:\n", "claims:\n  - [unclosed\n", 1)
    (served.root / CON).write_text(broken, encoding="utf-8")
    page.locator("#problems li", has_text="AM005").wait_for(timeout=5000)
    line = broken[:broken.index("[unclosed")].count("\n") + 1
    assert re.search(rf"con\.yaml:{line}:\d+ AM005|con\.yaml:{line + 1}:\d+ AM005", page.text_content("#problems"))
    assert "last good one" in page.text_content("#status")
    assert frame.locator("g.claim > title", has_text="Edited on disk.").count() == 1
    assert problems == []


def test_completion_and_cite_for_the_editor(served):
    text = (served.root / CON).read_text(encoding="utf-8")
    edited = text.replace("attacks: resolution", "attacks: ", 1)
    line = edited[:edited.index("attacks: ")].count("\n")
    headers = {"X-Argmap-Token": served.token}
    found = httpx.post(served.url + "api/complete", headers=headers, json={
        "path": str(CON), "text": edited, "line": line, "column": len("    attacks: ")}).json()
    assert {"resolution", "not-a-model-us"} <= {item["label"] for item in found}
    assert httpx.post(served.url + "api/complete", json={"path": str(CON), "text": edited}).status_code == 403
    # cite verified words in a claim that has no citation yet
    uncited = text.replace("  - id: not-a-model-us\n", "  - id: fresh\n    text: A new claim.\n    attacks: resolution\n\n"
                           "  - id: not-a-model-us\n", 1)
    at = uncited[:uncited.index("id: fresh")].count("\n")
    quote = "Authorities also directly embed cybersecurity police units in important web providers."
    edit = httpx.post(served.url + "api/cite", headers=headers, json={
        "source": "crackdown-not-a-model", "quote": quote, "text": uncited, "line": at}).json()
    lines = uncited.split("\n")
    lines.insert(edit["line"], edit["insert"].rstrip("\n"))
    (served.root / CON).write_text("\n".join(lines), encoding="utf-8")
    assert json.loads(cli(served.root, "check", "--format", "json")) == []
    refused = httpx.post(served.url + "api/cite", headers=headers, json={
        "source": "crackdown-not-a-model", "quote": "words the article never wrote", "text": uncited, "line": at})
    assert refused.status_code == 422 and "not verbatim" in refused.json()["error"]
