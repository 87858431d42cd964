"""Logical ids derived from model ids, so a changed model changes only its own resources."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archlib.model import RelationalDatabase


def pascal(identifier: str) -> str:
    """`read-api` -> `ReadApi`: model ids are lower-case letters, digits and hyphens."""
    return "".join(part[:1].upper() + part[1:] for part in identifier.split("-") if part)


def cidr_token(cidr: str) -> str:
    """An alphanumeric rendering of a CIDR for logical ids: `203.0.113.0/24` -> `203x0x113x0x24`."""
    return re.sub(r"[^0-9A-Za-z]", "x", cidr)


_DESCRIPTION_UNSAFE = re.compile(r"[^a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]")


def rule_description(text: str) -> str:
    """Security group rule descriptions accept a restricted character set, up to 255 chars."""
    return _DESCRIPTION_UNSAFE.sub("", text)[:255]


def partitions(database: RelationalDatabase) -> list[str]:
    """Logical-id prefixes of each primary: one, or one per shard or federated database."""
    name = pascal(database.id)
    if database.partitioning is None:
        return [name]
    return [f"{name}{pascal(p.name)}" for p in database.partitioning.partitions]
