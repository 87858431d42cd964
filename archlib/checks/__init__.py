"""Checks: single points of failure and security, read from the model's topology."""

from archlib.checks.context import CheckContext
from archlib.checks.engine import CheckResult, run_checks
from archlib.checks.finding import Category, Finding, Severity
from archlib.checks.registry import CATALOGUE, RULES, rule_by_id
from archlib.checks.rule import Rule

__all__ = [
    "CATALOGUE",
    "RULES",
    "Category",
    "CheckContext",
    "CheckResult",
    "Finding",
    "Rule",
    "Severity",
    "rule_by_id",
    "run_checks",
]
