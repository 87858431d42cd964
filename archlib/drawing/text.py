"""Making user text safe inside DOT and Mermaid, whatever characters it holds."""

from __future__ import annotations

import textwrap
from typing import Any

_MERMAID_UNSAFE = frozenset('"#&<>`|\\;')


def dot_text(text: str) -> Any:
    """Text for a DOT attribute: never read as an HTML label, backslashes kept literal.

    `graphviz.escape` doubles backslashes and marks the string as not HTML, so a label such
    as `<b>` stays the five characters it is; the graphviz package then quotes the string.
    """
    import graphviz

    return graphviz.escape(text)


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: risky characters as `#code;` entities, lines as <br/>."""
    escaped = "".join(f"#{ord(ch)};" if ch in _MERMAID_UNSAFE else ch for ch in text)
    return "<br/>".join(escaped.split("\n"))


def wrap(text: str, width: int) -> str:
    """Long titles on several lines, so a label stays about as wide as its icon.

    A parenthesis starts a line of its own: `Internal LB (Write API)`, not `... (Write / API)`.
    """
    if len(text) <= width:
        return text
    head, paren, tail = text.partition(" (")
    if paren and head:
        return wrap(head, width) + "\n" + wrap("(" + tail, width)
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
