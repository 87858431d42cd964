"""`Fn::ForEach` loops import as the resources they make."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib.errors import InputError
from archlib.importers.cfn.importer import import_template

LOOP = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
    Default: "orders, carts"
Resources:
  Fn::ForEach::Tables:
    - Name
    - !Ref Names
    - Table&{Name}:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: !Sub "app-${Name}"
          BillingMode: PAY_PER_REQUEST
          AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
          KeySchema: [{AttributeName: id, KeyType: HASH}]
  Fn::ForEach::Queues:
    - Q
    - [jobs, mail]
    - Fn::ForEach::Tiers:
        - Tier
        - [hi, lo]
        - ${Q}${Tier}:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Ref Q
"""


def test_loops_expand_with_the_identifier_substituted(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(LOOP, encoding="utf-8")
    result = import_template(path)
    by_id = {c.logical_ids[0]: c.kind for c in result.report.components}
    assert by_id == {
        "Tableorders": "nosql_table", "Tablecarts": "nosql_table",
        "jobshi": "queue", "jobslo": "queue", "mailhi": "queue", "maillo": "queue",
    }  # fmt: skip
    assert not result.report.not_modelled
    assert any("expanded to 2 resources" in a for a in result.report.assumptions)
    assert not any("Transform" in a for a in result.report.assumptions)
    assert import_template(path, {"Names": "a,b,c"}).model.component("tablec")


def test_a_loop_over_what_the_template_does_not_know_is_said_and_left_out(
    tmp_path: Path,
) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(
        LOOP.replace("    - !Ref Names\n", "    - !GetAtt Something.List\n"), encoding="utf-8"
    )
    result = import_template(path)
    assert [n.logical_id for n in result.report.not_modelled] == ["Fn::ForEach::Tables"]
    assert any("Fn::ForEach::Tables: not expanded" in a for a in result.report.assumptions)


def test_loops_that_make_too_many_resources_are_refused_in_one_line(tmp_path: Path) -> None:
    many = ", ".join(f"n{i}" for i in range(600))
    path = tmp_path / "loop.yaml"
    path.write_text(LOOP.replace('"orders, carts"', f'"{many}"'), encoding="utf-8")
    with pytest.raises(InputError, match="more than 500 resources") as raised:
        import_template(path)
    assert "\n" not in str(raised.value)
