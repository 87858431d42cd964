"""Safe, bounded YAML/JSON reading that remembers where every key and item came from.

PyYAML's composer (libyaml when available) builds a node tree that carries line marks; we
turn nodes into plain data ourselves, so no tag can construct an object, duplicate keys are
errors, and aliases cannot expand beyond a fixed budget.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from archlib.errors import InputError
from archlib.model.text import text_kept

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Models are hand-written or generated; anything larger is a mistake or an attack."""
MAX_NODES = 2_000_000
"""Values after alias expansion: stops "billion laughs" long before it reaches memory."""
MAX_DEPTH = 64

_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
"""Plain data only: any other tag would ask a loader to build objects, so it is refused."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """A parsed file: plain Python data plus the node tree that knows line numbers."""

    path: Path
    data: Any
    tree: yaml.Node
    text_checked: bool = False
    """Every string in `data` was found printable and of bounded size while parsing."""

    def position(self, loc: Sequence[str | int]) -> tuple[int | None, int | None, str]:
        """1-based line and column of the deepest part of `loc` present, and its field path."""
        node: yaml.Node = self.tree
        line, column = 1, 1  # the whole file
        path = ""
        steps = list(loc)
        for index, step in enumerate(steps):
            is_last = index == len(steps) - 1
            if isinstance(node, yaml.MappingNode) and (pair := _find_key(node, step)):
                key_node, node = pair
                line, column = _mark(key_node)
                path += f".{step}" if path else str(step)
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
                line, column = _mark(node)
                path += f"[{step}]"
            elif isinstance(step, str) and _is_union_tag(node, step, is_last):
                continue
            else:
                # A missing field: point at the mapping that lacks it.
                if isinstance(step, str) and "[" not in step:
                    path += f".{step}" if path else step
                break
        return line, column, path


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _find_key(node: yaml.MappingNode, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(key):
            return key_node, value_node
    return None


def _is_union_tag(node: yaml.Node, step: str, is_last: bool) -> bool:
    """pydantic puts the discriminator's value (or a validator name) into error locations."""
    if isinstance(node, yaml.MappingNode):
        kind = _find_key(node, "kind")
        if kind is not None and getattr(kind[1], "value", None) == step:
            return True
    return not is_last and ("[" in step or step in {"int", "str", "float", "bool", "list", "dict"})


def read_document(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    return parse_document(read_bounded(Path(path), max_bytes), Path(path))


def read_bounded(source: Path, max_bytes: int, what: str = "model") -> bytes:
    """Never trusts the size `stat` reports: a device or a pipe says 0 and never ends.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and
    refused unless it is a regular file; reading stops one byte past the limit.
    """
    noun = what if what.endswith(" file") else f"{what} file"
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError(f"is a directory, expected a {noun}", path=source) from None
    except OSError as error:
        raise InputError(f"cannot read {what}: {error.strerror}", path=source) from None
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as error:
        os.close(descriptor)
        raise InputError(f"cannot read {what}: {error.strerror}", path=source) from None
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise InputError(f"is a directory, expected a {noun}", path=source)
        raise InputError(
            f"not a regular file (a device, pipe or socket), expected a {noun}", path=source
        )
    with os.fdopen(descriptor, "rb") as handle:
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as error:
            raise InputError(f"cannot read {what}: {error.strerror}", path=source) from None
    if len(raw) > max_bytes:
        raise InputError(f"file is over the {max_bytes:,}-byte limit for a {noun}", path=source)
    return raw


def parse_document(raw: bytes, source: Path) -> Document:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {error.start})", path=source, line=line) from None
    language = "JSON" if source.suffix == ".json" else "YAML"
    tree = _compose(text, source, language)
    if tree is None:
        raise InputError("empty file, expected a model", path=source, line=1)
    if not isinstance(tree, yaml.MappingNode):
        raise InputError("expected a mapping of model fields at the top", path=source, line=1)
    converter = _Converter(source)
    data = converter.plain(tree, depth=0)
    return Document(source, data, tree, text_checked=converter.text_kept)


def marked_error(error: yaml.MarkedYAMLError, source: Path, what: str) -> InputError:
    """PyYAML's error as one line at the place it points to."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "malformed"
    return InputError(
        f"malformed {what}: {problem}",
        path=source,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _compose(text: str, source: Path, language: str) -> yaml.Node | None:
    """JSON is parsed as the YAML subset it is, so both keep line numbers."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise marked_error(error, source, language) from None
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "malformed"
        raise InputError(f"malformed {language}: {first}", path=source) from None
    except RecursionError:
        raise InputError(f"malformed {language}: nested too deeply", path=source) from None


def _tag_name(tag: str) -> str:
    names = {"timestamp": "date", "int": "integer", "float": "number", "bool": "boolean"}
    short = tag.rsplit(":", 1)[-1]
    return names.get(short, short)


class _Converter:
    """Nodes to plain dicts, lists and scalars, refusing tags, cycles, duplicates and bombs."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.budget = MAX_NODES
        self.active: set[int] = set()
        self.scalars = yaml.constructor.SafeConstructor()
        self.text_kept = True
        """No string so far is one the model refuses (which the model then reports)."""

    def fail(self, message: str, node: yaml.Node | None = None) -> InputError:
        line, column = _mark(node) if node is not None else (None, None)
        return InputError(message, path=self.source, line=line, column=column)

    def plain(self, node: yaml.Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                f"the model expands to more than {MAX_NODES:,} values (too many aliases?)"
            )
        if depth > MAX_DEPTH:
            raise self.fail(f"nested deeper than {MAX_DEPTH} levels", node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        if node.tag not in _SAFE_TAGS:
            raise self.fail(f"unsupported YAML tag {node.tag}", node)
        if isinstance(node, yaml.SequenceNode):
            return self._nested(node, depth, lambda: [self.plain(v, depth + 1) for v in node.value])
        try:
            value = self.scalars.construct_object(node)
        except yaml.YAMLError as error:
            raise self.fail(f"invalid value: {getattr(error, 'problem', error)}", node) from None
        except (ValueError, TypeError, OverflowError, KeyError) as error:
            # A tag's constructor rejecting its text: `!!int four`, `2026-02-30`, a 5,000-digit int.
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
            reason = str(error).split(";")[0]
            raise self.fail(f"invalid {_tag_name(node.tag)} {shown!r}: {reason}", node) from None
        if type(value) is str and not text_kept(value):
            self.text_kept = False
        return value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        if node.tag not in _SAFE_TAGS:
            raise self.fail(f"unsupported YAML tag {node.tag}", node)

        def build() -> dict[Any, Any]:
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(
                        "YAML merge keys (<<) are not supported; repeat the fields", key_node
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail("mapping keys must be plain scalars", key_node)
                key = self.plain(key_node, depth + 1)
                if key in result:
                    raise self.fail(f"duplicate key {key!r}", key_node)
                result[key] = self.plain(value_node, depth + 1)
            return result

        built: dict[Any, Any] = self._nested(node, depth, build)
        return built

    def _nested(self, node: yaml.Node, depth: int, build: Any) -> Any:
        if id(node) in self.active:
            raise self.fail("recursive alias: a value contains itself", node)
        self.active.add(id(node))
        try:
            return build()
        finally:
            self.active.discard(id(node))
