"""Write archlib's instance-type catalogue (sizes, and us-east-1 on-demand rates) from the
published figures transcribed below.

Run from the repository root: `python scripts/build_catalogue.py`. The output is deterministic:
the same tables give byte-identical files. Every rate below was read from a published AWS
rate (the source it cites); a size with no published rate is derived from a published size of
its family by AWS's normalization factors only where every published size of that family
agrees with the factor rule exactly. A family where the rule does not hold keeps only its
published sizes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "archlib" / "catalogue" / "data"
RECORDED = "2026-11-30"
REGION = "us-east-1"

NORMALIZATION = {
    "nano": "0.25",
    "micro": "0.5",
    "small": "1",
    "medium": "2",
    "large": "4",
    "xlarge": "8",
    "2xlarge": "16",
    "4xlarge": "32",
    "8xlarge": "64",
    "9xlarge": "72",
    "10xlarge": "80",
    "12xlarge": "96",
    "16xlarge": "128",
    "18xlarge": "144",
    "24xlarge": "192",
    "32xlarge": "256",
    "48xlarge": "384",
}
"""AWS's normalization factors (EC2 User Guide, instance size flexibility for Reserved
Instances; the Price List's `normalizationSizeFactor`)."""

SOURCES: dict[str, dict[str, str]] = {
    "ec2-on-demand": {
        "publisher": "Amazon Web Services",
        "document": "Amazon EC2 On-Demand Pricing (Linux, shared tenancy)",
        "url": "https://aws.amazon.com/ec2/pricing/on-demand/",
        "edition": "AWS Price List offer file AmazonEC2, us-east-1, version 20260924211011",
        "method": "transcribed from public price tables that were checked entry by entry "
        "against that offer file; independent tables agree on every figure used",
        "recorded": RECORDED,
    },
    "rds-mysql": {
        "publisher": "Amazon Web Services",
        "document": "Amazon RDS for MySQL pricing (on-demand)",
        "url": "https://aws.amazon.com/rds/mysql/pricing/",
        "edition": "AWS Price List offer file AmazonRDS, us-east-1, version 20260924211011",
        "method": "transcribed from a public price table checked against that offer file",
        "recorded": RECORDED,
    },
    "rds-postgresql": {
        "publisher": "Amazon Web Services",
        "document": "Amazon RDS for PostgreSQL pricing (on-demand)",
        "url": "https://aws.amazon.com/rds/postgresql/pricing/",
        "edition": "published on-demand rate card, us-east-1",
        "method": "transcribed from a public table of the PostgreSQL rate card",
        "recorded": RECORDED,
    },
    "elasticache-on-demand": {
        "publisher": "Amazon Web Services",
        "document": "Amazon ElastiCache pricing (on-demand nodes)",
        "url": "https://aws.amazon.com/elasticache/pricing/",
        "edition": "AWS Price List API, AmazonElastiCache, productFamily Cache Instance, "
        "usagetype NodeUsage:<type>, us-east-1, read 2026-10-02",
        "method": "transcribed from a public table of the Price List API's records",
        "recorded": RECORDED,
    },
    "redshift-on-demand": {
        "publisher": "Amazon Web Services",
        "document": "Amazon Redshift pricing (provisioned, on-demand)",
        "url": "https://aws.amazon.com/redshift/pricing/",
        "edition": "published on-demand rate card, us-east-1",
        "method": "transcribed from the published rate card",
        "recorded": RECORDED,
    },
    "ec2-previous-generation": {
        "publisher": "Amazon Web Services",
        "document": "Amazon EC2 Previous Generation Instances: on-demand pricing (Linux, "
        "shared tenancy), and On-Demand Pricing for t2",
        "url": "https://aws.amazon.com/ec2/previous-generation/",
        "edition": "published on-demand rates, us-east-1",
        "method": "transcribed from public us-east-1 price tables; independent tables agree on "
        "every figure used (tables dated before AWS's m4 price reduction, which give "
        "$0.108 for m4.large, are not used)",
        "recorded": RECORDED,
    },
    "ec2-previous-generation-types": {
        "publisher": "Amazon Web Services",
        "document": "Amazon EC2 previous generation instances (specifications and upgrade "
        "paths), and Amazon EC2 instance types for t2, m4 and c4",
        "url": "https://aws.amazon.com/ec2/previous-generation/",
        "recorded": RECORDED,
    },
    "ec2-on-demand-graviton4": {
        "publisher": "Amazon Web Services",
        "document": "Amazon EC2 On-Demand Pricing (Linux, shared tenancy): m8g, c8g, r8g",
        "url": "https://github.com/aws/karpenter-provider-aws/blob/"
        "031e72b6099630e960dacb88b48a7e9bb780945f/pkg/providers/pricing/"
        "zz_generated.pricing_aws.go",
        "edition": "AWS Price List (Pricing API GetProducts, AmazonEC2), us-east-1, as generated "
        "by AWS's Karpenter project on 2026-01-19T13:23:24Z",
        "method": "transcribed from AWS's own file generated from the Price List; the same "
        "file gives m7g and r7g exactly as the offer file above",
        "recorded": "2026-12-07",
    },
    "ec2-graviton4-types": {
        "publisher": "Amazon Web Services",
        "document": "Karpenter reference: instance types (vCPU and memory as EC2 "
        "DescribeInstanceTypes reports them): m8g, c8g, r8g",
        "url": "https://github.com/aws/karpenter-provider-aws/blob/"
        "0c5e7d8112409aff07b0f17a0f51c87bdba52ed1/website/content/en/docs/reference/"
        "instance-types.md",
        "recorded": "2026-12-07",
    },
    "ec2-instance-types": {
        "publisher": "Amazon Web Services",
        "document": "Amazon EC2 instance types (specifications)",
        "url": "https://aws.amazon.com/ec2/instance-types/",
        "recorded": RECORDED,
    },
    "rds-instance-classes": {
        "publisher": "Amazon Web Services",
        "document": "Amazon RDS User Guide: hardware specifications for DB instance classes",
        "url": "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
        "Concepts.DBInstanceClass.Summary.html",
        "recorded": RECORDED,
    },
    "elasticache-node-types": {
        "publisher": "Amazon Web Services",
        "document": "Amazon ElastiCache: supported node types, and node memory on the pricing page",
        "url": "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/"
        "CacheNodes.SupportedTypes.html",
        "recorded": RECORDED,
    },
    "redshift-node-types": {
        "publisher": "Amazon Web Services",
        "document": "Amazon Redshift Management Guide: node type details",
        "url": "https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html",
        "recorded": RECORDED,
    },
}

# --- Published us-east-1 hourly rates (USD) --------------------------------------------------

EC2 = {
    "t3": {
        "nano": "0.0052",
        "micro": "0.0104",
        "small": "0.0208",
        "medium": "0.0416",
        "large": "0.0832",
        "xlarge": "0.1664",
        "2xlarge": "0.3328",
    },
    "t3a": {
        "nano": "0.0047",
        "micro": "0.0094",
        "small": "0.0188",
        "medium": "0.0376",
        "large": "0.0752",
        "xlarge": "0.1504",
        "2xlarge": "0.3008",
    },
    "t4g": {
        "nano": "0.0042",
        "micro": "0.0084",
        "small": "0.0168",
        "medium": "0.0336",
        "large": "0.0672",
        "xlarge": "0.1344",
        "2xlarge": "0.2688",
    },
    "m5": {
        "large": "0.096",
        "xlarge": "0.192",
        "2xlarge": "0.384",
        "4xlarge": "0.768",
        "8xlarge": "1.536",
        "12xlarge": "2.304",
        "16xlarge": "3.072",
        "24xlarge": "4.608",
    },
    "m5a": {"large": "0.086", "xlarge": "0.172", "2xlarge": "0.344", "4xlarge": "0.688"},
    "m6i": {
        "large": "0.096",
        "xlarge": "0.192",
        "2xlarge": "0.384",
        "4xlarge": "0.768",
        "8xlarge": "1.536",
        "12xlarge": "2.304",
    },
    "m6a": {"large": "0.0864", "xlarge": "0.1728", "2xlarge": "0.3456", "4xlarge": "0.6912"},
    "m6g": {
        "medium": "0.0385",
        "large": "0.077",
        "xlarge": "0.154",
        "2xlarge": "0.308",
        "4xlarge": "0.616",
        "8xlarge": "1.232",
        "12xlarge": "1.848",
    },
    "m7i": {"large": "0.1008", "xlarge": "0.2016", "2xlarge": "0.4032", "4xlarge": "0.8064"},
    "m7a": {"large": "0.11592", "xlarge": "0.23184", "2xlarge": "0.46368"},
    "m7g": {
        "medium": "0.0408",
        "large": "0.0816",
        "xlarge": "0.1632",
        "2xlarge": "0.3264",
        "4xlarge": "0.6528",
        "8xlarge": "1.3056",
        "12xlarge": "1.9584",
        "16xlarge": "2.6112",
    },
    "m8g": {
        "medium": "0.04488",
        "large": "0.08976",
        "xlarge": "0.17952",
        "2xlarge": "0.35904",
        "4xlarge": "0.71808",
        "8xlarge": "1.43616",
        "12xlarge": "2.15424",
        "16xlarge": "2.87232",
        "24xlarge": "4.30848",
        "48xlarge": "8.61696",
    },
    "c8g": {
        "medium": "0.03988",
        "large": "0.07976",
        "xlarge": "0.15952",
        "2xlarge": "0.31904",
        "4xlarge": "0.63808",
        "8xlarge": "1.27616",
        "12xlarge": "1.91424",
        "16xlarge": "2.55232",
        "24xlarge": "3.82848",
        "48xlarge": "7.65696",
    },
    "r8g": {
        "medium": "0.05891",
        "large": "0.11782",
        "xlarge": "0.23564",
        "2xlarge": "0.47128",
        "4xlarge": "0.94256",
        "8xlarge": "1.88512",
        "12xlarge": "2.82768",
        "16xlarge": "3.77024",
        "24xlarge": "5.65536",
        "48xlarge": "11.31072",
    },
    "c5": {
        "large": "0.085",
        "xlarge": "0.17",
        "2xlarge": "0.34",
        "4xlarge": "0.68",
        "9xlarge": "1.53",
        "18xlarge": "3.06",
    },
    "c5a": {"large": "0.077", "xlarge": "0.154", "2xlarge": "0.308"},
    "c6i": {
        "large": "0.085",
        "xlarge": "0.17",
        "2xlarge": "0.34",
        "4xlarge": "0.68",
        "8xlarge": "1.36",
    },
    "c6a": {"large": "0.0765", "xlarge": "0.153", "2xlarge": "0.306", "4xlarge": "0.612"},
    "c6g": {"large": "0.068", "xlarge": "0.136", "2xlarge": "0.272"},
    "c7i": {"large": "0.08925", "xlarge": "0.1785", "2xlarge": "0.357"},
    "c7g": {
        "medium": "0.0363",
        "large": "0.0725",
        "xlarge": "0.145",
        "2xlarge": "0.29",
        "4xlarge": "0.58",
        "8xlarge": "1.16",
        "12xlarge": "1.74",
        "16xlarge": "2.32",
    },
    "r5": {
        "large": "0.126",
        "xlarge": "0.252",
        "2xlarge": "0.504",
        "4xlarge": "1.008",
        "8xlarge": "2.016",
        "12xlarge": "3.024",
        "16xlarge": "4.032",
    },
    "r5a": {"large": "0.113", "xlarge": "0.226", "2xlarge": "0.452"},
    "r6i": {
        "large": "0.126",
        "xlarge": "0.252",
        "2xlarge": "0.504",
        "4xlarge": "1.008",
        "8xlarge": "2.016",
    },
    "r6g": {"large": "0.1008", "xlarge": "0.2016", "2xlarge": "0.4032"},
    "r7i": {"large": "0.1323", "xlarge": "0.2646", "2xlarge": "0.5292", "4xlarge": "1.0584"},
    "r7g": {
        "medium": "0.0536",
        "large": "0.1071",
        "xlarge": "0.2142",
        "2xlarge": "0.4284",
        "4xlarge": "0.8568",
        "8xlarge": "1.7136",
        "12xlarge": "2.5704",
        "16xlarge": "3.4272",
    },
}

EC2_OLDER = {
    "t2": {
        "nano": "0.0058",
        "micro": "0.0116",
        "small": "0.023",
        "medium": "0.0464",
        "large": "0.0928",
        "xlarge": "0.1856",
        "2xlarge": "0.3712",
    },
    "m1": {"small": "0.044", "medium": "0.087", "large": "0.175", "xlarge": "0.35"},
    "m3": {"medium": "0.067", "large": "0.133", "xlarge": "0.266", "2xlarge": "0.532"},
    "m4": {
        "large": "0.1",
        "xlarge": "0.2",
        "2xlarge": "0.4",
        "4xlarge": "0.8",
        "10xlarge": "2",
        "16xlarge": "3.2",
    },
    "c4": {
        "large": "0.1",
        "xlarge": "0.199",
        "2xlarge": "0.398",
        "4xlarge": "0.796",
        "8xlarge": "1.591",
    },
}
"""Families the corpus of AWS sample templates names that predate the current ones: t2, m4 and
c4 (which AWS still lists as current generation) and m1 and m3 (previous generation). Every
size of each is published; none is derived."""

EC2_OLDER_SPECS = {  # type: (vCPU, GiB), from AWS's specification tables; all x86_64
    "t2.nano": (1, "0.5"),
    "t2.micro": (1, "1"),
    "t2.small": (1, "2"),
    "t2.medium": (2, "4"),
    "t2.large": (2, "8"),
    "t2.xlarge": (4, "16"),
    "t2.2xlarge": (8, "32"),
    "m1.small": (1, "1.7"),
    "m1.medium": (1, "3.75"),
    "m1.large": (2, "7.5"),
    "m1.xlarge": (4, "15"),
    "m3.medium": (1, "3.75"),
    "m3.large": (2, "7.5"),
    "m3.xlarge": (4, "15"),
    "m3.2xlarge": (8, "30"),
    "m4.large": (2, "8"),
    "m4.xlarge": (4, "16"),
    "m4.2xlarge": (8, "32"),
    "m4.4xlarge": (16, "64"),
    "m4.10xlarge": (40, "160"),
    "m4.16xlarge": (64, "256"),
    "c4.large": (2, "3.75"),
    "c4.xlarge": (4, "7.5"),
    "c4.2xlarge": (8, "15"),
    "c4.4xlarge": (16, "30"),
    "c4.8xlarge": (36, "60"),
}

PREVIOUS_GENERATION = {"m1": "m7i", "m3": "m7i"}
"""Families AWS lists as previous generation, each with the first of the upgrade paths AWS
names for it (M7i, M7g, M7a for both; M7i keeps the x86_64 architecture)."""

EC2_SIZES = {
    "burstable": ("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"),
    "intel": (
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
    ),
    "intel-32": (
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "32xlarge",
    ),
    "amd-48": (
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "32xlarge",
        "48xlarge",
    ),
    "intel-48": (
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "48xlarge",
    ),
    "amd-7": (
        "medium",
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "32xlarge",
        "48xlarge",
    ),
    "graviton": (
        "medium",
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
    ),
    "c5": ("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"),
    "graviton4": (
        "medium",
        "large",
        "xlarge",
        "2xlarge",
        "4xlarge",
        "8xlarge",
        "12xlarge",
        "16xlarge",
        "24xlarge",
        "48xlarge",
    ),
}
"""The sizes AWS offers in each family (metal sizes left out: they are not in the catalogue)."""

EC2_FAMILIES = {
    # family: (size list, GiB per vCPU or None for burstable, architecture)
    "t3": ("burstable", None, "x86_64"),
    "t3a": ("burstable", None, "x86_64"),
    "t4g": ("burstable", None, "arm64"),
    "m5": ("intel", 4, "x86_64"),
    "m5a": ("intel", 4, "x86_64"),
    "m6i": ("intel-32", 4, "x86_64"),
    "m6a": ("amd-48", 4, "x86_64"),
    "m6g": ("graviton", 4, "arm64"),
    "m7i": ("intel-48", 4, "x86_64"),
    "m7a": ("amd-7", 4, "x86_64"),
    "m7g": ("graviton", 4, "arm64"),
    "c5": ("c5", 2, "x86_64"),
    "c5a": ("intel", 2, "x86_64"),
    "c6i": ("intel-32", 2, "x86_64"),
    "c6a": ("amd-48", 2, "x86_64"),
    "c6g": ("graviton", 2, "arm64"),
    "c7i": ("intel-48", 2, "x86_64"),
    "c7g": ("graviton", 2, "arm64"),
    "r5": ("intel", 8, "x86_64"),
    "r5a": ("intel", 8, "x86_64"),
    "r6i": ("intel-32", 8, "x86_64"),
    "r6g": ("graviton", 8, "arm64"),
    "r7i": ("intel-48", 8, "x86_64"),
    "r7g": ("graviton", 8, "arm64"),
    "m8g": ("graviton4", 4, "arm64"),
    "c8g": ("graviton4", 2, "arm64"),
    "r8g": ("graviton4", 8, "arm64"),
}
GRAVITON4 = frozenset({"m8g", "c8g", "r8g"})
"""Families whose rates and sizes come from the Graviton4 sources rather than the offer file
and instance-type page the other families were checked against."""

BURSTABLE = {  # size: (vCPU, GiB), the same for t3, t3a, t4g and their db. classes
    "nano": (2, "0.5"),
    "micro": (2, "1"),
    "small": (2, "2"),
    "medium": (2, "4"),
    "large": (2, "8"),
    "xlarge": (4, "16"),
    "2xlarge": (8, "32"),
}

RDS_MYSQL = {
    "db.t3": {
        "micro": "0.017",
        "small": "0.034",
        "medium": "0.068",
        "large": "0.136",
        "xlarge": "0.272",
        "2xlarge": "0.544",
    },
    "db.t4g": {"micro": "0.016", "small": "0.032", "medium": "0.065", "large": "0.129"},
    "db.m5": {
        "large": "0.171",
        "xlarge": "0.342",
        "2xlarge": "0.684",
        "4xlarge": "1.368",
        "8xlarge": "2.74",
        "12xlarge": "4.104",
    },
    "db.m6i": {"large": "0.171", "xlarge": "0.342", "2xlarge": "0.684"},
    "db.m6g": {"large": "0.152", "xlarge": "0.304", "2xlarge": "0.608"},
    "db.r5": {
        "large": "0.24",
        "xlarge": "0.48",
        "2xlarge": "0.96",
        "4xlarge": "1.92",
        "8xlarge": "3.84",
    },
    "db.r6i": {"large": "0.24", "xlarge": "0.48", "2xlarge": "0.96"},
    "db.r6g": {"large": "0.215", "xlarge": "0.43", "2xlarge": "0.859"},
    "db.r7g": {"large": "0.239", "xlarge": "0.478", "2xlarge": "0.956"},
}

RDS_POSTGRES = {
    "db.t3": {
        "micro": "0.018",
        "small": "0.036",
        "medium": "0.072",
        "large": "0.145",
        "xlarge": "0.29",
        "2xlarge": "0.579",
    },
    "db.t4g": {
        "micro": "0.016",
        "small": "0.032",
        "medium": "0.065",
        "large": "0.129",
        "xlarge": "0.258",
        "2xlarge": "0.517",
    },
    "db.m6i": {
        "large": "0.178",
        "xlarge": "0.356",
        "2xlarge": "0.712",
        "4xlarge": "1.424",
        "8xlarge": "2.848",
        "12xlarge": "4.272",
        "16xlarge": "5.696",
        "24xlarge": "8.544",
        "32xlarge": "11.392",
    },
    "db.m6g": {
        "large": "0.159",
        "xlarge": "0.318",
        "2xlarge": "0.636",
        "4xlarge": "1.272",
        "8xlarge": "2.544",
        "12xlarge": "3.816",
        "16xlarge": "5.088",
    },
    "db.m7g": {
        "large": "0.168",
        "xlarge": "0.337",
        "2xlarge": "0.674",
        "4xlarge": "1.348",
        "8xlarge": "2.696",
        "12xlarge": "4.044",
        "16xlarge": "5.392",
    },
    "db.r6i": {
        "large": "0.25",
        "xlarge": "0.5",
        "2xlarge": "1",
        "4xlarge": "2",
        "8xlarge": "4",
        "12xlarge": "6",
        "16xlarge": "8",
        "24xlarge": "12",
        "32xlarge": "16",
    },
    "db.r6g": {
        "large": "0.225",
        "xlarge": "0.45",
        "2xlarge": "0.899",
        "4xlarge": "1.798",
        "8xlarge": "3.597",
        "12xlarge": "5.395",
        "16xlarge": "7.194",
    },
    "db.r7g": {
        "large": "0.239",
        "xlarge": "0.478",
        "2xlarge": "0.956",
        "4xlarge": "1.913",
        "8xlarge": "3.825",
        "12xlarge": "5.738",
        "16xlarge": "7.65",
    },
}

RDS_FAMILIES = {  # family: (size list, GiB per vCPU or None for burstable, architecture)
    "db.t3": (("micro", "small", "medium", "large", "xlarge", "2xlarge"), None, "x86_64"),
    "db.t4g": (("micro", "small", "medium", "large", "xlarge", "2xlarge"), None, "arm64"),
    "db.m5": (EC2_SIZES["intel"], 4, "x86_64"),
    "db.m6i": (EC2_SIZES["intel-32"], 4, "x86_64"),
    "db.m6g": (EC2_SIZES["graviton"][1:], 4, "arm64"),
    "db.m7g": (EC2_SIZES["graviton"][1:], 4, "arm64"),
    "db.r5": (EC2_SIZES["intel"], 8, "x86_64"),
    "db.r6i": (EC2_SIZES["intel-32"], 8, "x86_64"),
    "db.r6g": (EC2_SIZES["graviton"][1:], 8, "arm64"),
    "db.r7g": (EC2_SIZES["graviton"][1:], 8, "arm64"),
}

RDS_LINEAR_CHECKED_AGAINST_SIBLING = {
    ("mysql", "db.t3"): ("postgres", "db.t3"),
    # A MySQL family with few published sizes is derived only where the PostgreSQL rate card
    # of the same family follows the factor rule at every size too.
    ("mysql", "db.m6i"): ("postgres", "db.m6i"),
    ("mysql", "db.m6g"): ("postgres", "db.m6g"),
    ("mysql", "db.r6i"): ("postgres", "db.r6i"),
    ("mysql", "db.r7g"): ("postgres", "db.r7g"),
}

CACHE_REDIS = {
    "cache.t3": {"micro": "0.017", "small": "0.034", "medium": "0.068"},
    "cache.t4g": {"micro": "0.016", "small": "0.032", "medium": "0.065"},
    "cache.m5": {
        "large": "0.156",
        "xlarge": "0.311",
        "2xlarge": "0.623",
        "4xlarge": "1.245",
        "12xlarge": "3.744",
        "24xlarge": "7.488",
    },
    "cache.m6g": {
        "large": "0.149",
        "xlarge": "0.297",
        "2xlarge": "0.593",
        "4xlarge": "1.186",
        "8xlarge": "2.372",
        "12xlarge": "3.557",
        "16xlarge": "4.743",
    },
    "cache.m7g": {
        "large": "0.158",
        "xlarge": "0.315",
        "2xlarge": "0.629",
        "4xlarge": "1.257",
        "8xlarge": "2.514",
        "12xlarge": "3.77",
        "16xlarge": "5.028",
    },
    "cache.r5": {
        "large": "0.216",
        "xlarge": "0.431",
        "2xlarge": "0.862",
        "4xlarge": "1.724",
        "12xlarge": "5.184",
        "24xlarge": "10.368",
    },
    "cache.r6g": {
        "large": "0.206",
        "xlarge": "0.411",
        "2xlarge": "0.821",
        "4xlarge": "1.642",
        "8xlarge": "3.284",
        "12xlarge": "4.925",
        "16xlarge": "6.567",
    },
    "cache.r7g": {
        "large": "0.219",
        "xlarge": "0.437",
        "2xlarge": "0.873",
        "4xlarge": "1.745",
        "8xlarge": "3.491",
        "12xlarge": "5.235",
        "16xlarge": "6.981",
    },
}

CACHE_VALKEY = {
    "cache.t3": {"micro": "0.0136", "small": "0.0272", "medium": "0.0544"},
    "cache.t4g": {"micro": "0.0128", "small": "0.0256", "medium": "0.052"},
    "cache.m5": {
        "large": "0.1248",
        "xlarge": "0.2488",
        "2xlarge": "0.4984",
        "4xlarge": "0.996",
        "12xlarge": "2.9952",
        "24xlarge": "5.9904",
    },
    "cache.m6g": {
        "large": "0.1192",
        "xlarge": "0.2376",
        "2xlarge": "0.4744",
        "4xlarge": "0.9488",
        "8xlarge": "1.8976",
        "12xlarge": "2.8456",
        "16xlarge": "3.7944",
    },
    "cache.m7g": {
        "large": "0.1264",
        "xlarge": "0.252",
        "2xlarge": "0.5032",
        "4xlarge": "1.0056",
        "8xlarge": "2.0112",
        "12xlarge": "3.016",
        "16xlarge": "4.0224",
    },
    "cache.r5": {
        "large": "0.1728",
        "xlarge": "0.3448",
        "2xlarge": "0.6896",
        "4xlarge": "1.3792",
        "12xlarge": "4.1472",
        "24xlarge": "8.2944",
    },
    "cache.r6g": {
        "large": "0.1648",
        "xlarge": "0.3288",
        "2xlarge": "0.6568",
        "4xlarge": "1.3136",
        "8xlarge": "2.6272",
        "12xlarge": "3.94",
        "16xlarge": "5.2536",
    },
    "cache.r7g": {
        "large": "0.1752",
        "xlarge": "0.3496",
        "2xlarge": "0.6984",
        "4xlarge": "1.396",
        "8xlarge": "2.7928",
        "12xlarge": "4.188",
        "16xlarge": "5.5848",
    },
}

CACHE_MEMORY_GIB = {  # node memory ElastiCache publishes per size
    "cache.t3": {"micro": "0.5", "small": "1.37", "medium": "3.09"},
    "cache.t4g": {"micro": "0.5", "small": "1.37", "medium": "3.09"},
    "cache.m5": {
        "large": "6.38",
        "xlarge": "12.93",
        "2xlarge": "26.04",
        "4xlarge": "52.26",
        "12xlarge": "157.12",
        "24xlarge": "314.32",
    },
    "cache.m6g": {
        "large": "6.38",
        "xlarge": "12.93",
        "2xlarge": "26.04",
        "4xlarge": "52.26",
        "8xlarge": "103.68",
        "12xlarge": "157.12",
        "16xlarge": "209.55",
    },
    "cache.m7g": {
        "large": "6.38",
        "xlarge": "12.93",
        "2xlarge": "26.04",
        "4xlarge": "52.26",
        "8xlarge": "103.68",
        "12xlarge": "157.12",
        "16xlarge": "209.55",
    },
    "cache.r5": {
        "large": "13.07",
        "xlarge": "26.32",
        "2xlarge": "52.82",
        "4xlarge": "105.81",
        "12xlarge": "317.77",
        "24xlarge": "635.61",
    },
    "cache.r6g": {
        "large": "13.07",
        "xlarge": "26.32",
        "2xlarge": "52.82",
        "4xlarge": "105.81",
        "8xlarge": "209.55",
        "12xlarge": "317.77",
        "16xlarge": "419.09",
    },
    "cache.r7g": {
        "large": "13.07",
        "xlarge": "26.32",
        "2xlarge": "52.82",
        "4xlarge": "105.81",
        "8xlarge": "209.55",
        "12xlarge": "317.77",
        "16xlarge": "419.09",
    },
}

REDSHIFT = {  # node type: (vCPU, GiB, hourly USD)
    "dc2.large": (2, "15", "0.25"),
    "dc2.8xlarge": (32, "244", "4.8"),
    "ra3.xlplus": (4, "32", "1.086"),
    "ra3.4xlarge": (12, "96", "3.26"),
    "ra3.16xlarge": (48, "384", "13.04"),
}

MULTI_AZ_RULE = (
    "Multi-AZ with one standby is billed as two instances: twice the Single-AZ rate "
    "(RDS pricing pages list it so for MySQL and PostgreSQL)"
)
MEMCACHED_RULE = (
    "ElastiCache bills Memcached nodes at the Redis OSS on-demand rate for the same node type"
)


def vcpus(size: str) -> int:
    """Non-burstable sizes: 2 vCPUs per `large` (normalization factor 4)."""
    return int(Decimal(NORMALIZATION[size]) / 2)


def spec(
    name: str, service: str, family: str, size: str, vcpu: int, gib: str, arch: str, source: str
) -> dict[str, object]:
    return {
        "name": name,
        "service": service,
        "family": family,
        "size": size,
        "vcpu": vcpu,
        "memory_gib": gib,
        "architecture": arch,
        "network": None,
        "generation": "current",
        "upgrade_family": None,
        "source": source,
    }


def _base(published: dict[str, str]) -> tuple[str, Decimal]:
    """The smallest published size, and its rate per normalization unit."""
    size = min(published, key=lambda s: Decimal(NORMALIZATION[s]))
    return size, Decimal(published[size]) / Decimal(NORMALIZATION[size])


def agrees(published: str, rule: Decimal) -> bool:
    """Equal to the rule within the rounding of the published figure (at least 3 places)."""
    exponent = min(int(Decimal(published).as_tuple().exponent), -3)
    return abs(Decimal(published) - rule) <= Decimal(5) * Decimal(10) ** (exponent - 1)


def departures(published: dict[str, str]) -> list[str]:
    _, per_unit = _base(published)
    return [
        f"{size} {usd} (rule {_plain(per_unit * Decimal(NORMALIZATION[size]))})"
        for size, usd in published.items()
        if not agrees(usd, per_unit * Decimal(NORMALIZATION[size]))
    ]


def family_rates(
    engine: str | None,
    family: str,
    sizes: tuple[str, ...],
    published: dict[str, str],
    source: str,
    derive: bool,
) -> list[dict[str, object]]:
    base_size, per_unit = _base(published)
    rates = []
    for size in sizes:
        name = f"{family}.{size}"
        if size in published:
            rates.append(rate(name, engine, published[size], source))
        elif derive:
            rates.append(
                rate(
                    name,
                    engine,
                    _plain(per_unit * Decimal(NORMALIZATION[size])),
                    source,
                    derived_from={
                        "type": f"{family}.{base_size}",
                        "rule": f"normalization factor {NORMALIZATION[size]} / "
                        f"{NORMALIZATION[base_size]}",
                    },
                )
            )
    return rates


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def rate(
    name: str,
    engine: str | None,
    usd: str,
    source: str,
    deployment: str | None = None,
    derived_from: dict[str, str] | None = None,
) -> dict[str, object]:
    return {
        "type": name,
        "engine": engine,
        "deployment": deployment,
        "usd_per_hour": _plain(Decimal(usd)),
        "source": source,
        "derived_from": derived_from,
    }


def build() -> tuple[dict[str, object], dict[str, object]]:
    types: list[dict[str, object]] = []
    rates: list[dict[str, object]] = []
    families: dict[str, dict[str, object]] = {}

    for family, (size_list, gib_per_vcpu, arch) in EC2_FAMILIES.items():
        sizes = EC2_SIZES[size_list]
        published = EC2[family]
        derive = not departures(published)
        graviton4 = family in GRAVITON4
        price_source = "ec2-on-demand-graviton4" if graviton4 else "ec2-on-demand"
        spec_source = "ec2-graviton4-types" if graviton4 else "ec2-instance-types"
        made = family_rates(None, family, sizes, published, price_source, derive)
        rates += made
        families[f"ec2:{family}"] = _family_note(published, _derived(made))
        priced = {str(r["type"]) for r in rates}
        for size in sizes:
            name = f"{family}.{size}"
            if name not in priced:
                continue
            if gib_per_vcpu is None:
                vcpu, gib = BURSTABLE[size]
            else:
                vcpu, gib = vcpus(size), str(vcpus(size) * gib_per_vcpu)
            types.append(spec(name, "ec2", family, size, vcpu, gib, arch, spec_source))

    for family, published in EC2_OLDER.items():
        rates += [
            rate(f"{family}.{size}", None, usd, "ec2-previous-generation")
            for size, usd in published.items()
        ]
        families[f"ec2:{family}"] = _family_note(published, 0)
        for size in published:
            name = f"{family}.{size}"
            vcpu, gib = EC2_OLDER_SPECS[name]
            record = spec(
                name, "ec2", family, size, vcpu, gib, "x86_64", "ec2-previous-generation-types"
            )
            if family in PREVIOUS_GENERATION:
                record["generation"] = "previous"
                record["upgrade_family"] = PREVIOUS_GENERATION[family]
            types.append(record)

    for engine, table, source in (
        ("mysql", RDS_MYSQL, "rds-mysql"),
        ("postgres", RDS_POSTGRES, "rds-postgresql"),
    ):
        for family, published in table.items():
            sizes = RDS_FAMILIES[family][0]
            derive = not departures(published)
            note = ""
            if derive and engine == "mysql":
                sibling = RDS_LINEAR_CHECKED_AGAINST_SIBLING.get((engine, family))
                derive = sibling is not None and not departures(RDS_POSTGRES[sibling[1]])
                if not derive and len(published) < len(sizes):
                    note = "not derived: the PostgreSQL rate card of this family " + (
                        "departs from the rule" if sibling else "is not in the catalogue"
                    )
            made = family_rates(engine, family, sizes, published, source, derive)
            families[f"rds:{engine}:{family}"] = _family_note(published, _derived(made), note)
            for item in made:
                single = {**item, "deployment": "single-az"}
                rates.append(single)
                rates.append(
                    {
                        **item,
                        "deployment": "multi-az",
                        "usd_per_hour": _plain(Decimal(str(item["usd_per_hour"])) * 2),
                        "derived_from": {
                            "type": str(item["type"]),
                            "deployment": "single-az",
                            "rule": MULTI_AZ_RULE,
                        },
                    }
                )
    for family, (sizes, gib_per_vcpu, arch) in RDS_FAMILIES.items():
        for size in sizes:  # every size AWS offers is known, priced or not
            name = f"{family}.{size}"
            if gib_per_vcpu is None:
                vcpu, gib = BURSTABLE[size]
            else:
                vcpu, gib = vcpus(size), str(vcpus(size) * gib_per_vcpu)
            types.append(spec(name, "rds", family, size, vcpu, gib, arch, "rds-instance-classes"))

    for family, published in CACHE_REDIS.items():
        families[f"elasticache:redis:{family}"] = _family_note(published, 0)
        families[f"elasticache:valkey:{family}"] = _family_note(CACHE_VALKEY[family], 0)
        arch = "arm64" if family.endswith("g") else "x86_64"
        for size in published:
            name = f"{family}.{size}"
            burst = family in ("cache.t3", "cache.t4g")
            vcpu = BURSTABLE[size][0] if burst else vcpus(size)
            types.append(
                spec(
                    name,
                    "elasticache",
                    family,
                    size,
                    vcpu,
                    CACHE_MEMORY_GIB[family][size],
                    arch,
                    "elasticache-node-types",
                )
            )
            rates.append(rate(name, "redis", published[size], "elasticache-on-demand"))
            rates.append(rate(name, "valkey", CACHE_VALKEY[family][size], "elasticache-on-demand"))
            rates.append(
                rate(
                    name,
                    "memcached",
                    published[size],
                    "elasticache-on-demand",
                    derived_from={"type": name, "engine": "redis", "rule": MEMCACHED_RULE},
                )
            )

    for name, (vcpu, gib, usd) in REDSHIFT.items():
        family, size = name.split(".")
        types.append(
            spec(name, "redshift", family, size, vcpu, gib, "x86_64", "redshift-node-types")
        )
        rates.append(rate(name, None, usd, "redshift-on-demand"))
        families[f"redshift:{family}"] = {
            "scaling": "published",
            "finding": "node types are not sizes of one family rate; all published",
        }

    types.sort(key=lambda t: (str(t["service"]), str(t["name"])))
    rates.sort(key=lambda r: (str(r["type"]), str(r["engine"] or ""), str(r["deployment"] or "")))
    catalogue = {
        "formatVersion": "archlib-catalogue/1",
        "normalizationFactors": NORMALIZATION,
        "sources": {
            k: SOURCES[k] for k in sorted(SOURCES) if k.endswith("types") or k.endswith("classes")
        },
        "types": types,
    }
    prices = {
        "formatVersion": "archlib-catalogue-prices/1",
        "region": REGION,
        "published": RECORDED,
        "origin": "transcribed from AWS's published on-demand rates (see each source)",
        "sources": {
            k: SOURCES[k]
            for k in sorted(SOURCES)
            if not (k.endswith("types") or k.endswith("classes"))
        },
        "families": dict(sorted(families.items())),
        "rates": rates,
    }
    return catalogue, prices


def _derived(rates: list[dict[str, object]]) -> int:
    return sum(1 for r in rates if r["derived_from"])


def _family_note(published: dict[str, str], derived: int, note: str = "") -> dict[str, object]:
    breaks = departures(published)
    if breaks:
        finding = "published sizes depart from the factor rule: " + ", ".join(breaks)
    else:
        finding = "every published size agrees with the factor rule"
    if derived:
        finding += f"; {derived} unpublished size(s) derived"
    if note:
        finding += f"; {note}"
    return {"scaling": "published" if breaks else "linear", "finding": finding}


def main() -> None:
    catalogue, prices = build()
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "types.json").write_text(json.dumps(catalogue, indent=1) + "\n", encoding="utf-8")
    (DATA / "prices").mkdir(exist_ok=True)
    (DATA / "prices" / f"{REGION}.json").write_text(
        json.dumps(prices, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(catalogue['types'])} types, {len(prices['rates'])} rates")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
