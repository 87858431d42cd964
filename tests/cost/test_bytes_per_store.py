"""Each store keeps its own bytes per write; storage stops where the resource stops."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archlib.checks import run_checks
from archlib.cost.estimator import estimate
from archlib.loader import load_text
from archlib.model import Architecture

FRONTED = Path(__file__).resolve().parents[1] / "traffic" / "models" / "cdn_in_front.yaml"


def _uploads_and_rows(db: str = "") -> Architecture:
    """Photos of 500 KB go to S3 and a row per photo to PostgreSQL (writes fan out)."""
    text = FRONTED.read_text()
    text = text.replace(
        "  - {source: web, target: db}\n",
        "  - {source: web, target: db, traffic: writes}\n",
    )
    text = text.replace("multi_az: true, storage_gb: 100", "multi_az: true, storage_gb: 100" + db)
    return load_text(text, "uploads.yaml")


def _lines(model: Architecture) -> dict[tuple[str, str], object]:
    return {
        (c.id, line.name.split(" (")[0]): line
        for c in estimate(model).components
        for line in c.lines
    }


def test_an_upload_path_keeps_the_photos_in_s3_and_rows_in_the_database() -> None:
    lines = _lines(_uploads_and_rows())
    s3 = lines[("uploads", "Storage")]
    db = lines[("db", "Storage")]
    # 10,000,000 photos a month x 500 KB = 5,000 GB a month; averaged over 36 months.
    assert s3.quantity == pytest.approx(5_000 * 18.5)  # type: ignore[attr-defined]
    # A 1 KB row per photo: 10 GB a month, 185 GB on average, inside the 200 GB it can reach.
    assert db.quantity == pytest.approx(185)  # type: ignore[attr-defined]


def test_a_store_may_state_what_each_write_keeps() -> None:
    model = _uploads_and_rows(db=", stored_kb_per_write: 4, max_storage_gb: 1000")
    db = _lines(model)[("db", "Storage")]
    # 10,000,000 x 4 KB = 40 GB a month, 740 GB on average.
    assert db.quantity == pytest.approx(740)  # type: ignore[attr-defined]


def test_storage_is_held_at_what_the_database_can_grow_to_and_a_finding_says_so() -> None:
    model = _uploads_and_rows(db=", stored_kb_per_write: 500, max_storage_gb: 30000")
    db = _lines(model)[("db", "Storage")]
    assert db.quantity == pytest.approx(30_000)  # type: ignore[attr-defined]
    assert "held at the 30,000 GB" in db.basis  # type: ignore[attr-defined]
    backup = _lines(model)[("db", "Backup storage beyond the free allowance")]
    assert "a full copy (30,000 GB)" in backup.basis  # type: ignore[attr-defined]
    findings = [f for f in run_checks(model).findings if f.rule_id == "CAP007"]
    assert len(findings) == 1 and findings[0].component == "db"
    roomy = _uploads_and_rows(db=", max_storage_gb: 1000")  # 360 GB when the window is full
    assert not [f for f in run_checks(roomy).findings if f.rule_id == "CAP007"]


def test_without_a_ceiling_storage_never_exceeds_rds_64_tib() -> None:
    model = _uploads_and_rows(db=", stored_kb_per_write: 500")
    model.component("db").storage_gb = 40_000  # type: ignore[union-attr]
    db = _lines(model)[("db", "Storage")]
    assert db.quantity == pytest.approx(65_536)  # type: ignore[attr-defined]


def test_backups_follow_the_stated_storage() -> None:
    model = _uploads_and_rows(db=", stored_kb_per_write: 500, max_storage_gb: 30000")
    model.component("db").usage = {"storage_gb": 250}  # type: ignore[union-attr]
    backup = _lines(model)[("db", "Backup storage beyond the free allowance")]
    assert "a full copy (250 GB)" in backup.basis  # type: ignore[attr-defined]


@settings(max_examples=30, deadline=None)
@given(
    st.floats(0.1, 5_000),
    st.integers(20, 40_000),
    st.one_of(st.none(), st.integers(21, 65_536)),
    st.floats(0.01, 100),
)
def test_storage_never_exceeds_what_the_database_can_hold(
    kb: float, storage: int, ceiling: int | None, scale: float
) -> None:
    model = _uploads_and_rows(db=f", stored_kb_per_write: {kb!r}")
    db = model.component("db")
    db.storage_gb = storage  # type: ignore[union-attr]
    db.max_storage_gb = ceiling if ceiling is not None and ceiling > storage else None  # type: ignore[union-attr]
    model.traffic.writes_per_month *= scale
    line = _lines(model)[("db", "Storage")]
    limit = min(db.max_storage_gb or 2 * storage, 65_536)  # type: ignore[union-attr]
    assert line.quantity <= max(limit, storage) + 1e-6  # type: ignore[attr-defined]
