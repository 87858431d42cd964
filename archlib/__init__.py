"""archlib: one typed model of a system's architecture, drawn, checked, priced and deployed."""

from archlib.errors import InputError
from archlib.loader import load, load_text, save
from archlib.model import Architecture

__all__ = ["Architecture", "InputError", "load", "load_text", "save", "to_cloudformation"]
__version__ = "0.1.0"


def to_cloudformation(model: Architecture) -> dict[str, object]:
    """The model's CloudFormation template as data; `archlib.cloudformation.render` prints it."""
    from archlib.cloudformation import to_cloudformation as export

    return export(model)
