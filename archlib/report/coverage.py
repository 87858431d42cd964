"""How much of an imported template the model holds, in the shapes every command prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from archlib.model import Architecture


def coverage_document(model: Architecture) -> dict[str, Any]:
    """`{"coverage": ...}` for an imported model, else nothing to merge."""
    return {"coverage": model.imported.summary()} if model.imported is not None else {}


def coverage_markdown(model: Architecture) -> list[str]:
    return model.imported.markdown() if model.imported is not None else []


def coverage_tables(model: Architecture) -> list[Table]:
    """The coverage line as a table title, each resource left out as a row."""
    if model.imported is None:
        return []
    from rich.table import Table

    imported = model.imported
    table = Table(title=imported.coverage_line(), title_justify="left")
    for column in ("not modelled", "type", "line", "reason"):
        table.add_column(column, justify="right" if column == "line" else "left")
    for item in imported.not_modelled:
        table.add_row(item.logical_id, item.type, str(item.line or ""), item.reason)
    return [table]
