"""The CLI starts without importing what only some commands need.

`archlib --help` imports no command module and none of the libraries the commands use;
`archlib check` imports none of the libraries other commands use (drawing, AWS, rich's help
layout). Each probe runs the real entry point in a fresh interpreter and reads `sys.modules`.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from archlib.cli.app import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
STAGE = ROOT / "models" / "scaling-aws" / "1-single-box.yaml"

COMMAND_LIBRARIES = ("pydantic", "networkx", "yaml", "diagrams", "graphviz", "boto3", "botocore")
"""What commands import to do their work; `--help` needs none of it."""
HELP_LAYOUT = ("rich", "typer.rich_utils", "markdown_it")
"""Typer's rich help layout: more to import than the rest of start-up together."""


def modules_after(*arguments: str) -> set[str]:
    """The modules loaded once `archlib <arguments>` has run in a fresh interpreter."""
    probe = (
        "import json, sys\n"
        "from archlib.cli.app import main\n"
        f"sys.argv = ['archlib', *{list(arguments)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded: list[str] = json.loads(done.stderr.rsplit("\n", 1)[-1])
    return set(loaded)


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules} | modules


def test_help_imports_no_command_and_no_library() -> None:
    loaded = modules_after("--help")
    assert not top_level(loaded) & {*COMMAND_LIBRARIES, *HELP_LAYOUT}
    assert not {name for name in loaded if name.startswith("archlib.cli.")} - {
        "archlib.cli.app",
        "archlib.cli.metavars",
    }


def test_check_imports_only_what_checking_needs() -> None:
    loaded = top_level(modules_after("check", str(STAGE), "--fail-on", "never"))
    assert "archlib.checks" in loaded
    unneeded = {"networkx", "rich", "diagrams", "graphviz", "boto3", "botocore", "typer.rich_utils"}
    assert not loaded & unneeded
    assert not {name for name in loaded if name.startswith("archlib.cli.")} - {
        "archlib.cli.app",
        "archlib.cli.check",
        "archlib.cli.common",
        "archlib.cli.metavars",
    }


def test_dot_drawing_needs_no_graph_library(tmp_path: Path) -> None:
    loaded = top_level(modules_after("render", str(STAGE), "-f", "dot", "-o", str(tmp_path)))
    assert "archlib.drawing" in loaded
    assert not loaded & {"networkx", "boto3", "archlib.cloudformation"}


def test_show_needs_no_graph_library() -> None:
    loaded = top_level(modules_after("show", str(STAGE)))
    assert not loaded & {"networkx", "diagrams", "graphviz", "boto3"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_lists_each_command_with_its_own_summary(name: str) -> None:
    """`archlib --help` lists summaries without importing the commands; they must stay the
    first paragraph of each command's own docstring."""
    module, attribute = COMMANDS[name].target.split(":")
    target = getattr(import_module(module), attribute)
    # a sub-app's help is given when it is created; a command's is its docstring
    docstring = target.info.help if hasattr(target, "info") else inspect.getdoc(target)
    first_paragraph = " ".join(docstring.split("\n\n")[0].split())
    assert COMMANDS[name].summary == first_paragraph


def test_module_entry_point_prints_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_every_command_runs_its_own_help() -> None:
    for name in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "archlib", name, "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert f"archlib {name}" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "no-such-command"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "No such command 'no-such-command'" in result.stderr


def _plugin_environment(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A folder on the path holding a distribution whose pydantic plugin, once loaded, leaves
    a marker file: what an environment with, say, a tracing plugin installed looks like."""
    marker = tmp_path / "plugin-loaded"
    (tmp_path / "probe_plugin.py").write_text(
        "from pathlib import Path\n"
        f"Path({str(marker)!r}).touch()\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *arguments, **keywords):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    dist = tmp_path / "probe_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: probe-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pydantic]\nprobe = probe_plugin:plugin\n")
    environment = {
        key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"
    }
    environment["PYTHONPATH"] = str(tmp_path)
    return environment, marker


def test_commands_do_not_load_pydantic_plugins(tmp_path: Path) -> None:
    environment, marker = _plugin_environment(tmp_path)
    command = [sys.executable, "-m", "archlib", "check", str(STAGE), "--fail-on", "never"]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
    assert not marker.exists()


def test_a_user_who_sets_the_variable_gets_the_plugins(tmp_path: Path) -> None:
    environment, marker = _plugin_environment(tmp_path)
    environment["PYDANTIC_DISABLE_PLUGINS"] = ""
    command = [sys.executable, "-m", "archlib", "check", str(STAGE), "--fail-on", "never"]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
    assert marker.exists()
