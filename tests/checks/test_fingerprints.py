"""Fingerprints identify a finding across edits that do not touch what it is about."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.checks.helpers import check, stage_data

ids = st.from_regex(r"[a-z][a-z0-9]{2,10}", fullmatch=True).map(lambda s: f"extra-{s}")
unrelated = st.one_of(
    st.builds(lambda i: {"id": i, "kind": "object_store"}, ids),
    st.builds(lambda i: {"id": i, "kind": "queue"}, ids),
    st.builds(lambda i: {"id": i, "kind": "nosql_table"}, ids),
)


def fingerprints(data: dict[str, Any]) -> dict[str, str]:
    return {f.fingerprint: f.rule_id for f in check(data).findings}


@settings(max_examples=25, deadline=None)
@given(
    number=st.sampled_from([1, 2]),
    extras=st.lists(unrelated, max_size=4, unique_by=lambda c: c["id"]),
    seed=st.randoms(use_true_random=False),
)
def test_unrelated_edits_keep_fingerprints(
    number: int, extras: list[dict[str, Any]], seed: Any
) -> None:
    base = stage_data(number)
    before = fingerprints(base)
    edited = stage_data(number)
    edited["components"].extend(extras)
    seed.shuffle(edited["components"])
    seed.shuffle(edited["links"])
    edited["description"] = "edited"
    assert fingerprints(edited) == before


def test_fingerprint_depends_on_rule_and_subject() -> None:
    findings = check(stage_data(1)).findings
    assert len({f.fingerprint for f in findings}) == len(findings)


def test_output_order_is_deterministic() -> None:
    first = stage_data(2)
    second = stage_data(2)
    second["components"].reverse()
    assert [f.fingerprint for f in check(first).findings] == [
        f.fingerprint for f in check(second).findings
    ]
