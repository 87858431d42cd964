"""Small configurations, one family each: what each becomes, and what the checks say."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from archlib.checks import run_checks
from archlib.errors import InputError
from archlib.importers.tf.importer import import_terraform
from archlib.loader import load_located
from tests.conftest import CliResult
from tests.importers.tf.stacks import HIGHLY_AVAILABLE, NETWORK, SINGLE, write


def _rules(path: Path) -> set[str]:
    return {f.rule_id for f in run_checks(import_terraform(path).model).findings}


def test_single_web_server_and_database_are_single_points_of_failure(tmp_path: Path) -> None:
    rules = _rules(write(tmp_path, network=NETWORK, main=SINGLE))
    assert {"SPOF001", "SPOF003"} <= rules


def test_multi_az_group_behind_a_balancer_and_multi_az_database_have_none(
    tmp_path: Path,
) -> None:
    imported = import_terraform(write(tmp_path, network=NETWORK, main=HIGHLY_AVAILABLE))
    kinds = {c.id: c.kind for c in imported.model.components}
    assert kinds == {
        "users": "client",
        "app": "app_server",
        "db": "relational_database",
        "web": "load_balancer",
    }
    links = {(link.source, link.target) for link in imported.model.links}
    assert {("web", "app"), ("app", "db")} <= links
    findings = run_checks(imported.model).findings
    assert not [f for f in findings if f.category == "spof"]


def test_database_port_open_to_the_world_is_a_security_finding(tmp_path: Path) -> None:
    opened = SINGLE.replace(
        'resource "aws_security_group" "db" {\n  vpc_id = aws_vpc.main.id\n}',
        'resource "aws_security_group" "db" {\n  vpc_id = aws_vpc.main.id\n'
        '  ingress {\n    from_port = 5432\n    to_port = 5432\n    protocol = "tcp"\n'
        '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}',
    )
    assert opened != SINGLE
    findings = run_checks(import_terraform(write(tmp_path, network=NETWORK, main=opened)).model)
    assert any(
        f.category == "security" and f.component == "db" and "5432" in f.message
        for f in findings.findings
    )


def test_every_resource_is_modelled_or_listed(tmp_path: Path) -> None:
    extra = SINGLE + 'resource "aws_iam_role" "r" {\n  name = "r"\n}\n'
    extra += 'resource "aws_key_pair" "k" {\n  public_key = file("key.pub")\n}\n'
    coverage = import_terraform(write(tmp_path, network=NETWORK, main=extra)).model.imported
    assert coverage is not None
    left = {item.logical_id: item for item in coverage.not_modelled}
    assert set(left) == {"aws_iam_role.r", "aws_key_pair.k"}
    assert left["aws_key_pair.k"].file == "main.tf" and left["aws_key_pair.k"].line
    assert coverage.resources == coverage.modelled + len(left)


def test_replica_public_access_block_and_cluster(tmp_path: Path) -> None:
    main = (
        SINGLE
        + """
resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.db.identifier
  instance_class      = "db.t3.medium"
}

resource "aws_s3_bucket" "assets" {
  bucket = "assets"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_elasticache_replication_group" "cache" {
  description                = "sessions"
  node_type                  = "cache.t3.medium"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
}
"""
    )
    model = import_terraform(write(tmp_path, network=NETWORK, main=main)).model
    found = {c.id: c for c in model.components}
    assert found["replica"].kind == "relational_database"
    assert found["replica"].replica_of == "db"
    assert found["assets"].kind == "object_store"
    assert found["assets"].block_public_access is False
    assert found["cache"].kind == "cache"
    assert found["cache"].nodes == 2


def test_local_module_inputs_outputs_and_variables(tmp_path: Path) -> None:
    module = write(
        tmp_path / "modules" / "web",
        main="""
variable "size" {}
variable "subnet" {}
resource "aws_instance" "this" {
  count         = var.size
  ami           = "ami-1"
  instance_type = "t3.micro"
  subnet_id     = var.subnet
}
output "ids" { value = aws_instance.this[*].id }
""",
    )
    assert module.is_dir()
    root = write(
        tmp_path / "live",
        network=NETWORK,
        main="""
variable "size" { default = 1 }
module "web" {
  source = "../modules/web"
  size   = var.size
  subnet = aws_subnet.public[0].id
}
resource "aws_eip" "first" { instance = module.web.ids[0] }
""",
    )
    (root / "terraform.tfvars").write_text("size = 2\n", encoding="utf-8")
    (root / "extra.auto.tfvars").write_text("size = 3\n", encoding="utf-8")
    model = import_terraform(root).model
    assert sum(1 for c in model.components if c.kind in ("host", "web_server")) == 3
    given = import_terraform(root, {"size": "4"}).model
    assert sum(1 for c in given.components if c.kind in ("host", "web_server")) == 4


def test_unresolved_registry_module_is_one_line(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        network=NETWORK,
        main=SINGLE + 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
    )
    coverage = import_terraform(root).model.imported
    assert coverage is not None
    modules = [item for item in coverage.not_modelled if item.type == "module"]
    assert [m.logical_id for m in modules] == ["module.vpc"]
    assert "not read offline" in modules[0].reason


def test_installed_registry_module_is_read(tmp_path: Path) -> None:
    write(
        tmp_path / ".terraform" / "modules" / "web",
        main='resource "aws_instance" "this" {\n  ami = "a"\n  instance_type = "t3.micro"\n}\n',
    )
    manifest = {"Modules": [{"Key": "web", "Source": "x/web/aws", "Dir": ".terraform/modules/web"}]}
    manifest_path = tmp_path / ".terraform" / "modules" / "modules.json"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    root = write(tmp_path, main='module "web" {\n  source = "x/web/aws"\n}\n')
    model = import_terraform(root).model
    assert [c.id for c in model.components] == ["web-instance"]


def test_unknown_values_are_left_out_and_said(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        main="""
variable "type" {}
data "aws_subnets" "default" {}
resource "aws_instance" "web" {
  ami           = trimspace(file("ami.txt"))
  instance_type = var.type
  subnet_id     = data.aws_subnets.default.ids[0]
}
""",
    )
    imported = import_terraform(root)
    assumptions = " ".join(imported.report.assumptions)
    assert "var.type has no value" in assumptions
    assert "ImageId: file ami.txt is not read" in assumptions
    assert "data.aws_subnets.default.ids is read from the provider" in assumptions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('resource "aws_instance" "web" {\n  ami = \n}\n', "malformed HCL"),
        ('locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_instance" "w" {\n'
         '  count = local.a\n}\n', "nothing to import"),
        ('resource "aws_instance" "w" {\n  count = 100000\n}\n', "more than 1000 instances"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_with_the_file(tmp_path: Path, text: str, expected: str) -> None:
    root = write(tmp_path, main=text)
    with pytest.raises(InputError) as raised:
        import_terraform(root)
    message = str(raised.value)
    assert expected in message and "\n" not in message
    assert message.startswith(str(tmp_path))


def test_a_malformed_file_names_its_line(tmp_path: Path) -> None:
    root = write(tmp_path, main='resource "aws_instance" "web" {\n  ami = "a"\n  = 3\n}\n')
    with pytest.raises(InputError) as raised:
        import_terraform(root)
    assert raised.value.path == str(tmp_path / "main.tf")
    assert raised.value.line == 3


def test_suppression_comment_on_the_resource_block(tmp_path: Path) -> None:
    marked = SINGLE.replace(
        'resource "aws_db_instance" "db" {',
        "# archlib:ignore SPOF003 a test database until 2999-01-01\n"
        'resource "aws_db_instance" "db" {',
    )
    result = run_checks(import_terraform(write(tmp_path, network=NETWORK, main=marked)).model)
    assert "SPOF003" not in {f.rule_id for f in result.findings}
    assert [f.rule_id for f in result.suppressed] == ["SPOF003"]


def test_every_command_reads_a_configuration(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    root = write(tmp_path / "stack", network=NETWORK, main=SINGLE)
    for command in ("check", "cost", "show", "flows"):
        result = run_cli(command, root)
        assert result.exit_code in (0, 1), (command, result.stderr)
    loaded = load_located(root)
    assert loaded.model.imported is not None


def test_import_tf_command(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    root = write(tmp_path / "stack", network=NETWORK, main=SINGLE)
    target = tmp_path / "model.yaml"
    result = run_cli("import", "tf", root, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert "2 modelled" not in result.stdout and "resources:" in result.stdout
    assert load_located(target).model.components
    refused = run_cli("import", "tf", write(tmp_path / "empty", main="locals {}\n"))
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1


FUNCTION_AND_TABLE = """
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy" "fn" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem"]
      Resource = aws_dynamodb_table.orders.arn
    }]
  })
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  memory_size   = 512
  filename      = "app.zip"
}
"""


def test_a_role_policy_links_a_function_to_the_table_it_names(tmp_path: Path) -> None:
    model = import_terraform(write(tmp_path, main=FUNCTION_AND_TABLE)).model
    assert {c.id: c.kind for c in model.components} == {"api": "worker", "orders": "nosql_table"}
    assert [(link.source, link.target) for link in model.links] == [("api", "orders")]


def test_var_and_var_file_on_the_command_line(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    root = write(
        tmp_path / "stack",
        main="""
variable "queues" {}
variable "fifo" { default = false }
resource "aws_sqs_queue" "q" {
  count      = var.queues
  fifo_queue = var.fifo
}
""",
    )
    values = tmp_path / "prod.tfvars"
    values.write_text("queues = 2\n", encoding="utf-8")
    result = run_cli("import", "tf", root, "--var-file", values, "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["components"]) == 2
    assert document["coverage"]["resources"] == 2
    given = run_cli("import", "tf", root, "--var-file", values, "--var", "queues=3", "-f", "json")
    assert len(json.loads(given.stdout)["components"]) == 3
