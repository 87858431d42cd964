"""Atomic writes: a reader sees the old files or the new ones, never half of either, and a
command that cannot write all of its outputs writes none of them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from archlib.errors import InputError

NAME_MAX = 255
"""Bytes in one path component on the file systems archlib runs on (ext4, APFS, NTFS)."""


def check_names(path: str | Path) -> None:
    """No part of the path is longer than a file system takes (before it is even stat'ed)."""
    target = Path(path)
    for part in target.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            shown = part[:40] + "..."
            raise InputError(f"file name {shown!r} is longer than {NAME_MAX} bytes")


def check_destination(path: str | Path) -> None:
    """Refuse, before anything is written, a file that cannot be written where it is asked."""
    target = Path(path)
    check_names(target)
    if target.is_dir():
        raise InputError("is a directory, expected a file to write", path=target)
    if target.exists() and not target.is_file():
        raise InputError("not a regular file: will not write over it", path=target)
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"{parent} is a file, not a directory", path=target)
            if not os.access(parent, os.W_OK | os.X_OK):
                raise InputError(f"cannot write into {parent}: permission denied", path=target)
            break


def check_directory(path: str | Path) -> None:
    """An output directory: absent (it will be made) or a directory, never a file."""
    target = Path(path)
    check_names(target)
    if target.exists() and not target.is_dir():
        raise InputError("is a file, expected a directory to write into", path=target)
    check_destination(target / "x")


def write_all(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Every file, or none: destinations are checked first, each file is written beside its
    destination under a temporary name, and only then are they all moved into place."""
    for path in files:
        check_destination(path)
    targets = {Path(os.path.abspath(path)) for path in files}
    for path in files:
        clash = next((p for p in Path(os.path.abspath(path)).parents if p in targets), None)
        if clash is not None:
            raise InputError(f"{clash} is both a file and a directory of this output", path=path)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data), path))
    except OSError as error:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write: {error.strerror}", path=error.filename) from None
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
    return list(files)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    write_all({Path(path): data})


def _stage(target: Path, data: str | bytes) -> str:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name[:200]}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary
