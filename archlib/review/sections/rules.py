"""Every rule the checks ran on the model and how it came out: a clean page still says what
was looked for, and a suppression says who accepted the finding, why and until when."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archlib.review.facts import ModelReview


def rules_section(review: ModelReview) -> dict[str, Any]:
    from archlib.checks import RULES

    active = Counter(f.rule_id for f in review.result.findings)
    suppressed = Counter(f.rule_id for f in review.result.suppressed)
    overridden = review.loaded.model.checks.severity
    rows = []
    for rule in RULES:
        if active[rule.id]:
            result = "failed"
        elif suppressed[rule.id]:
            result = "suppressed"
        else:
            result = "passed"
        rows.append(
            {
                "id": rule.id,
                "title": rule.title,
                "category": rule.category,
                "severity": overridden.get(rule.id, rule.severity),
                "result": result,
                "active": active[rule.id],
                "suppressed": suppressed[rule.id],
            }
        )
    outcome = Counter(row["result"] for row in rows)
    return {
        "rows": rows,
        "count": len(rows),
        "passed": outcome["passed"],
        "failed": outcome["failed"],
        "suppressed": outcome["suppressed"],
    }
