"""The five-field Unix cron that Auto Scaling scheduled actions take as `Recurrence`."""

from __future__ import annotations

import re

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

_FIELDS: tuple[tuple[str, int, int, tuple[str, ...], int], ...] = (
    # name, lowest, highest, names, value of the first name
    ("minute", 0, 59, (), 0),
    ("hour", 0, 23, (), 0),
    ("day of month", 1, 31, (), 0),
    ("month", 1, 12, _MONTHS, 1),
    ("day of week", 0, 7, _DAYS, 0),
)
_TERM = re.compile(r"^(?P<range>\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/(?P<step>[0-9]+))?$")


def validate_cron(expression: str) -> str:
    """Returns the expression unchanged, or raises `ValueError` naming the bad field."""
    parts = expression.split()
    if len(parts) != len(_FIELDS):
        raise ValueError(
            f"cron needs 5 fields (minute hour day month weekday), got {len(parts)}: {expression!r}"
        )
    for part, spec in zip(parts, _FIELDS, strict=True):
        for term in part.split(","):
            _check_term(term, spec)
    return expression


def _check_term(term: str, spec: tuple[str, int, int, tuple[str, ...], int]) -> None:
    name, lowest, highest, names, first = spec
    match = _TERM.match(term)
    if match is None:
        raise ValueError(f"cron {name} {term!r} is not a value, range or step")
    if match["step"] is not None and int(match["step"]) == 0:
        raise ValueError(f"cron {name} step in {term!r} must be at least 1")
    if match["range"] == "*":
        return
    ends = match["range"].split("-")
    bounds = [_value(text, name, lowest, highest, names, first) for text in ends]
    if len(bounds) == 2 and bounds[0] > bounds[1]:
        raise ValueError(f"cron {name} range {term!r} runs backwards")


def _value(
    text: str, name: str, lowest: int, highest: int, names: tuple[str, ...], first: int
) -> int:
    if text.upper() in names:
        return names.index(text.upper()) + first
    if not text.isdigit() or len(text) > 2 or not lowest <= int(text) <= highest:
        raise ValueError(f"cron {name} {text!r} is outside {lowest}-{highest}")
    return int(text)


def _expand(part: str, spec: tuple[str, int, int, tuple[str, ...], int]) -> set[int]:
    name, lowest, highest, names, first = spec
    values: set[int] = set()
    for term in part.split(","):
        match = _TERM.match(term)
        assert match is not None, term  # validated by the model
        step = int(match["step"]) if match["step"] is not None else 1
        if match["range"] == "*":
            start, end = lowest, highest
        else:
            ends = [
                _value(text, name, lowest, highest, names, first)
                for text in match["range"].split("-")
            ]
            start, end = ends[0], ends[-1] if len(ends) == 2 or match["step"] is None else highest
        values.update(range(start, end + 1, step))
    return values


def weekly_hours(expression: str) -> frozenset[tuple[int, int]] | None:
    """The (weekday, hour) slots of a week in which the expression fires (weekday 0 is
    Sunday); None when its day-of-month or month fields tie it to dates, not to a week."""
    minute, hour, day, month, weekday = expression.split()
    if day != "*" or month != "*":
        return None
    days = {value % 7 for value in _expand(weekday, _FIELDS[4])}
    hours = _expand(hour, _FIELDS[1])
    del minute  # any minute of the hour: the slot is the hour
    return frozenset((d, h) for d in days for h in hours)
