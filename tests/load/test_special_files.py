"""Only regular files are read: a FIFO, a device, a folder or a link out of the project is a located
error, never a hang, an exhausted memory or a file read from elsewhere."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

MAP = "map: m\ntitle: T\nresolution: R holds.\n"


def argmap(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, timeout=60,
                          cwd=root)


@pytest.mark.parametrize("where", ["arguments/extra.yaml", "sources/extra.md"])
def test_a_fifo_is_refused_without_hanging(project, where: str) -> None:
    project.write("arguments/m.yaml", MAP)
    os.mkfifo(project.root / where)
    result = argmap(project.root, "check", "arguments", "sources")
    assert result.returncode == 1 and "named pipe (FIFO)" in result.stdout and where in result.stdout


@pytest.mark.parametrize("where", ["arguments/zero.yaml", "sources/zero.md"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused(project, where: str, device: str) -> None:
    project.write("arguments/m.yaml", MAP)
    (project.root / where).symlink_to(device)
    result = argmap(project.root, "check", "arguments", "sources")
    assert result.returncode == 1 and where in result.stdout and "outside the project" in result.stdout


def test_a_link_out_of_the_project_is_refused_and_a_link_inside_it_is_read(project, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    outside.write_text("---\nid: secret\ntitle: S\n---\nSecret text of another project.\n", encoding="utf-8")
    project.write("arguments/m.yaml", MAP)
    (project.root / "sources" / "secret.md").symlink_to(outside)
    (project.root / "sources" / "alias.md").symlink_to(project.root / "sources" / "demo.md")
    result = argmap(project.root, "check", "arguments")
    assert "sources/secret.md:1:1: AM001" in result.stdout and "outside the project" in result.stdout
    assert "alias.md" not in result.stdout                  # a link inside the project is read (as demo.md)
    assert result.stdout.count("AM001") == 1


def test_a_folder_named_like_a_map_is_refused(project) -> None:
    project.write("arguments/m.yaml", MAP)
    (project.root / "arguments" / "folder.yaml").mkdir()
    result = argmap(project.root, "check", "arguments")
    assert result.returncode == 1 and "folder.yaml" in result.stdout and "is a folder" in result.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_add_source_refuses_a_device(project, device: str) -> None:
    result = argmap(project.root, "add-source", device, "--id", "z", "--title", "Z")
    assert result.returncode == 1 and "a device" in result.stderr
    assert not (project.root / "sources" / "z.md").exists()


def test_an_over_long_article_gets_a_hint_about_articles(project) -> None:
    article = project.write("article.txt", "word " * (1024 * 1024))
    result = argmap(project.root, "add-source", str(article), "--id", "long", "--title", "Long")
    assert result.returncode == 1 and "split the article" in result.stderr and "map" not in result.stderr
