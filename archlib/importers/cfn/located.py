"""Findings on an imported model point at the template's lines: each resource's logical id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
    component_files: dict[int, Path] = field(default_factory=dict)
    link_files: dict[int, Path] = field(default_factory=dict)
    """Where a component or link is written, when not in `path` (a Terraform file)."""

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
        files = {
            component_id: template.resource_files[logical_ids[0]]
            for component_id, logical_ids in sources.items()
            if logical_ids and logical_ids[0] in template.resource_files
        }
        component_files = {
            index: files[c.id] for index, c in enumerate(model.components) if c.id in files
        }
        link_files = {
            index: files.get(link.target, files.get(link.source, template.path))
            for index, link in enumerate(model.links)
            if link.target in files or link.source in files
        }
        return cls(
            path=template.path,
            data=model.model_dump(mode="json"),
            tree=yaml.MappingNode("tag:yaml.org,2002:map", []),
            component_lines=component_lines,
            link_lines=link_lines,
            logical_ids={component_id: ids[0] for component_id, ids in sources.items() if ids},
            component_files=component_files,
            link_files=link_files,
        )

    def file_of(self, loc: Sequence[str | int]) -> Path:
        """The file a field path is written in: a component's own file, else the input's."""
        steps = list(loc)
        if len(steps) >= 2 and isinstance(steps[1], int):
            if steps[0] == "components":
                return self.component_files.get(steps[1], self.path)
            if steps[0] == "links":
                return self.link_files.get(steps[1], self.path)
        return self.path

    def position(self, loc: Sequence[str | int]) -> tuple[int | None, int | None, str]:
        steps = list(loc)
        path = ".".join(str(step) for step in steps)
        if len(steps) >= 2 and isinstance(steps[1], int):
            if steps[0] == "components" and steps[1] in self.component_lines:
                return self.component_lines[steps[1]], 3, path
            if steps[0] == "links" and steps[1] in self.link_lines:
                return self.link_lines[steps[1]], 3, path
        return 1, 1, path
