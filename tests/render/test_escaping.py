"""Arbitrary text in every field that reaches an export is shown as text: it never changes the
structure of a brief's HTML, never breaks Graphviz's DOT, never adds statements to Argdown."""
from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import check, load_project
from argmap.analysis.evaluate import evaluate
from argmap.analysis.graph import build_graph
from argmap.formats.argdown import argdown_text, to_argdown
from argmap.render.brief import brief_markdown
from argmap.render.diagram import diagram_dot, render
from argmap.render.html_page import markdown_to_html
from argmap.teach.critique import critique, critique_markdown
from argmap.load.schemes import builtin_schemes
from tests.conftest import REPO

HOSTILE = ["<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))", "![i](http://t/x.png)",
           "# Heading", "Costs \\", "`code`", "==mark==", "- item", "1. item", "> quote", "|a|b|", "&lt;b&gt;",
           "<svg onload=alert(1)>", "a\n\n---\n\nb", "**bold**", "<!-- c -->", "\\\\]", "{x}", "\"q\" 'q'",
           "<img src=x onerror=alert(1)>", "_u_", "~~s~~", "[[w]]", "\u202eevil", "\x01ctl"]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                                                       max_size=40))


def hostile_project(root: Path, text: str) -> None:
    """A project whose title, description, claims, tags, notes, speaker and source fields all carry ``text``."""
    (root / "sources").mkdir(exist_ok=True)
    (root / "arguments").mkdir(exist_ok=True)
    meta = {"id": "s", "title": f"T {text}", "publisher": f"P {text}", "author": f"A {text}", "kind": "op-ed"}
    (root / "sources" / "s.md").write_text("---\n" + yaml.safe_dump(meta) + "---\n"
                                           f"Intro words stand here. {' '.join(text.split())} Closing words.\n",
                                           encoding="utf-8")
    claim = {"id": "c1", "text": f"Claim {text}", "tags": [f"tag {text}"], "note": f"N {text}", "supports": "resolution",
             "scheme": "expert-opinion",
             "cite": {"source": "s", "quote": "Intro words stand here.", "speaker": f"Ann {text}, expert",
                      "note": f"cn {text}"}}
    objection = {"id": "c2", "text": f"Objection {text}", "implicit": True, "attacks": "c1"}
    document = {"map": "m", "title": f"Title {text}", "description": f"D {text}",
                "resolution": "Democracies can learn lessons from the crackdown.", "claims": [claim, objection]}
    (root / "arguments" / "m.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


class TagShape(HTMLParser):
    """The sequence of element names and attribute names of an HTML page (its structure, not its text)."""

    def __init__(self) -> None:
        super().__init__()
        self.shape: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))


def compiled(root: Path):
    project = load_project([root / "arguments"])
    errors = [d for d in check(project) if d.is_error]
    if errors:
        return None
    argument_map = project.maps["m"]
    graph = build_graph(argument_map)
    return argument_map, graph, evaluate(graph)


def html_shape(root: Path, text: str) -> list | None:
    hostile_project(root, text)
    found = compiled(root)
    if found is None:
        return None
    argument_map, graph, evaluation = found
    pages = [brief_markdown(argument_map, graph, evaluation),
             critique_markdown(critique(argument_map, graph, evaluation, builtin_schemes()), argument_map)]
    parser = TagShape()
    for page in pages:
        parser.feed(markdown_to_html(page, f"Title {text}"))
    return parser.shape


@pytest.mark.parametrize("text", HOSTILE)
def test_no_hostile_text_changes_the_structure_of_a_brief_or_critique(tmp_path_factory, text: str) -> None:
    test_no_text_changes_the_structure_of_a_brief_or_critique.hypothesis.inner_test(tmp_path_factory, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_no_text_changes_the_structure_of_a_brief_or_critique(tmp_path_factory, text: str) -> None:
    neutral = html_shape(tmp_path_factory.mktemp("neutral"), "plain words")
    shape = html_shape(tmp_path_factory.mktemp("hostile"), text)
    if shape is None:
        return                                      # the loader refused the text (e.g. it is only whitespace)
    assert shape == neutral
    assert not any(tag in ("script", "img", "svg", "iframe") for tag, _ in shape)


@pytest.mark.parametrize("text", HOSTILE)
def test_graphviz_accepts_every_hostile_text(tmp_path_factory, text: str) -> None:
    graphviz_renders(tmp_path_factory, text)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_graphviz_accepts_any_text(tmp_path_factory, text: str) -> None:
    graphviz_renders(tmp_path_factory, text)


def graphviz_renders(tmp_path_factory, text: str) -> None:
    """The real dot lays out the whole map, grouped by nothing, tag and source, into well-formed SVG."""
    root = tmp_path_factory.mktemp("dot")
    hostile_project(root, text)
    found = compiled(root)
    if found is None:
        return
    _, graph, evaluation = found
    for group in (None, "tag", "source"):
        svg = render(diagram_dot(graph, evaluation, group=group), "svg")
        tree = ElementTree.fromstring(svg)
        assert not [e for e in tree.iter() if e.tag.endswith("script")]


ARGDOWN = REPO / "tools" / "argdown" / "node_modules" / ".bin" / "argdown"


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(many=st.lists(texts, min_size=12, max_size=12))
def test_argdown_parses_every_text_as_one_statement(tmp_path_factory, many: list[str]) -> None:
    if not ARGDOWN.exists():
        pytest.fail("Argdown is not installed: run scripts/setup")
    root = tmp_path_factory.mktemp("argdown")
    (root / "sources").mkdir()
    claims = [{"id": f"h{n}", "text": f"Claim {t}", "implicit": True, "supports": "resolution"} for n, t in enumerate(many)]
    document = {"map": "h", "title": f"Title {many[0]}", "resolution": "R holds.", "claims": claims}
    (root / "arguments").mkdir()
    (root / "arguments" / "h.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    project = load_project([root / "arguments"])
    if [d for d in check(project) if d.is_error]:
        return
    graph = build_graph(project.maps["h"])
    (root / "map.argdown").write_text(to_argdown(graph), encoding="utf-8")
    result = subprocess.run([str(ARGDOWN), "json", str(root / "map.argdown"), str(root)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    parsed = json.loads((root / "map.json").read_text(encoding="utf-8"))
    assert set(parsed["statements"]) == {n for n, d in graph.nodes(data=True) if d["kind"] == "claim"}
    for node in parsed["statements"]:
        members = [m for m in parsed["statements"][node]["members"] if m.get("text")]
        assert len(members) == 1
        assert members[0]["text"].startswith(argdown_text(graph.nodes[node]["text"]))


def escaped_the_long_way(text: str) -> str:
    """escape_markdown without its shortcut for text that needs nothing: every rewrite, always."""
    from argmap.load.yamlio import CONTROL_CHARACTERS
    from argmap.render import escape
    folded = escape._SPACES.sub(" ", CONTROL_CHARACTERS.sub("", text))
    return escape._LEADING_MARKER.sub(escape._escape_marker, escape._MARKDOWN_SPECIAL.sub(r"\\\1", folded), count=1)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(texts, st.text(st.sampled_from(" \t\n\u00a0\u2009\x01-+1.)*ab#"), max_size=12)))
def test_texts_escaping_leaves_alone_are_exactly_those_it_would_not_change(text: str) -> None:
    from argmap.render.escape import escape_markdown
    assert escape_markdown(text) == escaped_the_long_way(text)
