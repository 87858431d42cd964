"""Every documentation page generated from code, by file name; one place to add a page."""

from __future__ import annotations

from archlib.checks.formats.catalogue import catalogue_markdown
from archlib.report.model_reference import model_reference


def generated_pages() -> dict[str, str]:
    from archlib.capacity import default_assumptions
    from archlib.capacity.docs import assumptions_markdown

    return {
        "model-reference.md": model_reference(),
        "rules.md": catalogue_markdown(),
        "capacity-assumptions.md": assumptions_markdown(default_assumptions()),
    }
