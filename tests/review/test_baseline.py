"""`archlib report --base`: the page answers what a change does, as the PR comment does."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from archlib import estimate_cost, load
from archlib.cost.render import usd
from tests.conftest import STAGE_FILES, CliResult
from tests.review.conftest import needs_dot

pytestmark = needs_dot

STAGE_2, STAGE_3 = STAGE_FILES[1], STAGE_FILES[2]


def _section(page: str) -> str:
    found = re.search(r'<section id="change" class="section">(.*?)</section>', page, re.S)
    assert found, "no change section"
    return found.group(1)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_stage_3_against_stage_2_shows_new_parts_gone_spofs_and_the_cost_move(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    result = run_cli("report", STAGE_3, "--base", STAGE_2, "-o", tmp_path, "-q")
    assert result.exit_code == 0, result.stderr
    section = _section((tmp_path / f"{STAGE_3.stem}.html").read_text("utf-8"))
    text = _text(section)
    before, after = estimate_cost(load(STAGE_2)), estimate_cost(load(STAGE_3))
    delta = after.monthly_usd - before.monthly_usd
    assert f"{usd(before.monthly_usd)} {usd(after.monthly_usd)} +{usd(delta)}" in text
    assert "added cdn, lb, nat-a, nat-b, read-api" in text
    assert "Resolved findings (2)" in text
    assert "SPOF001 web" in text and "SPOF003 mysql" in text
    rows = dict(re.findall(r'<tr data-component="([^"]+)"><td>[^<]+</td><td>([^<]*)</td>', section))
    assert rows["cdn"] == "added" and rows["mysql"] == "changed"
    assert "fails carries the peak" in text  # one AZ lost, before and after


def test_a_file_at_a_git_revision_is_a_baseline(
    run_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    model = repo / "shop.yaml"
    model.write_bytes(STAGE_2.read_bytes())

    _git(repo, "init", "-q")
    _git(repo, "add", "shop.yaml")
    _git(repo, "commit", "-qm", "stage 2")
    model.write_bytes(STAGE_3.read_bytes())
    monkeypatch.chdir(repo)
    result = run_cli("report", "shop.yaml", "--base", "HEAD:shop.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    section = _section((tmp_path / "out" / "shop.html").read_text("utf-8"))
    assert "HEAD:shop.yaml" in section and "Resolved findings (2)" in section


@pytest.mark.parametrize("base", ["no-such-ref:shop.yaml", "missing.yaml"])
def test_a_base_that_cannot_be_read_is_one_line_and_writes_nothing(
    run_cli: Callable[..., CliResult], tmp_path: Path, base: str
) -> None:
    out = tmp_path / "out"
    result = run_cli("report", STAGE_3, "--base", base, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--base" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_each_stage_of_a_series_is_compared_with_the_one_before(
    stage_pages: dict[str, str],
) -> None:
    assert 'id="change"' not in stage_pages[STAGE_FILES[0].stem]
    for before, after in pairwise(STAGE_FILES):
        section = _section(stage_pages[after.stem])
        assert f'<a href="{before.stem}.html">{load(before).title}</a>' in section


def _tf(folder: Path, instances: int) -> Path:
    """A Terraform root module: `instances` web servers, each one its own resource."""
    folder.mkdir(parents=True, exist_ok=True)
    blocks = [
        f'resource "aws_instance" "web{n}" {{\n  ami = "ami-12345678"\n'
        f'  instance_type = "t3.micro"\n}}\n'
        for n in range(instances)
    ]
    (folder / "main.tf").write_text("\n".join(blocks), "utf-8")
    return folder


def test_a_terraform_folder_and_one_at_a_git_revision_are_baselines(
    run_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    infra = _tf(repo / "infra", 1)

    _git(repo, "init", "-q")
    _git(repo, "add", "infra")
    _git(repo, "commit", "-qm", "one server")
    base = _tf(tmp_path / "base", 1)
    _tf(infra, 2)
    monkeypatch.chdir(repo)
    for spec in (str(base), "HEAD:infra"):
        out = tmp_path / f"out-{spec.replace(':', '-').replace('/', '-')}"
        result = run_cli("report", "infra", "--base", spec, "-o", out, "-q")
        assert result.exit_code == 0, result.stderr
        section = _section((out / "infra.html").read_text("utf-8"))
        assert "added" in _text(section) and "web1" in _text(section), spec


def test_a_tf_file_is_read_as_its_folder_only_when_the_folder_is_given(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    main = _tf(tmp_path / "infra", 1) / "main.tf"
    result = run_cli("check", main)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "give " in result.stderr and "infra/" in result.stderr
