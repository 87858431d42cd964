"""Hourly rates of sized resources: EC2 instances, RDS instances, cache and Redshift nodes.

The one place pricers look them up, so the lookup can change without touching a pricer.
"""

from __future__ import annotations

from archlib.cost import catalogue
from archlib.cost.catalogue import PriceQuery


def ec2_instance(instance_type: str) -> PriceQuery:
    return catalogue.ec2_instance(instance_type)


def rds_instance(instance_class: str, engine: str, multi_az: bool) -> PriceQuery:
    return catalogue.rds_instance(instance_class, engine, multi_az)


def cache_node(node_type: str, engine: str) -> PriceQuery:
    return catalogue.cache_node(node_type, engine)


def redshift_node(node_type: str) -> PriceQuery:
    return catalogue.redshift_node(node_type)
