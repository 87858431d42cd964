"""A diagram fills a slide: tall layouts turn left to right unless a direction is asked for."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from archlib import load, render
from tests.conftest import STAGE_FILES, CliResult


def _rankdir(dot: bytes) -> str:
    found = re.search(rb"\brankdir=(\w+)", dot)
    assert found
    return found.group(1).decode()


@pytest.mark.parametrize(("stage", "expected"), [(0, "TB"), (1, "TB"), (5, "LR")])
def test_the_default_direction_follows_the_shape(stage: int, expected: str) -> None:
    assert _rankdir(render(load(STAGE_FILES[stage]), ["dot"])["dot"]) == expected


@pytest.mark.parametrize("asked", ["TB", "LR"])
def test_an_asked_direction_is_kept(asked: str) -> None:
    assert _rankdir(render(load(STAGE_FILES[5]), ["dot"], direction=asked)["dot"]) == asked


def test_an_unknown_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown direction 'up'"):
        render(load(STAGE_FILES[0]), ["dot"], direction="up")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")
def test_stage_6_is_landscape_by_default_and_portrait_top_to_bottom() -> None:
    def size(direction: str | None) -> tuple[float, float]:
        svg = render(load(STAGE_FILES[5]), ["svg"], direction=direction)["svg"].decode()
        box = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', svg)
        assert box
        return float(box.group(1)), float(box.group(2))

    wide, tall = size(None)
    assert wide > tall
    wide, tall = size("TB")
    assert tall > wide


def test_the_cli_takes_the_direction(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    result = run_cli("render", STAGE_FILES[0], "-o", tmp_path, "-f", "dot", "--direction", "lr")
    assert result.exit_code == 0, result.stderr
    assert _rankdir((tmp_path / f"{STAGE_FILES[0].stem}.dot").read_bytes()) == "LR"
    bad = run_cli("render", STAGE_FILES[0], "-o", tmp_path, "-f", "dot", "--direction", "up")
    assert bad.exit_code == 2


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")
@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_nat_gateways_read_in_az_order(direction: str) -> None:
    """AZ a first: left of AZ b top to bottom, above it left to right."""
    svg = render(load(STAGE_FILES[5]), ["svg"], direction=direction)["svg"].decode()

    def where(node: str) -> tuple[float, float]:
        title = node.replace("-", "&#45;")
        found = re.search(
            rf'<title>{title}</title>.*?<image[^>]*? x="([\d.-]+)" y="([\d.-]+)"', svg, re.S
        )
        assert found, node
        return float(found.group(1)), float(found.group(2))

    (ax, ay), (bx, by) = where("nat-a"), where("nat-b")
    assert (ax < bx) if direction == "TB" else (ay < by)
