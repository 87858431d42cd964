"""Every page lists the rules it ran, passed, failed or suppressed, and why a finding was
accepted."""

from __future__ import annotations

import re

from archlib import check, load
from archlib.checks import RULES
from tests.conftest import STAGE_FILES


def test_every_rule_is_listed_with_its_result(stage_pages: dict[str, str]) -> None:
    for path in STAGE_FILES:
        page = stage_pages[path.stem]
        result = check(load(path))
        failed = {f.rule_id for f in result.findings}
        suppressed = {f.rule_id for f in result.suppressed} - failed
        rows = re.findall(r'<tr class="result-(\w+)" data-rule="(\w+)">', page)
        found = {rule: outcome for outcome, rule in rows}
        assert set(found) == {rule.id for rule in RULES}
        assert {r for r, o in found.items() if o == "failed"} == failed
        assert {r for r, o in found.items() if o == "suppressed"} == suppressed
        passed = len(RULES) - len(failed) - len(suppressed)
        summary = (
            f"{len(RULES)} rules: {passed} passed, {len(failed)} failed, "
            f"{len(suppressed)} suppressed."
        )
        assert summary in page


def test_a_suppressed_finding_says_why_and_until_when(stage_pages: dict[str, str]) -> None:
    page = stage_pages["6-users-plus-5"]
    accepted = re.search(r'<p class="justification">(.*?)</p>', page, re.S)
    assert accepted
    assert "sharding or federation is the next step; no expiry date." in accepted.group(1)
