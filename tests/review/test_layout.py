"""The pages as a reviewer reads them: on a wide screen, on a phone and on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archlib import estimate_cost, load
from archlib.cost.render import usd
from tests.conftest import STAGE_FILES
from tests.importers.support import CORPUS
from tests.review.browser import dump_dom, needs_chromium
from tests.review.conftest import write_report
from tests.review.layout import measure, print_text, probe

pytestmark = needs_chromium

TEMPLATES = (
    CORPUS / "Solutions" / "WebApp" / "webapp.yaml",
    CORPUS / "ECS" / "FargateLaunchType" / "clusters" / "private-vpc.yaml",
)
WIDTHS = (1400, 400)
PAGES = [*(p.stem for p in STAGE_FILES), "index"]


@pytest.fixture(scope="session")
def template_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review of two templates written by others, as `archlib report` writes it."""
    if not all(path.is_file() for path in TEMPLATES):
        pytest.skip("the CloudFormation corpus is not here (../shared/cfn-corpus)")
    return write_report(tmp_path_factory.mktemp("template-report"), *map(str, TEMPLATES), "-q")


@pytest.fixture(scope="session")
def detail_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The six stages and the two templates, reviewed at the other levels of detail."""
    found = {}
    inputs = [*map(str, STAGE_FILES), *(str(t) for t in TEMPLATES if t.is_file())]
    for detail in ("overview", "full"):
        out = tmp_path_factory.mktemp(f"report-{detail}")
        found[detail] = write_report(out, *inputs, "-q", "--detail", detail)
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("detail", ["overview", "full"])
@pytest.mark.parametrize("stem", [*(p.stem for p in STAGE_FILES), *(t.stem for t in TEMPLATES)])
def test_every_detail_level_lays_out(
    detail_reports: dict[str, Path], stem: str, detail: str, width: int
) -> None:
    page = detail_reports[detail] / f"{stem}.html"
    if not page.is_file():
        pytest.skip("the CloudFormation corpus is not here (../shared/cfn-corpus)")
    assert measure(page, width).faults() == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_nothing_sticks_out_overflows_or_overlaps(report_dir: Path, name: str, width: int) -> None:
    """Every column of every table is on screen without a sideways scroll, no cell's text runs
    out of it, and no two blocks of a grid sit on each other (the traffic table did)."""
    layout = measure(report_dir / f"{name}.html", width)
    assert layout.width == width
    assert layout.faults() == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("stem", [t.stem for t in TEMPLATES])
def test_imported_template_pages_lay_out_too(template_report: Path, stem: str, width: int) -> None:
    assert measure(template_report / f"{stem}.html", width).faults() == []


def test_the_index_shows_every_column_on_a_wide_screen(report_dir: Path) -> None:
    dom = dump_dom(report_dir / "index.html").dom
    headers = re.findall(r"<th scope=\"col\"[^>]*>([^<]+)</th>", dom)
    for wanted in ("peak req/s sustained", "bottleneck", "one AZ lost", "what changed"):
        assert wanted in headers
    assert measure(report_dir / "index.html", 1400).scrolls == []


def test_on_a_phone_each_cell_names_its_column(report_dir: Path) -> None:
    dom = dump_dom(report_dir / "index.html").dom
    for label in ("monthly cost", "users sustained", "one AZ lost", "bottleneck"):
        assert f'data-label="{label}"' in dom


def test_stage_6_printed_holds_every_line_item_and_the_total(
    report_dir: Path, tmp_path: Path
) -> None:
    """On A4 the line items table wraps instead of losing its right-hand columns."""
    text = print_text(report_dir / "6-users-plus-5.html", tmp_path / "stage-6.pdf")
    estimate = estimate_cost(load(STAGE_FILES[5]))
    missing = [
        f"{component.id}: {line.name}"
        for component in estimate.components
        for line in component.lines
        if usd(line.monthly_usd) not in text
    ]
    assert missing == []
    assert re.search(rf"total\s+{re.escape(usd(estimate.monthly_usd))}", text)
    assert re.search(r"page 1 of \d+", text)


def test_the_printed_index_has_the_whole_evolution_table(report_dir: Path, tmp_path: Path) -> None:
    text = print_text(report_dir / "index.html", tmp_path / "index.pdf")
    for figure in ("134,667", "one AZ lost", "$1.76"):
        assert figure in text


def test_printing_opens_folded_sections(report_dir: Path, tmp_path: Path) -> None:
    """The capacity assumptions sit in a closed section on screen; on paper they are there."""
    text = print_text(report_dir / "1-single-box.html", tmp_path / "stage-1.pdf")
    assert "compute_roles.web" in text.replace("\n", "")


ZOOM = """
  const frame = document.querySelector(".diagram-frame");
  const svg = frame.querySelector("svg.diagram");
  const natural = svg.viewBox.baseVal.width * 4 / 3;
  const press = (action) => document.querySelector(`button[data-zoom="${action}"]`).click();
  const width = () => svg.getBoundingClientRect().width;
  const seen = { natural, tools: !document.querySelector(".diagram-tools").hidden };
  seen.fit = width(); seen.frame = frame.clientWidth;
  press("actual"); seen.actual = width();
  frame.scrollLeft = 300; seen.scrolled = frame.scrollLeft;
  press("in"); seen.zoomedIn = width();
  press("out"); press("out"); seen.zoomedOut = width();
  press("fit"); seen.refit = width();
  press("wide"); seen.wide = frame.closest(".diagram-layout").classList.contains("wide");
  seen.wideFrame = frame.clientWidth;
  return seen;
"""


def test_the_diagram_zooms_to_full_size_and_pans(report_dir: Path) -> None:
    """Stage 6 fitted in its panel sets edge labels at a few pixels; full size is readable."""
    seen = probe(report_dir / "6-users-plus-5.html", ZOOM)
    assert seen["tools"]
    assert seen["fit"] <= seen["frame"] + 1
    assert abs(seen["actual"] - seen["natural"]) <= 2
    assert seen["actual"] > 2 * seen["fit"]
    assert seen["scrolled"] == 300  # the frame scrolls: the diagram can be panned
    assert seen["zoomedIn"] > seen["actual"] > seen["zoomedOut"]
    assert seen["refit"] == seen["fit"]
    assert seen["wide"] and seen["wideFrame"] > seen["frame"]


CHART_TEXT = """
  const sizes = [...document.querySelectorAll("svg.chart-svg text")]
    .map((t) => t.getBoundingClientRect().height).filter((h) => h > 0);
  return Math.min(...sizes);
"""


@pytest.mark.parametrize("name", ["index", "6-users-plus-5"])
def test_chart_text_stays_legible_on_a_phone(report_dir: Path, name: str) -> None:
    """A 640-unit chart shown 340 px wide set its 11-unit ticks at about 5 px."""
    assert probe(report_dir / f"{name}.html", CHART_TEXT, 400) >= 9
