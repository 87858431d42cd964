"""The `.tf` files of one directory as blocks and attributes that keep their file and line.

Expressions stay as parse trees; `evaluate` gives them values later, in a module's scope.
`hcl2` (and its parser) is imported here only, so the CLI does not pay for it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archlib.errors import InputError
from archlib.loader.document import MAX_FILE_BYTES, read_bounded

MAX_TF_FILES = 500


@dataclass(frozen=True)
class Attribute:
    name: str
    expression: Any
    """The expression's Lark tree."""
    line: int


@dataclass
class Body:
    attributes: dict[str, Attribute] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    file: Path
    line: int
    comments: tuple[str, ...] = ()
    """Comment lines written directly above the block, for suppressions."""


def read_directory(directory: Path) -> list[Block]:
    """Every top-level block of the directory's `.tf` files, file by file in name order."""
    files = sorted(p for p in directory.glob("*.tf") if p.is_file())
    if len(files) > MAX_TF_FILES:
        raise InputError(f"more than {MAX_TF_FILES} .tf files", path=directory)
    blocks: list[Block] = []
    for path in files:
        blocks.extend(read_file(path))
    return blocks


def read_file(path: Path) -> list[Block]:
    raw = read_bounded(path, MAX_FILE_BYTES, "Terraform file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {error.start})", path=path, line=line) from None
    tree = parse_text(text, path)
    lines = text.splitlines()
    return [_block(child, path, lines) for child in _body_items(tree.children[0], "block")]


def parse_text(text: str, path: Path) -> Any:
    import hcl2
    from lark.exceptions import LarkError

    if not text.endswith("\n"):
        text += "\n"
    try:
        return hcl2.parses_to_tree(text)
    except LarkError as error:
        line = getattr(error, "line", None)
        first = str(error).strip().splitlines()[0] if str(error).strip() else "malformed"
        raise InputError(
            f"malformed HCL: {first[:200]}",
            path=path,
            line=line if isinstance(line, int) and line > 0 else None,
        ) from None
    except RecursionError:
        raise InputError("malformed HCL: nested too deeply", path=path) from None


def _body_items(body: Any, kind: str) -> list[Any]:
    return [c for c in body.children if getattr(c, "data", None) == kind]


def _name(node: Any) -> str:
    """An identifier, keyword or quoted label as text."""
    if getattr(node, "data", None) == "string":
        return "".join(str(part.children[0]) for part in node.children[1:-1])
    return str(node.children[0])


def _block(node: Any, path: Path, lines: list[str]) -> Block:
    heads = [c for c in node.children if getattr(c, "data", None) in _NAMES]
    body_node = next(c for c in node.children if getattr(c, "data", None) == "body")
    line = node.meta.line
    return Block(
        type=_name(heads[0]),
        labels=tuple(_name(h) for h in heads[1:]),
        body=_body(body_node, path, lines),
        file=path,
        line=line,
        comments=_comments_above(lines, line),
    )


_NAMES = frozenset({"identifier", "keyword", "literal_value", "string"})


def _body(node: Any, path: Path, lines: list[str]) -> Body:
    body = Body()
    for child in node.children:
        kind = getattr(child, "data", None)
        if kind == "attribute":
            name = _name(child.children[0])
            body.attributes[name] = Attribute(name, child.children[-1], child.meta.line)
        elif kind == "block":
            body.blocks.append(_block(child, path, lines))
    return body


def _comments_above(lines: list[str], line: int) -> tuple[str, ...]:
    found: list[str] = []
    index = line - 2
    while index >= 0 and lines[index].lstrip().startswith(("#", "//")):
        found.append(lines[index].lstrip().lstrip("#/").strip())
        index -= 1
    return tuple(reversed(found))


def read_values(path: Path) -> dict[str, Attribute]:
    """The top-level attributes of a `.tfvars` file, as expression trees."""
    raw = read_bounded(path, MAX_FILE_BYTES, "variables file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start})", path=path) from None
    return _body(parse_text(text, path).children[0], path, text.splitlines()).attributes
