"""archlib's verdict on small templates where it already agrees with checkov.

Each pair under templates/ is named after the overlap: checkov fails its check on
`<overlap>-fires.yaml` and passes it on `<overlap>-passes.yaml`. For the pairs listed here
archlib reaches the same verdict with the named rule; the pairs where it does not are
recorded (with checkov's ids) in the peer report, not here. checkov is not needed to run
these tests: its verdicts were taken once, by hand, with checkov 3.3.30.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib.checks import run_checks
from archlib.importers.cfn.importer import import_template

TEMPLATES = Path(__file__).resolve().parent / "templates"

AGREED = {
    # overlap: (checkov check, archlib rule)
    "sg-ssh-instance": ("CKV_AWS_24", "SEC001"),
    "sg-ssh-ipv6-instance": ("CKV_AWS_24", "SEC001"),
    "sg-rdp-instance": ("CKV_AWS_25", "SEC001"),
    "rds-multiaz": ("CKV_AWS_157", "SPOF003"),
    "rds-encryption": ("CKV_AWS_16", "SEC009"),
    "elasticache-at-rest": ("CKV_AWS_29", "SEC009"),
    "elasticache-transit": ("CKV_AWS_30", "SEC010"),
    "s3-public-read": ("CKV_AWS_20", "SEC011"),
    "sqs-encryption": ("CKV_AWS_27", "SEC009"),
    "alb-https": ("CKV_AWS_2", "SEC010"),
    # SEC013 arrived with the uncommitted work in progress on 7 Dec 2026 (weak TLS policy).
    "alb-tls-policy": ("CKV_AWS_103", "SEC013"),
    "cloudfront-viewer-protocol": ("CKV_AWS_34", "SEC010"),
    "cloudfront-min-tls": ("CKV_AWS_174", "SEC010"),
    "cloudfront-min-tls-2018": ("CKV_AWS_174", "SEC010"),  # TLSv1.1_2016 fires, 1.2_2018 not
    "redshift-encryption": ("CKV_AWS_64", "SEC009"),
}


STRICTER = {
    # overlap: (why checkov misses it, archlib rule)
    "sg-allports-instance": ("CKV_AWS_24/25 skip rules without FromPort/ToPort", "SEC003"),
}
"""Pairs where archlib's reading is stricter than checkov's, as docs/rules.md says."""


def _rules(name: str) -> set[str]:
    model = import_template(TEMPLATES / name).model
    return {finding.rule_id for finding in run_checks(model).findings}


def test_every_pair_is_on_disk() -> None:
    for overlap in AGREED:
        assert (TEMPLATES / f"{overlap}-fires.yaml").is_file()
        assert (TEMPLATES / f"{overlap}-passes.yaml").is_file()


@pytest.mark.parametrize(("overlap", "rule"), [(o, r) for o, (_, r) in AGREED.items()])
def test_rule_fires_where_checkov_fails(overlap: str, rule: str) -> None:
    assert rule in _rules(f"{overlap}-fires.yaml")


@pytest.mark.parametrize(("overlap", "rule"), [(o, r) for o, (_, r) in AGREED.items()])
def test_rule_is_silent_where_checkov_passes(overlap: str, rule: str) -> None:
    assert rule not in _rules(f"{overlap}-passes.yaml")


@pytest.mark.parametrize(("overlap", "rule"), [(o, r) for o, (_, r) in STRICTER.items()])
def test_stricter_rules_fire_only_on_the_open_side(overlap: str, rule: str) -> None:
    assert rule in _rules(f"{overlap}-fires.yaml")
    assert rule not in _rules(f"{overlap}-passes.yaml")
