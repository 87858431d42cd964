"""A model in another region exports a template with no value of us-east-1 in it: prefix
lists and the log delivery account come from parameters, a service principal or the stack's
own region, never from a constant."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archlib import load_text
from archlib.cloudformation import render, to_cloudformation
from tests.cloudformation.support import STAGES, lint

REGION = "eu-west-1"
CDN_CERTIFICATE = "CdnCertificateArn"
"""CloudFront takes certificates from us-east-1 only, whatever the stack's region."""
ACCOUNT = re.compile(r"(?<!\d)\d{12}(?!\d)")
PREFIX_LIST = re.compile(r"\bpl-[0-9a-f]+\b")


def _in_region(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert "region: us-east-1" in text
    model = load_text(text.replace("region: us-east-1", f"region: {REGION}"))
    assert model.region == REGION
    return to_cloudformation(model)


def _strings(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _strings(item, f"{where}/{index}")
    elif isinstance(node, str):
        yield where, node


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.stem)
def test_no_value_of_another_region(path: Path) -> None:
    template = _in_region(path)
    for where, text in _strings(template):
        if where.startswith(f"/Parameters/{CDN_CERTIFICATE}/"):
            continue
        assert "us-east-1" not in text, where
        assert not PREFIX_LIST.search(text), where
        assert not ACCOUNT.search(text), where
    for name in ("S3PrefixList", "CloudFrontOriginPrefixList"):
        assert "Default" not in template["Parameters"].get(name, {}), name
    account = template["Parameters"].get("ElbLogDeliveryAccount")
    if account is not None:
        assert account["Default"] == "", "no account unless the operator names one"


def test_load_balancer_logs_are_granted_to_the_service() -> None:
    template = _in_region(STAGES[5])
    statements = template["Resources"]["LogBucketPolicy"]["Properties"]["PolicyDocument"][
        "Statement"
    ]
    principals = [s["Principal"] for s in statements if "Principal" in s]
    assert {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"} in principals


def test_another_region_lints_clean() -> None:
    assert lint(render(_in_region(STAGES[5])), region=REGION) == []
