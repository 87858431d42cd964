"""Safe, bounded YAML/JSON reading that remembers where every key and item came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archlib.errors import InputError

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Models are hand-written; anything larger is a mistake or an attack."""
MAX_NODES = 500_000
"""Values after alias expansion: stops "billion laughs" before it reaches memory."""
MAX_DEPTH = 64

_PLAIN_SCALARS = (str, int, float, bool, dt.date, dt.datetime, type(None))


@dataclass(frozen=True)
class Document:
    """A parsed file: plain Python data plus the ruamel tree that knows line numbers."""

    path: Path
    data: Any
    tree: Any

    def position(self, loc: Sequence[str | int]) -> tuple[int | None, int | None, str]:
        """1-based line and column of the deepest part of `loc` present, and its field path."""
        node = self.tree
        line: int | None = 1
        column: int | None = 1
        path = ""
        steps = list(loc)
        for index, step in enumerate(steps):
            is_last = index == len(steps) - 1
            if isinstance(node, Mapping) and step in node:
                line, column = _key_position(node, step)
                node = node[step]
                path += f".{step}" if path else str(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                line, column = _item_position(node, step)
                node = node[step]
                path += f"[{step}]"
            elif isinstance(step, str) and not is_last and _is_union_tag(node, step):
                continue
            else:
                # A missing field: point at the mapping that lacks it.
                if isinstance(step, str) and "[" not in step:
                    path += f".{step}" if path else step
                break
        return line, column, path


def _is_union_tag(node: Any, step: str) -> bool:
    """pydantic puts the discriminator's value (or a validator name) into error locations."""
    if isinstance(node, Mapping) and node.get("kind") == step:
        return True
    return "[" in step or step in {"int", "str", "float", "bool", "list", "dict"}


def _key_position(node: Any, key: Any) -> tuple[int | None, int | None]:
    try:
        line, column = node.lc.key(key)
    except (AttributeError, KeyError, TypeError):
        return None, None
    return line + 1, column + 1


def _item_position(node: Any, index: int) -> tuple[int | None, int | None]:
    try:
        line, column = node.lc.item(index)
    except (AttributeError, KeyError, TypeError, IndexError):
        return None, None
    return line + 1, column + 1


def read_document(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as error:
        raise InputError(f"cannot read model: {error.strerror}", path=source) from None
    if source.is_dir():
        raise InputError("is a directory, expected a model file", path=source)
    if size > max_bytes:
        raise InputError(
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit for a model", path=source
        )
    raw = source.read_bytes()
    return parse_document(raw, source)


def parse_document(raw: bytes, source: Path) -> Document:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {error.start})", path=source, line=line) from None
    tree = _parse_yaml(text, source)
    if tree is None:
        raise InputError("empty file, expected a model", path=source, line=1)
    if not isinstance(tree, Mapping):
        raise InputError("expected a mapping of model fields at the top", path=source, line=1)
    data = _to_plain(tree, source, budget=[MAX_NODES], depth=0, active=set())
    return Document(source, data, tree)


def _parse_yaml(text: str, source: Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    try:
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        raise InputError(
            f"malformed YAML: {problem}",
            path=source,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except YAMLError as error:
        raise InputError(f"malformed YAML: {str(error).splitlines()[0]}", path=source) from None
    except RecursionError:
        raise InputError("malformed YAML: nested too deeply", path=source) from None


def _to_plain(node: Any, source: Path, *, budget: list[int], depth: int, active: set[int]) -> Any:
    """Copy the ruamel tree into plain dicts and lists, refusing tags, cycles and bombs."""
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError(
            f"the model expands to more than {MAX_NODES:,} values (too many aliases?)",
            path=source,
        )
    if depth > MAX_DEPTH:
        raise InputError(f"nested deeper than {MAX_DEPTH} levels", path=source)
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None and not tag.startswith("tag:yaml.org,2002:"):
        raise InputError(f"unsupported YAML tag {tag}", path=source, line=_line_of(node))
    if isinstance(node, Mapping):
        if id(node) in active:
            raise InputError("recursive alias", path=source, line=_line_of(node))
        active.add(id(node))
        plain = {
            _scalar(key, source): _to_plain(
                value, source, budget=budget, depth=depth + 1, active=active
            )
            for key, value in node.items()
        }
        active.discard(id(node))
        return plain
    if isinstance(node, list):
        if id(node) in active:
            raise InputError("recursive alias", path=source, line=_line_of(node))
        active.add(id(node))
        items = [_to_plain(v, source, budget=budget, depth=depth + 1, active=active) for v in node]
        active.discard(id(node))
        return items
    return _scalar(node, source)


def _scalar(value: Any, source: Path) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(*value.timetuple()[:6])
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    raise InputError(f"unsupported YAML value of type {type(value).__name__}", path=source)


def _line_of(node: Any) -> int | None:
    try:
        return int(node.lc.line) + 1
    except (AttributeError, TypeError):
        return None
