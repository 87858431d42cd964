"""Help text that speaks the user's words: `PATH`, `table|json`, never `<list[Path]>`."""

from __future__ import annotations

from typing import Any

_NAMES = {"int": "INTEGER", "float": "NUMBER", "str": "TEXT", "Path": "PATH"}


def plain_metavars(command: Any) -> Any:
    """Give every parameter of `command` and its subcommands a plain metavar, in place.

    Flags show none; choices show `a|b|c`; the rest a word such as PATH or INTEGER.
    """
    for param in command.params:
        if param.param_type_name == "argument":
            _plain_argument(param)
        elif param.metavar is None:
            param.metavar = _metavar(param)
    _plain_help_option(command)
    for sub in getattr(command, "commands", {}).values():
        plain_metavars(sub)
    return command


def _metavar(param: Any) -> str:
    if getattr(param, "is_flag", False):
        return ""
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) if descriptor is not None else None
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    annotation = getattr(descriptor, "annotation", None)
    if getattr(descriptor, "is_list", False):
        annotation = next(iter(getattr(annotation, "__args__", ())), annotation)
    return _NAMES.get(getattr(annotation, "__name__", ""), "TEXT")


def _plain_argument(param: Any) -> None:
    """Named after what it is (MODEL), typed in words (PATH...)."""
    if param.metavar is None:
        param.metavar = (param.name or "value").upper().removesuffix("S")
    word = _metavar(param) + ("..." if param.nargs != 1 else "")
    param.display_type_rich = lambda ctx: word


def _plain_help_option(command: Any) -> None:
    """The built-in --help is made on first use; give it no metavar then."""
    make = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = get_help_option
