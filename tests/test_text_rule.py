"""Every string a model holds is printable and of bounded size, however it got there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from archlib import load
from archlib.errors import InputError
from archlib.loader.document import parse_document
from archlib.model import Architecture
from archlib.model.limits import MAX_TEXT_CHARS
from archlib.model.text import has_text_problem, text_problem, text_problems
from tests.conftest import STAGE_FILES

TINY = Path(__file__).parent / "valid_tiny.yaml"


def _refused(text: str) -> bool:
    """The rule, written out plainly: C0/C1 controls other than tab and newline, or too long."""
    controls = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\t", "\n"}
    return len(text) > MAX_TEXT_CHARS or any(character in controls for character in text)


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["plain", "tab\tand\nnewline", "bell\x07", "nbsp\u00a0zero\u200bwidth", "x" * 10_001]
)
_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(_TEXT | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, child in value.items() for s in (*_strings(key), *_strings(child))]
    if isinstance(value, list):
        return [s for child in value for s in _strings(child)]
    return []


@given(_TEXT)
def test_one_string_is_judged_by_the_rule(text: str) -> None:
    assert (text_problem(text) is not None) == _refused(text)


@given(_DATA)
def test_the_quick_walk_and_the_located_walk_agree_with_the_rule(data: Any) -> None:
    expected = any(_refused(s) for s in _strings(data))
    assert has_text_problem(data) == expected
    assert bool(list(text_problems(data))) == expected


def test_the_located_walk_names_keys_and_list_items_in_document_order() -> None:
    data = {"a": ["ok", "b\x07"], "k\x1b": 1, "z": {"deep": "\x00"}}
    assert [loc for loc, _ in text_problems(data)] == [("a", 1), ("k\x1b",), ("z", "deep")]


def test_a_control_character_in_a_usage_key_is_located(tmp_path: Path) -> None:
    text = TINY.read_text().replace(
        "    kind: web_server\n", '    kind: web_server\n    usage: {"req\\x1b[31m": 5}\n', 1
    )
    assert text != TINY.read_text()
    path = tmp_path / "model.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.field is not None
    assert caught.value.field.endswith(".usage.req\x1b[31m")
    assert "control character '\\x1b'" in caught.value.message


def test_a_field_limit_speaks_before_the_general_length_limit(tmp_path: Path) -> None:
    text = TINY.read_text().replace(
        "    kind: web_server\n", f"    kind: web_server\n    label: {'w' * 20_000}\n", 1
    )
    path = tmp_path / "model.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load(path)
    assert "at most" in caught.value.message


def test_parsing_marks_a_document_whose_text_it_has_checked() -> None:
    clean = parse_document(TINY.read_bytes(), TINY)
    assert clean.text_checked
    dirty = parse_document(
        TINY.read_bytes().replace(b"title: Tiny", b'title: "Tiny\\x07"', 1), TINY
    )
    assert not dirty.text_checked


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: p.name)
def test_the_reference_stages_parse_as_checked(path: Path) -> None:
    assert parse_document(path.read_bytes(), path).text_checked


def test_a_model_built_in_python_is_held_to_the_rule() -> None:
    data = load(TINY).model_dump(mode="json")
    data["components"][1]["description"] = "evil\x00"
    with pytest.raises(ValidationError) as caught:
        Architecture.model_validate(data)
    (error,) = caught.value.errors()
    assert error["loc"] == ("components", 1, "description")
    assert error["type"] == "unprintable_text"


@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        ("model", "title", "bell\x07"),
        ("component", "label", "esc\x1b"),
        ("component", "usage", {"k\x00": 1.0}),
    ],
)
def test_an_assignment_is_held_to_the_rule(where: str, field: str, value: Any) -> None:
    model = load(TINY)
    target: Any = model if where == "model" else model.components[1]
    before = getattr(target, field)
    with pytest.raises(ValidationError, match="control character"):
        setattr(target, field, value)
    assert getattr(target, field) == before


def test_tabs_and_newlines_are_kept_on_assignment() -> None:
    model = load(TINY)
    model.description = "line one\n\tline two"
    assert model.description == "line one\n\tline two"
