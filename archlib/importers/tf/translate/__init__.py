"""Every Terraform resource type archlib reads, family by family, registered here once."""

from __future__ import annotations

from archlib.importers.tf.translate import (
    balancing,
    compute,
    databases,
    edge,
    network,
    operations,
    security,
    serverless,
    stores,
)
from archlib.importers.tf.translate.base import Family, Translator

FAMILIES: tuple[Family, ...] = (
    network.FAMILY,
    security.FAMILY,
    compute.FAMILY,
    balancing.FAMILY,
    databases.FAMILY,
    stores.FAMILY,
    edge.FAMILY,
    serverless.FAMILY,
    operations.FAMILY,
)


def translators() -> dict[str, Translator]:
    """Terraform resource type -> its translator; a type is in one family only."""
    found: dict[str, Translator] = {}
    for family in FAMILIES:
        for type_, translate in family.translators.items():
            if type_ in found:
                raise ValueError(f"{type_} is registered twice")
            found[type_] = translate
    return found
