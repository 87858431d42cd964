"""The Terraform functions real configurations use, on plain values.

Each raises TypeError or ValueError on what it cannot compute; the evaluator turns that into
an unknown value. Functions that read files or the clock give an unknown value with why.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import math
import posixpath
import re
from collections.abc import Callable
from typing import Any

from archlib.importers.tf.values import Joined, TfRef, Unknown, is_plain

MAX_RANGE = 10_000


def _known(*values: Any) -> None:
    for value in values:
        if isinstance(value, Unknown):
            raise ValueError(value.reason)


def _str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value
    raise TypeError("not a string")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError("not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(value)
    raise TypeError("not a whole number")


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    raise TypeError("not a list")


def _map(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise TypeError("not a map")


def _cidrsubnet(prefix: Any, newbits: Any, netnum: Any) -> str:
    network = ipaddress.ip_network(_str(prefix), strict=False)
    length = network.prefixlen + _int(newbits)
    if length > network.max_prefixlen:
        raise ValueError("too many bits")
    size = 1 << (network.max_prefixlen - length)
    start = int(network.network_address) + _int(netnum) * size
    subnet = ipaddress.ip_network((start, length))
    if not subnet.subnet_of(network):  # type: ignore[arg-type]
        raise ValueError("netnum out of range")
    return str(subnet)


def _cidrsubnets(prefix: Any, *newbits: Any) -> list[str]:
    network = ipaddress.ip_network(_str(prefix), strict=False)
    found: list[str] = []
    current = int(network.network_address)
    for bits in newbits:
        length = network.prefixlen + _int(bits)
        size = 1 << (network.max_prefixlen - length)
        current = (current + size - 1) // size * size
        found.append(str(ipaddress.ip_network((current, length))))
        current += size
    return found


def _cidrhost(prefix: Any, hostnum: Any) -> str:
    network = ipaddress.ip_network(_str(prefix), strict=False)
    number = _int(hostnum)
    first, last = int(network.network_address), int(network.broadcast_address)
    address = last + 1 + number if number < 0 else first + number
    if not first <= address <= last:
        raise ValueError("host number out of range")
    return str(ipaddress.ip_address(address))


def _length(value: Any) -> int:
    _known(value)
    if isinstance(value, list | dict | str):
        return len(value)
    raise TypeError("no length")


def _element(values: Any, position: Any) -> Any:
    items = _list(values)
    if not items:
        raise ValueError("empty list")
    return items[_int(position) % len(items)]


def _lookup(mapping: Any, key: Any, *default: Any) -> Any:
    found = _map(mapping)
    text = _str(key)
    if text in found:
        return found[text]
    if default:
        return default[0]
    raise KeyError(text)


def _merge(*maps: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in maps:
        if item is None:
            continue
        result.update(_map(item))
    return result


def _concat(*lists: Any) -> list[Any]:
    return [item for value in lists for item in _list(value)]


def _format(spec: Any, *args: Any) -> str:
    text = _str(spec)
    out: list[str] = []
    position = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char != "%":
            out.append(char)
            index += 1
            continue
        end = index + 1
        while end < len(text) and text[end] in "0123456789.-+# ":
            end += 1
        if end >= len(text):
            raise ValueError("unfinished format verb")
        verb = text[end]
        if any(len(number) > 3 for number in re.findall(r"\d+", text[index + 1 : end])):
            raise ValueError("format width too large")
        if verb == "%":
            out.append("%")
        else:
            flags = text[index + 1 : end]
            value = args[position]
            position += 1
            if verb in "dxXob":
                out.append(("%" + flags + ("d" if verb == "b" else verb)) % _int(value))
            elif verb in "fFeEgG":
                out.append(("%" + flags + verb) % float(value))
            elif verb in ("s", "v", "q", "t"):
                rendered = json.dumps(value) if verb == "q" or not is_plain(value) else value
                if not isinstance(rendered, str):
                    rendered = _str(rendered) if not isinstance(rendered, list | dict) else ""
                out.append(("%" + flags + "s") % rendered)
            else:
                raise ValueError(f"format verb %{verb}")
        index = end + 1
    return "".join(out)


def _formatlist(spec: Any, *args: Any) -> list[str]:
    lengths = {len(a) for a in args if isinstance(a, list)}
    if len(lengths) > 1:
        raise ValueError("lists of different lengths")
    count = lengths.pop() if lengths else 1
    return [
        _format(spec, *[a[i] if isinstance(a, list) else a for a in args]) for i in range(count)
    ]


def _slice(values: Any, start: Any, end: Any) -> list[Any]:
    return _list(values)[_int(start) : _int(end)]


def _toset(values: Any) -> list[Any]:
    items = _list(values)
    if all(isinstance(item, str) for item in items):
        return sorted(set(items))
    unique: list[Any] = []
    for item in items:
        if item not in unique:
            unique.append(item)
    return unique


def _tolist(values: Any) -> list[Any]:
    return _list(values)


def _keys(mapping: Any) -> list[str]:
    return sorted(_map(mapping))


def _values(mapping: Any) -> list[Any]:
    found = _map(mapping)
    return [found[k] for k in sorted(found)]


def _coalesce(*values: Any) -> Any:
    for value in values:
        if isinstance(value, Unknown):
            raise ValueError(value.reason)
        if value is not None and value != "":
            return value
    raise ValueError("no non-empty value")


def _coalescelist(*values: Any) -> Any:
    for value in values:
        if _list(value):
            return value
    return []


def _join(separator: Any, *lists: Any) -> Any:
    items = [item for value in lists for item in _list(value)]
    if all(isinstance(item, str | int | float | bool) for item in items):
        return _str(separator).join(_str(item) for item in items)
    parts: list[str | TfRef] = []
    for position, item in enumerate(items):
        if position:
            parts.append(_str(separator))
        if isinstance(item, TfRef):
            parts.append(item)
        elif isinstance(item, Joined):
            parts.extend(item.parts)
        else:
            parts.append(_str(item))
    return Joined(tuple(parts))


def _flatten(values: Any) -> list[Any]:
    result: list[Any] = []
    for item in _list(values):
        if isinstance(item, list):
            result.extend(_flatten(item))
        else:
            result.append(item)
    return result


def _range(*args: Any) -> list[int | float]:
    numbers = [_int(a) for a in args]
    start, stop, step = (
        ((0, numbers[0], 1) if len(numbers) == 1 else (numbers[0], numbers[1], 1))
        if len(numbers) < 3
        else (numbers[0], numbers[1], numbers[2])
    )
    if step == 0 or abs(stop - start) // abs(step) > MAX_RANGE:
        raise ValueError("range too long")
    return list(range(start, stop, step))


def _index(values: Any, value: Any) -> int:
    return _list(values).index(value)


def _one(values: Any) -> Any:
    items = _list(values)
    if len(items) > 1:
        raise ValueError("more than one element")
    return items[0] if items else None


def _unread(kind: str) -> Callable[..., Any]:
    def unread(*args: Any) -> Any:
        named = f" {args[0]}" if args and isinstance(args[0], str) else ""
        return Unknown(f"{kind}{named} is not read")

    return unread


def _jsonencode(value: Any) -> Any:
    """JSON text; a document that holds references (a policy naming a table's ARN) stays the
    structure itself, which is what a policy argument means."""
    if not is_plain(value):
        if isinstance(value, Unknown):
            raise ValueError(value.reason)
        return value
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def _substr(text: Any, offset: Any, length: Any) -> str:
    value, start, count = _str(text), _int(offset), _int(length)
    return value[start:] if count < 0 else value[start : start + count]


def _tonumber(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    number = float(_str(value))
    return int(number) if number.is_integer() else number


def _tobool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise TypeError("not a bool")


def _zipmap(keys: Any, values: Any) -> dict[str, Any]:
    return {_str(k): v for k, v in zip(_list(keys), _list(values), strict=True)}


def _min(*values: Any) -> Any:
    return min(_tonumber(v) for v in values)


def _max(*values: Any) -> Any:
    return max(_tonumber(v) for v in values)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": lambda n: abs(_tonumber(n)),
    "alltrue": lambda xs: all(_tobool(x) for x in _list(xs)),
    "anytrue": lambda xs: any(_tobool(x) for x in _list(xs)),
    "base64encode": lambda s: __import__("base64").b64encode(_str(s).encode()).decode(),
    "basename": lambda p: posixpath.basename(_str(p)),
    "ceil": lambda n: math.ceil(_tonumber(n)),
    "chomp": lambda s: _str(s).rstrip("\r\n"),
    "cidrhost": _cidrhost,
    "cidrsubnet": _cidrsubnet,
    "cidrsubnets": _cidrsubnets,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "compact": lambda xs: [x for x in _list(xs) if x not in (None, "")],
    "concat": _concat,
    "contains": lambda xs, x: x in _list(xs),
    "dirname": lambda p: posixpath.dirname(_str(p)),
    "distinct": lambda xs: [x for i, x in enumerate(_list(xs)) if x not in _list(xs)[:i]],
    "element": _element,
    "endswith": lambda s, x: _str(s).endswith(_str(x)),
    "file": _unread("file"),
    "filebase64": _unread("file"),
    "filebase64sha256": _unread("file"),
    "fileexists": _unread("file"),
    "filemd5": _unread("file"),
    "fileset": _unread("fileset"),
    "flatten": _flatten,
    "floor": lambda n: math.floor(_tonumber(n)),
    "format": _format,
    "formatlist": _formatlist,
    "index": _index,
    "join": _join,
    "jsondecode": lambda s: json.loads(_str(s)),
    "jsonencode": _jsonencode,
    "keys": _keys,
    "length": _length,
    "lookup": _lookup,
    "lower": lambda s: _str(s).lower(),
    "max": _max,
    "md5": lambda s: hashlib.md5(_str(s).encode(), usedforsecurity=False).hexdigest(),
    "merge": _merge,
    "min": _min,
    "nonsensitive": lambda x: x,
    "one": _one,
    "pathexpand": lambda p: _str(p),
    "range": _range,
    "replace": lambda s, a, b: _str(s).replace(_str(a), _str(b)),
    "reverse": lambda xs: list(reversed(_list(xs))),
    "sensitive": lambda x: x,
    "sha1": lambda s: hashlib.sha1(_str(s).encode(), usedforsecurity=False).hexdigest(),
    "slice": _slice,
    "sort": lambda xs: sorted(_str(x) for x in _list(xs)),
    "split": lambda sep, s: _str(s).split(_str(sep)),
    "startswith": lambda s, x: _str(s).startswith(_str(x)),
    "substr": _substr,
    "sum": lambda xs: sum(_tonumber(x) for x in _list(xs)),
    "templatefile": _unread("templatefile"),
    "timestamp": lambda: Unknown("timestamp() is known only at apply"),
    "title": lambda s: _str(s).title(),
    "tobool": _tobool,
    "tolist": _tolist,
    "tomap": _map,
    "tonumber": _tonumber,
    "toset": _toset,
    "tostring": lambda s: None if s is None else _str(s),
    "trim": lambda s, c: _str(s).strip(_str(c)),
    "trimprefix": lambda s, p: _str(s).removeprefix(_str(p)),
    "trimspace": lambda s: _str(s).strip(),
    "trimsuffix": lambda s, p: _str(s).removesuffix(_str(p)),
    "upper": lambda s: _str(s).upper(),
    "uuid": lambda: Unknown("uuid() is known only at apply"),
    "values": _values,
    "zipmap": _zipmap,
}

LAZY_FUNCTIONS = frozenset({"try", "can"})
"""Evaluated argument by argument: the first known one wins."""
