"""Reading templates: short-form tags, line numbers, JSON, and refusals in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib.errors import InputError
from archlib.importers.cfn.sniff import looks_like_template
from archlib.importers.cfn.template import read_template

SHORT_FORMS = """\
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-files"
      Tags:
        - Key: zone
          Value: !Select [0, !GetAZs ""]
        - Key: domain
          Value: !GetAtt Other.DomainName
  Other:
    Type: AWS::S3::Bucket
    Condition: !Condition Never
"""


def _write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_short_forms_become_long_forms_with_resource_lines(tmp_path: Path) -> None:
    template = read_template(_write(tmp_path, SHORT_FORMS))
    props = template.resources["Bucket"]["Properties"]
    assert props["BucketName"] == {"Fn::Sub": "${AWS::StackName}-files"}
    assert props["Tags"][0]["Value"] == {"Fn::Select": [0, {"Fn::GetAZs": ""}]}
    assert props["Tags"][1]["Value"] == {"Fn::GetAtt": ["Other", "DomainName"]}
    assert template.data["AWSTemplateFormatVersion"] == "2010-09-09"  # a string, not a date
    assert template.line_of("Bucket") == 3
    assert template.line_of("Other") == 12


def test_json_templates_read_with_lines(tmp_path: Path) -> None:
    text = '{\n  "Resources": {\n    "Queue": {"Type": "AWS::SQS::Queue"}\n  }\n}\n'
    path = _write(tmp_path, text, "t.json")
    assert looks_like_template(path)
    template = read_template(path)
    assert template.line_of("Queue") == 3


def test_json_with_tabs_still_reads(tmp_path: Path) -> None:
    text = '{\n\t"Resources": {\n\t\t"Queue": {"Type": "AWS::SQS::Queue"}\n\t}\n}\n'
    template = read_template(_write(tmp_path, text, "t.json"))
    assert list(template.resources) == ["Queue"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    X: !Rain::Bogus f.txt\n", "Rain"),
        ("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    X: !Bogus x\n", "unknown"),
        ("Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::S3::Bucket\n", "dup"),
        ("Resources: [1, 2\n", "malformed"),
        ("Resources:\n  A: {Type: Other::Thing}\n", "not a CloudFormation template"),
    ],
)
def test_bad_templates_are_refused_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        read_template(_write(tmp_path, text))
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_model_is_not_taken_for_a_template() -> None:
    root = Path(__file__).resolve().parents[2]
    assert not looks_like_template(root / "models" / "scaling-aws" / "6-users-plus-5.yaml")
    assert looks_like_template(root / "templates" / "scaling-aws" / "6-users-plus-5.yaml")


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert not looks_like_template(fifo)  # opening it would wait for a writer
    with pytest.raises(InputError, match="not a regular file"):
        read_template(fifo)  # refused, not read until a writer comes


def test_json_the_yaml_parser_cannot_read_still_refuses_duplicate_keys(tmp_path: Path) -> None:
    """A surrogate-pair escape sends JSON to the JSON parser, which would keep the last key."""
    text = (
        '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::SQS::Queue"}},\n'
        '\t"Description": "\\ud83d\\ude00"}\n'
    )
    with pytest.raises(InputError, match="duplicate key 'B'"):
        read_template(_write(tmp_path, text, "t.json"))


def test_rain_directives_are_read_as_what_they_stand_for(tmp_path: Path) -> None:
    text = (
        "Resources:\n"
        "  Network:\n"
        "    Type: !Rain::Module ../modules/vpc.yml\n"
        "  Fn:\n"
        "    Type: AWS::Lambda::Function\n"
        "    Properties:\n"
        "      Code:\n"
        "        ZipFile: !Rain::Embed handler.py\n"
        "  Other:\n"
        "    Type: AWS::Lambda::Function\n"
        "    Properties:\n"
        "      Code: !Rain::S3\n"
        "        Path: src\n"
        "        Zip: true\n"
        "        BucketProperty: S3Bucket\n"
        "        KeyProperty: S3Key\n"
    )
    template = read_template(_write(tmp_path, text))
    resources = template.resources
    assert resources["Network"]["Type"] == "Rain::Module ../modules/vpc.yml"
    assert resources["Fn"]["Properties"]["Code"]["ZipFile"] == "<contents of handler.py>"
    assert resources["Other"]["Properties"]["Code"] == {
        "S3Bucket": "rain-artifacts",
        "S3Key": "src",
    }
    assert [note.split(":", 1)[0] for note in template.notes] == ["line 3", "line 8", "line 12"]
