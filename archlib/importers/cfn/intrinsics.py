"""Evaluating intrinsic functions and conditions against parameters, mappings and the region."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any

from archlib.importers.cfn.values import (
    NO_VALUE,
    Composite,
    ExternalSubnet,
    ResourceRef,
    Unresolved,
    Zone,
    ZoneList,
)

ACCOUNT_PLACEHOLDER = "123456789012"
"""AWS::AccountId stands for no real account; the documentation's example account."""
_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
MAX_EVALUATIONS = 200_000
MAX_STRING_CHARS = 1_000_000
"""Twice CloudFormation's own limit on a template body: no real value is longer."""
"""Intrinsics evaluated for one template: ends runaway nesting long before it hangs."""


class TemplateTooComplex(Exception):
    pass


class Resolver:
    """Resolves values; what it cannot know becomes `Unresolved` with the reason."""

    def __init__(
        self,
        data: Mapping[str, Any],
        parameters: Mapping[str, Any],
        region: str,
    ) -> None:
        self.data = data
        self.parameters = parameters
        self.region = region
        mappings = data.get("Mappings")
        self.mappings: Mapping[str, Any] = mappings if isinstance(mappings, dict) else {}
        conditions = data.get("Conditions")
        self.conditions: Mapping[str, Any] = conditions if isinstance(conditions, dict) else {}
        resources = data.get("Resources")
        self.resources: Mapping[str, Any] = resources if isinstance(resources, dict) else {}
        self._condition_values: dict[str, bool] = {}
        self._evaluating: set[str] = set()
        self._budget = MAX_EVALUATIONS

    # Conditions.

    def condition(self, name: str) -> bool:
        """A named condition; an unknown or circular one counts as true, so nothing is lost."""
        if name in self._condition_values:
            return self._condition_values[name]
        if name not in self.conditions or name in self._evaluating:
            return True
        self._evaluating.add(name)
        try:
            value = self._truth(self.conditions[name])
        finally:
            self._evaluating.discard(name)
        self._condition_values[name] = value
        return value

    def _truth(self, node: Any) -> bool:
        self._spend()
        if isinstance(node, dict) and len(node) == 1:
            ((key, args),) = node.items()
            if key == "Condition" and isinstance(args, str):
                return self.condition(args)
            if key == "Fn::Not" and isinstance(args, list) and args:
                return not self._truth(args[0])
            if key == "Fn::And" and isinstance(args, list):
                return all(self._truth(a) for a in args)
            if key == "Fn::Or" and isinstance(args, list):
                return any(self._truth(a) for a in args)
            if key == "Fn::Equals" and isinstance(args, list) and len(args) == 2:
                left, right = (self.resolve(a) for a in args)
                return _text(left) == _text(right)
        value = self.resolve(node)
        return _text(value).lower() == "true"

    def active(self, resource: Mapping[str, Any]) -> bool:
        """False for a resource whose Condition is false: the stack would not create it."""
        name = resource.get("Condition")
        return not isinstance(name, str) or self.condition(name)

    # Values.

    def _spend(self) -> None:
        self._budget -= 1
        if self._budget < 0:
            raise TemplateTooComplex(f"more than {MAX_EVALUATIONS:,} intrinsic evaluations")

    def resolve(self, node: Any) -> Any:
        self._spend()
        if isinstance(node, list):
            items = [self.resolve(item) for item in node]
            return [item for item in items if item is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            ((key, args),) = node.items()
            if key == "Ref":
                return self._ref(args)
            if isinstance(key, str) and key.startswith("Fn::"):
                return self._function(key[4:], args)
        resolved = {key: self.resolve(value) for key, value in node.items()}
        return {key: value for key, value in resolved.items() if value is not NO_VALUE}

    def _ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            return Unresolved("Ref to a non-name")
        pseudo = {
            "AWS::Region": self.region,
            "AWS::AccountId": ACCOUNT_PLACEHOLDER,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::StackName": "stack",
        }
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in pseudo:
            return pseudo[name]
        if name.startswith("AWS::"):
            return Unresolved(f"{name} is known only when the stack runs")
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resources:
            return ResourceRef(name)
        return Unresolved(f"Ref to {name}, which the template does not define")

    def _function(self, name: str, args: Any) -> Any:
        handler = getattr(self, f"_fn_{name.lower()}", None)
        if handler is None:
            return Unresolved(f"Fn::{name} is not evaluated")
        result: Any = handler(args)
        return result

    def _fn_getatt(self, args: Any) -> Any:
        if isinstance(args, str):
            args = args.split(".", 1)
        if not isinstance(args, list) or len(args) != 2:
            return Unresolved("malformed Fn::GetAtt")
        resource, attribute = args[0], self.resolve(args[1])
        if not isinstance(resource, str) or resource not in self.resources:
            return Unresolved(f"Fn::GetAtt on {resource}, which the template does not define")
        if attribute == "CidrBlock":
            vpc = self.resources[resource]
            if isinstance(vpc, dict) and isinstance(vpc.get("Properties"), dict):
                return self.resolve(vpc["Properties"].get("CidrBlock"))
        return ResourceRef(resource, str(attribute))

    def _fn_getazs(self, args: Any) -> Any:
        return ZoneList()

    def _fn_select(self, args: Any) -> Any:
        if not isinstance(args, list) or len(args) != 2:
            return Unresolved("malformed Fn::Select")
        index = _integer(self.resolve(args[0]))
        items = self.resolve(args[1])
        if index is None:
            return Unresolved("Fn::Select with an unknown index")
        if isinstance(items, ZoneList):
            return Zone(index)
        if isinstance(items, list):
            if 0 <= index < len(items):
                return items[index]
            return Unresolved(f"Fn::Select index {index} outside a list of {len(items)}")
        if isinstance(items, ExternalSubnet):  # a list parameter nobody gave
            return ExternalSubnet(f"{items.key}[{index}]")
        return Unresolved("Fn::Select on an unknown list")

    def _fn_join(self, args: Any) -> Any:
        if not isinstance(args, list) or len(args) != 2:
            return Unresolved("malformed Fn::Join")
        separator = self.resolve(args[0])
        items = self.resolve(args[1])
        if not isinstance(items, list) or not isinstance(separator, str):
            return Unresolved("Fn::Join over an unknown list")
        return _concatenate(items, separator)

    def _fn_sub(self, args: Any) -> Any:
        variables: dict[str, Any] = {}
        if isinstance(args, list) and len(args) == 2 and isinstance(args[1], dict):
            text = args[0]
            variables = {k: self.resolve(v) for k, v in args[1].items()}
        else:
            text = args
        if not isinstance(text, str):
            return Unresolved("malformed Fn::Sub")
        parts: list[Any] = []
        position = 0
        for match in _SUB_VARIABLE.finditer(text):
            parts.append(text[position : match.start()])
            name = match.group(1).strip()
            if name in variables:
                parts.append(variables[name])
            elif "." in name and not name.startswith("AWS::"):
                parts.append(self._fn_getatt(name.split(".", 1)))
            else:
                parts.append(self._ref(name))
            position = match.end()
        parts.append(text[position:])
        return _concatenate([_unescape(p) if isinstance(p, str) else p for p in parts], "")

    def _fn_split(self, args: Any) -> Any:
        if not isinstance(args, list) or len(args) != 2:
            return Unresolved("malformed Fn::Split")
        separator, text = self.resolve(args[0]), self.resolve(args[1])
        if isinstance(separator, str) and isinstance(text, str) and separator:
            return text.split(separator)
        return Unresolved("Fn::Split of an unknown string")

    def _fn_findinmap(self, args: Any) -> Any:
        if not isinstance(args, list) or len(args) < 3:
            return Unresolved("malformed Fn::FindInMap")
        keys = [self.resolve(a) for a in args[:3]]
        default = None
        if len(args) == 4 and isinstance(args[3], dict) and "DefaultValue" in args[3]:
            default = self.resolve(args[3]["DefaultValue"])
        node: Any = self.mappings
        for key in keys:
            if not isinstance(key, str | int) or not isinstance(node, dict):
                node = None
                break
            node = node.get(str(key), node.get(key) if isinstance(key, int) else None)
        if node is None:
            if default is not None:
                return default
            return Unresolved(f"Fn::FindInMap {keys} has no entry")
        return self.resolve(node)

    def _fn_if(self, args: Any) -> Any:
        if not isinstance(args, list) or len(args) != 3 or not isinstance(args[0], str):
            return Unresolved("malformed Fn::If")
        return self.resolve(args[1] if self.condition(args[0]) else args[2])

    def _fn_importvalue(self, args: Any) -> Any:
        name = self.resolve(args)
        shown = name if isinstance(name, str) else "a computed name"
        return Unresolved(f"Fn::ImportValue {shown}: another stack's output")

    def _fn_cidr(self, args: Any) -> Any:
        if not isinstance(args, list) or len(args) != 3:
            return Unresolved("malformed Fn::Cidr")
        block, count, bits = (self.resolve(a) for a in args)
        count, bits = _integer(count), _integer(bits)
        if not isinstance(block, str) or count is None or bits is None:
            return Unresolved("Fn::Cidr of an unknown block")
        try:
            network = ipaddress.ip_network(block, strict=False)
            prefix = network.max_prefixlen - bits
            if not network.prefixlen <= prefix <= network.max_prefixlen or count > 256:
                return Unresolved("Fn::Cidr out of range")
            subnets = network.subnets(new_prefix=prefix)
            return [str(next(subnets)) for _ in range(count)]
        except (ValueError, StopIteration):
            return Unresolved("Fn::Cidr out of range")

    def _fn_base64(self, args: Any) -> Any:
        return Unresolved("Fn::Base64 (user data) is not read")

    def _fn_length(self, args: Any) -> Any:
        items = self.resolve(args)
        return len(items) if isinstance(items, list) else Unresolved("Fn::Length of unknown")


def _unescape(text: str) -> str:
    """`${!Name}` in a Sub string is the literal `${Name}`."""
    return text.replace("${!", "${")


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return repr(value)


def _concatenate(parts: list[Any], separator: str) -> Any:
    """A string when every part is one; else the parts' resource references, or unresolved."""
    texts: list[str] = []
    refs: list[ResourceRef] = []
    for part in parts:
        if isinstance(part, bool | int | float | str):
            texts.append(_text(part))
        elif isinstance(part, ResourceRef):
            refs.append(part)
            texts.append(f"${{{part.logical_id}}}")
        elif isinstance(part, Composite):
            refs.extend(part.refs)
            texts.append(part.text)
        elif isinstance(part, Zone):
            texts.append(f"${{zone {part.index}}}")
        else:
            return Unresolved(getattr(part, "reason", "a part that is not known"))
    size = sum(len(t) for t in texts) + len(separator) * max(len(texts) - 1, 0)
    if size > MAX_STRING_CHARS:
        raise TemplateTooComplex(
            f"a joined or substituted string of more than {MAX_STRING_CHARS:,} characters "
            "(aliases repeated into one value?)"
        )
    text = separator.join(texts)
    return Composite(text, tuple(refs)) if refs else text
