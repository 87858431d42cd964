"""Plans and configurations of unexpected shapes are read as far as they go or refused in
one line; nothing else escapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.errors import InputError
from archlib.importers.tf.importer import import_terraform

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 70000),
    st.text(max_size=6),
    st.just("0.0.0.0/0"),
    st.just([]),
    st.just({}),
    st.just([{}]),
    st.just({"references": 3}),
)
RESOURCE = st.fixed_dictionaries(
    {
        "address": st.sampled_from(["aws_instance.a", "aws_lb.b", "aws_s3_bucket.c", "x"]),
        "mode": st.just("managed"),
        "type": st.sampled_from(
            ["aws_instance", "aws_lb", "aws_s3_bucket", "aws_security_group", "aws_db_instance"]
        ),
        "name": st.just("n"),
        "values": st.one_of(
            JUNK,
            st.dictionaries(
                st.sampled_from(
                    ["instance_type", "subnets", "ingress", "bucket", "engine", "tags", "port"]
                ),
                JUNK,
                max_size=4,
            ),
        ),
    }
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(resources=st.lists(st.one_of(RESOURCE, JUNK), max_size=5), children=JUNK)
def test_plans_of_any_shape(tmp_path: Path, resources: list[Any], children: Any) -> None:
    plan = {
        "format_version": "1.0",
        "planned_values": {"root_module": {"resources": resources, "child_modules": children}},
        "configuration": {"root_module": {"module_calls": children}},
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    try:
        import_terraform(path)
    except InputError as error:
        assert "\n" not in str(error)


def test_not_json_and_not_a_plan(tmp_path: Path) -> None:
    for text in ("not json", "[1, 2]", '{"format_version": "1.0"}'):
        path = tmp_path / "plan.json"
        path.write_text(text, encoding="utf-8")
        try:
            import_terraform(path)
        except InputError as error:
            assert str(error).startswith(str(path))
        else:
            raise AssertionError(text)


def test_the_hcl_parser_is_imported_only_for_a_configuration() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from archlib.loader import load_located\n"
        "load_located('tests/valid_tiny.yaml')\n"
        "import archlib.cli.import_cfn\n"
        "print('hcl2' in sys.modules, 'lark' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
