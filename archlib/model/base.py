"""Shared pydantic configuration and small constrained types for the model."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from archlib.model.limits import MAX_LABEL_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]{0,62}$",
        description="Lower-case letters, digits and hyphens, starting with a letter.",
    ),
]
"""Ids become DOT node names and CloudFormation logical ids, so they are kept plain."""

AzLabel = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,19}$")]
"""An abstract availability-zone label such as `a`; the region decides which real zone it is."""

Port = Annotated[int, Field(ge=1, le=65535)]

Label = Annotated[str, Field(max_length=MAX_LABEL_CHARS)]
"""A short name drawn in a diagram box or a table cell."""

Title = Annotated[str, Field(max_length=MAX_TITLE_CHARS)]

_ALLOWED_CONTROLS = frozenset("\n\t")


def _control_character(text: str) -> str | None:
    for character in text:
        if character not in _ALLOWED_CONTROLS and unicodedata.category(character) == "Cc":
            return character
    return None


def _check_text(value: str) -> None:
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"text is {len(value):,} characters, over the {MAX_TEXT_CHARS:,} limit")
    bad = _control_character(value)
    if bad is not None:
        raise ValueError(
            f"control character {bad!r} in text: it would corrupt SVG and terminal output"
        )


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a model file must never be silently ignored.

    Validators are built on first use (`defer_build`): loading a model builds the document's
    validator once, rather than one more for every class at import, most of which (the
    abstract bases, the parts only ever validated inside a model) would never be used.
    """

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, populate_by_name=True, defer_build=True
    )

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        """Every string, in lists and mapping keys too, is printable and of bounded size."""
        if isinstance(value, str):
            _check_text(value)
        elif isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, str):
                    _check_text(item)
        elif isinstance(value, dict):
            for key in value:
                if isinstance(key, str):
                    _check_text(key)
        return value
