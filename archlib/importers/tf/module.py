"""A root module and the local modules it calls, expanded into resource instances.

Each module is read once per call; names are looked up on demand with a guard against
cycles, and every step spends the import's evaluation budget, so nothing hangs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archlib.errors import InputError
from archlib.importers.tf.evaluate import Evaluator, Scope, pairs_of, to_number
from archlib.importers.tf.hcl import Attribute, Block, Body, read_directory, read_values
from archlib.importers.tf.values import Namespace, TfRef, TooComplex, Unknown

MAX_MODULE_DEPTH = 8
MAX_INSTANCES = 1000
META = frozenset({"count", "for_each", "provider", "depends_on", "lifecycle"})
MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
SKIPPED_BLOCKS = frozenset({"lifecycle", "provisioner", "connection"})
IDENTIFYING = frozenset(
    {
        "id", "arn", "name", "identifier", "bucket", "cluster_identifier", "function_name",
        "replication_group_id", "cluster_id", "family",
    }
)  # fmt: skip
"""Attributes other resources use to name this one: a reference, even when set literally,
so the mappers follow it to the resource rather than match a string."""


@dataclass(frozen=True)
class TfResource:
    """One resource instance: its address, evaluated arguments and where it is written."""

    address: str
    type: str
    name: str
    module: tuple[str, ...]
    attributes: dict[str, Any]
    file: Path
    line: int
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    address: str
    type: str
    reason: str
    file: Path
    line: int


@dataclass
class Configuration:
    source: Path
    resources: list[TfResource] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Shared:
    root: Path
    evaluator: Evaluator
    installed: dict[str, Path]
    """`.terraform/modules/modules.json`: module key -> the directory terraform init made."""
    notes: list[str]
    parsed: dict[Path, list[Block]] = field(default_factory=dict)
    """Each module directory parsed once, however many times it is called."""

    def blocks(self, directory: Path) -> list[Block]:
        if directory not in self.parsed:
            self.parsed[directory] = read_directory(directory)
        return self.parsed[directory]


def read_configuration(
    directory: Path,
    variables: Mapping[str, str] | None = None,
    var_files: tuple[Path, ...] = (),
) -> Configuration:
    """The root module in `directory`, with `-var` values and variable files."""
    if not any(directory.glob("*.tf")):
        raise InputError("not a Terraform configuration: no .tf files", path=directory)
    shared = _Shared(directory, Evaluator(), _installed(directory), [])
    given: dict[str, Callable[[], Any]] = {}
    files = [p for p in (directory / "terraform.tfvars",) if p.is_file()]
    files += sorted(directory.glob("*.auto.tfvars"))
    for path in [*files, *var_files]:
        for name, attribute in read_values(path).items():
            given[name] = _constant(shared.evaluator, attribute)
    for name, text in (variables or {}).items():
        given[name] = _cli_value(shared.evaluator, text)
    root = Module(shared, directory, given, (), 0)
    config = Configuration(directory)
    try:
        root.collect(config)
    except RecursionError:
        raise InputError("cannot import: nested too deeply", path=directory) from None
    except TooComplex as error:
        raise InputError(f"cannot import: {error}", path=directory) from None
    config.notes.extend(dict.fromkeys(shared.notes))
    return config


def _installed(root: Path) -> dict[str, Path]:
    manifest = root / ".terraform" / "modules" / "modules.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, Path] = {}
    for entry in data.get("Modules", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and isinstance(entry.get("Key"), str):
            found[entry["Key"]] = root / str(entry.get("Dir", ""))
    return found


def _constant(evaluator: Evaluator, attribute: Attribute) -> Callable[[], Any]:
    return lambda: evaluator.value(attribute.expression, Scope({}))


def _cli_value(evaluator: Evaluator, text: str) -> Callable[[], Any]:
    """`-var name=value`: an HCL value when it parses as one (a list, a number), else text."""
    from archlib.importers.tf.hcl import parse_text

    def value() -> Any:
        try:
            tree = parse_text(f"v = {text}\n", Path("-var"))
        except InputError:
            return text
        attribute = tree.children[0].children[0]
        result = evaluator.value(attribute.children[-1], Scope({}))
        return text if isinstance(result, Unknown) else result

    return value


class Module:
    """One call of a module: its blocks, its inputs and the values of its names."""

    def __init__(
        self,
        shared: _Shared,
        directory: Path,
        inputs: Mapping[str, Callable[[], Any]],
        path: tuple[str, ...],
        depth: int,
    ) -> None:
        self.shared = shared
        self.directory = directory
        self.inputs = inputs
        self.path = path
        self.depth = depth
        self.prefix = "".join(f"module.{part}." for part in path)
        self.variables: dict[str, Block] = {}
        self.locals: dict[str, Attribute] = {}
        self.outputs: dict[str, Block] = {}
        self.blocks: dict[tuple[str, str, str], Block] = {}
        self.calls: dict[str, Block] = {}
        for block in shared.blocks(directory):
            self._add(block)
        self._cache: dict[Any, Any] = {}
        self._active: set[Any] = set()
        self.scope = Scope({}, resolve=self._resolve)

    def _add(self, block: Block) -> None:
        labels = block.labels
        if block.type == "variable" and labels:
            self.variables[labels[0]] = block
        elif block.type == "locals":
            self.locals.update(block.body.attributes)
        elif block.type == "output" and labels:
            self.outputs[labels[0]] = block
        elif block.type in ("resource", "data") and len(labels) == 2:
            mode = "managed" if block.type == "resource" else "data"
            self.blocks[(mode, labels[0], labels[1])] = block
        elif block.type == "module" and labels:
            self.calls[labels[0]] = block

    @property
    def evaluator(self) -> Evaluator:
        return self.shared.evaluator

    def _once(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A cached value; a name that needs itself is unknown, never a loop."""
        if key in self._cache:
            return self._cache[key]
        if key in self._active:
            return Unknown(f"{key[-1] if isinstance(key, tuple) else key} refers to itself")
        self._active.add(key)
        try:
            value = compute()
        finally:
            self._active.discard(key)
        self._cache[key] = value
        return value

    # Names.

    def _resolve(self, name: str) -> Any:
        if name == "var":
            return Namespace(self.variable)
        if name == "local":
            return Namespace(self.local)
        if name == "module":
            return Namespace(self.module_value)
        if name == "data":
            return Namespace(lambda type_: Namespace(lambda n: self.value("data", type_, n)))
        if name == "path":
            root = str(self.shared.root)
            return {"module": str(self.directory), "root": root, "cwd": root}
        if name == "terraform":
            return {"workspace": "default"}
        if name in ("count", "each", "self"):
            return Unknown(f"{name} outside a resource that sets it")
        return Namespace(lambda n: self.value("managed", name, n))

    def variable(self, name: str) -> Any:
        def compute() -> Any:
            if name in self.inputs:
                return self.inputs[name]()
            block = self.variables.get(name)
            if block is None:
                return Unknown(f"var.{name} is not declared")
            default = block.body.attributes.get("default")
            if default is None:
                return Unknown(f"var.{name} has no value and no default (give it with --var)")
            return self.evaluator.value(default.expression, Scope({}))

        return self._once(("var", name), compute)

    def local(self, name: str) -> Any:
        attribute = self.locals.get(name)
        if attribute is None:
            return Unknown(f"local.{name} is not defined")
        return self._once(
            ("local", name), lambda: self.evaluator.value(attribute.expression, self.scope)
        )

    # Resources and data sources.

    def instances(self, mode: str, type_: str, name: str) -> list[tuple[Any, Scope]] | Unknown:
        """(key, scope) per instance: None for a single one, an index, or a for_each key."""
        block = self.blocks[(mode, type_, name)]
        found: list[tuple[Any, Scope]] | Unknown = self._once(
            ("expand", mode, type_, name), lambda: self._expand(block)
        )
        return found

    def _expand(self, block: Block) -> list[tuple[Any, Scope]] | Unknown:
        attributes = block.body.attributes
        if "count" in attributes:
            count = to_number(self.evaluator.value(attributes["count"].expression, self.scope))
            if not isinstance(count, int | float) or not float(count).is_integer() or count < 0:
                return Unknown("its count is not known statically")
            if count > MAX_INSTANCES:
                raise TooComplex(f"count {count} is more than {MAX_INSTANCES} instances")
            return [(i, self.scope.child({"count": {"index": i}})) for i in range(int(count))]
        if "for_each" in attributes:
            collection = self.evaluator.value(attributes["for_each"].expression, self.scope)
            pairs = pairs_of(collection)
            if pairs is None or any(not isinstance(k, str | int) for k, _ in pairs):
                return Unknown("its for_each is not known statically")
            if isinstance(collection, list):
                pairs = [(str(v), v) for _, v in pairs]
                if any(not isinstance(v, str) for _, v in pairs):
                    return Unknown("its for_each set holds values not known statically")
            if len(pairs) > MAX_INSTANCES:
                raise TooComplex(f"for_each over more than {MAX_INSTANCES} instances")
            return [
                (key, self.scope.child({"each": {"key": key, "value": value}}))
                for key, value in pairs
            ]
        return [(None, self.scope)]

    def address(self, mode: str, type_: str, name: str, key: Any) -> str:
        base = f"{self.prefix}{'data.' if mode == 'data' else ''}{type_}.{name}"
        if key is None:
            return base
        return f"{base}[{key}]" if isinstance(key, int) else f'{base}["{key}"]'

    def value(self, mode: str, type_: str, name: str) -> Any:
        """`aws_x.name`: one instance, a list (count) or a map (for_each) of them."""
        if (mode, type_, name) not in self.blocks:
            kind = "data source" if mode == "data" else "resource"
            return Unknown(f"{kind} {type_}.{name} is not declared")
        found = self.instances(mode, type_, name)
        if isinstance(found, Unknown):
            return found
        block = self.blocks[(mode, type_, name)]
        handles = [(key, self._handle(mode, type_, name, key, scope)) for key, scope in found]
        if "count" in block.body.attributes:
            return [handle for _, handle in handles]
        if "for_each" in block.body.attributes:
            return {str(key): handle for key, handle in handles}
        return handles[0][1]

    def _handle(self, mode: str, type_: str, name: str, key: Any, scope: Scope) -> Namespace:
        address = self.address(mode, type_, name, key)
        block = self.blocks[(mode, type_, name)]

        def attribute(attr: str) -> Any:
            return self._once(
                ("attr", address, attr),
                lambda: self._attribute(mode, type_, address, block, scope, attr),
            )

        return Namespace(attribute)

    def _attribute(
        self, mode: str, type_: str, address: str, block: Block, scope: Scope, attr: str
    ) -> Any:
        configured = block.body.attributes.get(attr)
        if mode == "data":
            from archlib.importers.tf.data import data_attribute

            stated = self.evaluator.value(configured.expression, scope) if configured else None
            settings = {
                k: self.evaluator.value(a.expression, scope)
                for k, a in block.body.attributes.items()
                if k not in META and k != attr
            }
            return data_attribute(type_, address, attr, stated, settings)
        if attr not in IDENTIFYING and configured is not None:
            value = self.evaluator.value(configured.expression, scope)
            if value is not None:
                return value
        nested = [b for b in block.body.blocks if b.type == attr]
        if nested:
            return [self.body(b.body, scope) for b in nested]
        return TfRef(address, attr)

    def body(self, body: Body, scope: Scope) -> dict[str, Any]:
        """Arguments and nested blocks (a list per block type), `dynamic` blocks expanded."""
        result: dict[str, Any] = {
            name: self.evaluator.value(attribute.expression, scope)
            for name, attribute in body.attributes.items()
            if name not in META
        }
        for block in body.blocks:
            if block.type in SKIPPED_BLOCKS:
                continue
            if block.type == "dynamic" and block.labels:
                result.setdefault(block.labels[0], []).extend(self._dynamic(block, scope))
            else:
                result.setdefault(block.type, []).append(self.body(block.body, scope))
        return result

    def _dynamic(self, block: Block, scope: Scope) -> list[dict[str, Any]]:
        label = block.labels[0]
        content = next((b for b in block.body.blocks if b.type == "content"), None)
        for_each = block.body.attributes.get("for_each")
        if content is None or for_each is None:
            return []
        iterator = label
        named = block.body.attributes.get("iterator")
        if named is not None:
            iterator = _plain_name(named.expression) or label
        pairs = pairs_of(self.evaluator.value(for_each.expression, scope))
        if pairs is None:
            self.shared.notes.append(
                f"{_relative(block.file, self.shared.root)}:{block.line}: dynamic {label} "
                "blocks over a collection not known statically are not read"
            )
            return []
        if len(pairs) > MAX_INSTANCES:
            raise TooComplex(f"a dynamic block over more than {MAX_INSTANCES} items")
        return [
            self.body(content.body, scope.child({iterator: {"key": key, "value": value}}))
            for key, value in pairs
        ]

    # Modules.

    def module_value(self, name: str) -> Any:
        children = self.children(name)
        if isinstance(children, str):
            return Unknown(f"module.{name}: {children}")
        block = self.calls[name]
        spaces = [(key, Namespace(child.output)) for key, child in children]
        if "count" in block.body.attributes:
            return [space for _, space in spaces]
        if "for_each" in block.body.attributes:
            return {str(key): space for key, space in spaces}
        return spaces[0][1] if spaces else Unknown(f"module.{name} has no instance")

    def children(self, name: str) -> list[tuple[Any, Module]] | str:
        """The module's instances, or why it is not read."""
        if name not in self.calls:
            return "not declared"
        found: list[tuple[Any, Module]] | str = self._once(
            ("module", name), lambda: self._children(name)
        )
        return found

    def _children(self, name: str) -> list[tuple[Any, Module]] | str:
        block = self.calls[name]
        source_attr = block.body.attributes.get("source")
        source = self.evaluator.value(source_attr.expression, Scope({})) if source_attr else None
        if not isinstance(source, str):
            return "its source is not a literal"
        directory = self._source_directory(name, source)
        if isinstance(directory, str):
            return directory
        if self.depth + 1 > MAX_MODULE_DEPTH:
            return f"nested more than {MAX_MODULE_DEPTH} modules deep"
        expansion = self._expand(block)
        if isinstance(expansion, Unknown):
            return expansion.reason
        children: list[tuple[Any, Module]] = []
        for key, scope in expansion:
            inputs = {
                arg: _input(self.evaluator, attribute, scope)
                for arg, attribute in block.body.attributes.items()
                if arg not in MODULE_META
            }
            label = name if key is None else f"{name}[{key if isinstance(key, int) else repr(key)}]"
            label = label.replace("'", '"')
            children.append(
                (key, Module(self.shared, directory, inputs, (*self.path, label), self.depth + 1))
            )
        return children

    def _source_directory(self, name: str, source: str) -> Path | str:
        if source.startswith(("./", "../")) or source in (".", ".."):
            directory = (self.directory / source).resolve()
            if not directory.is_dir() or not any(directory.glob("*.tf")):
                return f"its source {source} is not a directory of .tf files"
            return directory
        key = ".".join([*(p.split("[")[0] for p in self.path), name])
        installed = self.shared.installed.get(key)
        if installed is not None and installed.is_dir():
            return installed
        return f"module source {source} is not read offline (no .terraform/modules entry)"

    def output(self, name: str) -> Any:
        block = self.outputs.get(name)
        if block is None or "value" not in block.body.attributes:
            return Unknown(f"output {name} is not declared")
        expression = block.body.attributes["value"].expression
        return self._once(("output", name), lambda: self.evaluator.value(expression, self.scope))

    # Collecting.

    def collect(self, config: Configuration) -> None:
        for (mode, type_, name), block in self.blocks.items():
            if mode != "managed":
                continue
            found = self.instances(mode, type_, name)
            base = self.address(mode, type_, name, None)
            if isinstance(found, Unknown):
                config.skipped.append(Skipped(base, type_, found.reason, block.file, block.line))
                continue
            if not found:
                config.skipped.append(
                    Skipped(base, type_, "not created: its count is 0", block.file, block.line)
                )
            for key, scope in found:
                config.resources.append(
                    TfResource(
                        address=self.address(mode, type_, name, key),
                        type=type_,
                        name=name,
                        module=self.path,
                        attributes=self.body(block.body, scope),
                        file=block.file,
                        line=block.line,
                        comments=block.comments,
                    )
                )
        for name, block in self.calls.items():
            children = self.children(name)
            if isinstance(children, str):
                address = f"{self.prefix}module.{name}"
                config.skipped.append(Skipped(address, "module", children, block.file, block.line))
                continue
            for _, child in children:
                child.collect(config)


def _input(evaluator: Evaluator, attribute: Attribute, scope: Scope) -> Callable[[], Any]:
    return lambda: evaluator.value(attribute.expression, scope)


def _plain_name(expression: Any) -> str | None:
    """The identifier an `iterator = name` argument names."""
    node = expression
    while getattr(node, "data", None) == "expr_term" and node.children:
        node = node.children[0]
    if getattr(node, "data", None) == "identifier":
        return str(node.children[0])
    return None


def _relative(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
