"""The shipped JSON Schema describes exactly the keys the loader accepts, and the real maps validate."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
import yaml

from argmap import load
from argmap.load.map_file import ARGUMENT_KEYS, CITE_KEYS, CLAIM_KEYS, LEFT_OUT_KEYS, LINKED_KEYS, MAP_KEYS
from tests.conftest import REPO

SCHEMA = json.loads(resources.files("argmap").joinpath("schema/argmap.schema.json").read_text())


@pytest.mark.parametrize("definition,keys", [
    (SCHEMA, MAP_KEYS), (SCHEMA["$defs"]["claim"], CLAIM_KEYS), (SCHEMA["$defs"]["citation"], CITE_KEYS),
    (SCHEMA["$defs"]["argument"], ARGUMENT_KEYS), (SCHEMA["$defs"]["linked"], LINKED_KEYS),
    (SCHEMA["$defs"]["leftOut"], LEFT_OUT_KEYS),
])
def test_schema_keys_match_loader(definition: dict, keys: tuple[str, ...]) -> None:
    assert set(definition["properties"]) == set(keys)
    assert definition["additionalProperties"] is False


@pytest.mark.parametrize("path", sorted((REPO / "arguments").rglob("*.yaml")), ids=lambda p: p.name)
def test_real_maps_validate_against_schema(path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)


def test_schema_rejects_what_the_loader_rejects() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"map": "m", "claims": [{"text": "x", "sied": "pro"}]}, SCHEMA)


def test_library_load_returns_the_typed_model() -> None:
    argument_map = load(REPO / "arguments")
    assert argument_map.id == "china-big-tech"
    assert argument_map.claims[argument_map.resolution].is_resolution
