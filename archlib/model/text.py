"""Every string a model holds must be safe to draw, tabulate and print.

A control character corrupts SVG and terminal output, and a string of megabytes swamps every
table, so both are refused when the model is built. The check walks the input once, rather
than running a validator on every field, which cost almost half of validating a large model.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from archlib.model.limits import MAX_TEXT_CHARS
from archlib.model.validation import Location, ProblemCollector

UNPRINTABLE_TEXT = "unprintable_text"
"""The error type of a refused string, as `ValidationError.errors()` reports it."""

TEXT_CHECKED = "text_checked"
"""A validation-context key: the caller has found every string of the input kept, so the
model need not walk it again (the loader does so while it parses a file)."""

_ALLOWED_CONTROLS = frozenset("\n\t")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be kept, or None."""
    if len(text) > MAX_TEXT_CHARS:
        return f"text is {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit"
    if text.isprintable():
        return None
    for character in text:
        if character not in _ALLOWED_CONTROLS and unicodedata.category(character) == "Cc":
            return (
                f"control character {character!r} in text: it would corrupt SVG and terminal output"
            )
    return None


def has_text_problem(value: Any) -> bool:
    """Whether `value` holds a refused string.

    Every model takes this walk, so it builds no field paths (`text_problems` finds them
    once there is something to report) and tests a container's strings together."""
    pending = [value]
    while pending:
        item = pending.pop()
        children: Any
        if isinstance(item, dict):
            children = [*item, *item.values()]
        elif isinstance(item, list | tuple):
            children = item
        elif isinstance(item, BaseModel):
            children = list(_fields(item).values())
        elif isinstance(item, str):
            children = (str(item),)
        else:
            continue
        strings = [child for child in children if type(child) is str]
        if strings and not _all_kept(strings):
            return True
        pending.extend([child for child in children if type(child) not in _SCALARS])
    return False


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _all_kept(strings: list[str]) -> bool:
    if "".join(strings).isprintable() and max(map(len, strings)) <= MAX_TEXT_CHARS:
        return True
    return all(map(text_kept, strings))


def text_kept(text: str) -> bool:
    """`text_problem(text) is None`, quickly for the usual string."""
    return (text.isprintable() and len(text) <= MAX_TEXT_CHARS) or text_problem(text) is None


def text_problems(value: Any, loc: Location = ()) -> Iterator[tuple[Location, str]]:
    """Each refused string in `value`, in document order, with its field path.

    `value` is input data (mappings, lists, strings, numbers) or a model built in Python;
    mapping keys are checked as well as values."""
    pending: list[tuple[Location, Any]] = [(loc, value)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem is not None:
                yield where, problem
            continue
        children: list[tuple[Any, Any]]
        if isinstance(item, dict):
            children = []
            for key, child in item.items():
                children += [(key, key), (key, child)]
        elif isinstance(item, list | tuple):
            children = list(enumerate(item))
        elif isinstance(item, BaseModel):
            children = list(_fields(item).items())
        else:
            continue
        pending.extend(((*where, key), child) for key, child in reversed(children))


def refuse_text(value: Any, loc: Location, title: str) -> None:
    """Raise a `ValidationError` naming every refused string in `value`, if there is one."""
    problems = ProblemCollector()
    for where, problem in text_problems(value, loc):
        problems.add(where, UNPRINTABLE_TEXT, problem)
    problems.raise_if_any(title)


def _fields(model: BaseModel) -> dict[str, Any]:
    """The model's field values; not what `cached_property` keeps beside them."""
    values = vars(model)
    return {name: values[name] for name in type(model).__pydantic_fields__ if name in values}
