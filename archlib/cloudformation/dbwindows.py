"""When RDS may back up and patch an instance, and what it records of its load.

Without stated windows RDS picks a random half hour per region, which may fall in the peak.
The backup runs first, the maintenance an hour later on Sundays, both in the early hours
UTC and never overlapping. Performance Insights keeps seven days of per-statement load, the
free tier, on every class that supports it.
"""

from __future__ import annotations

import re
from typing import Any

BACKUP_WINDOW = "03:00-03:30"
MAINTENANCE_WINDOW = "sun:04:30-sun:05:00"
INSIGHTS_RETENTION_DAYS = 7
_NO_INSIGHTS = re.compile(r"^db\.t\d+g?\.(micro|small)$")
"""Performance Insights is not offered on the smallest burstable classes."""


def supports_insights(instance_class: str) -> bool:
    return not _NO_INSIGHTS.match(instance_class)


def instance_windows(instance_class: str, replica: bool) -> dict[str, Any]:
    """The properties of an instance; a replica takes no backup window (it has no backups)."""
    properties: dict[str, Any] = {"PreferredMaintenanceWindow": MAINTENANCE_WINDOW}
    if not replica:
        properties["PreferredBackupWindow"] = BACKUP_WINDOW
    if supports_insights(instance_class):
        properties |= {
            "EnablePerformanceInsights": True,
            "PerformanceInsightsRetentionPeriod": INSIGHTS_RETENTION_DAYS,
        }
    return properties
