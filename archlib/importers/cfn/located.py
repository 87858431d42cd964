"""Findings on an imported model point at the template's lines: each resource's logical id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from archlib.importers.cfn.template import Template
from archlib.loader.document import Document
from archlib.model import Architecture


@dataclass(frozen=True)
class TemplateDocument(Document):
    """A stand-in for the model file: field paths resolve to lines of the template."""

    component_lines: dict[int, int] = field(default_factory=dict)
    link_lines: dict[int, int] = field(default_factory=dict)
    logical_ids: dict[str, str] = field(default_factory=dict)
    """Component id -> the logical id of the resource it came from."""

    @classmethod
    def of(
        cls, template: Template, model: Architecture, sources: dict[str, list[str]]
    ) -> TemplateDocument:
        lines = {
            component_id: template.line_of(logical_ids[0])
            for component_id, logical_ids in sources.items()
            if logical_ids
        }
        component_lines = {
            index: lines[c.id] for index, c in enumerate(model.components) if c.id in lines
        }
        link_lines = {
            index: lines.get(link.target, lines.get(link.source, 1))
            for index, link in enumerate(model.links)
        }
        return cls(
            path=template.path,
            data=model.model_dump(mode="json"),
            tree=yaml.MappingNode("tag:yaml.org,2002:map", []),
            component_lines=component_lines,
            link_lines=link_lines,
            logical_ids={component_id: ids[0] for component_id, ids in sources.items() if ids},
        )

    def position(self, loc: Sequence[str | int]) -> tuple[int | None, int | None, str]:
        steps = list(loc)
        path = ".".join(str(step) for step in steps)
        if len(steps) >= 2 and isinstance(steps[1], int):
            if steps[0] == "components" and steps[1] in self.component_lines:
                return self.component_lines[steps[1]], 3, path
            if steps[0] == "links" and steps[1] in self.link_lines:
                return self.link_lines[steps[1]], 3, path
        return 1, 1, path
