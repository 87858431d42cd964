"""Colours tell the truth: green only where nothing is strained, suppressed or over a limit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def _tile(page: str, label: str) -> tuple[str, str]:
    found = re.search(rf'<li class="tile tone-(\w+)" data-tile="{label}">(.*?)</li>', page, re.S)
    assert found, label
    return found.group(1), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(2)))


def test_a_suppressed_finding_is_no_green_zero(stage_pages: dict[str, str]) -> None:
    page = stage_pages["6-users-plus-5"]
    tone, text = _tile(page, "findings")
    assert tone == "warn"
    assert "1 suppressed (CAP002)" in text
    assert 'class="all-clear"' not in page
    assert "No active findings; 1 suppressed by the model" in page


def test_a_store_over_the_limit_colours_the_users_it_sustains(
    stage_pages: dict[str, str],
) -> None:
    tone, text = _tile(stage_pages["6-users-plus-5"], "users sustained")
    assert tone == "warn"
    assert "mysql at 85.6%" in text and "over the 80% limit" in text
    assert _tile(stage_pages["3-users-plus-2"], "users sustained")[0] == "neutral"


def test_carrying_the_peak_above_the_limit_is_not_green(stage_pages: dict[str, str]) -> None:
    page = stage_pages["6-users-plus-5"]
    rows = re.findall(r'<tr class="tone-(\w+)" data-az="(\w+)"><td>\w+</td><td class="verdict">'
                      r"([^<]+)</td>", page)  # fmt: skip
    assert rows and all(tone == "warn" for tone, _, _ in rows)
    assert all(verdict == "carries the peak, above the 80% limit" for _, _, verdict in rows)
    assert _tile(page, "one AZ lost")[0] == "warn"
    assert _tile(stage_pages["3-users-plus-2"], "one AZ lost")[0] == "ok"


def test_the_az_verdict_is_worded_one_way(stage_pages: dict[str, str]) -> None:
    for page in stage_pages.values():
        _, text = _tile(page, "one AZ lost")
        assert text.strip().removeprefix("one AZ lost ").startswith(("carries the peak", "fails"))
        assert "survives" not in text and "passes" not in text


def test_a_component_far_below_the_limit_is_not_called_the_bottleneck(
    stage_pages: dict[str, str],
) -> None:
    """Stage 1's box runs at 2 % at peak: it saturates first, which is no strain."""
    page = stage_pages["1-single-box"]
    assert "<strong>the bottleneck</strong>" not in page
    assert "saturates first" in page
    assert "<strong>the bottleneck</strong>" in stage_pages["6-users-plus-5"]


def test_headroom_reads_as_a_multiple(stage_pages: dict[str, str]) -> None:
    page = stage_pages["1-single-box"]
    headroom = re.search(r"<dt>headroom</dt><dd>([^<]+)</dd>", page)
    assert headroom and re.match(r"carries [\d,]+x the peak", headroom.group(1)), headroom
    assert "%" not in headroom.group(1)


def test_a_description_is_rendered_as_markdown_and_raw_html_is_escaped() -> None:
    from archlib.review.prose import prose

    html = str(prose("Adapt it. **WARNING** a `<script>` and <b>raw</b> ![x](https://e.com/i.png)"))
    assert "<strong>WARNING</strong>" in html
    assert "<code>&lt;script&gt;</code>" in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html
    assert "<img" not in html  # an image would be fetched; as a link it is only text


def test_a_total_that_leaves_components_unpriced_says_so(tmp_path: Path) -> None:
    """Moved to eu-west-1, where no prices are bundled, stage 3 prices nothing: its page
    must not say it costs $0.00."""
    from tests.conftest import REPO, STAGE_FILES

    model = tmp_path / "ireland.yaml"
    model.write_text(STAGE_FILES[2].read_text().replace("region: us-east-1", "region: eu-west-1"))
    if "region: eu-west-1" not in model.read_text():
        model.write_text(
            model.read_text().replace("\ntraffic:", "\nregion: eu-west-1\ntraffic:", 1)
        )
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "archlib", "report", str(model), "-o", str(out), "-q"],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    page = (out / "ireland.html").read_text("utf-8")
    tone, text = _tile(page, "monthly cost")
    assert tone == "warn"
    assert "not priced" in text and "not priced in eu-west-1" in text
    index = (out / "index.html").read_text("utf-8")
    assert ">not priced</td>" in index
