"""SARIF 2.1.0, the format GitHub code scanning reads: one run, results at model lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archlib.checks.engine import CheckResult
from archlib.checks.finding import Finding
from archlib.checks.locate import Locator
from archlib.checks.registry import CATALOGUE
from archlib.checks.suppressions import matching_suppression
from archlib.loader import LoadedModel

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "archlibFinding/v1"


def artifact_uri(path: Path) -> str:
    """Relative to the working directory when possible: code scanning wants repository paths."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "name": "".join(word.capitalize() for word in rule.title.split() if word.isalnum()),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.rationale},
            "help": {
                "text": f"{rule.rationale}\n\nFix: {rule.remediation}",
                "markdown": f"{rule.rationale}\n\n**Fix:** {rule.remediation}",
            },
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"tags": [rule.category]},
        }
        for rule in CATALOGUE
    ]


def _result(
    finding: Finding, loaded: LoadedModel, locator: Locator, index: dict[str, int]
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(loaded.file(locator.location(finding)))},
            "region": {"startLine": loaded.line(locator.location(finding))},
        }
    }
    if finding.component or finding.link:
        location["logicalLocations"] = [
            {
                "name": finding.component or finding.link,
                "fullyQualifiedName": f"{loaded.model.name}/{finding.subject}",
                "kind": "resource",
            }
        ]
        logical_id = getattr(loaded.document, "logical_ids", {}).get(finding.component)
        if logical_id is not None:  # a template: the resource as its author named it
            location["logicalLocations"].append(
                {
                    "name": logical_id,
                    "fullyQualifiedName": f"Resources/{logical_id}",
                    "kind": "resource",
                }
            )
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"category": finding.category, "model": loaded.model.name},
    }
    return result


def sarif_document(results: list[tuple[LoadedModel, CheckResult]]) -> dict[str, Any]:
    from archlib import __version__

    index = {rule.id: position for position, rule in enumerate(CATALOGUE)}
    entries: list[dict[str, Any]] = []
    for loaded, result in results:
        locator = Locator.of(loaded.model)
        entries.extend(_result(f, loaded, locator, index) for f in result.findings)
        for finding in result.suppressed:
            entry = _result(finding, loaded, locator, index)
            suppression = matching_suppression(loaded.model.checks, finding)
            entry["suppressions"] = [
                {
                    "kind": "inSource",
                    "justification": suppression.justification if suppression else "",
                }
            ]
            entries.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "archlib",
                        "version": __version__,
                        "rules": _rules(),
                    }
                },
                "results": entries,
                "columnKind": "unicodeCodePoints",
                **_coverage(results),
            }
        ],
    }


def _coverage(results: list[tuple[LoadedModel, CheckResult]]) -> dict[str, Any]:
    """Imported templates' coverage as run properties: what the findings could not see."""
    coverage = [loaded.model.imported.summary() for loaded, _ in results if loaded.model.imported]
    return {"properties": {"coverage": coverage}} if coverage else {}
