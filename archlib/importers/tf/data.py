"""Data sources as symbols: what a plan would read from the provider, named, not guessed."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.values import Unknown

REGION = "us-east-1"
ACCOUNT = "123456789012"
"""The documentation's example account: no real one."""
ZONES = [f"{REGION}{letter}" for letter in "abc"]
DEFAULT_VPC_CIDR = "172.31.0.0/16"


def data_attribute(
    type_: str, address: str, attr: str, stated: Any, settings: dict[str, Any]
) -> Any:
    """The attribute of a data source that a configuration can use before apply."""
    if type_ == "aws_availability_zones":
        return {
            "names": list(ZONES),
            "zone_ids": [f"use1-az{n}" for n in (1, 2, 3)],
            "id": REGION,
        }.get(attr, _unknown(address, attr))
    if type_ == "aws_region":
        if attr in ("name", "id", "region"):
            return REGION
        return _unknown(address, attr)
    if type_ == "aws_caller_identity":
        return {
            "account_id": ACCOUNT,
            "id": ACCOUNT,
            "arn": f"arn:aws:iam::{ACCOUNT}:root",
        }.get(attr, _unknown(address, attr))
    if type_ == "aws_partition":
        return {"partition": "aws", "id": "aws", "dns_suffix": "amazonaws.com"}.get(
            attr, _unknown(address, attr)
        )
    if type_ in ("aws_ami", "aws_ami_ids") and attr in ("id", "image_id"):
        return f"ami-{address.rsplit('.', 1)[-1]}"
    if type_ == "aws_vpc" and settings.get("default") is True:
        if attr == "cidr_block":
            return DEFAULT_VPC_CIDR
        if attr == "id":
            return "vpc-default"
    if stated is not None:
        return stated
    return _unknown(address, attr)


def _unknown(address: str, attr: str) -> Unknown:
    return Unknown(f"{address}.{attr} is read from the provider at plan time")
