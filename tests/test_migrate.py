"""A model of an earlier version says what a field is called now, and `archlib migrate`
rewrites it without touching comments or layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archlib import load
from tests.conftest import CliResult

OLD = """\
name: tiny
title: Tiny
traffic:
  users: 10   # pilot
  cdn_offload: 0.4  # measured last quarter
  response_size_kb: 3
  reads_per_month: 1000
  writes_per_month: 10
network:
  azs: [a, b]
  subnets:
    - {id: public-a, cidr: 10.0.0.0/24, az: a, type: public}
components:
  - id: users
    kind: client
  - id: web
    kind: web_server
    instance_type: t3.medium
    subnets: [public-a]
links:
  - {source: users, target: web, port: 443}
"""


def test_a_renamed_field_names_its_new_name(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert "old.yaml:5:3: traffic.cdn_offload: unknown field: renamed to traffic.static_share" in (
        result.stderr
    )
    assert "renamed to traffic.sizes.reads.response_kb" in result.stderr
    assert "archlib migrate FILE" in result.stderr


def test_migrate_rewrites_in_place_keeping_comments(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    assert run_cli("migrate", path, "--check").exit_code == 1
    assert path.read_text(encoding="utf-8") == OLD  # --check changes nothing
    result = run_cli("migrate", path, "-q")
    assert result.exit_code == 0
    assert "old.yaml:5: traffic.cdn_offload -> traffic.static_share" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "  static_share: 0.4  # measured last quarter\n" in text
    assert "  sizes:\n    reads:\n      response_kb: 3\n" in text
    assert "  users: 10   # pilot\n" in text
    model = load(path)
    assert model.traffic.static_share == 0.4
    assert model.traffic.sizes.reads.response_kb == 3
    assert run_cli("migrate", path, "--check").exit_code == 0


def test_migrate_refuses_what_it_cannot_rewrite_safely(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = tmp_path / "old.yaml"
    text = OLD.replace("  response_size_kb: 3\n", "  response_size_kb: 3\n  sizes: {}\n")
    path.write_text(text, encoding="utf-8")
    result = run_cli("migrate", path)
    assert result.exit_code == 2 and "move it by hand" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_typos_get_a_suggestion_and_components_their_id(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = tmp_path / "typo.yaml"
    good = OLD.replace("  cdn_offload: 0.4  # measured last quarter\n  response_size_kb: 3\n", "")
    path.write_text(
        good.replace("    instance_type: t3.medium", "    instance_typ: t3.medium").replace(
            "    kind: client", "    kind: cliant"
        ),
        encoding="utf-8",
    )
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert "unknown field (component 'web'); did you mean 'instance_type'?" in result.stderr
    assert "did you mean 'client'?" in result.stderr and "(component 'users')" in result.stderr


def test_an_unknown_command_names_the_closest(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("chek", "x.yaml")
    assert result.exit_code == 2 and "Did you mean 'check'" in result.stderr
