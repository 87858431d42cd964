"""What a page is compared with: a model or template on disk, or one file at a git revision.

`REF:PATH` (say `main:models/shop.yaml`) reads PATH as it is at REF, the way a reviewer asks
"what does this branch change?"; the file is written to a temporary folder under its own name,
so a template is still told from a model by its content and its suffix.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from archlib.errors import InputError

GIT_TIMEOUT_S = 30


def is_revision_spec(spec: str) -> bool:
    """`REF:PATH` that is not itself a file (a Windows drive letter or a colon in a name)."""
    ref, sep, path = spec.partition(":")
    return bool(sep and ref and path) and not Path(spec).exists()


def fetch_revision(spec: str, folder: Path) -> Path:
    """PATH at REF, written under `folder`; one line of error when git cannot give it."""
    ref, _, path = spec.partition(":")
    git = shutil.which("git")
    if git is None:
        raise InputError(f"--base {spec}: git is not installed to read {path} at {ref}")
    try:
        shown = subprocess.run(
            [git, "show", f"{ref}:{path.removeprefix('./')}"],
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"--base {spec}: git took over {GIT_TIMEOUT_S} s") from None
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"--base {spec}: {reason[-1] if reason else 'git show failed'}")
    target = folder / Path(path).name
    target.write_bytes(shown.stdout)
    return target
