"""The environment the benchmarks' child processes run in."""

from __future__ import annotations

import os


def child_environment() -> dict[str, str]:
    """This process's environment, but letting Python cache byte-code.

    With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), an editable
    install recompiles every module on every start, so each whole-process figure would time
    the compiler: about a tenth of `archlib check`'s start-up. A user's install has its
    byte-code cached, so the benchmarks measure that.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment
