"""Where archlib's rules overlap checkov's and cfn-lint's, and where its reading differs.

Verdicts were compared on small templates of one or a few resources (tests/importers/peer/)
with checkov 3.3.30 and cfn-lint 1.58; cfn-lint validates the template against the resource
specification and has no security rule on these settings (its W-rules fire on none of them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeerCheck:
    rule: str
    setting: str
    checkov: str
    verdict: str
    """`same`, or how archlib's reading differs and why."""


PEERS: tuple[PeerCheck, ...] = (
    PeerCheck("SEC001", "security group: SSH (22) from 0.0.0.0/0 or ::/0", "CKV_AWS_24", "same"),
    PeerCheck("SEC001", "security group: RDP (3389) from 0.0.0.0/0 or ::/0", "CKV_AWS_25", "same"),
    PeerCheck(
        "SEC001, SEC003",
        "security group: all protocols (-1) from 0.0.0.0/0",
        "CKV_AWS_24, CKV_AWS_25 (not raised: they skip rules without ports)",
        "stricter: an all-ports rule opens 22 and every other port to the world",
    ),
    PeerCheck(
        "SEC001",
        "a security group attached to nothing",
        "CKV_AWS_24, CKV_AWS_25",
        "not judged: the template is refused (nothing to import); a group guards a component",
    ),
    PeerCheck("SPOF003", "RDS instance without MultiAZ", "CKV_AWS_157", "same"),
    PeerCheck("SEC009", "RDS StorageEncrypted false", "CKV_AWS_16", "same"),
    PeerCheck(
        "SEC005",
        "RDS or Redshift PubliclyAccessible",
        "CKV_AWS_17, CKV_AWS_87",
        "differs: archlib judges where the store sits and who may reach it; in the default "
        "VPC's public subnets it fires whatever PubliclyAccessible says",
    ),
    PeerCheck("SEC009", "ElastiCache AtRestEncryptionEnabled false", "CKV_AWS_29", "same"),
    PeerCheck("SEC010", "ElastiCache TransitEncryptionEnabled false", "CKV_AWS_30", "same"),
    PeerCheck("SEC011", "S3 AccessControl PublicRead / PublicReadWrite", "CKV_AWS_20", "same"),
    PeerCheck(
        "SEC011",
        "S3 bucket without PublicAccessBlockConfiguration",
        "CKV_AWS_53 to CKV_AWS_56",
        "differs: S3 blocks public access on every new bucket since April 2023, so a bucket "
        "that omits the block is blocked; archlib fires on one that turns it off",
    ),
    PeerCheck("SEC009", "SQS queue with SqsManagedSseEnabled false", "CKV_AWS_27", "same"),
    PeerCheck(
        "SEC009",
        "SQS queue with SSE-SQS (no KMS key)",
        "CKV_AWS_27",
        "differs: SSE-SQS encrypts at rest; archlib does not require a customer key",
    ),
    PeerCheck(
        "SEC009",
        "DynamoDB SSESpecification / SNS KmsMasterKeyId",
        "CKV_AWS_119, CKV_AWS_26",
        "differs: DynamoDB encrypts every table (AWS-owned key by default); SNS topics are "
        "declared operations, not components, so no rule judges them",
    ),
    PeerCheck("SEC010", "ALB listener on HTTP", "CKV_AWS_2", "same"),
    PeerCheck("SEC013", "ALB listener TLS policy below TLS 1.2", "CKV_AWS_103", "same"),
    PeerCheck("SEC010", "CloudFront ViewerProtocolPolicy allow-all", "CKV_AWS_34", "same"),
    PeerCheck(
        "SEC010",
        "CloudFront MinimumProtocolVersion below TLSv1.2",
        "CKV_AWS_174",
        "same (TLSv1, TLSv1_2016, TLSv1.1_2016 and SSLv3 fire; TLSv1.2_2018 and later do not)",
    ),
    PeerCheck("SEC009", "Redshift Encrypted false", "CKV_AWS_64", "same"),
    PeerCheck(
        "-",
        "EBS volume or root volume Encrypted false",
        "CKV_AWS_3, CKV_AWS_8",
        "not judged: archlib does not model volume encryption",
    ),
)


def peers_markdown() -> list[str]:
    lines = [
        "",
        "## Overlap with checkov and cfn-lint",
        "",
        "Compared on small templates of one or a few resources (`tests/importers/peer/`, one "
        "that fails the peer check and one that passes it); cfn-lint has no security rule on "
        "these settings. Where archlib's verdict differs, the last column says why.",
        "",
        "| archlib rule | setting | checkov | verdict |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {p.rule} | {p.setting} | {p.checkov} | {p.verdict} |" for p in PEERS]
    return lines
