"""Telling a CloudFormation template from a model file before parsing either."""

from __future__ import annotations

import re
from pathlib import Path

SNIFF_BYTES = 1024 * 1024
_TEMPLATE_MARK = re.compile(
    rb"^AWSTemplateFormatVersion\s*:|\"AWSTemplateFormatVersion\"\s*:|^Resources\s*:"
    rb"|\"Resources\"\s*:\s*\{",
    re.MULTILINE,
)


def looks_like_template(path: Path) -> bool:
    """A regular file whose head has a template's top-level keys.

    The parser confirms it (`is_template`); a model never has these keys, so it is never
    taken for a template.
    """
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return bool(_TEMPLATE_MARK.search(head))
