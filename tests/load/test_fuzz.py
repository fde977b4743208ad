"""Property tests: whatever a map file holds, loading and checking never raises; it reports."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap import check, load_project
from argmap.load.map_file import ARGUMENT_KEYS, CITE_KEYS, CLAIM_KEYS, LINKED_KEYS, MAP_KEYS

KEYS = sorted({*MAP_KEYS, *CLAIM_KEYS, *CITE_KEYS, *ARGUMENT_KEYS, *LINKED_KEYS, "paragraph", "reason", "ref"})
scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 30), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["resolution", "a", "b", "demo", "pro", "con", "expert-opinion", "field",
                                     "regulation should limit the state", "", "...", "a->resolution"]),
                    st.text(max_size=12))
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.sampled_from(KEYS), children, max_size=5)), max_leaves=25)


def run(project, content: bytes) -> None:
    project.write("arguments/fuzz.yaml", content)
    diagnostics = check(load_project(["arguments"]))
    for diagnostic in diagnostics:
        assert diagnostic.location.file.endswith("fuzz.yaml") or diagnostic.location.file.endswith(".md")
        assert diagnostic.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(KEYS), documents, max_size=6))
@example({"sources": ["\x00"]})                      # found by this test: a NUL byte in a source path
@example({"sources": ["x" * 5000]})                   # a path too long for the file system
def test_any_yaml_shaped_map_is_reported_not_raised(project, document: dict) -> None:
    document.setdefault("map", "fuzz")
    run(project, yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_are_reported_not_raised(project, content: bytes) -> None:
    run(project, content)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["id", "title", "author", "date", "kind", "url", "extra"]), documents,
                       max_size=5), st.text(max_size=200))
def test_any_source_file_is_reported_not_raised(project, metadata: dict, body: str) -> None:
    front = yaml.safe_dump(metadata, allow_unicode=True) if metadata else ""
    project.write("sources/fuzz.md", f"---\n{front}---\n{body}")
    project.write("arguments/a.yaml", "map: m\ntitle: T\nresolution: R\n")
    for diagnostic in check(load_project(["sources", "arguments"])):
        assert diagnostic.message and diagnostic.location.line >= 1
