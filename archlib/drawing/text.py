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


def wrap_at_spaces(text: str, width: int) -> str:
    """Short lines broken only at single spaces, so the lines joined by a space give the text
    back; text with other spacing is left on one line rather than changed."""
    if len(text) <= width or text != text.strip() or "  " in text:
        return text
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) if " ".join(lines) == text else text


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


def cluster_title(text: str) -> str:
    """A cluster title a few words wide: the name, then each parenthesised item on its line.

    `app: private subnets (a: 10.0.10.0/24, b: 10.0.11.0/24)` takes three short lines, so
    the title and the room kept free under it stay narrow.
    """
    head, paren, tail = text.partition(" (")
    if paren and head and tail.endswith(")"):
        return "\n".join([wrap(head, TITLE_WIDTH), *tail[:-1].split(", ")])
    lines: list[str] = []
    for part in text.split(", "):
        if lines and len(lines[-1]) + len(part) + 2 <= TITLE_WIDTH:
            lines[-1] += ", " + part
        else:
            lines.append(part)
    return "\n".join(wrap(line, TITLE_WIDTH) for line in lines)


TITLE_WIDTH = 26


def dot_left_text(text: str) -> Any:
    """Like `dot_text`, each line left-aligned (`\\l`), as a title reads in its corner."""
    import graphviz

    return graphviz.nohtml(graphviz.escape(text).replace("\n", "\\l") + "\\l")


EDGE_LABEL_PADDING = 3
"""Points of room around an edge label: Graphviz packs the labels of edges between the same
two nodes side by side, and without it they touch."""


def dot_padded_text(text: str) -> Any:
    """An edge label as a borderless HTML-like table cell, so it carries its own margin.

    Every line is HTML-escaped, so `<b>` still reads as the three characters it is; and a
    `]` is written as a character reference, because Graphviz's HTML-label lexer rejects a
    cell whose text starts with one (a label of just "]" failed to lay out).
    """
    import html

    lines = "<BR/>".join(
        html.escape(line, quote=True).replace("]", "&#93;") for line in text.split("\n")
    )
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="{EDGE_LABEL_PADDING}"><TR><TD>{lines}</TD></TR></TABLE>>'
    )
