"""What a page is compared with: a model or template on disk, or one file at a git revision.

`REF:PATH` (say `main:models/shop.yaml`) reads PATH as it is at REF, the way a reviewer asks
"what does this branch change?"; the file is written to a temporary folder under its own name,
so a template is still told from a model by its content and its suffix, and a folder (a
Terraform configuration) is written there with its files.
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


def _git(spec: str, *args: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise InputError(f"--base {spec}: git is not installed to read it")
    try:
        done = subprocess.run([git, *args], capture_output=True, timeout=GIT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"--base {spec}: git took over {GIT_TIMEOUT_S} s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"--base {spec}: {reason[-1] if reason else 'git failed'}")
    return done.stdout


def fetch_revision(spec: str, folder: Path) -> Path:
    """PATH at REF, written under `folder`: a file as it is, a folder (a Terraform
    configuration) with its files; one line of error when git cannot give it."""
    import io
    import tarfile

    ref, _, path = spec.partition(":")
    inside = path.removeprefix("./").rstrip("/")
    kind = _git(spec, "cat-file", "-t", f"{ref}:{inside}").decode().strip()
    if kind == "tree":
        archive = _git(spec, "archive", "--format=tar", ref, "--", inside)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            # Plain files and folders under `folder` only (Python before 3.11.4 has no
            # extraction filter to say so).
            safe = [
                member
                for member in tar.getmembers()
                if (member.isfile() or member.isdir())
                and not member.name.startswith("/")
                and ".." not in Path(member.name).parts
            ]
            guard = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(folder, members=safe, **guard)  # type: ignore[arg-type]
        return folder / inside
    target = folder / Path(inside).name
    target.write_bytes(_git(spec, "show", f"{ref}:{inside}"))
    return target
