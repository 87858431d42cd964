"""Every page in a real browser, offline: the script runs clean and the content is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archlib import check, estimate_cost, load
from archlib.cost.render import usd
from tests.conftest import STAGE_FILES
from tests.review.browser import dump_dom, needs_chromium, screenshot

pytestmark = needs_chromium


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: p.stem)
def test_stage_page_loads_offline_with_everything_on_it(report_dir: Path, path: Path) -> None:
    seen = dump_dom(report_dir / f"{path.stem}.html")
    assert seen.console == (), seen.console
    dom = seen.dom
    assert 'data-ready="true"' in dom  # the page's script ran to its end
    assert dom.count('<svg class="diagram"') == 1
    model = load(path)
    wired = set(re.findall(r'<g id="node\d+" class="node[^"]*" data-component="([^"]+)"', dom))
    assert wired, "no diagram component is clickable"
    assert wired <= {c.id for c in model.components}
    result = check(model)
    for finding in (*result.findings, *result.suppressed):
        assert f'id="finding-{finding.fingerprint}"' in dom
    assert usd(estimate_cost(model).monthly_usd) in dom
    for chart in ("cost-by-component", "cost-fixed-usage", "utilisation"):
        assert f'data-chart="{chart}"' in dom
    assert dom.count('class="component-card shown"') == 1  # one component shown to start with


def test_index_loads_offline_with_the_series_charts(report_dir: Path) -> None:
    seen = dump_dom(report_dir / "index.html")
    assert seen.console == (), seen.console
    assert 'data-ready="true"' in seen.dom
    for chart in ("series-monthly-cost", "series-cost-per-million", "series-users-sustained",
                  "series-spof-count"):  # fmt: skip
        assert f'data-chart="{chart}"' in seen.dom
    assert seen.dom.count('href="6-users-plus-5.html"') >= 1


def test_a_link_to_a_component_opens_its_card(report_dir: Path) -> None:
    seen = dump_dom(report_dir / "6-users-plus-5.html", "#component-replicas")
    assert seen.console == ()
    shown = re.findall(r'class="component-card shown" id="component-([^"]+)"', seen.dom)
    assert shown == ["replicas"]
    assert re.search(r'class="node selected" data-component="replicas"', seen.dom)


def test_the_browser_reports_a_broken_page(tmp_path: Path) -> None:
    """The console capture works: a page that fetches and throws is caught."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="https://example.com/x.png">'
        "<script>missing();</script></body></html>"
    )
    seen = dump_dom(page)
    assert any("missing is not defined" in line for line in seen.console), seen.console


def test_screenshots_render(report_dir: Path, tmp_path: Path) -> None:
    for name in ("6-users-plus-5", "index"):
        target = tmp_path / f"{name}.png"
        seen = screenshot(report_dir / f"{name}.html", target)
        assert seen.console == ()
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert target.stat().st_size > 20_000  # not a blank page


def test_a_link_to_a_folded_finding_unfolds_it(report_dir: Path) -> None:
    """Stage 6's one finding is suppressed, so it sits in a closed section until linked to."""
    suppressed = check(load(STAGE_FILES[5])).suppressed
    assert suppressed
    seen = dump_dom(report_dir / "6-users-plus-5.html", f"#finding-{suppressed[0].fingerprint}")
    assert seen.console == ()
    assert '<details class="suppressed" open="">' in seen.dom


def test_a_host_drawn_as_a_box_around_its_residents_opens_its_card(report_dir: Path) -> None:
    seen = dump_dom(report_dir / "1-single-box.html")
    assert re.search(r'<g id="clust\d+" class="cluster[^"]*" data-component="box"', seen.dom)
    for resident in ("web", "mysql"):
        assert re.search(rf'class="node" data-component="{resident}"', seen.dom)


def test_selecting_a_component_never_repaints_its_finding_mark(report_dir: Path) -> None:
    """Stage 1 opens with its box selected (the bottleneck), and the box is its SPOF: the red
    border stays, and the selection shows as a halo."""
    seen = dump_dom(report_dir / "1-single-box.html")
    box = re.search(r'<g id="clust\d+" class="([^"]*)" data-component="box"', seen.dom)
    assert box is not None
    assert {"marked", "selected"} <= set(box.group(1).split())
    css = (Path(__file__).parents[2] / "archlib/review/assets/page.css").read_text()
    repaint = [
        rule for rule in css.splitlines() if ".selected" in rule and "stroke: var(--accent)" in rule
    ]
    assert repaint and all(":not(.marked)" in rule for rule in repaint)
