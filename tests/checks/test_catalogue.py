"""The catalogue: unique, well-formed rules, and the generated docs page kept current."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from archlib.checks import CATALOGUE, RULES, rule_by_id
from archlib.checks.formats.catalogue import catalogue_markdown
from tests.checks.helpers import ROOT


def test_rule_ids_are_unique_and_stable_in_form() -> None:
    ids = [rule.id for rule in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]+[0-9]{3}", rule_id) for rule_id in ids)


def test_every_rule_explains_itself() -> None:
    for rule in CATALOGUE:
        assert rule.title and rule.rationale and rule.remediation, rule.id
        assert rule.category in ("spof", "security", "capacity", "cost", "policy")
        assert rule_by_id(rule.id) is rule


def test_registered_rules_cover_every_architecture_category() -> None:
    assert {rule.category for rule in RULES} >= {"spof", "security", "cost"}


def test_docs_page_is_current() -> None:
    page = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert page == catalogue_markdown(), "regenerate: archlib docs"


def test_rules_command_lists_the_catalogue() -> None:
    from archlib.cli.app import app

    result = CliRunner().invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == [r.id for r in CATALOGUE]


def test_registered_rules_have_a_check_and_policy_rules_do_not() -> None:
    assert all(rule.check is not None for rule in RULES)
    assert all(rule.check is None for rule in CATALOGUE if rule not in RULES)
