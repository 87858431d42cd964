"""Giving HCL expression trees values in a scope; what cannot be known becomes `Unknown`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archlib.importers.tf.functions import FUNCTIONS, LAZY_FUNCTIONS
from archlib.importers.tf.values import Joined, Namespace, TfRef, TooComplex, Unknown

MAX_EVALUATIONS = 2_000_000
MAX_COLLECTION = 10_000
"""Longer than any list a real configuration builds; a loop past it is refused."""


@dataclass
class Budget:
    """Evaluation steps left for one import: ends runaway loops long before they hang."""

    left: int = MAX_EVALUATIONS

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise TooComplex(f"evaluating it takes more than {MAX_EVALUATIONS:,} steps")


@dataclass
class Scope:
    names: Mapping[str, Any]
    parent: Scope | None = None
    resolve: Callable[[str], Any] | None = None
    """Names not bound here (resource types, `data`, `var`, ...), looked up by the module."""

    def lookup(self, name: str) -> Any:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            if scope.resolve is not None:
                return scope.resolve(name)
            scope = scope.parent
        return Unknown(f"{name} is not defined")

    def child(self, names: Mapping[str, Any]) -> Scope:
        return Scope(names, self)


@dataclass
class Evaluator:
    budget: Budget = field(default_factory=Budget)

    def value(self, node: Any, scope: Scope) -> Any:
        self.budget.spend()
        kind = getattr(node, "data", None)
        if kind is None:
            return Unknown(f"unexpected token {str(node)[:40]!r}")
        method = getattr(self, f"_{kind}", None)
        if method is None:
            return Unknown(f"{kind} expressions are not evaluated")
        result: Any = method(_trees(node), node, scope)
        return result

    # Terms.

    def _expr_term(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return self.value(trees[0], scope) if trees else None

    def _int_lit(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return int(str(node.children[0]))

    def _float_lit(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        number = float(str(node.children[0]))
        return int(number) if number.is_integer() and "e" not in str(node.children[0]) else number

    def _literal_value(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return {"true": True, "false": False}.get(str(node.children[0]))

    def _identifier(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return scope.lookup(str(node.children[0]))

    def _string(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        parts: list[Any] = []
        for part in trees:
            inner = part.children[0]
            if getattr(inner, "data", None) == "interpolation":
                parts.append(self.value(_trees(inner)[0], scope))
            elif getattr(inner, "data", None) is not None:
                return Unknown("a template directive (%{...}) is not evaluated")
            elif inner.type in ("ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE"):
                parts.append(str(inner)[1:])
            else:
                parts.append(_unescape(str(inner)))
        return concatenate(parts)

    def _heredoc_template(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        text = str(node.children[0])
        body = text.split("\n", 1)[1] if "\n" in text else ""
        return body.rsplit("\n", 2)[0] + "\n" if "\n" in body else ""

    _heredoc_template_trim = _heredoc_template

    def _template_string(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return str(node.children[0]).strip('\\"')

    def _tuple(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return [self.value(item, scope) for item in trees]

    def _object(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        result: dict[str, Any] = {}
        for element in trees:
            key_node, value_node = _trees(element)
            key = self._key(key_node, scope)
            if isinstance(key, Unknown | TfRef | Joined):
                return Unknown("an object key not known statically")
            result[_text(key)] = self.value(value_node, scope)
        return result

    def _key(self, key_node: Any, scope: Scope) -> Any:
        inner = _trees(key_node)
        if not inner:
            return str(key_node.children[0].children[0])
        expression = inner[0]
        if getattr(expression, "data", None) == "keyword":
            return str(expression.children[0])
        terms = _trees(expression) if expression.data == "expr_term" else []
        if len(terms) == 1 and terms[0].data == "identifier":
            return str(terms[0].children[0])
        return self.value(expression, scope)

    # Operators.

    def _conditional(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        condition = self.value(trees[0], scope)
        if not isinstance(condition, bool):
            return Unknown("a condition not known statically")
        return self.value(trees[1] if condition else trees[2], scope)

    def _binary_op(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        left = self.value(trees[0], scope)
        term = _trees(trees[1])
        operator = str(term[0].children[0])
        short = (operator == "&&" and left is False) or (operator == "||" and left is True)
        if short:
            return left
        right = self.value(term[1], scope)
        return binary(operator, left, right)

    def _unary_op(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        operator = str(node.children[0])
        operand = self.value(trees[0], scope)
        if operator == "!" and isinstance(operand, bool):
            return not operand
        if operator == "-" and _number(operand):
            return -operand
        return Unknown(f"{operator} on a value not known statically")

    # Access.

    def _get_attr_expr_term(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        base = self.value(trees[0], scope)
        return attribute(base, _attr_name(trees[1]))

    def _index_expr_term(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        base = self.value(trees[0], scope)
        return index(base, self._index_key(trees[1], scope))

    def _index_key(self, node: Any, scope: Scope) -> Any:
        if node.data == "short_index":
            return int(str(node.children[-1]))
        return self.value(_trees(node)[0], scope)

    def _attr_splat_expr_term(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        return self._splat(trees, scope)

    _full_splat_expr_term = _attr_splat_expr_term

    def _splat(self, trees: list[Any], scope: Scope) -> Any:
        base = self.value(trees[0], scope)
        if isinstance(base, Unknown):
            return base
        items = base if isinstance(base, list) else ([] if base is None else [base])
        steps = _trees(trees[1])
        result = []
        for item in items:
            self.budget.spend()
            for step in steps:
                if step.data == "get_attr":
                    item = attribute(item, _attr_name(step))
                else:
                    item = index(item, self._index_key(step, scope))
            result.append(item)
        return result

    def _function_call(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        names = [t for t in trees if t.data == "identifier"]
        name = "::".join(str(n.children[0]) for n in names)
        arguments = next((t for t in trees if t.data == "arguments"), None)
        arg_nodes = _trees(arguments) if arguments is not None else []
        if name in LAZY_FUNCTIONS:
            return self._lazy(name, arg_nodes, scope)
        args = [self.value(a, scope) for a in arg_nodes]
        if arguments is not None and any(str(c) == "..." for c in arguments.children):
            if not args or not isinstance(args[-1], list):
                return Unknown(f"{name}(...): the expanded argument is not a known list")
            args = [*args[:-1], *args[-1]]
        function = FUNCTIONS.get(name)
        if function is None:
            return Unknown(f"function {name}() is not evaluated")
        unknown = next((a for a in args if isinstance(a, Unknown)), None)
        if unknown is not None:
            return unknown  # its own reason says more than the function's name
        try:
            return function(*args)
        except (
            TypeError, ValueError, IndexError, KeyError, ZeroDivisionError, AttributeError,
            OverflowError,
        ):  # fmt: skip
            return Unknown(f"{name}() of values not known statically")

    def _lazy(self, name: str, arg_nodes: list[Any], scope: Scope) -> Any:
        """`try` and `can`: the first argument that evaluates without an unknown."""
        for node in arg_nodes:
            value = self.value(node, scope)
            if not isinstance(value, Unknown):
                return True if name == "can" else value
            if name == "can":
                return Unknown("can() of a value not known statically")
        return Unknown("try(): no argument is known statically")

    # For expressions.

    def _for_tuple_expr(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        intro, body, *cond = trees
        result: list[Any] = []
        for inner in self._iterations(intro, scope):
            if isinstance(inner, Unknown):
                return inner
            if cond and not self._keep(cond[0], inner):
                continue
            result.append(self.value(body, inner))
        return result

    def _for_object_expr(self, trees: list[Any], node: Any, scope: Scope) -> Any:
        intro, key_node, value_node, *cond = trees
        grouping = any(str(c) == "..." for c in node.children)
        result: dict[str, Any] = {}
        for inner in self._iterations(intro, scope):
            if isinstance(inner, Unknown):
                return inner
            if cond and not self._keep(cond[0], inner):
                continue
            key = self.value(key_node, inner)
            if isinstance(key, Unknown | TfRef | Joined | Namespace) or not _scalar(key):
                return Unknown("a for expression's key not known statically")
            value = self.value(value_node, inner)
            if grouping:
                result.setdefault(_text(key), []).append(value)
            else:
                result[_text(key)] = value
        return result

    def _keep(self, cond: Any, scope: Scope) -> bool:
        verdict = self.value(_trees(cond)[0], scope)
        return verdict is True

    def _iterations(self, intro: Any, scope: Scope) -> list[Any]:
        names = [str(t.children[0]) for t in _trees(intro) if t.data == "identifier"]
        collection = self.value(_trees(intro)[-1], scope)
        pairs = pairs_of(collection)
        if pairs is None:
            return [Unknown("a for expression over a collection not known statically")]
        if len(pairs) > MAX_COLLECTION:
            raise TooComplex(f"a for expression over more than {MAX_COLLECTION:,} items")
        scopes: list[Any] = []
        for key, item in pairs:
            self.budget.spend()
            bound = {names[0]: key, names[1]: item} if len(names) == 2 else {names[0]: item}
            scopes.append(scope.child(bound))
        return scopes


def _trees(node: Any) -> list[Any]:
    """Child trees, without punctuation tokens and comments."""
    return [
        c
        for c in node.children
        if getattr(c, "data", None) is not None and c.data != "new_line_or_comment"
    ]


def _attr_name(node: Any) -> str:
    return str(_trees(node)[0].children[0])


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    try:
        decoded: str = json.loads(f'"{text}"')
    except ValueError:
        return text
    return decoded


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _text(value: Any) -> str:
    """How HCL writes a primitive into a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_number(value: Any) -> Any:
    if _number(value):
        return value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return None


def concatenate(parts: list[Any]) -> Any:
    """Text and references joined; an unknown part makes the whole string unknown."""
    if len(parts) == 1 and not isinstance(parts[0], str):
        return parts[0]  # "${x}" is x itself, whatever its type
    pieces: list[str | TfRef] = []
    for part in parts:
        if isinstance(part, Joined):
            pieces.extend(part.parts)
            continue
        if isinstance(part, TfRef):
            pieces.append(part)
            continue
        text = _interpolated(part)
        if isinstance(text, Unknown):
            return text
        pieces.append(text)
    if all(isinstance(p, str) for p in pieces):
        return "".join(str(p) for p in pieces)
    merged: list[str | TfRef] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + piece
        elif piece != "":
            merged.append(piece)
    return Joined(tuple(merged))


def _interpolated(value: Any) -> Any:
    if isinstance(value, Unknown):
        return value
    if value is None:
        return Unknown("null in a string template")
    if _scalar(value):
        return _text(value)
    return Unknown("a collection in a string template")


def attribute(base: Any, name: str) -> Any:
    if isinstance(base, Namespace):
        return base.attribute(name)
    if isinstance(base, dict):
        return base.get(name, Unknown(f"no attribute {name}") if base else None)
    if isinstance(base, TfRef):
        return TfRef(base.address, f"{base.attribute}.{name}")
    if isinstance(base, Unknown):
        return base
    if isinstance(base, list):
        return Unknown(f".{name} on a list (use [*].{name})")
    return Unknown(f".{name} of a value not known statically")


def index(base: Any, key: Any) -> Any:
    if isinstance(base, Unknown):
        return base
    if isinstance(key, Unknown | TfRef | Joined):
        return Unknown("an index not known statically")
    if isinstance(base, list):
        position = to_number(key)
        if isinstance(position, float) and position.is_integer():
            position = int(position)
        if isinstance(position, int) and 0 <= position < len(base):
            return base[position]
        return Unknown(f"index {key!r} out of range")
    if isinstance(base, dict):
        text = _text(key)
        return base[text] if text in base else Unknown(f"no key {text!r}")
    if isinstance(base, Namespace):
        return base.attribute(_text(key))
    if isinstance(base, TfRef):
        return TfRef(base.address, f"{base.attribute}[{_text(key)}]")
    return Unknown("an index into a value not known statically")


def pairs_of(collection: Any) -> list[tuple[Any, Any]] | None:
    """(key, value) pairs of a list (index) or map (key); None when not known."""
    if isinstance(collection, list):
        return list(enumerate(collection))
    if isinstance(collection, dict):
        return sorted(collection.items())
    return None


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "%": lambda a, b: a % b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def binary(operator: str, left: Any, right: Any) -> Any:
    if operator in ("==", "!="):
        if isinstance(left, Unknown | TfRef | Joined | Namespace) or isinstance(
            right, Unknown | TfRef | Joined | Namespace
        ):
            return Unknown(f"{operator} on a value not known statically")
        if _number(left) or _number(right):
            left, right = (
                to_number(left) if _number(right) else left,
                (to_number(right) if _number(left) else right),
            )
        return (left == right) == (operator == "==")
    if operator in ("&&", "||"):
        if isinstance(left, bool) and isinstance(right, bool):
            return left and right if operator == "&&" else left or right
        return Unknown(f"{operator} on a value not known statically")
    a, b = to_number(left), to_number(right)
    if a is None or b is None:
        return Unknown(f"{operator} on a value not known statically")
    try:
        result = _ARITHMETIC[operator](a, b)
    except ZeroDivisionError:
        return Unknown("division by zero")
    if isinstance(result, float) and result.is_integer() and operator != "/":
        return int(result)
    return result
