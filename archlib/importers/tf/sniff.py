"""Telling a Terraform configuration (a directory) or plan (JSON) from a model or template."""

from __future__ import annotations

import re
from pathlib import Path

SNIFF_BYTES = 1024 * 1024
_PLAN_KEYS = re.compile(rb'"(planned_values|values|resource_changes)"\s*:')


def looks_like_terraform(path: Path) -> bool:
    """A directory holding `.tf` files, or JSON with `format_version` and a plan's values."""
    try:
        if path.is_dir():
            return any(p.is_file() for p in path.glob("*.tf"))
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    text = decode_head(head)
    return b'"format_version"' in text and bool(_PLAN_KEYS.search(text))


def decode_head(head: bytes) -> bytes:
    """UTF-16 (a plan redirected by PowerShell) read as UTF-8 for sniffing."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head
