"""Every configuration and plan of the Terraform corpus imports, listing what it leaves out,
or is refused in one line; none crashes or hangs."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from archlib.checks import run_checks
from archlib.errors import InputError
from archlib.importers.tf.importer import import_terraform
from archlib.importers.tf.sniff import looks_like_terraform

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "tf-corpus"
SECONDS_EACH = 10.0
NOT_A_PLAN = {"checkov-corrupted-plan"}
"""A state document of a test provider, kept in the corpus to be refused."""


def _entries() -> list[dict[str, Any]]:
    listing = CORPUS / "configurations.json"
    if not listing.is_file():
        pytest.skip(f"the Terraform corpus is not beside the repository ({CORPUS})")
    entries: list[dict[str, Any]] = json.loads(listing.read_text(encoding="utf-8"))
    return entries


def test_whole_corpus_imports_or_is_refused_in_one_line() -> None:
    entries = _entries()
    imported: dict[str, str] = {}
    refused: dict[str, str] = {}
    slow: list[tuple[str, float]] = []
    for entry in entries:
        path = CORPUS / entry["path"]
        assert looks_like_terraform(path), entry["id"]
        start = time.perf_counter()
        try:
            result = import_terraform(path)
            run_checks(result.model)
        except InputError as error:
            refused[entry["id"]] = str(error)
        else:
            coverage = result.model.imported
            assert coverage is not None
            assert coverage.resources == (
                coverage.modelled + coverage.declared + len(coverage.not_modelled)
            ), entry["id"]
            imported[entry["id"]] = coverage.coverage_line()
        elapsed = time.perf_counter() - start
        if elapsed > SECONDS_EACH:
            slow.append((entry["id"], elapsed))
    assert slow == []
    for message in refused.values():
        assert "\n" not in message and message.startswith(str(CORPUS)), message
    configurations = [e["id"] for e in entries if e["kind"] == "hcl"]
    plans = [e["id"] for e in entries if e["kind"] == "plan"]
    assert len(configurations) == 39 and len(plans) == 19
    read = [name for name in configurations if name in imported]
    assert len(read) >= 0.8 * len(configurations), sorted(set(configurations) - set(read))
    assert set(refused) >= NOT_A_PLAN
    for name in plans:
        if name in refused:
            assert "nothing to import" in refused[name], refused[name]


def test_refusals_name_what_has_no_kind() -> None:
    entries = {e["id"]: e for e in _entries()}
    path = CORPUS / entries["checkov-elasticsearch"]["path"]
    with pytest.raises(InputError) as raised:
        import_terraform(path)
    assert "aws_elasticsearch_domain" in str(raised.value)


def test_plan_references_become_links() -> None:
    entries = {e["id"]: e for e in _entries()}
    model = import_terraform(CORPUS / entries["tc-nlb-network"]["path"]).model
    kinds = sorted(c.kind for c in model.components)
    assert "load_balancer" in kinds
    assert model.network.subnets
