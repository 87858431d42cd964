"""`archlib render` as a user runs it: files on disk, clear errors, nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib import load
from archlib.cli.app import app
from archlib.drawing import render
from tests.drawing.conftest import MODELS, STAGES, needs_dot, small_model

runner = CliRunner()


def _run_cli(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "archlib", *args], capture_output=True, text=True, env=env
    )


def _statement(dot: str, start: str) -> str:
    """One DOT statement's attribute list, which may run over several lines."""
    begin = dot.index(start)
    return dot[begin : dot.index("]", begin)]


def test_text_formats_for_every_stage(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", str(MODELS), "-o", str(tmp_path), "-f", "dot", "-f", "mermaid"]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{p.stem}{s}" for p in STAGES for s in (".dot", ".mmd"))
    model = load(STAGES[0])
    assert (tmp_path / f"{STAGES[0].stem}.dot").read_bytes() == render(model, ("dot",))["dot"]


@needs_dot
def test_images_for_one_stage(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", str(STAGES[-1]), "-o", str(tmp_path), "-f", "png", "-f", "svg"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{STAGES[-1].stem}.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / f"{STAGES[-1].stem}.svg").read_bytes()


def test_missing_graphviz_is_one_line_with_the_install_command(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "out"
    result = _run_cli(
        "render", str(STAGES[0]), "-o", str(out), "-f", "dot", "-f", "svg", path=str(empty)
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "Graphviz" in lines[0] and "apt-get install graphviz" in lines[0]
    assert not out.exists()  # nothing half-written, not even the DOT


def test_text_formats_need_no_graphviz(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = _run_cli(
        "render", str(STAGES[0]), "-o", str(tmp_path), "-f", "dot", "-f", "mermaid", path=str(empty)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{STAGES[0].stem}.mmd").exists()


def test_bad_model_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntitle: y\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _run_cli("render", str(STAGES[0]), str(bad), "-o", str(out), "-f", "dot")
    assert result.returncode == 2
    assert result.stderr.startswith("archlib: error: ") and "bad.yaml" in result.stderr
    assert not out.exists()


@needs_dot
def test_highlight_draws_a_red_border_round_a_single_point_of_failure() -> None:
    model = small_model()
    dot = render(model, ("dot",), highlight={"web": "spof"})["dot"].decode()
    border = _statement(dot, 'subgraph "cluster_mark-web" {\n')
    assert 'pencolor="#D62728"' in border and "penwidth=3" in border
    assert "margin=8" in border  # clear of the icon, not touching it
    assert "web [" in dot[dot.index('"cluster_mark-web"') :].split("}")[0]
    assert "red border: single point of failure" in dot
    plain = render(model, ("dot",))["dot"].decode()
    assert "#D62728" not in plain
    mermaid = render(model, ("mermaid",), highlight={"web": "spof"})["mermaid"].decode()
    assert "classDef spof_error stroke:#D62728" in mermaid and "class n_web spof_error" in mermaid


def test_highlight_on_a_host_borders_its_cluster() -> None:
    model = load(STAGES[0])
    dot = render(model, ("dot",), highlight={"box": "spof"})["dot"].decode()
    opened = dot.index('subgraph "cluster_host-box" {')
    cluster = _statement(dot[opened:], "graph [")
    assert 'pencolor="#D62728"' in cluster


def test_cli_highlight_uses_the_checks(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", str(STAGES[1]), "-o", str(tmp_path), "-f", "dot", "--highlight"]
    )
    assert result.exit_code == 0, result.output
    dot = (tmp_path / f"{STAGES[1].stem}.dot").read_text(encoding="utf-8")
    # stage 2's single web server is a single point of failure
    assert "#D62728" in _statement(dot, 'subgraph "cluster_mark-web" {\n')
    # S3 is named by the web server's finding (a store it guards) but is not at fault
    assert "cluster_mark-static" not in dot


@needs_dot
def test_a_model_shows_as_its_diagram_in_a_notebook() -> None:
    model = small_model()
    bundle = model._repr_mimebundle_()
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")
    assert model._repr_svg_() == bundle["image/svg+xml"]


def test_without_graphviz_a_notebook_shows_mermaid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    model = small_model()
    assert model._repr_svg_() is None
    assert model._repr_mimebundle_()["text/markdown"].startswith("```mermaid\n")


def test_importing_the_model_does_not_import_the_renderer() -> None:
    code = (
        "import sys, archlib; archlib.load('models/scaling-aws/1-single-box.yaml'); "
        "print('archlib.drawing' in sys.modules, 'diagrams' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=MODELS.parents[1]
    )
    assert result.stdout.split() == ["False", "False"]
