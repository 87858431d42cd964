"""Any valid model exports to a template cfn-lint accepts without errors, and that deploys."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings

from archlib.cloudformation import render, to_cloudformation
from archlib.model import Architecture
from tests.cloudformation.moto_stack import adapt
from tests.cloudformation.strategies import architectures
from tests.cloudformation.support import lint


@settings(settings.get_profile("cloudformation"))
@given(architectures())
def test_any_valid_model_exports_a_template_without_lint_errors(model: Architecture) -> None:
    text = render(to_cloudformation(model))
    errors = [finding for finding in lint(text, model.region) if finding.rule.startswith("E")]
    assert errors == [], "\n".join(map(str, errors))


@settings(settings.get_profile("cloudformation"))
@given(architectures())
def test_export_is_deterministic(model: Architecture) -> None:
    assert render(to_cloudformation(model)) == render(
        to_cloudformation(model.model_copy(deep=True))
    )


def _lambda_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


@settings(settings.get_profile("cloudformation"))
@given(architectures())
def test_any_valid_model_deploys_in_moto(model: Architecture) -> None:
    """What moto can create of the template reaches CREATE_COMPLETE (gaps: test_deploy.py)."""
    import boto3
    from moto import mock_aws

    template = to_cloudformation(model)
    adapted, _ = adapt(template)
    with mock_aws():
        region = model.region
        zone = boto3.client("route53", region_name=region).create_hosted_zone(
            Name="example.com", CallerReference="archlib-tests"
        )["HostedZone"]["Id"]
        certificate = boto3.client("acm", region_name=region).request_certificate(
            DomainName="example.com"
        )["CertificateArn"]
        s3 = boto3.client("s3", region_name=region)
        s3.create_bucket(Bucket="code")
        s3.put_object(Bucket="code", Key="worker.zip", Body=_lambda_package())
        values = {
            "HostedZoneId": zone.split("/")[-1],
            "CertificateArn": certificate,
            "CodeBucket": "code",
            "CodeKey": "worker.zip",
            "S3PrefixList": boto3.client("ec2", region_name=region).describe_managed_prefix_lists(
                Filters=[{"Name": "prefix-list-name", "Values": [f"com.amazonaws.{region}.s3"]}]
            )["PrefixLists"][0]["PrefixListId"],
            "OriginPrefixList": "pl-0123456789abcdef0",  # its ingress rules: no moto model
        }
        parameters = [
            {"ParameterKey": name, "ParameterValue": value}
            for name in template.get("Parameters", {})
            for suffix, value in values.items()
            if name.endswith(suffix)
        ]
        image = boto3.client("ec2", region_name=region).describe_images(Owners=["amazon"])
        parameters += [
            {"ParameterKey": name, "ParameterValue": image["Images"][0]["ImageId"]}
            for name, definition in template.get("Parameters", {}).items()
            if definition["Type"] == "AWS::EC2::Image::Id" and "Default" not in definition
        ]
        cfn = boto3.client("cloudformation", region_name=region)
        cfn.create_stack(StackName="generated", TemplateBody=render(adapted), Parameters=parameters)
        (stack,) = cfn.describe_stacks(StackName="generated")["Stacks"]
        assert stack["StackStatus"] == "CREATE_COMPLETE"
