"""`Architecture.component` answers from an index, and stays right when the model changes."""

from __future__ import annotations

import pytest

import archlib
from archlib.model import Architecture
from tests.conftest import REPO

STAGE = REPO / "models" / "scaling-aws" / "6-users-plus-5.yaml"


@pytest.fixture
def model() -> Architecture:
    return archlib.load(STAGE)


def test_every_id_finds_its_component(model: Architecture) -> None:
    for component in model.components:
        assert model.component(component.id) is component
    with pytest.raises(KeyError):
        model.component("no-such-component")


def test_the_index_changes_neither_equality_nor_output(model: Architecture) -> None:
    fresh = archlib.load(STAGE)
    model.component(model.components[-1].id)
    assert model == fresh
    assert fresh == model
    assert model.model_dump_json() == fresh.model_dump_json()


def test_a_copy_with_other_components_answers_from_its_own(model: Architecture) -> None:
    model.component(model.components[0].id)
    reordered = model.model_copy(update={"components": list(reversed(model.components))})
    for component in reordered.components:
        assert reordered.component(component.id) is component
    deep = model.model_copy(deep=True)
    for component in deep.components:
        assert deep.component(component.id) is component


def test_changes_in_place_are_seen(model: Architecture) -> None:
    first = model.components[0]
    model.component(first.id)  # build the index before changing the model

    replacement = first.model_copy()
    model.components[0] = replacement
    assert model.component(first.id) is replacement

    renamed = model.components[1]
    old_id = renamed.id
    renamed.id = "renamed-in-place"
    assert model.component("renamed-in-place") is renamed
    with pytest.raises(KeyError):
        model.component(old_id)

    added = first.model_copy(update={"id": "added-in-place"})
    model.components.append(added)
    assert model.component("added-in-place") is added
