"""`# archlib:ignore RULE reason until DATE` above a resource block: a suppression of that
rule on the component the resource became, as if the model stated it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from archlib.errors import InputError
from archlib.importers.tf.module import TfResource
from archlib.model.policy import Suppression

_MARK = re.compile(r"^archlib:ignore\s+(?P<rule>\S+)(?:\s+(?P<rest>.*))?$")
_UNTIL = re.compile(r"^(?P<reason>.*?)\s*\buntil\s+(?P<date>\d{4}-\d{2}-\d{2})\s*$")
_RULE = re.compile(r"^[A-Z]+[0-9]{3}$")


def suppressions(resources: list[TfResource], components: Mapping[str, str]) -> list[Suppression]:
    """The suppressions written on resources that became (part of) a component.

    `components` maps a resource address to its component id."""
    found: list[Suppression] = []
    for resource in resources:
        for offset, comment in enumerate(reversed(resource.comments), start=1):
            match = _MARK.match(comment)
            if match is None:
                continue
            line = resource.line - offset
            rule = match.group("rule")
            if not _RULE.match(rule):
                raise InputError(
                    f"archlib:ignore {rule}: expected a rule id such as SEC004",
                    path=resource.file,
                    line=line,
                )
            rest = (match.group("rest") or "").strip()
            expires = None
            until = _UNTIL.match(rest)
            if until is not None:
                rest = until.group("reason")
                try:
                    expires = dt.date.fromisoformat(until.group("date"))
                except ValueError:
                    raise InputError(
                        f"archlib:ignore {rule}: {until.group('date')} is not a date",
                        path=resource.file,
                        line=line,
                    ) from None
            component = components.get(resource.address)
            if component is None:
                continue
            found.append(
                Suppression(rule=rule, component=component, justification=rest, expires=expires)
            )
    return found
