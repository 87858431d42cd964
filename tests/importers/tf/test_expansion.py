"""`count` and `for_each` give one component per instance; expressions evaluate as Terraform
evaluates them, and what they cannot know stays unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.importers.tf.evaluate import Evaluator, Scope
from archlib.importers.tf.hcl import parse_text
from archlib.importers.tf.importer import import_terraform
from archlib.importers.tf.module import read_configuration
from archlib.importers.tf.values import Unknown
from tests.importers.tf.stacks import write

KEYS = st.lists(st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True), max_size=6, unique=True)


def _value(expression: str) -> Any:
    tree = parse_text(f"v = {expression}\n", Path("test.tf"))
    return Evaluator().value(tree.children[0].children[0].children[-1], Scope({}))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(count=st.integers(min_value=0, max_value=6), keys=KEYS, enabled=st.booleans())
def test_count_and_for_each_give_one_component_per_instance(
    tmp_path_factory: Any, count: int, keys: list[str], enabled: bool
) -> None:
    listed = ", ".join(f'"{k}"' for k in keys)
    root = write(
        tmp_path_factory.mktemp("expand"),
        main=f"""
variable "n" {{ default = {count} }}
variable "names" {{ default = [{listed}] }}
variable "enabled" {{ default = {str(enabled).lower()} }}
locals {{ by_name = {{ for n in var.names : n => upper(n) }} }}
resource "aws_sqs_queue" "counted" {{
  count = var.n
  name  = "q-${{count.index}}"
}}
resource "aws_sqs_queue" "keyed" {{
  for_each = local.by_name
  name     = each.value
}}
resource "aws_sqs_queue" "maybe" {{
  count = var.enabled ? 1 : 0
}}
resource "aws_dynamodb_table" "anchor" {{
  name     = "anchor"
  hash_key = "id"
}}
""",
    )
    config = read_configuration(root)
    addresses = [r.address for r in config.resources]
    assert len([a for a in addresses if a.startswith("aws_sqs_queue.counted[")]) == count
    assert sorted(a for a in addresses if a.startswith("aws_sqs_queue.keyed[")) == sorted(
        f'aws_sqs_queue.keyed["{k}"]' for k in keys
    )
    assert ("aws_sqs_queue.maybe[0]" in addresses) is enabled
    model = import_terraform(root).model
    queues = [c for c in model.components if c.kind == "queue"]
    assert len(queues) == count + len(keys) + int(enabled)
    assert len({c.id for c in model.components}) == len(model.components)


def test_functions_and_operators() -> None:
    assert _value('cidrsubnet("10.0.0.0/16", 8, 3)') == "10.0.3.0/24"
    assert _value('cidrhost("10.0.1.0/24", 5)') == "10.0.1.5"
    assert _value("length([1, 2, 3]) * 2 - 1") == 5
    assert _value('element(["a", "b"], 3)') == "b"
    assert _value('lookup({a = 1}, "b", 7)') == 7
    assert _value("merge({a = 1}, {b = 2})") == {"a": 1, "b": 2}
    assert _value("concat([1], [2, 3])") == [1, 2, 3]
    assert _value('format("%s-%03d", "web", 7)') == "web-007"
    assert _value("slice([1, 2, 3, 4], 1, 3)") == [2, 3]
    assert _value('toset(["b", "a", "b"])') == ["a", "b"]
    assert _value("keys({b = 1, a = 2})") == ["a", "b"]
    assert _value("values({b = 1, a = 2})") == [2, 1]
    assert _value('coalesce("", "x")') == "x"
    assert _value("try(var.missing, 3)") == 3
    assert _value('join(",", ["a", "b"])') == "a,b"
    assert _value("[for i in range(3) : i * 2 if i > 0]") == [2, 4]
    assert _value("{for k, v in {a = 1, b = 2} : v => k}") == {"1": "a", "2": "b"}
    assert _value('"${1 + 1}x"') == "2x"
    assert _value("true ? 1 : 0") == 1
    assert _value("[{a = 1}, {a = 2}][*].a") == [1, 2]


def test_what_cannot_be_known_stays_unknown() -> None:
    assert isinstance(_value('file("x.sh")'), Unknown)
    assert isinstance(_value("var.nothing"), Unknown)
    assert isinstance(_value("unknownfunction(1)"), Unknown)
    assert isinstance(_value('cidrsubnet("10.0.0.0/30", 8, 1)'), Unknown)
    assert isinstance(_value("timestamp()"), Unknown)


def test_a_value_that_needs_itself_is_unknown_not_a_hang(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        main="""
locals {
  a = local.b
  b = local.a
}
resource "aws_sqs_queue" "q" {
  name = local.a
}
""",
    )
    imported = import_terraform(root)
    assert any("refers to itself" in text for text in imported.report.assumptions)
