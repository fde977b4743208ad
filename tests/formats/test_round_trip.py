"""Export -> import gives back the same map: claims, relations, schemes and citations, through AIF
(argmap's own JSON) and through Argdown (parsed by the real Argdown CLI)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmap import check, load_project
from argmap.apps.importer import argdown_cli, import_file
from argmap.formats.aif import to_aif
from argmap.formats.argdown import to_argdown
from argmap.load.schemes import builtin_schemes
from tests.conftest import REPO


def signature(argument_map) -> dict:
    """What must survive a round trip, by claim text (ids may be re-made for claims that had none)."""
    text = {cid: c.text for cid, c in argument_map.claims.items()}

    def node(n: str) -> object:
        if n in text:
            return text[n]
        argument = argument_map.arguments[n]
        return (argument.relation, tuple(sorted(text[p] for p in argument.premises)), node(argument.target))

    return {
        "claims": sorted(text.values()),
        "relations": sorted((a.relation, tuple(sorted(text[p] for p in a.premises)), repr(node(a.target)), a.scheme)
                            for a in argument_map.arguments.values()),
        "citations": sorted((c.text, cit.source, " ".join(cit.quote.split()), cit.speaker)
                            for c in argument_map.claims.values() for cit in c.citations),
        "resolution": text[argument_map.resolution],
    }


def reimported(project, file: Path):
    shutil.copytree(REPO / "sources", project.root / "sources", dirs_exist_ok=True)
    for existing in (project.root / "sources").glob("demo.md"):
        existing.unlink()
    (project.root / "sources" / "other.md").unlink(missing_ok=True)
    result = import_file(file, project.root, map_id="china-big-tech")
    loaded = load_project([result.written[0]])
    errors = [d for d in check(loaded) if d.is_error]
    assert errors == [], [d.render() for d in errors]
    return loaded.maps["china-big-tech"]


def test_aif_round_trip_keeps_claims_relations_schemes_and_citations(project, china_map, china_graph) -> None:
    file = project.root / "china.json"
    file.write_text(json.dumps(to_aif(china_graph, builtin_schemes(), china_map.sources)), encoding="utf-8")
    assert signature(reimported(project, file)) == signature(china_map)


def test_argdown_round_trip_keeps_claims_relations_schemes_and_citations(project, china_map, china_graph) -> None:
    if argdown_cli() is None:
        pytest.fail("the Argdown CLI is not installed: run scripts/setup")
    file = project.root / "china.argdown"
    file.write_text(to_argdown(china_graph, builtin_schemes()), encoding="utf-8")
    assert signature(reimported(project, file)) == signature(china_map)
