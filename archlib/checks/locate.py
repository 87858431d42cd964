"""Where in the model file a finding points."""

from __future__ import annotations

from dataclasses import dataclass

from archlib.checks.finding import Finding, Location
from archlib.model import Architecture


@dataclass(frozen=True)
class Locator:
    """Field paths for findings, from the model's component and link order."""

    components: dict[str, int]
    links: dict[str, int]

    @classmethod
    def of(cls, model: Architecture) -> Locator:
        links: dict[str, int] = {}
        for index, link in enumerate(model.links):
            links.setdefault(link.key, index)
        return cls({c.id: index for index, c in enumerate(model.components)}, links)

    def location(self, finding: Finding) -> Location:
        """The finding's own location, else its component's entry, else its link's."""
        if finding.location is not None:
            return finding.location
        if finding.component is not None and finding.component in self.components:
            return ("components", self.components[finding.component])
        if finding.link is not None and finding.link in self.links:
            return ("links", self.links[finding.link])
        return ()
