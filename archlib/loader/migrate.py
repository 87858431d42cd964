"""Rewrite fields an earlier version of archlib read to their current names, in the file's
own text: comments, order and layout stay as they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from archlib.errors import InputError
from archlib.loader.document import MAX_FILE_BYTES, parse_document, read_bounded
from archlib.loader.hints import RENAMED


@dataclass(frozen=True)
class Rewrite:
    line: int
    old: str
    new: str


def migrate_text(text: str, path: Path) -> tuple[str, list[Rewrite]]:
    """The text with every renamed field rewritten, and what was rewritten where."""
    document = parse_document(text.encode("utf-8"), path)
    lines = text.splitlines(keepends=True)
    done: list[Rewrite] = []
    for (section, field), (new, _) in sorted(RENAMED.items()):
        parent = _child(document.tree, section)
        key = _key(parent, field) if parent is not None else None
        if key is None or parent is None:
            continue
        new_path = new.split(".")[1:]
        if len(new_path) == 1:
            _rename(lines, key, new_path[0])
        else:
            _nest(lines, parent, key, new_path, path)
        done.append(Rewrite(key.start_mark.line + 1, f"{section}.{field}", new))
    return "".join(lines), done


def migrate_file(path: Path) -> tuple[str, list[Rewrite]]:
    text = read_bounded(path, MAX_FILE_BYTES, "model").decode("utf-8")
    return migrate_text(text, path)


def _child(node: yaml.Node, name: str) -> yaml.MappingNode | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return value if isinstance(value, yaml.MappingNode) else None
    return None


def _key(node: yaml.MappingNode, name: str) -> yaml.ScalarNode | None:
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key
    return None


def _rename(lines: list[str], key: yaml.ScalarNode, new: str) -> None:
    row, start, end = key.start_mark.line, key.start_mark.column, key.end_mark.column
    lines[row] = lines[row][:start] + new + lines[row][end:]


def _nest(
    lines: list[str], parent: yaml.MappingNode, key: yaml.ScalarNode, path: list[str], source: Path
) -> None:
    """`response_size_kb: 2` -> `sizes:` / `reads:` / `response_kb: 2`, at the key's indent."""
    if parent.flow_style or _key(parent, path[0]) is not None:
        raise InputError(
            f"cannot rewrite {key.value} to {'.'.join(path)} here: move it by hand",
            path=source,
            line=key.start_mark.line + 1,
        )
    row, column = key.start_mark.line, key.start_mark.column
    rest = lines[row][key.end_mark.column :]
    indent = " " * column
    step = "  "
    nested = [f"{indent}{step * depth}{name}:\n" for depth, name in enumerate(path[:-1])]
    nested.append(f"{indent}{step * (len(path) - 1)}{path[-1]}{rest}")
    lines[row : row + 1] = nested
