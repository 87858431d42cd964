"""What every command shares: reading model arguments and printing data."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlib.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from archlib.model import Architecture

MODEL_SUFFIXES = (".yaml", ".yml", ".json")


class DataFormat(StrEnum):
    table = "table"
    json = "json"


def model_paths(arguments: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for the model files directly inside it, sorted."""
    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(p for p in argument.iterdir() if p.suffix in MODEL_SUFFIXES)
            if not found:
                raise InputError("no model files (.yaml, .yml, .json) in directory", path=argument)
            paths.extend(found)
        else:
            paths.append(argument)
    return paths


def load_models(arguments: Iterable[Path]) -> list[tuple[Path, Architecture]]:
    from archlib.loader import load

    return [(path, load(path)) for path in model_paths(arguments)]


def print_json(documents: list[Any]) -> None:
    """One document prints as an object; several as an array of them."""
    payload = documents[0] if len(documents) == 1 else documents
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)
