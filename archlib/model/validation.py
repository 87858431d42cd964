"""Cross-field problems reported with the exact field path, like pydantic's own errors."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

Location = tuple[str | int, ...]


class ProblemCollector:
    """Collects every problem of a model validator so one run reports them all at once."""

    def __init__(self) -> None:
        self._errors: list[InitErrorDetails] = []

    def add(self, loc: Location, code: str, message: str) -> None:
        escaped = message.replace("{", "{{").replace("}", "}}")
        self._errors.append(
            InitErrorDetails(type=PydanticCustomError(code, escaped), loc=loc, input=None)
        )

    def raise_if_any(self, title: str) -> None:
        if self._errors:
            raise ValidationError.from_exception_data(title, self._errors)
