"""The typed architecture model.

`ArchitectureGraph` is imported on first use: loading a model does not need it.
"""

from typing import TYPE_CHECKING, Any

from archlib.model.architecture import Architecture, Stage
from archlib.model.components import *  # noqa: F403
from archlib.model.components import __all__ as _component_names
from archlib.model.links import Link
from archlib.model.network import Network, Subnet
from archlib.model.operations import Operations
from archlib.model.policy import Budget, ChecksPolicy, Severity, Suppression
from archlib.model.security import INTERNET, IngressRule
from archlib.model.traffic import TrafficProfile, UsageFigures

__all__ = [
    *_component_names,
    "INTERNET",
    "Architecture",
    "ArchitectureGraph",
    "Budget",
    "ChecksPolicy",
    "IngressRule",
    "Link",
    "Network",
    "Operations",
    "Severity",
    "Stage",
    "Subnet",
    "Suppression",
    "TrafficProfile",
    "UsageFigures",
]


if TYPE_CHECKING:
    from archlib.model.graph import ArchitectureGraph


def __getattr__(name: str) -> Any:
    if name == "ArchitectureGraph":
        from archlib.model.graph import ArchitectureGraph

        return ArchitectureGraph
    raise AttributeError(f"module 'archlib.model' has no attribute {name!r}")
