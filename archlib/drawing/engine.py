"""Running Graphviz `dot`: one layout per diagram, however many image formats are asked for.

The `graphviz` package's `pipe` lays a graph out once per format and cannot set the working
directory, which icon paths relative to the diagrams install need; so `dot` is run directly.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from archlib.drawing.icons import icon_root

INSTALL_HINT = (
    "apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS), "
    "or see https://graphviz.org/download/"
)


class GraphvizNotFound(RuntimeError):
    """PNG and SVG need the Graphviz `dot` program; DOT and Mermaid output do not."""

    def __init__(self) -> None:
        super().__init__(f"Graphviz `dot` not found on PATH; install it: {INSTALL_HINT}")


class GraphvizFailed(RuntimeError):
    pass


def dot_program() -> str:
    found = shutil.which("dot")
    if found is None:
        raise GraphvizNotFound()
    return found


def graphviz_version() -> str:
    result = subprocess.run([dot_program(), "-V"], capture_output=True, text=True, check=False)
    return result.stderr.strip()


def layout(dot_source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay `dot_source` out once and write each format, e.g. ("svg", "png")."""
    program = dot_program()
    with tempfile.TemporaryDirectory(prefix="archlib-dot-") as scratch:
        outputs = {fmt: Path(scratch) / f"diagram.{fmt}" for fmt in formats}
        command = [program]
        for fmt, path in outputs.items():
            command += [f"-T{fmt}", f"-o{path}"]
        result = subprocess.run(
            command,
            input=dot_source.encode("utf-8"),
            capture_output=True,
            cwd=icon_root(),
            check=False,
        )
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GraphvizFailed(f"dot failed: {message[-1] if message else result.returncode}")
        return {fmt: path.read_bytes() for fmt, path in outputs.items()}
