"""`archlib schema` describes the files users write, and the bundled ones satisfy it."""

from __future__ import annotations

import json
from collections.abc import Callable

import jsonschema
import pytest

from archlib.loader import load_text
from archlib.loader.load import model_to_data
from tests.conftest import STAGE_FILES, CliResult


@pytest.fixture(scope="module")
def schema_document() -> dict[str, object]:
    from archlib.model import Architecture

    return Architecture.model_json_schema()


def test_cli_prints_draft_2020_12_schema(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(document)
    kinds = {
        definition["properties"]["kind"]["const"]
        for definition in document["$defs"].values()
        if "kind" in definition.get("properties", {})
    }
    assert {"web_server", "relational_database", "cache", "queue", "host"} <= kinds


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: p.name)
def test_reference_models_validate_against_schema(
    path: object, schema_document: dict[str, object]
) -> None:
    from pathlib import Path

    text = Path(str(path)).read_text()
    data = model_to_data(load_text(text))
    jsonschema.validate(data, schema_document)


def test_schema_rejects_unknown_fields(schema_document: dict[str, object]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "title": "x", "colour": "red"}, schema_document)
