"""What an evaluated Terraform expression can be besides plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Unknown:
    """A value not known before apply, or not statically: the reason says which."""

    reason: str


@dataclass(frozen=True)
class TfRef:
    """An attribute of a resource known only after apply (`aws_lb.web.arn`)."""

    address: str
    attribute: str


@dataclass(frozen=True)
class Joined:
    """A string built from text and references (`"${aws_lb.web.dns_name}:80"`)."""

    parts: tuple[str | TfRef, ...]


class Namespace:
    """A name whose attributes are looked up on demand (`var`, `local`, a resource)."""

    def __init__(self, lookup: Callable[[str], Any]) -> None:
        self._lookup = lookup

    def attribute(self, name: str) -> Any:
        return self._lookup(name)


class TooComplex(Exception):
    """The configuration takes more evaluation than any real one needs."""


def is_plain(value: Any) -> bool:
    """Plain data all through: no unknown, reference or namespace inside."""
    if isinstance(value, dict):
        return all(is_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(is_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def first_unknown(value: Any) -> Unknown | None:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found = first_unknown(item)
            if found is not None:
                return found
    return None
