"""Shared pydantic configuration and small constrained types for the model."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

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


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo in a model file must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)
