"""`archlib diff --format markdown|json`: the pull-request comment and its data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib import estimate_cost, load
from archlib.checks.formats.diff_markdown import MARKER
from archlib.cli.app import app
from archlib.cost import CostEstimate
from archlib.cost.render import usd
from tests.conftest import STAGE_FILES

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden"
STAGE_3 = STAGE_FILES[2]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stage 3 and a copy with one web server, under the names a pull request would show."""
    text = STAGE_3.read_text()
    marker = "    role: reverse proxy\n    instance_type: m6i.large\n    count: 2\n"
    assert marker in text
    (tmp_path / "base").mkdir()
    (tmp_path / "head").mkdir()
    (tmp_path / "base" / "stage-3.yaml").write_text(text)
    (tmp_path / "head" / "stage-3.yaml").write_text(
        text.replace(marker, marker.replace("count: 2", "count: 1"))
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _estimates(workdir: Path) -> tuple[CostEstimate, CostEstimate]:
    return tuple(  # type: ignore[return-value]
        estimate_cost(load(workdir / side / "stage-3.yaml")) for side in ("base", "head")
    )


def _totals(workdir: Path) -> tuple[float, float]:
    """Monthly totals of the two sides, as `archlib cost` gives them."""
    base, head = _estimates(workdir)
    return base.monthly_usd, head.monthly_usd


def _web(workdir: Path) -> tuple[float, float]:
    """The web tier's monthly cost on the two sides: the one component the change moves."""
    base, head = _estimates(workdir)
    return tuple(  # type: ignore[return-value]
        next(c.monthly_usd for c in e.components if c.id == "web") for e in (base, head)
    )


def diff(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["diff", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ARCHLIB_UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), f"{name} differs: ARCHLIB_UPDATE_GOLDEN=1 rewrites it"


def test_one_web_server_comment(workdir: Path) -> None:
    code, out = diff("base/stage-3.yaml", "head/stage-3.yaml", "--format", "markdown")
    assert code == 0
    _golden("stage-3-one-web-server.md", out)


def test_the_new_spof_comes_first_and_the_cost_change_is_shown(workdir: Path) -> None:
    _, out = diff("base/stage-3.yaml", "head/stage-3.yaml", "--format", "markdown")
    assert out.startswith(MARKER + "\n")
    findings = [line for line in out.splitlines() if line.startswith("- **")]
    assert findings[0].startswith("- **SPOF001** `web` (spof, error)")
    before, after = _totals(workdir)
    share = f"{(after - before) / before:+.1%}"
    assert f"| monthly cost | {usd(before)} | {usd(after)} | -$70.72 ({share}) |" in out
    web = _web(workdir)
    assert f"| `web` | {usd(web[0])} | {usd(web[1])} | -$70.72 |" in out
    assert "| one AZ lost | survives | **fails** | |" in out


def test_the_reverse_change_resolves_them(workdir: Path) -> None:
    code, out = diff("head/stage-3.yaml", "base/stage-3.yaml", "--format", "markdown")
    assert code == 0
    _golden("stage-3-two-web-servers.md", out)
    assert "<summary>Resolved findings (1)</summary>" in out


def test_the_gate_still_applies_with_markdown(workdir: Path) -> None:
    code, out = diff(
        "base/stage-3.yaml", "head/stage-3.yaml", "--format", "markdown", "--fail-on-new", "spof"
    )
    assert code == 1 and out.startswith(MARKER)


def test_json_has_the_same_content(workdir: Path) -> None:
    code, out = diff("base/stage-3.yaml", "head/stage-3.yaml", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["components"] == {
        "added": [],
        "removed": [],
        "renamed": [],
        "changed": ["web"],
    }
    assert [f["rule"] for f in document["findings"]["introduced"]] == ["SPOF001"]
    assert document["gate"] == {"selectors": [], "new_suppressions_allowed": False, "failed_by": []}
    before, after = _totals(workdir)
    assert document["cost"]["monthly_usd"] == {
        "before": round(before, 2),
        "after": round(after, 2),
        "change": -70.72,
    }
    web = _web(workdir)
    assert document["cost"]["components"] == [
        {"id": "web", "before": round(web[0], 2), "after": round(web[1], 2), "change": -70.72}
    ]
    assert document["capacity"]["survives_az_loss"] == {"before": True, "after": False}
    assert document["capacity"]["users_sustained"]["before"] == 251483
    assert document["head"] == {
        "path": "head/stage-3.yaml",
        "model": "scaling-aws-3-users-plus-2",
        "title": "Stage 3: Users++",
    }


def test_unchanged_models_say_so(workdir: Path) -> None:
    code, out = diff("base/stage-3.yaml", "base/stage-3.yaml", "--format", "markdown")
    assert code == 0
    assert "0 new findings · 0 resolved · cost +$0.00/month" in out
    assert "No component or link changed." in out
    assert "No component's monthly cost changed." in out


def test_stage_to_stage_lists_added_components(workdir: Path) -> None:
    code, out = diff(str(STAGE_FILES[1]), str(STAGE_FILES[2]), "--format", "markdown")
    assert code == 0
    assert "- added: `cdn`, `lb`" in out
    assert "- removed:" not in out
    assert "<summary>Resolved findings (2)</summary>" in out


def test_a_suppression_added_with_the_new_spof_shows_and_fails_the_gate(workdir: Path) -> None:
    head = workdir / "head" / "stage-3.yaml"
    text = head.read_text()
    assert "checks:" not in text
    head.write_text(
        text + "checks:\n  suppressions:\n    - rule: SPOF001\n      component: web\n"
        "      justification: temporary\n"
    )
    code, out = diff(
        "base/stage-3.yaml", "head/stage-3.yaml", "--format", "markdown", "--fail-on-new", "spof"
    )
    assert code == 1
    assert "**New findings hidden by suppressions added in this change (1)**" in out
    assert "**Suppressions added or widened (1)**" in out
    assert "**Gate failed** (`--fail-on-new spof`): SPOF001 `web`" in out
