"""What a new user waits for: `make run` on a fresh clone, set-up included.

Run: `python -m benchmarks.fresh_clone [--startup]`. Clones the repository's committed HEAD into a
temporary folder and times `make run` there as one process: creating the environment,
installing archlib and its runtime dependencies (from the package caches, when warm), and
the main job itself. It then reports what the environment holds, and that the install is a
regular one (an editable install would be timing a developer's set-up, not a user's).
With `--startup`, it also measures start-up (`benchmarks.startup`) on that install.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.startup import measure as measure_startup

ROOT = Path(__file__).resolve().parents[1]


def _folder_megabytes(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def _installed(python: Path) -> list[str]:
    listing = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in listing.splitlines() if line and not line.startswith("pip==")]


def _is_editable(python: Path) -> bool:
    probe = "import archlib, pathlib; print(pathlib.Path(archlib.__file__).resolve())"
    location = subprocess.run(  # from outside the clone, so its source folder is not on the path
        [str(python), "-c", probe], check=True, capture_output=True, text=True, cwd=python.parent
    ).stdout
    return "site-packages" not in location


def _timed_make(target: str, clone: Path) -> float:
    environment = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    start = time.perf_counter()
    done = subprocess.run(
        ["make", target, f"PYTHON={Path(sys.base_exec_prefix) / 'bin' / 'python3'}"],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"make {target} failed on the fresh clone:\n{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        clone = Path(scratch) / "archlib"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        setup = _timed_make("setup-run", clone)
        job = _timed_make("run", clone)
        python = clone / ".venv" / "bin" / "python"
        packages = _installed(python)
        megabytes = _folder_megabytes(clone / ".venv")
        editable = _is_editable(python)
        changed = subprocess.run(
            ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
        ).stdout.strip()
        if "--startup" in sys.argv:
            measure_startup(python.parent)
    print("command: python -m benchmarks.fresh_clone")
    print("  (git clone <repo> <tmp>; make setup-run; make run: `make run` split in its two parts)")
    print(f"  set-up: venv, archlib and its runtime dependencies  {setup:7.1f} s")
    print(f"  the main job                                         {job:7.1f} s")
    print(f"  make run on a fresh clone, in all                    {setup + job:7.1f} s")
    print(f"  packages installed                                   {len(packages):7d}")
    print(f"  environment size                                     {megabytes:7.0f} MB")
    kind = "editable" if editable else "regular, byte-compiled"
    print(f"  archlib install                                      {kind}")
    print(f"  outputs changed by the run                           {changed or 'none'}")


if __name__ == "__main__":
    main()
