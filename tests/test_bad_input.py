"""No input hangs archlib, crashes it or slips past it.

Every malformed model in `bad_models/` gets, from every command that reads a model, exit
code 2 and one line per problem naming the file (and line and field where there is one), no
traceback, nothing on disk, and an answer in seconds.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archlib import InputError, load
from archlib.loader.load import MAX_REPORTED_ERRORS
from tests.conftest import STAGE_FILES, CliResult

CORPUS = Path(__file__).parent / "bad_models"
VALID = Path(__file__).parent / "valid_tiny.yaml"
SECONDS = 5.0
"""Each command on each bad model; the worst seen is well under one."""


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
NAMES = [c[0] for c in CASES]

COMMANDS: dict[str, list[str]] = {
    "show": ["show", "{model}"],
    "show-json": ["show", "{model}", "--format", "json"],
    "usage": ["usage", "{model}"],
    "check": ["check", "{model}", "-o", "{out}/findings.txt"],
    "diff-head": ["diff", str(VALID), "{model}"],
    "diff-base": ["diff", "{model}", str(VALID)],
    "render": ["render", "{model}", "-o", "{out}", "-f", "dot", "-f", "mermaid"],
    "cost": ["cost", "{model}", "--output", "{out}"],
    "capacity": ["capacity", "{model}"],
    "evolve": ["evolve", str(VALID), "{model}", "-f", "markdown", "-o", "{out}/evolution.md"],
    "cfn": ["cfn", "{model}", "-o", "{out}/template.yaml"],
    "flows": ["flows", "{model}", "--format", "json"],
    "report": ["report", "{model}", "-o", "{out}"],
}
"""Every command that reads a model, writing where it writes."""


def _run(
    run_cli: Callable[..., CliResult], command: str, model: Path, out: Path
) -> tuple[CliResult, float]:
    args = [part.format(model=model, out=out) for part in COMMANDS[command]]
    started = time.perf_counter()
    result = run_cli(*args)
    return result, time.perf_counter() - started


def _assert_refused(result: CliResult, model: Path, elapsed: float, out: Path) -> None:
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines, "no error message"
    for line in lines:
        assert line.startswith(f"archlib: error: {model}"), line
    assert elapsed < SECONDS
    assert not out.exists() or not any(out.iterdir()), "wrote output for a bad model"


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "EXPECTED.tsv"}
    assert set(NAMES) == on_disk
    assert len(NAMES) >= 50


@pytest.mark.parametrize(("name", "line", "field", "fragment"), CASES, ids=NAMES)
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


@pytest.mark.parametrize(("name", "line", "field", "fragment"), CASES, ids=NAMES)
def test_cli_names_file_line_and_field(
    run_cli: Callable[..., CliResult], name: str, line: int | None, field: str | None, fragment: str
) -> None:
    result = run_cli("show", CORPUS / name)
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    where = f"{CORPUS / name}:{line}" if line is not None else f"{CORPUS / name}:"
    assert first.startswith(f"archlib: error: {where}")
    if field:
        assert f": {field}: " in first
    assert fragment in first


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_every_bad_model(
    run_cli: Callable[..., CliResult], tmp_path: Path, command: str
) -> None:
    for name in NAMES:
        out = tmp_path / name
        result, elapsed = _run(run_cli, command, CORPUS / name, out)
        _assert_refused(result, CORPUS / name, elapsed, out)


def test_one_line_per_problem_in_text_and_json(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    model = tmp_path / "many.yaml"
    links = "".join(f"  - {{source: web, target: missing-{n}}}\n" for n in range(3))
    model.write_text(VALID.read_text() + links)
    text = run_cli("check", model)
    assert text.exit_code == 2
    lines = text.stderr.splitlines()
    assert [line.split(": ")[-1] for line in lines] == [
        f"no component with id 'missing-{n}'" for n in range(3)
    ]
    as_json = run_cli("check", model, "--format", "json")
    document = json.loads(as_json.stdout)
    assert [e["field"] for e in document["errors"]] == [f"links[{n}].target" for n in (2, 3, 4)]
    assert document["errors"][0]["line"] == 27
    assert document["unreported"] == 0


def test_problems_beyond_the_cap_are_counted(tmp_path: Path) -> None:
    model = tmp_path / "many.yaml"
    links = "".join(f"  - {{source: web, target: missing-{n}}}\n" for n in range(30))
    model.write_text(VALID.read_text() + links)
    with pytest.raises(InputError) as caught:
        load(model)
    assert len(caught.value.problems) == MAX_REPORTED_ERRORS
    assert caught.value.unreported == 30 - MAX_REPORTED_ERRORS
    assert caught.value.lines()[-1].endswith("and 10 more problems not listed")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_refused_without_blocking(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    for command in sorted(COMMANDS):
        out = tmp_path / f"out-{command}"
        result, elapsed = _run(run_cli, command, fifo, out)
        _assert_refused(result, fifo, elapsed, out)
        assert "not a regular file" in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_is_refused(run_cli: Callable[..., CliResult], device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    result = run_cli("show", device)
    assert result.exit_code == 2
    assert result.stderr == (
        f"archlib: error: {device}: "
        "not a regular file (a device, pipe or socket), expected a model file\n"
    )


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


def test_control_characters_in_a_file_name_are_escaped(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    model = tmp_path / "evil\x1b[2J.yaml"
    model.write_text("name: [\n")
    result = run_cli("show", model)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "evil\\x1b[2J.yaml" in result.stderr


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


def test_largest_allowed_tier_is_analysed_in_seconds(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    model = tmp_path / "big.yaml"
    model.write_text(
        VALID.read_text()
        .replace("    subnets: [public-a]\n", "    subnets: [public-a]\n    count: 10000\n", 1)
        .replace("db.t3.medium", "db.m6i.large")
    )
    for command in ("check", "capacity", "cost", "evolve"):
        started = time.perf_counter()
        result = run_cli(command, model)
        assert result.exit_code in (0, 1), result.stderr
        assert time.perf_counter() - started < SECONDS


def test_world_split_into_halves_is_still_the_internet(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    """0.0.0.0/1 and 128.0.0.0/1 together open the database to every IPv4 address."""
    model = tmp_path / "split.yaml"
    model.write_text(
        VALID.read_text().replace(
            "    subnets: [private-a]\n",
            "    subnets: [private-a]\n"
            "    ingress:\n"
            "      - {source: 0.0.0.0/1, port: 3306, reason: half}\n"
            "      - {source: 128.0.0.0/1, port: 3306, reason: other half}\n",
            1,
        )
    )
    result = run_cli("check", model, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    exposed = [f for f in findings if f["rule"] == "SEC005" and f["component"] == "db"]
    assert exposed, findings
    assert "every IPv4 address" in exposed[0]["message"]


def test_stages_still_load() -> None:
    for path in STAGE_FILES:
        load(path)


def test_errors_found_after_loading_name_the_file(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    """A link cycle (capacity, evolve) and a logical-id clash (cfn) are refused per file."""
    cycle = tmp_path / "cycle.yaml"
    cycle.write_text(
        VALID.read_text().replace(
            "  - {source: web, target: db}\n",
            "  - {source: web, target: db}\n  - {source: db, target: web, port: 80}\n",
        )
    )
    for command in ("capacity", "evolve"):
        result = run_cli(command, VALID, cycle)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"archlib: error: {cycle}: links: "), result.stderr
        assert "cycle of links" in result.stderr
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        VALID.read_text()
        .replace("id: web\n", "id: a-pp\n")
        .replace("target: web", "target: a-pp")
        .replace("source: web", "source: a-pp")
        .replace("id: db\n", "id: a--pp\n")
        .replace("target: db", "target: a--pp")
    )
    result = run_cli("cfn", clash, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"archlib: error: {clash}: "), result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_unlistable_directory_names_itself(
    tmp_path: Path, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    result = run_cli("show", tmp_path)
    assert result.exit_code == 2
    assert (
        result.stderr == f"archlib: error: {tmp_path}: cannot list directory: Permission denied\n"
    )


def test_unreadable_file_names_itself(
    tmp_path: Path, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(VALID.read_text())
    real_open = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if Path(str(path)) == model:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    result = run_cli("check", model)
    assert result.exit_code == 2
    assert result.stderr == f"archlib: error: {model}: cannot read model: Permission denied\n"


def test_control_characters_in_file_names_never_reach_the_terminal(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    model = tmp_path / "stage[red]\x1b[31m.yaml"
    model.write_text(
        (Path(__file__).parent.parent / "models/scaling-aws/2-users-plus.yaml").read_text()
    )
    for args in (("check", model), ("diff", model, model), ("evolve", model),
                 ("render", model, "-o", tmp_path / "out", "-f", "dot")):  # fmt: skip
        result = run_cli(*args)
        assert "\x1b" not in result.stdout + result.stderr, args
    checked = run_cli("check", model)
    assert "stage[red]\\x1b[31m.yaml" in checked.stdout
