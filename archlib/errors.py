"""The one error type the CLI turns into a single line and exit code 2."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def printable(text: str) -> str:
    """Control characters (from a file name, say) shown escaped, never sent to a terminal."""
    return "".join(
        f"\\x{ord(c):02x}"
        if ord(c) < 0x100 and unicodedata.category(c) == "Cc"
        else c.encode("unicode_escape").decode()
        if unicodedata.category(c) == "Cc"
        else c
        for c in text
    )


class InputError(Exception):
    """Bad input, located as precisely as we can: file, line, column and field path."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        more: tuple[InputError, ...] = (),
        unreported: int = 0,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.field = field
        self.more = more
        """Further problems found in the same pass, each located on its own."""
        self.unreported = unreported
        """Problems beyond the reporting cap, counted but not listed."""

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return printable(" ".join(f"{where}{field}{self.message}".split()))

    @property
    def problems(self) -> tuple[InputError, ...]:
        return (self, *self.more)

    def lines(self) -> list[str]:
        """One line per problem, so a user fixes them all in one pass."""
        lines = [str(problem) for problem in self.problems]
        if self.unreported:
            lines.append(
                printable(f"{self.path}: and {self.unreported:,} more problems not listed")
            )
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }

    def document(self) -> dict[str, Any]:
        """The JSON a `--format json` caller reads instead of text."""
        return {
            "errors": [problem.as_dict() for problem in self.problems],
            "unreported": self.unreported,
        }


@contextmanager
def located(path: str | Path) -> Iterator[None]:
    """An error raised while working on one model names that model's file."""
    try:
        yield
    except InputError as error:
        if error.path is None:
            error.path = str(path)
        raise
