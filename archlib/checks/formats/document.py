"""Check results as plain data (the JSON output), with line numbers in the model file."""

from __future__ import annotations

from collections import Counter
from typing import Any

from archlib.checks.engine import CheckResult
from archlib.checks.finding import Finding
from archlib.checks.locate import Locator
from archlib.loader import LoadedModel


def finding_document(finding: Finding, loaded: LoadedModel, locator: Locator) -> dict[str, Any]:
    return {
        "rule": finding.rule_id,
        "category": finding.category,
        "severity": finding.severity,
        "component": finding.component,
        "link": finding.link,
        "components": list(finding.components),
        "message": finding.message,
        "line": loaded.line(locator.location(finding)),
        "fingerprint": finding.fingerprint,
    }


def result_document(loaded: LoadedModel, result: CheckResult) -> dict[str, Any]:
    locator = Locator.of(loaded.model)
    counts = Counter(f.severity for f in result.findings)
    document: dict[str, Any] = {
        "model": loaded.model.name,
        "path": loaded.path.as_posix(),
        "summary": {
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
            "suppressed": len(result.suppressed),
        },
        "findings": [finding_document(f, loaded, locator) for f in result.findings],
        "suppressed": [finding_document(f, loaded, locator) for f in result.suppressed],
    }
    if loaded.model.imported is not None:
        document["coverage"] = loaded.model.imported.summary()
    return document
