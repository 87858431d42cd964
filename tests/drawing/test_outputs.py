"""Byte-identical output, self-contained SVG, and committed diagrams that match their models."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from archlib.cli.render import findings_marks
from archlib.drawing import render
from archlib.model import Architecture
from tests.drawing.conftest import COMMITTED, ROOT, STAGES, needs_dot

SVG = "{http://www.w3.org/2000/svg}"
REGENERATE = "stale: run `make run` to regenerate diagrams/"


def test_text_formats_are_identical_on_every_run(stage: tuple[str, Architecture]) -> None:
    _, model = stage
    first = render(model, ("dot", "mermaid"))
    second = render(model, ("dot", "mermaid"))
    assert first == second


@needs_dot
def test_svg_is_identical_on_every_run(stage: tuple[str, Architecture]) -> None:
    _, model = stage
    assert render(model, ("svg",)) == render(model, ("svg",))


def test_dot_does_not_depend_on_the_process_or_directory(tmp_path: Path) -> None:
    """Another interpreter, another hash seed and another working directory: the same DOT."""
    script = (
        "import sys; from archlib import load, render; "
        "sys.stdout.buffer.write(render(load(sys.argv[1]), ['dot'])['dot'])"
    )
    path = STAGES[-1]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, cwd=tmp_path, env=env
    )
    assert out.returncode == 0, out.stderr
    from archlib import load

    assert out.stdout == render(load(path), ("dot",))["dot"]
    assert list(tmp_path.iterdir()) == []  # nothing written to the working directory


def test_dot_names_nodes_by_component_id_and_holds_no_local_path(
    stage: tuple[str, Architecture],
) -> None:
    _, model = stage
    dot = render(model, ("dot",))["dot"].decode()
    assert not re.search(r"[0-9a-f]{32}", dot)  # no uuid node ids
    assert str(ROOT) not in dot and "site-packages" not in dot
    for component in model.components:
        if getattr(component, "kind", "") != "host":
            assert re.search(rf'^\s*"?{re.escape(component.id)}"? \[', dot, re.M), component.id


@needs_dot
def test_svg_is_self_contained(stage: tuple[str, Architecture]) -> None:
    _, model = stage
    svg = render(model, ("svg",))["svg"].decode()
    root = ElementTree.fromstring(svg)
    images = list(root.iter(f"{SVG}image"))
    assert len(images) >= len(model.components) - 1
    for image in images:
        href = image.get("{http://www.w3.org/1999/xlink}href", "")
        assert href.startswith("data:image/png;base64,"), href[:60]
    assert "resources/" not in svg and "site-packages" not in svg and "file:" not in svg
    assert str(ROOT) not in svg and "/home/" not in svg and "/tmp/" not in svg


@pytest.mark.parametrize("suffix,fmt", [(".dot", "dot"), (".mmd", "mermaid")])
def test_committed_text_diagrams_match_their_models(
    stage: tuple[str, Architecture], suffix: str, fmt: str
) -> None:
    """The main job draws the reference stages with the checks' findings highlighted."""
    name, model = stage
    committed = COMMITTED / f"{name}{suffix}"
    assert committed.exists(), REGENERATE
    marks = findings_marks(model)
    expected = render(model, (fmt,), highlight=marks)[fmt]  # type: ignore[arg-type]
    assert committed.read_bytes() == expected, REGENERATE


def _svg_graph(svg: bytes) -> tuple[set[str], set[str]]:
    """Node and edge titles Graphviz wrote into the SVG."""
    root = ElementTree.fromstring(svg)
    nodes, edges = set(), set()
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is None or title.text is None:
            continue
        if group.get("class") == "node":
            nodes.add(title.text)
        elif group.get("class") == "edge":
            edges.add(title.text.replace("&#45;", "-"))
    return nodes, edges


def _dot_graph(dot: str) -> tuple[set[str], set[str]]:
    definitions = re.findall(r'^\t+"?([a-z][a-z0-9-]*)"? \[(label=.*)$', dot, re.M)
    nodes = {name for name, attrs in definitions if "style=invis" not in attrs}
    pattern = r'^\t"?([a-z][a-z0-9-]*)"? -> "?([a-z][a-z0-9-]*)"? \[(.*)$'
    edges = {
        f"{a}->{b}" for a, b, attrs in re.findall(pattern, dot, re.M) if "style=invis" not in attrs
    }
    return nodes, edges


def test_committed_images_match_the_committed_dot(stage: tuple[str, Architecture]) -> None:
    """The SVG shows the DOT's nodes and edges; the PNG is there and is a PNG."""
    name, _ = stage
    dot = (COMMITTED / f"{name}.dot").read_text(encoding="utf-8")
    svg = (COMMITTED / f"{name}.svg").read_bytes()
    assert _svg_graph(svg) == _dot_graph(dot), REGENERATE
    assert (COMMITTED / f"{name}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_diagrams_folder_never_shadows_the_diagrams_package() -> None:
    import diagrams

    assert diagrams.__file__ is not None
    assert Path(diagrams.__file__).parent != COMMITTED
    assert hasattr(diagrams, "Diagram")


def _text_boxes(svg: bytes) -> list[tuple[str, float, float, float, float]]:
    """Each drawn line of text with an estimated box (average glyph width: half the size)."""
    boxes = []
    for text in ElementTree.fromstring(svg).iter(f"{SVG}text"):
        x, y, size = (float(text.get(a, "0")) for a in ("x", "y", "font-size"))
        width = len(text.text or "") * size * 0.5
        anchor = text.get("text-anchor")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        boxes.append((text.text or "", left, y - size * 0.8, left + width, y + size * 0.2))
    return boxes


@needs_dot
def test_no_two_labels_overlap(stage: tuple[str, Architecture]) -> None:
    _, model = stage
    boxes = _text_boxes(render(model, ("svg",))["svg"])
    clashes = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert clashes == []


def test_unknown_format_is_refused_before_anything_is_drawn() -> None:
    from archlib import load

    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(load(STAGES[0]), ("dot", "pdf"))  # type: ignore[arg-type]


def test_the_documented_overview_matches_its_model() -> None:
    """docs/diagrams.md shows the overview of the 150-component stack; it must be current."""
    from tests.drawing.large import large_model

    images = ROOT / "docs" / "images"
    stale = "stale: run `python -m tests.drawing.large docs/images`"
    committed = (images / "stack-150-overview.dot").read_bytes()
    assert committed == render(large_model(), ("dot",))["dot"], stale
    svg = (images / "stack-150-overview.svg").read_bytes()
    assert _svg_graph(svg) == _dot_graph(committed.decode("utf-8")), stale
    assert (images / "stack-150-overview.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
