"""archlib: one typed model of a system's architecture, drawn, checked, priced and deployed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archlib.errors import InputError
from archlib.loader import load, load_text, save
from archlib.model import Architecture

if TYPE_CHECKING:
    import datetime as dt

    from archlib.checks import CheckResult

__all__ = ["Architecture", "InputError", "check", "load", "load_text", "save"]
__version__ = "0.1.0"


def check(model: Architecture, *, today: dt.date | None = None) -> CheckResult:
    """Run every check on a model: single points of failure and security findings."""
    from archlib.checks import run_checks

    return run_checks(model, today=today)
