"""What a reader sees of a page's layout, measured in headless Chromium at a given width.

A probe script is added to a copy of the page (without its script policy, which would refuse
the probe), shown in a frame of the width wanted; after the page's own script ran it records every
element that sticks out of the viewport, every table cell whose text overflows it, every table
that needs a horizontal scroll, and every pair of grid items that overlap. The findings come back
to the frame's parent as JSON, and from there in the dumped DOM.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.review.browser import visit

LAYOUT = """
  const box = (el) => el.getBoundingClientRect();
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + [...el.classList].join(".") : "");
  const where = (el) => {
    const parts = [];
    for (let at = el; at && at !== document.body && parts.length < 4; at = at.parentElement) {
      parts.unshift(name(at));
    }
    return parts.join(" > ");
  };
  const width = document.documentElement.clientWidth;
  const report = { width, overflow: [], cells: [], scrolls: [], overlaps: [] };
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    if (el.closest(".diagram-viewport")) continue;
    const r = box(el);
    if (!r.width || getComputedStyle(el).visibility === "hidden") continue;
    if (r.right > width + 1) report.overflow.push(where(el) + " right " + Math.round(r.right));
  }
  for (const cell of document.querySelectorAll("td, th")) {
    if (cell.scrollWidth > cell.clientWidth + 1) {
      report.cells.push(where(cell) + " " + JSON.stringify(cell.textContent.trim().slice(0, 40)));
    }
  }
  for (const el of document.querySelectorAll(".table-scroll")) {
    if (el.scrollWidth > el.clientWidth + 1) report.scrolls.push(where(el));
  }
  for (const grid of document.querySelectorAll(".charts, .tiles, .diagram-layout, .facts")) {
    const items = [...grid.children].filter((c) => box(c).width > 0);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = box(items[i]), b = box(items[j]);
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) report.overlaps.push(where(items[i]) + " / " + where(items[j]));
      }
    }
  }
  return report;
"""
PROBE = """<script>
(() => {
  const measure = () => { BODY };
  parent.postMessage(JSON.stringify(measure()), "*");
})();
</script>"""
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<script>
addEventListener("message", (event) => {
  const out = document.createElement("pre");
  out.id = "layout-probe";
  out.textContent = event.data;
  document.body.appendChild(out);
});
</script>
<iframe src="PAGE" width="WIDTH" height="HEIGHT" style="border:0"></iframe>
</body></html>"""
"""Headless Chromium keeps its window at least 500 px wide, so narrower screens are a frame of
that width, whose page reports back by message."""
FOUND = re.compile(r'<pre id="layout-probe">(.*?)</pre>', re.S)


@dataclass(frozen=True)
class Layout:
    width: int
    overflow: list[str]
    cells: list[str]
    scrolls: list[str]
    overlaps: list[str]

    def faults(self) -> list[str]:
        return [
            *(f"sticks out: {where}" for where in self.overflow),
            *(f"cell overflows: {where}" for where in self.cells),
            *(f"needs a horizontal scroll: {where}" for where in self.scrolls),
            *(f"overlap: {pair}" for pair in self.overlaps),
        ]


def measure(page: Path, width: int, height: int = 1200) -> Layout:
    """The page at `width` CSS pixels, probed once its own script has run."""
    return Layout(**probe(page, LAYOUT, width, height))


def probe(page: Path, body: str, width: int = 1400, height: int = 1200) -> Any:
    """What the function `body` returns, run in the page after its own script, as JSON data."""
    html = page.read_text("utf-8")
    unguarded = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html, count=1)
    probed = unguarded.replace("</body>", PROBE.replace("BODY", body) + "</body>", 1)
    with tempfile.TemporaryDirectory(prefix="archlib-layout-") as folder:
        copy = Path(folder) / page.name
        copy.write_text(probed, "utf-8")
        frame = Path(folder) / "frame.html"
        frame.write_text(
            FRAME.replace("PAGE", page.name)
            .replace("WIDTH", str(width))
            .replace("HEIGHT", str(height)),
            "utf-8",
        )
        seen = visit(
            frame,
            "--dump-dom",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
            f"--window-size={max(width, 500) + 20},{height + 20}",
        )
    found = FOUND.search(seen.dom)
    assert found, "the layout probe did not run"
    return json.loads(html_text(found.group(1)))


def html_text(text: str) -> str:
    return (
        text.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", '"').replace("&amp;", "&")
    )


def print_text(page: Path, target: Path) -> str:
    """The text of the page printed to PDF (A4) by Chromium, page by page joined."""
    from pypdf import PdfReader

    visit(page, "--no-pdf-header-footer", f"--print-to-pdf={target}")
    return "\n".join(p.extract_text() for p in PdfReader(target).pages)
