"""Pages generated from code are committed; they must match what the code generates now."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archlib.report.generated_docs import generated_pages
from tests.conftest import REPO, CliResult


@pytest.mark.parametrize("name", sorted(generated_pages()))
def test_committed_page_is_current(name: str) -> None:
    committed = REPO / "docs" / name
    assert committed.read_text() == generated_pages()[name], (
        f"docs/{name} is stale: run `archlib docs`"
    )


def test_docs_command_writes_every_page(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("docs", "--output", tmp_path)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(generated_pages())


def test_reference_names_every_component_kind() -> None:
    from archlib.model.components import KIND_CLASSES

    page = generated_pages()["model-reference.md"]
    for kind in KIND_CLASSES:
        assert f"### `{kind}`" in page


def test_model_format_example_loads() -> None:
    import re

    from archlib.loader import load_text

    page = (REPO / "docs" / "model.md").read_text()
    examples = [b for b in re.findall(r"```yaml\n(.*?)```", page, re.S) if b.startswith("name:")]
    assert examples
    for example in examples:
        model = load_text(example, "docs/model.md")
        assert model.components
