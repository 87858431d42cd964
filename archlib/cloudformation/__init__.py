"""CloudFormation export: the stack that gets deployed is the design that was reviewed."""

from archlib.cloudformation.exporter import build_template, to_cloudformation
from archlib.cloudformation.render import TemplateFormat, render

__all__ = ["TemplateFormat", "build_template", "render", "to_cloudformation"]
