"""Self-contained SVG: icons embedded as data URIs instead of paths on the author's disk."""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from archlib.drawing.icons import icon_root

_IMAGE_HREF = re.compile(r'<image ([^>]*?)xlink:href="(resources/[^"]+\.png)"')


@cache
def _data_uri(relative: str, root: Path) -> str:
    payload = base64.b64encode((root / relative).read_bytes()).decode("ascii")
    return f"data:image/png;base64,{payload}"


def embed_icons(svg: bytes) -> bytes:
    root = icon_root()
    text = svg.decode("utf-8")

    def replace(match: re.Match[str]) -> str:
        return f'<image {match.group(1)}xlink:href="{_data_uri(match.group(2), root)}"'

    return _IMAGE_HREF.sub(replace, text).encode("utf-8")
