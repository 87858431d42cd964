"""The catalogue: every rule, in the order output lists them. Add a rule here explicitly."""

from __future__ import annotations

from archlib.checks.rule import Rule
from archlib.checks.rules import (
    cap001_saturated,
    cap002_over_limit,
    cap003_az_loss,
    cap004_autoscaling_max,
    cap005_not_analysed,
    cap006_unserved,
    cap007_storage_outgrown,
    cost001_budget,
    cost002_previous_generation,
    cost003_budget_unjudged,
    sec001_admin_open,
    sec002_ssh_allowlist,
    sec003_internet_ports,
    sec004_internet_entry,
    sec005_store_exposed,
    sec006_broken_link,
    sec007_unused_ingress,
    sec008_egress,
    sec009_encryption_at_rest,
    sec010_encryption_in_transit,
    sec011_public_bucket,
    sec012_bucket_behind_cdn,
    sec013_weak_tls_policy,
    sec014_http_without_redirect,
    sec015_store_open_to_public_subnets,
    sec016_servers_in_public_subnets,
    sec017_dns_to_store,
    spof001_chokepoint,
    spof002_single_az,
    spof003_database,
    spof004_cache,
    spof005_colocated,
    spof006_nat,
)
from archlib.checks.suppressions import POLICY_RULES

RULES: tuple[Rule, ...] = (
    spof001_chokepoint.RULE,
    spof002_single_az.RULE,
    spof003_database.RULE,
    spof004_cache.RULE,
    spof005_colocated.RULE,
    spof006_nat.RULE,
    sec001_admin_open.RULE,
    sec002_ssh_allowlist.RULE,
    sec003_internet_ports.RULE,
    sec004_internet_entry.RULE,
    sec005_store_exposed.RULE,
    sec006_broken_link.RULE,
    sec007_unused_ingress.RULE,
    sec008_egress.RULE,
    sec009_encryption_at_rest.RULE,
    sec010_encryption_in_transit.RULE,
    sec011_public_bucket.RULE,
    sec012_bucket_behind_cdn.RULE,
    sec013_weak_tls_policy.RULE,
    sec014_http_without_redirect.RULE,
    sec015_store_open_to_public_subnets.RULE,
    sec016_servers_in_public_subnets.RULE,
    sec017_dns_to_store.RULE,
    cap001_saturated.RULE,
    cap002_over_limit.RULE,
    cap003_az_loss.RULE,
    cap004_autoscaling_max.RULE,
    cap005_not_analysed.RULE,
    cap006_unserved.RULE,
    cap007_storage_outgrown.RULE,
    cost001_budget.RULE,
    cost002_previous_generation.RULE,
    cost003_budget_unjudged.RULE,
)
"""Rules that read the architecture."""

CATALOGUE: tuple[Rule, ...] = RULES + POLICY_RULES
"""Everything a finding can come from, including the checks of the model's own policy."""


def rule_by_id(rule_id: str) -> Rule | None:
    for rule in CATALOGUE:
        if rule.id == rule_id:
            return rule
    return None
