"""`archlib diff` on two configuration directories and on two plans."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import CliResult
from tests.importers.tf.stacks import HIGHLY_AVAILABLE, NETWORK, SINGLE, write


def test_diff_of_two_configurations_gates_a_new_single_point(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    base = write(tmp_path / "base", network=NETWORK, main=HIGHLY_AVAILABLE)
    head = write(tmp_path / "head", network=NETWORK, main=SINGLE)
    same = run_cli("diff", base, base, "--fail-on-new", "spof")
    assert same.exit_code == 0, same.stdout + same.stderr
    changed = run_cli("diff", base, head, "--fail-on-new", "spof")
    assert changed.exit_code == 1
    assert "main.tf:" in changed.stdout


def _plan(resources: list[dict[str, Any]], config: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format_version": "1.1",
        "planned_values": {"root_module": {"resources": resources}},
        "configuration": {"root_module": {"resources": config}},
    }


def test_diff_of_two_plans(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    bucket = {
        "address": "aws_s3_bucket.assets",
        "mode": "managed",
        "type": "aws_s3_bucket",
        "name": "assets",
        "values": {"bucket": "assets"},
    }
    group = {
        "address": "aws_security_group.web",
        "mode": "managed",
        "type": "aws_security_group",
        "name": "web",
        "values": {
            "ingress": [
                {"from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
            ]
        },
    }
    instance = {
        "address": "aws_instance.web",
        "mode": "managed",
        "type": "aws_instance",
        "name": "web",
        "values": {"ami": "ami-1", "instance_type": "t3.small"},
    }
    references = [
        {
            "address": "aws_instance.web",
            "expressions": {
                "vpc_security_group_ids": {"references": ["aws_security_group.web.id"]}
            },
        }
    ]
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(_plan([bucket], [])), encoding="utf-8")
    head.write_text(json.dumps(_plan([bucket, group, instance], references)), encoding="utf-8")
    result = run_cli("diff", base, head, "--fail-on-new", "spof")
    assert result.exit_code == 1
    assert "users->web" in result.stdout
