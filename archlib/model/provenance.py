"""Where a model came from when it was read from a template, and what of it was left out.

A figure of an imported model must describe that stack, so every output can say how much of
the template the model holds and list the rest with its line and the reason.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from archlib.model.base import StrictModel

LogicalId = Annotated[str, Field(min_length=1, max_length=255)]


class UnmodelledResource(StrictModel):
    logical_id: LogicalId
    type: str = Field(max_length=255)
    line: int | None = Field(default=None, ge=1, description="Line of the template.")
    reason: str = Field(max_length=500)
    file: str | None = Field(
        default=None, max_length=1000, description="The file it is written in (Terraform)."
    )

    def where(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return f"line {self.line}" if self.line else (self.file or "")


class Provenance(StrictModel):
    """The template a model was imported from, as much of it as the model does not hold."""

    template: str = Field(max_length=1000, description="The template's path as given.")
    resources: int = Field(ge=0, description="Resources the template declares.")
    modelled: int = Field(ge=0, description="Resources that became components or the network.")
    declared: int = Field(
        default=0, ge=0, description="Resources that became the model's declared operations."
    )
    not_modelled: list[UnmodelledResource] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    traffic: str = Field(default="", max_length=1000, description="Where the load comes from.")

    def coverage_line(self) -> str:
        """One line a reader can trust the figures by, as a linter's summary line."""
        declared = self.declared
        left = len(self.not_modelled)
        parts = [f"{self.modelled} modelled"]
        if declared:
            parts.append(f"{declared} operations resources priced as declared")
        parts.append(f"{left} not modelled")
        line = f"{self.template}: {self.resources} resources: {', '.join(parts)}"
        if left:
            line += f" ({', '.join(self.not_modelled_types())})"
        return line

    def short_line(self) -> str:
        """The coverage in a diagram caption's few words; the full list is in the reports."""
        parts = [f"{self.modelled} drawn"]
        if self.declared:
            parts.append(f"{self.declared} operations")
        parts.append(f"{len(self.not_modelled)} not modelled")
        return f"Template: {self.resources} resources: {', '.join(parts)}"

    def not_modelled_types(self) -> list[str]:
        counts: dict[str, int] = {}
        for item in self.not_modelled:
            counts[item.type] = counts.get(item.type, 0) + 1
        return [f"{t} x{n}" if n > 1 else t for t, n in sorted(counts.items())]

    def summary(self) -> dict[str, object]:
        """The coverage as data: the line, the counts and every resource left out."""
        return {
            "line": self.coverage_line(),
            "template": self.template,
            "resources": self.resources,
            "modelled": self.modelled,
            "declared_operations": self.declared,
            "not_modelled": [item.model_dump(mode="json") for item in self.not_modelled],
        }

    def not_modelled_lines(self) -> list[str]:
        """`LogicalId (Type), line N: reason`, one per resource left out."""
        return [
            f"{item.logical_id} ({item.type})"
            + (f", {item.where()}" if item.where() else "")
            + f": {item.reason}"
            for item in self.not_modelled
        ]

    def markdown(self) -> list[str]:
        """A section for a Markdown report: the coverage line, then the table of what is out."""
        out = ["## Coverage of the template", "", self.coverage_line(), ""]
        if self.not_modelled:
            out += ["| logical id | type | line | reason |", "|---|---|---:|---|"]
            out += [
                f"| `{i.logical_id}` | `{i.type}` | {i.where() if i.file else (i.line or '')} "
                f"| {i.reason} |"
                for i in self.not_modelled
            ]
            out.append("")
        return out
