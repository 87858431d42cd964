"""Every malformed model gets one line naming file, line and field, exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archlib import InputError, load
from tests.conftest import CliResult

CORPUS = Path(__file__).parent / "bad_models"


def _cases() -> list[tuple[str, int | None, str | None, str]]:
    rows = []
    for line in (CORPUS / "EXPECTED.tsv").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, number, field, fragment = line.split("\t")
        rows.append(
            (
                name,
                None if number == "-" else int(number),
                None if field == "-" else field,
                fragment,
            )
        )
    return rows


CASES = _cases()


def test_corpus_is_complete() -> None:
    listed = {name for name, *_ in CASES}
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "EXPECTED.tsv"}
    assert listed == on_disk
    assert len(listed) >= 25


@pytest.mark.parametrize(("name", "line", "field", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_library_error_is_located(
    name: str, line: int | None, field: str | None, fragment: str
) -> None:
    with pytest.raises(InputError) as caught:
        load(CORPUS / name)
    error = caught.value
    assert error.path == str(CORPUS / name)
    assert error.line == line
    assert error.field == field
    assert fragment in error.message


@pytest.mark.parametrize(("name", "line", "field", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_cli_prints_one_line_and_exits_2(
    run_cli: Callable[..., CliResult], name: str, line: int | None, field: str | None, fragment: str
) -> None:
    result = run_cli("show", CORPUS / name)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    where = f"{CORPUS / name}:{line}" if line is not None else f"{CORPUS / name}:"
    assert lines[0].startswith(f"archlib: error: {where}")
    if field:
        assert f": {field}: " in lines[0]
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_oversized_file_fails_fast(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    result = run_cli("show", huge)
    assert result.exit_code == 2
    assert "over the 10,485,760-byte limit" in result.stderr


def test_missing_file(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("usage", tmp_path / "absent.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"archlib: error: {tmp_path / 'absent.yaml'}: cannot read model: No such file or directory"
    )


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("name: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InputError, match="nest"):
        load(deep)


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.write_text("name: &a [*a]\n")
    with pytest.raises(InputError):
        load(loop)
