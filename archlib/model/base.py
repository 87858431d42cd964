"""Shared pydantic configuration and small constrained types for the model."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from archlib.model.limits import MAX_LABEL_CHARS, MAX_TITLE_CHARS
from archlib.model.text import has_text_problem, refuse_text

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


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a model file must never be silently ignored.

    Every string is printable and of bounded size (see `archlib.model.text`): the document
    is checked as a whole when it is validated, and each assignment on its own.

    Validators are built on first use (`defer_build`): loading a model builds the document's
    validator once, rather than one more for every class at import, most of which (the
    abstract bases, the parts only ever validated inside a model) would never be used.
    """

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, populate_by_name=True, defer_build=True
    )

    def __setattr__(self, name: str, value: Any) -> None:
        """An assigned value is held to the text rule the model's input was."""
        if has_text_problem(value):
            refuse_text(value, (name,), type(self).__name__)
        super().__setattr__(name, value)
