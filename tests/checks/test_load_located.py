"""Loading a model together with the document that maps fields to lines."""

from __future__ import annotations

import pytest

from archlib.errors import InputError
from archlib.loader import load, load_located
from tests.checks.helpers import STAGE_FILES


def test_lines_of_components_links_and_fields() -> None:
    loaded = load_located(STAGE_FILES[1])
    lines = STAGE_FILES[1].read_text().splitlines()
    assert loaded.model == load(STAGE_FILES[1])
    assert lines[loaded.line(("components", 3)) - 1].strip() == "- id: mysql"
    assert "web, target: mysql" in lines[loaded.line(("links", 3)) - 1]
    assert "203.0.113.0/24" in lines[loaded.line(("components", 2, "ingress", 0)) - 1]
    assert loaded.line(()) == 1


def test_bad_input_is_the_same_error_as_load() -> None:
    with pytest.raises(InputError, match="cannot read model"):
        load_located("no-such-model.yaml")
