"""A traffic profile for an imported model, from a file: a template states no load."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from archlib.errors import InputError
from archlib.loader.document import read_document
from archlib.model.traffic import TrafficProfile


def read_traffic(path: Path) -> TrafficProfile:
    """The file's `traffic` section, or the whole file when it is the profile itself."""
    document = read_document(path)
    data = document.data
    loc: tuple[str, ...] = ()
    if "traffic" in data:
        data, loc = data["traffic"], ("traffic",)
    try:
        return TrafficProfile.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        line, column, field = document.position((*loc, *first["loc"]))
        raise InputError(
            str(first["msg"]).removeprefix("Value error, "),
            path=path,
            line=line,
            column=column,
            field=field or None,
        ) from None
