"""Running the rules over a model: build the context once, apply the model's policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.registry import CATALOGUE, RULES
from archlib.checks.rule import Rule
from archlib.checks.suppressions import PolicyOutcome, apply_policy
from archlib.gc_pause import cyclic_gc_paused
from archlib.model import Architecture


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    """Active findings, most severe first, then by rule and subject."""
    suppressed: tuple[Finding, ...]
    """Findings a valid suppression in the model covers."""


def run_checks(
    model: Architecture,
    *,
    today: dt.date | None = None,
    rules: tuple[Rule, ...] = RULES,
    context: CheckContext | None = None,
) -> CheckResult:
    """Check a model; `today` decides which suppressions have expired (default: today).

    Pass a `context` made for the model to read its cost estimate and capacity analysis
    afterwards, computed once for the rules and the caller alike."""
    with cyclic_gc_paused():
        outcome = _outcome(model, today, rules, context)
    return CheckResult(
        tuple(sorted(outcome.active, key=Finding.sort_key)),
        tuple(sorted(outcome.suppressed, key=Finding.sort_key)),
    )


def _outcome(
    model: Architecture,
    today: dt.date | None,
    rules: tuple[Rule, ...],
    context: CheckContext | None,
) -> PolicyOutcome:
    """The findings after the policy. A context made here is freed on return, before the
    collector resumes: its analyses are no longer scanned for cycles they do not have
    (a tenth of the check's time on large models)."""
    context = context if context is not None else CheckContext.of(model, today)
    raw = [finding for rule in rules if rule.check for finding in rule.check(context)]
    known = {rule.id for rule in CATALOGUE} | {rule.id for rule in rules}
    return apply_policy(raw, model.checks, known, context.today)
