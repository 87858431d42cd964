"""The assumptions table: complete, documented, and overridable without silent typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from archlib.capacity import analyse, default_assumptions, load_assumptions
from archlib.capacity.assumptions import Assumptions
from archlib.capacity.docs import assumptions_markdown
from archlib.errors import InputError

DOCS = Path(__file__).parents[2] / "docs"


def test_every_assumption_states_a_unit_and_a_basis():
    for entry in default_assumptions():
        assert entry.unit.strip(), entry.name
        assert len(entry.basis) > 20, entry.name


def test_the_committed_assumptions_page_is_the_table(tmp_path):
    page = (DOCS / "capacity-assumptions.md").read_text("utf-8")
    assert page == assumptions_markdown(default_assumptions())
    for entry in default_assumptions():
        assert f"`{entry.section}.{entry.name}`" in page


def test_an_override_replaces_a_value_and_may_add_a_family(tmp_path, build):
    overrides = tmp_path / "ours.yaml"
    overrides.write_text(
        "compute_roles:\n"
        "  web_application: 250\n"
        "instance_families:\n"
        "  m8x: {value: 2.0, basis: measured in our own load test}\n"
        "  m7a: {value: 2.0, basis: measured in our own load test}\n",
        "utf-8",
    )
    table = load_assumptions(overrides)
    assert table.get("compute_roles", "web_application") == 250
    assert table.entries["compute_roles"]["web_application"].overridden
    assert table.get("instance_families", "m8x") == 2.0
    model = build("""
components:
  - {id: users, kind: client}
  - {id: web, kind: web_server, instance_type: m7a.large, count: 1, subnets: [app-a]}
  - {id: db, kind: relational_database, instance_class: db.m6i.large, subnets: [app-a]}
links:
  - {source: users, target: web}
  - {source: web, target: db}
""")
    assert analyse(model, table).use("web").utilisation == pytest.approx(220 / (2 * 250 * 2.0))


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        ("compute_roles:\n  web_aplication: 250\n", "compute_roles.web_aplication", 2),
        ("computer_roles:\n  web_application: 250\n", "computer_roles", 1),
        ("database:\n  queries_per_read: -1\n", "database.queries_per_read", 2),
        ("database:\n  queries_per_read: {valeu: 3}\n", "database.queries_per_read", 2),
        ("instance_families:\n  m8x: 1.5\n", "instance_families.m8x", 2),
    ],
)
def test_a_bad_override_is_an_error_naming_file_line_and_field(tmp_path, text, field, line):
    overrides = tmp_path / "bad.yaml"
    overrides.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        load_assumptions(overrides)
    assert caught.value.field == field
    assert caught.value.line == line
    assert caught.value.path == str(overrides)


def test_a_family_without_a_figure_is_an_error_that_says_how_to_fix_it(build):
    model = build("""
components:
  - {id: users, kind: client}
  - {id: web, kind: web_server, instance_type: m7a.large, count: 1, subnets: [app-a]}
links:
  - {source: users, target: web}
""")
    table = default_assumptions()
    families = {k: v for k, v in table.entries["instance_families"].items() if k != "m7a"}
    without = Assumptions({**table.entries, "instance_families": families})
    with pytest.raises(InputError, match="instance_families"):
        analyse(model, without)
