"""The one writer, fed destination sets in hostile layouts: either every file is written or
an InputError says why and the tree is exactly as it was (ARCHLIB_FUZZ_EXAMPLES for more)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.errors import InputError
from archlib.output import write_all

EXAMPLES = int(os.environ.get("ARCHLIB_FUZZ_EXAMPLES", "150"))

PARTS = st.sampled_from(["a", "b", "c.txt", "d.md", "x" * 256, "index.html", ".hidden"])
PATHS = st.lists(PARTS, min_size=1, max_size=3).map(lambda parts: Path(*parts))
EXISTING = st.lists(st.tuples(PATHS, st.sampled_from(["file", "dir"])), max_size=4)


def _tree(root: Path) -> dict[str, str | None]:
    return {
        str(p.relative_to(root)): (p.read_text() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXISTING, st.lists(PATHS, min_size=1, max_size=4, unique=True))
def test_all_or_nothing(existing: list[tuple[Path, str]], wanted: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        for path, kind in existing:
            target = root / path
            try:
                if kind == "dir":
                    target.mkdir(parents=True, exist_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if not target.exists():
                        target.write_text("old")
            except OSError:
                continue  # a layout the file system itself refuses: not the writer's case
        before = _tree(root)
        files = {root / path: f"new {path}" for path in wanted}
        try:
            write_all(files)
        except InputError as error:
            assert "\n" not in error.message
            assert _tree(root) == before
        else:
            for path, text in files.items():
                assert path.read_text() == text
            assert not [
                p
                for p in root.rglob(".*.*")
                if p.name.count(".") >= 2 and p.name.startswith(".") and p.name not in {".hidden"}
            ]
