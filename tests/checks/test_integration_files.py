"""The files that wire checks into other tools: the pre-commit manifest."""

from __future__ import annotations

import re

from pre_commit.clientlib import load_manifest

from tests.checks.helpers import ROOT


def test_pre_commit_manifest_is_valid_and_targets_models() -> None:
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "archlib-check"
    assert hook["entry"].split() == ["archlib", "check"]
    pattern = re.compile(hook["files"])
    assert pattern.search("models/scaling-aws/1-single-box.yaml")
    assert not pattern.search(".github/workflows/ci.yaml")
