"""Every template of the corpus imports, listing what it leaves out, or is refused in one line."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archlib.checks import run_checks
from archlib.errors import InputError
from archlib.importers.cfn.foreach import expand_loops
from archlib.importers.cfn.importer import ImportedTemplate, import_template
from archlib.importers.cfn.sniff import looks_like_template
from archlib.importers.cfn.template import read_template
from archlib.loader import load_located
from tests.conftest import CliResult
from tests.importers.support import corpus

SECONDS_PER_TEMPLATE = 3.0


def test_whole_corpus_imports_or_is_refused_in_one_line() -> None:
    templates = sorted(p for p in corpus().rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    assert len(templates) >= 150
    imported: list[Path] = []
    refused: dict[Path, str] = {}
    slow: list[tuple[Path, float]] = []
    for path in templates:
        start = time.perf_counter()
        try:
            if looks_like_template(path):
                result = import_template(path)
                _assert_every_resource_accounted_for(result)
                run_checks(result.model)
            else:
                run_checks(load_located(path).model)
        except InputError as error:
            refused[path] = str(error)
        else:
            imported.append(path)
        elapsed = time.perf_counter() - start
        if elapsed > SECONDS_PER_TEMPLATE:
            slow.append((path, elapsed))
    assert slow == []
    assert len(imported) > len(refused)
    for path, message in refused.items():
        assert "\n" not in message and message.startswith(str(path)), message
        assert "instance type" not in message, message  # the types templates default to


def _assert_every_resource_accounted_for(result: ImportedTemplate) -> None:
    """Each resource is a component, part of one, part of the network, a declared operation,
    or said to be left out."""
    report = result.report
    accounted = [
        *(lid for c in report.components for lid in (*c.logical_ids, *c.absorbed)),
        *report.network,
        *report.declared,
        *(item.logical_id for item in report.not_modelled),
    ]
    resources, _ = expand_loops(read_template(report.template), {})
    resources = resources.data["Resources"]
    assert sorted(accounted) == sorted(resources), report.template


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("EC2/EC2InstanceWithSecurityGroupSample.yaml", 0),
        ("VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml", 0),
        ("SNS/SNSTopic.yaml", 2),
        ("Solutions/Gitea/Gitea.yaml", 0),  # Rain directives read without packaging
        ("ElastiCache/Elasticache-snapshot.yaml", 0),  # an old node type is one left-out
    ],
)
def test_import_command_exit_codes(
    run_cli: Callable[..., CliResult], name: str, expected: int
) -> None:
    result = run_cli("import", "cfn", corpus() / name)
    assert result.exit_code == expected
    if expected == 2:
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    else:
        assert "not modelled:" in result.stdout


def test_unmodelled_resources_are_listed_with_type_and_reason(
    run_cli: Callable[..., CliResult],
) -> None:
    result = run_cli("import", "cfn", corpus() / "RDS/RDS_MySQL_With_Read_Replica.yaml")
    assert result.exit_code == 0
    assert "operations (priced as declared) <- DBCredential" in result.stdout
    assert "DBEC2SecurityGroup (AWS::EC2::SecurityGroup): not created: condition IsEC2VPC" in (
        result.stdout
    )
    assert "DBUser: unknown (String)" in result.stdout


def test_refusal_names_what_has_no_kind(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("import", "cfn", corpus() / "SNS/SNSTopic.yaml")
    assert "nothing to import" in result.stderr and "AWS::SNS::" in result.stderr
