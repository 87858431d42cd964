"""The capacity table as data: every figure with its unit and basis, overridable from YAML."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from archlib.errors import InputError

OPEN_SECTIONS = frozenset({"instance_families"})
"""Tables an override may extend with new keys (a family the defaults lack). Sizes (vCPUs,
memory) are not assumptions: they come from the instance catalogue."""


@dataclass(frozen=True)
class Assumption:
    """One figure; `value` None means the service has no fixed limit worth modelling."""

    section: str
    name: str
    value: float | None
    unit: str
    basis: str
    overridden: bool = False


@dataclass(frozen=True)
class Assumptions:
    entries: Mapping[str, Mapping[str, Assumption]]

    def get(self, section: str, name: str) -> float | None:
        return self.entries[section][name].value

    def number(self, section: str, name: str) -> float:
        value = self.get(section, name)
        if value is None:
            raise InputError(f"capacity assumption {section}.{name} needs a number")
        return value

    def find(self, section: str, name: str) -> float | None:
        """A look-up in an open table; None when the key is not in it."""
        entry = self.entries[section].get(name)
        return None if entry is None else entry.value

    def __iter__(self) -> Iterator[Assumption]:
        for table in self.entries.values():
            yield from table.values()

    def with_overrides(self, data: Mapping[str, Any], source: str | Path) -> Assumptions:
        """A copy with the overrides applied; unknown names are errors, never ignored."""
        if not isinstance(data, Mapping):
            raise InputError("expected a mapping of assumption sections", path=source, line=1)
        merged = {section: dict(table) for section, table in self.entries.items()}
        for section, table in data.items():
            if section not in merged:
                known = ", ".join(sorted(merged))
                raise InputError(
                    f"unknown assumption section (expected one of {known})",
                    path=source,
                    field=str(section),
                )
            if not isinstance(table, Mapping):
                raise InputError("expected a mapping of names", path=source, field=str(section))
            for name, given in table.items():
                where = f"{section}.{name}"
                current = merged[section].get(name)
                if current is None and section not in OPEN_SECTIONS:
                    raise InputError("unknown assumption", path=source, field=where)
                value, basis = _override_value(given, where, source)
                if current is None:
                    if basis is None:
                        raise InputError("a new entry needs a basis", path=source, field=where)
                    unit = merged[section][next(iter(merged[section]))].unit
                    current = Assumption(section, str(name), value, unit, basis, overridden=True)
                else:
                    current = replace(
                        current,
                        value=value,
                        basis=basis if basis is not None else current.basis,
                        overridden=True,
                    )
                merged[section][str(name)] = current
        return Assumptions(merged)


def _override_value(given: Any, where: str, source: str | Path) -> tuple[float | None, str | None]:
    basis: str | None = None
    if isinstance(given, Mapping):
        unknown = sorted(set(given) - {"value", "basis"})
        if unknown:
            raise InputError(f"unknown key {unknown[0]!r}", path=source, field=where)
        if "value" not in given:
            raise InputError("needs a value", path=source, field=where)
        basis = given.get("basis")
        if basis is not None and not isinstance(basis, str):
            raise InputError("basis must be text", path=source, field=where)
        given = given["value"]
    if given is None:
        return None, basis
    if (
        isinstance(given, bool)
        or not isinstance(given, int | float)
        or not math.isfinite(float(given) if abs(given) < 1e300 else math.inf)
        or given <= 0
    ):
        raise InputError(
            f"expected a finite positive number, got {given!r}", path=source, field=where
        )
    return float(given), basis


def _parse(data: Mapping[str, Any]) -> Assumptions:
    entries: dict[str, dict[str, Assumption]] = {}
    for section, table in data.items():
        entries[section] = {
            name: Assumption(
                section,
                name,
                None if item["value"] is None else float(item["value"]),
                item["unit"],
                " ".join(str(item["basis"]).split()),
            )
            for name, item in table.items()
        }
    return Assumptions(entries)


def default_assumptions() -> Assumptions:
    """The bundled table (archlib/capacity/assumptions.yaml)."""
    import yaml

    text = resources.files("archlib.capacity").joinpath("assumptions.yaml").read_text("utf-8")
    # libyaml's parser when PyYAML has it: the pure-Python one takes tens of milliseconds
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _parse(yaml.load(text, Loader=loader))


def load_assumptions(path: str | Path | None) -> Assumptions:
    """The defaults, with the overrides in `path` (if given) applied."""
    table = default_assumptions()
    if path is None:
        return table
    from archlib.loader.document import read_document

    document = read_document(path)
    try:
        return table.with_overrides(document.data, document.path)
    except InputError as error:
        if error.field is not None and error.line is None:
            error.line, error.column, _ = document.position(error.field.split("."))
        raise
