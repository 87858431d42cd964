"""cfn-lint accepts every reference stage's template with no error and no warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib import load
from archlib.cloudformation import TemplateFormat, render, to_cloudformation
from tests.cloudformation.support import STAGES, lint


@pytest.mark.parametrize("path", STAGES, ids=[p.stem for p in STAGES])
def test_stage_template_lints_clean(path: Path) -> None:
    model = load(path)
    findings = lint(render(to_cloudformation(model)), model.region)
    assert findings == [], "\n".join(map(str, findings))


def test_json_form_lints_clean_too() -> None:
    model = load(STAGES[-1])
    text = render(to_cloudformation(model), TemplateFormat.json)
    assert lint(text, model.region) == []


def test_lint_catches_a_broken_template() -> None:
    """The lint helper is live: an unknown property is an error."""
    template = to_cloudformation(load(STAGES[0]))
    template["Resources"]["Vpc"]["Properties"]["CidrBlok"] = "10.0.0.0/16"
    rules = {finding.rule for finding in lint(render(template))}
    assert "E3002" in rules
