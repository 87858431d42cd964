"""A model's or template's description as the reader meant it: Markdown emphasis, code and
lists rendered, raw HTML escaped, and nothing that would fetch a file (images are text)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # CommonMark without raw HTML; images off, since a page must load nothing.
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def prose(text: str) -> Markup:
    """Descriptions are written as Markdown (templates put `**WARNING**` in theirs)."""
    return Markup(_parser().render(text.strip()))
