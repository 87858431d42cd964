"""What a resolved template value can be besides plain data: references the mappers follow."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceRef:
    """`!Ref X` or `!GetAtt X.Attr` on a resource of the template."""

    logical_id: str
    attribute: str | None = None


@dataclass(frozen=True)
class Zone:
    """The n-th availability zone of the region (`!Select [n, !GetAZs '']`)."""

    index: int


@dataclass(frozen=True)
class ZoneList:
    """`!GetAZs ''`: the region's zones, whose names the template does not state."""


@dataclass(frozen=True)
class ExternalSubnet:
    """A subnet the template takes from outside: a parameter, given or not."""

    key: str
    zone: str | None = None
    """A zone name (us-east-1a) or label (a) when `--parameter` gave one, else unknown."""


@dataclass(frozen=True)
class Unresolved:
    """A value the template computes from something not in it, and why."""

    reason: str


@dataclass(frozen=True)
class Composite:
    """A string built from parts (`!Sub`, `!Join`) that refers to resources."""

    text: str
    refs: tuple[ResourceRef, ...]


@dataclass(frozen=True)
class MissingParameter(Unresolved):
    """A parameter with neither a value nor a default."""

    name: str = ""


NO_VALUE = Unresolved("AWS::NoValue")
"""Removes the property or list item it stands in."""
