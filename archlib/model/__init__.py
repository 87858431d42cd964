"""The typed architecture model."""

from archlib.model.architecture import Architecture, Stage
from archlib.model.components import *  # noqa: F403
from archlib.model.components import __all__ as _component_names
from archlib.model.graph import ArchitectureGraph
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
