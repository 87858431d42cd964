"""Headless Chromium from the file system, networking off: the DOM after the page's script ran,
and every console message the page caused."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--enable-logging=stderr",
    "--v=0",
)
CONSOLE = re.compile(r"^\[[^\]]*:CONSOLE[^\]]*\] (.*)$", re.M)
BROWSER_OWN = re.compile(r"source: (chrome|chrome-extension|chrome-untrusted|devtools)://")
"""Messages the browser's own pages log (a slow-network notice on its start page, say)."""


@cache
def chromium() -> str | None:
    return next((found for name in NAMES if (found := shutil.which(name))), None)


needs_chromium = pytest.mark.skipif(
    chromium() is None,
    reason="Chromium is not installed: run `sh scripts/ensure-chromium.sh` as root "
    "(Debian: apt-get install chromium)",
)


@cache
def _offline_prefix() -> tuple[str, ...]:
    """A network namespace with no interfaces, where the system allows one; the resolver and
    proxy flags keep the page offline elsewhere."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return (unshare, "-n")
    return ()


@dataclass(frozen=True)
class Visit:
    dom: str
    console: tuple[str, ...]


def visit(page: Path, *extra: str, fragment: str = "") -> Visit:
    binary = chromium()
    assert binary is not None
    with tempfile.TemporaryDirectory(prefix="archlib-chromium-") as profile:
        result = subprocess.run(
            [
                *_offline_prefix(),
                binary,
                *FLAGS,
                f"--user-data-dir={profile}",
                *extra,
                page.resolve().as_uri() + fragment,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    messages = CONSOLE.findall(result.stderr)
    return Visit(result.stdout, tuple(m for m in messages if not BROWSER_OWN.search(m)))


def dump_dom(page: Path, fragment: str = "") -> Visit:
    return visit(page, "--dump-dom", fragment=fragment)


def screenshot(page: Path, target: Path, width: int = 1280, height: int = 2000) -> Visit:
    return visit(
        page, "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={target}"
    )
