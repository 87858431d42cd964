"""Upper bounds on model figures: what AWS allows, or where none exists, far above real use.

Every bound keeps a single line of YAML from stalling the analysis or overflowing a
figure; docs/model.md lists each with its basis.
"""

from __future__ import annotations

MAX_INSTANCES_PER_TIER = 10_000
"""EC2 Auto Scaling sets no group-size quota; an Application Load Balancer takes at most
1,000 targets, so ten times that is beyond any tier a model describes."""

MAX_SCALING_POLICIES = 50
"""EC2 Auto Scaling quota: scaling policies per Auto Scaling group (cannot be raised)."""

MAX_SCHEDULED_ACTIONS = 125
"""EC2 Auto Scaling quota: scheduled actions per Auto Scaling group (cannot be raised)."""

MAX_USERS = 10_000_000_000
"""More than the world's population (about 8.2 billion)."""

MAX_OBJECT_KB = 5_000_000_000
"""5 TB: the largest object S3 stores; no write, row or item a store keeps is larger."""

MAX_MONTHLY_BUDGET_USD = 1_000_000_000
"""A billion dollars a month: beyond any single system's AWS bill."""

MAX_LABEL_CHARS = 100
"""Labels, roles and link purposes are drawn inside diagram boxes and table cells."""

MAX_TITLE_CHARS = 200
"""Titles head diagrams and reports on one line."""

MAX_TEXT_CHARS = 10_000
"""Any other text, descriptions included: a few pages of prose."""
