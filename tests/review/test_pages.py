"""`archlib report`: one self-contained page per model and an index, every figure on them."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from archlib import check, estimate_cost, load
from archlib.capacity import default_assumptions
from archlib.cost.render import usd
from archlib.review import review_pages, review_set
from tests.conftest import REPO, STAGE_FILES, STAGES_DIR, CliResult
from tests.review.conftest import needs_dot

CHARTS = ("cost-by-component", "cost-fixed-usage", "utilisation", "daily-curve")
SERIES_CHARTS = (
    "series-monthly-cost",
    "series-cost-per-million",
    "series-users-sustained",
    "series-spof-count",
)
URL = re.compile(r"https?://", re.I)
ANCHOR = re.compile(r'<a href="https?://[^"]*">')


def test_six_pages_and_an_index(report_dir: Path) -> None:
    names = sorted(p.name for p in report_dir.iterdir())
    assert names == sorted([f"{p.stem}.html" for p in STAGE_FILES] + ["index.html"])


def test_no_page_fetches_anything(report_dir: Path) -> None:
    """No script, style, font or image comes from anywhere but the page itself; a URL may only
    appear as a link a reader follows."""
    for page in report_dir.iterdir():
        text = page.read_text("utf-8")
        assert len(URL.findall(text)) == len(ANCHOR.findall(text)), page.name
        assert not re.search(r"""(src|href)\s*=\s*["']?(//|file:|/)""", text), page.name
        assert not re.search(r"@import|url\(\s*['\"]?(?!data:)", text), page.name
        assert "<script src" not in text and "<link" not in text, page.name
        assert "default-src &#39;none&#39;" in text, page.name  # the CSP, HTML-escaped


def test_each_page_has_the_diagram_findings_total_and_charts(
    stage_pages: dict[str, str],
) -> None:
    for path in STAGE_FILES:
        page = stage_pages[path.stem]
        model = load(path)
        assert page.count('<svg class="diagram"') == 1, path.stem
        result = check(model)
        for finding in (*result.findings, *result.suppressed):
            assert f'id="finding-{finding.fingerprint}"' in page, (path.stem, finding.rule_id)
            assert f'data-rule="{finding.rule_id}"' in page
        total = usd(estimate_cost(model).monthly_usd)
        assert f'data-total="{total}"' in page, path.stem
        for chart in CHARTS:
            assert f'data-chart="{chart}"' in page, (path.stem, chart)
        for component in model.components:
            assert f'id="component-{component.id}"' in page, (path.stem, component.id)


def test_stage_one_marks_its_single_points_of_failure(stage_pages: dict[str, str]) -> None:
    page = stage_pages["1-single-box"]
    assert "SPOF001" in page and "fails: box is lost with the AZ" in page
    assert '<span class="tile-value">fails</span>' in page
    assert "#d62728" in page.lower()  # the diagram borders the box in red


def test_the_index_plots_the_series_and_links_every_stage(report_dir: Path) -> None:
    index = (report_dir / "index.html").read_text("utf-8")
    for chart in SERIES_CHARTS:
        assert f'data-chart="{chart}"' in index
    for path in STAGE_FILES:
        assert f'href="{path.stem}.html"' in index
    assert "11.7M" in index  # stage 6 sustains 11,680,000 users


def test_pages_are_byte_identical_on_every_run(
    report_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    paths = [path.relative_to(REPO) for path in STAGE_FILES]
    again = review_pages(review_set(paths, default_assumptions()))
    for name, text in again.items():
        assert (report_dir / name).read_text("utf-8") == text, name


def test_a_single_model_gets_a_page_and_an_index_without_a_series(tmp_path: Path) -> None:
    pages = review_pages(review_set(STAGE_FILES[2:3], default_assumptions()))
    assert sorted(pages) == ["3-users-plus-2.html", "index.html"]
    assert "series-monthly-cost" not in pages["index.html"]


def test_text_from_the_model_is_escaped(tmp_path: Path) -> None:
    text = (STAGES_DIR / "3-users-plus-2.yaml").read_text()
    text = text.replace('title: "Stage 3: Users++"', 'title: "<script>alert(1)</script>"')
    model = tmp_path / "hostile.yaml"
    model.write_text(text)
    pages = review_pages(review_set([model], default_assumptions()))
    assert "<script>alert(1)</script>" not in pages["hostile.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["hostile.html"]


def test_bad_input_writes_nothing(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\ncomponents: [\n")
    out = tmp_path / "out"
    result: CliResult = run_cli("report", STAGE_FILES[0], broken, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith("archlib: error: ") and result.stderr.count("\n") == 1
    assert "broken.yaml" in result.stderr
    assert not out.exists()


def test_two_models_with_one_page_name_are_bad_input(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other"
    other.mkdir()
    (other / STAGE_FILES[0].name).write_bytes(STAGE_FILES[0].read_bytes())
    result: CliResult = run_cli(
        "report", STAGE_FILES[0], other / STAGE_FILES[0].name, "-o", tmp_path / "out"
    )
    assert result.exit_code == 2
    assert "1-single-box.html" in result.stderr
    assert not (tmp_path / "out").exists()


_DIAGRAM = re.compile(r'<svg class="diagram".*?</svg>', re.S)
_GRAPHVIZ = re.compile(r"; diagram laid out by Graphviz ([^.\s]+(?:\.[^.\s]+)*)\.")


def _dot_version() -> str | None:
    found = re.search(
        r"version ([^\s]+)",
        subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr,
    )
    return found.group(1) if found else None


@needs_dot
def test_committed_report_is_current(report_dir: Path) -> None:
    """docs/report/ is what `make run` writes now. The diagrams are compared too when this
    machine's Graphviz is the one that laid the committed pages out."""
    committed = REPO / "docs" / "report"
    assert sorted(p.name for p in committed.glob("*.html")) == sorted(
        p.name for p in report_dir.iterdir()
    ), "docs/report is stale: run `make run`"
    for fresh in report_dir.iterdir():
        old, new = (committed / fresh.name).read_text("utf-8"), fresh.read_text("utf-8")
        version = _GRAPHVIZ.search(old)
        if version is None or version.group(1) == _dot_version():
            assert old == new, f"docs/report/{fresh.name} is stale: run `make run`"
        else:
            strip = lambda text: _GRAPHVIZ.sub("", _DIAGRAM.sub("", text))  # noqa: E731
            assert strip(old) == strip(new), f"docs/report/{fresh.name} is stale: run `make run`"


def test_the_command_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "report", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "--output" in result.stdout


@pytest.mark.parametrize("stem", ["index"])
def test_a_model_named_like_the_index_is_bad_input(tmp_path: Path, stem: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    clash = tmp_path / f"{stem}.yaml"
    clash.write_bytes(STAGE_FILES[0].read_bytes())
    result: CliResult = run_cli("report", clash, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "index.html" in result.stderr


def test_overridden_assumptions_are_marked_and_used(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    overrides = tmp_path / "ours.yaml"
    overrides.write_text("compute_roles:\n  reverse_proxy: 2000\n")
    out = tmp_path / "out"
    result: CliResult = run_cli("report", STAGE_FILES[2], "--assumptions", overrides, "-o", out)
    assert result.exit_code == 0, result.stderr
    page = (out / "3-users-plus-2.html").read_text("utf-8")
    assert "<code>compute_roles.reverse_proxy</code> (overridden)" in page
    assert "2,000/s per vCPU (reverse proxy)" in page


@needs_dot
def test_a_model_capacity_cannot_size_is_refused_naming_its_file(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    """A page needs every analysis; a tier on Fargate has no throughput figure by default."""
    text = (REPO / "tests" / "valid_tiny.yaml").read_text()
    fargate = text.replace(
        "    instance_type: t3.medium\n", "    fargate: {vcpu: 0.5, memory_gb: 1}\n"
    )
    assert fargate != text
    model = tmp_path / "fargate.yaml"
    model.write_text(fargate)
    out = tmp_path / "pages"
    result = run_cli("report", model, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"archlib: error: {model}: web: capacity:")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_findings_on_a_page_judge_the_capacity_it_shows(tmp_path: Path) -> None:
    """With --assumptions, the page's capacity and its capacity findings come from one
    analysis: an overloaded box is a finding, not only a red bar."""
    from archlib.capacity import load_assumptions

    overrides = tmp_path / "slow.yaml"
    overrides.write_text("instance_families:\n  m6i: 0.001\n")
    table = load_assumptions(overrides)
    [review] = review_set([STAGE_FILES[0]], table).reviews
    assert review.capacity.bottleneck == "box"
    assert "CAP001" in {f.rule_id for f in review.result.findings}
