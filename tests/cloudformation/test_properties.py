"""Any valid model exports to a template cfn-lint accepts without errors."""

from __future__ import annotations

from hypothesis import given, settings

from archlib.cloudformation import render, to_cloudformation
from archlib.model import Architecture
from tests.cloudformation.strategies import architectures
from tests.cloudformation.support import lint


@settings(settings.get_profile("cloudformation"))
@given(architectures())
def test_any_valid_model_exports_a_template_without_lint_errors(model: Architecture) -> None:
    text = render(to_cloudformation(model))
    errors = [finding for finding in lint(text, model.region) if finding.rule.startswith("E")]
    assert errors == [], "\n".join(map(str, errors))


@settings(settings.get_profile("cloudformation"))
@given(architectures())
def test_export_is_deterministic(model: Architecture) -> None:
    assert render(to_cloudformation(model)) == render(
        to_cloudformation(model.model_copy(deep=True))
    )
