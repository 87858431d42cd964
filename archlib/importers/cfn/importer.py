"""From a template to a validated model and the report of how it was mapped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from archlib.errors import InputError
from archlib.importers.cfn.context import Draft, ImportContext
from archlib.importers.cfn.foreach import LoopNotExpanded, expand_loops
from archlib.importers.cfn.intrinsics import Resolver, TemplateTooComplex
from archlib.importers.cfn.located import TemplateDocument
from archlib.importers.cfn.mappers import MAPPERS
from archlib.importers.cfn.mappers.operations import map_operations
from archlib.importers.cfn.naming import IdAllocator, kebab
from archlib.importers.cfn.network import NetworkBuilder
from archlib.importers.cfn.parameters import resolve_parameters
from archlib.importers.cfn.permissions import apply_permissions
from archlib.importers.cfn.report import ImportReport, MappedComponent
from archlib.importers.cfn.security import USERS, apply_security_groups, decide_kinds
from archlib.importers.cfn.template import Template, read_template
from archlib.importers.cfn.unmodelled import reason_for
from archlib.model import Architecture
from archlib.model.limits import MAX_LABEL_CHARS
from archlib.model.provenance import Provenance, UnmodelledResource
from archlib.model.traffic import TrafficProfile

DEFAULT_REGION = "us-east-1"
DEFAULT_TRAFFIC: dict[str, Any] = {
    "users": 1000,
    "users_illustrative": True,
    "reads_per_month": 10_000_000,
    "writes_per_month": 100_000,
    "write_size_kb": 1,
    "peak_to_average": 3,
}
"""The reference design's single-box stage: a template says nothing about its load."""


@dataclass(frozen=True)
class ImportedTemplate:
    model: Architecture
    report: ImportReport
    document: TemplateDocument


def import_template(
    path: str | Path,
    parameters: Mapping[str, str] | None = None,
    traffic: TrafficProfile | None = None,
    traffic_source: str | None = None,
) -> ImportedTemplate:
    """Read, resolve and map a template; bad input raises `InputError` in one line."""
    template = read_template(path)
    try:
        return _import(template, parameters or {}, traffic, traffic_source)
    except TemplateTooComplex as error:
        raise InputError(f"cannot import: {error}", path=template.path) from None
    except RecursionError:
        raise InputError("cannot import: nested too deeply", path=template.path) from None


def _import(
    template: Template,
    given: Mapping[str, str],
    traffic: TrafficProfile | None,
    traffic_source: str | None,
) -> ImportedTemplate:
    source = str(template.path)
    try:
        template, loop_notes = expand_loops(template, given)
    except LoopNotExpanded as error:
        raise InputError(f"cannot import: {error}", path=template.path) from None
    values = resolve_parameters(template.data.get("Parameters"), given, source)
    report = ImportReport(template=source, region=DEFAULT_REGION)
    report.placeholders.update(values.placeholders)
    resolver = Resolver(template.data, values.values, DEFAULT_REGION)
    network = NetworkBuilder(template, resolver, report)
    ctx = ImportContext(template, resolver, report, network, IdAllocator((USERS,)))
    for note in (*template.notes, *loop_notes):
        report.assume(note)
    transforms = template.data.get("Transform")
    named = transforms if isinstance(transforms, list) else [transforms]
    if "Transform" in template.data and named != ["AWS::LanguageExtensions"]:
        report.assume("the template has a Transform (e.g. SAM): only its plain resources are read")
    for mapper in MAPPERS:
        mapper(ctx)
    apply_security_groups(ctx)
    apply_permissions(ctx)
    decide_kinds(ctx)
    _entry_links(ctx)
    nat_components = _nat_gateways(ctx)
    map_operations(ctx)
    _unmodelled(ctx, network.claimed)
    try:
        network_data = network.network(nat_components)
    except ValueError as error:
        raise InputError(f"cannot import: {error}", path=template.path) from None
    components: list[dict[str, Any]] = []
    if any(link["source"] == USERS for link in ctx.links):
        components.append({"id": USERS, "kind": "client"})
    components.extend({"id": draft.id, **_labelled(ctx, draft)} for draft in ctx.drafts)
    if not components:
        declared = ctx.declared_ids()
        types = sorted(
            {item.type for item in report.not_modelled}
            | {str(template.resources[lid].get("Type")) for lid in declared}
        )
        shown = ", ".join(types[:4]) + (f" and {len(types) - 4} more" if len(types) > 4 else "")
        count = len(report.not_modelled) + len(declared)
        raise InputError(
            f"nothing to import: none of its {count} resources has an archlib component kind "
            f"({shown or 'no resources'})",
            path=template.path,
        )
    description = template.data.get("Description")
    model = _validated(
        template,
        {
            "name": _model_name(template.path),
            "title": template.path.stem,
            "description": description.strip() if isinstance(description, str) else "",
            "region": DEFAULT_REGION,
            "traffic": _traffic(report, traffic, traffic_source),
            "network": network_data,
            "components": components,
            "links": ctx.links,
            "operations": {"resources": ctx.declared},
        },
    )
    report.assume(
        f"region {DEFAULT_REGION}: a template runs in any region; prices and AZs follow this one"
    )
    model = model.model_copy(update={"imported": _provenance(template, report, ctx)})
    for draft in ctx.drafts:
        report.components.append(
            MappedComponent(draft.id, draft.kind, tuple(draft.logical_ids), tuple(draft.absorbed))
        )
    report.network = [lid for lid in template.resources if lid in network.claimed]
    report.declared = [lid for lid in template.resources if lid in ctx.declared_ids()]
    document = TemplateDocument.of(template, model, {d.id: d.logical_ids for d in ctx.drafts})
    return ImportedTemplate(model, report, document)


def _labelled(ctx: ImportContext, draft: Draft) -> dict[str, Any]:
    """The template's own name for the component: its `Name` tag, else its logical id."""
    if "label" in draft.data or not draft.logical_ids:
        return draft.data
    logical_id = draft.logical_ids[0]
    tags = ctx.props(logical_id).get("Tags")
    named = [
        tag.get("Value")
        for tag in (tags if isinstance(tags, list) else [])
        if isinstance(tag, dict) and tag.get("Key") == "Name"
    ]
    label = named[0] if named and isinstance(named[0], str) and named[0].strip() else logical_id
    return {**draft.data, "label": label[:MAX_LABEL_CHARS]}


def _provenance(template: Template, report: ImportReport, ctx: ImportContext) -> Provenance:
    not_modelled = [
        UnmodelledResource(
            logical_id=item.logical_id,
            type=item.type,
            line=template.line_of(item.logical_id)
            if item.logical_id in template.resources
            else None,
            reason=item.reason,
        )
        for item in report.not_modelled
    ]
    total = len(template.resources)
    declared = len(ctx.declared_ids())
    return Provenance(
        template=str(template.path),
        resources=total,
        modelled=max(0, total - declared - len(not_modelled)),
        declared=declared,
        not_modelled=not_modelled,
        assumptions=list(report.assumptions),
        traffic=report.traffic,
    )


def _traffic(
    report: ImportReport, traffic: TrafficProfile | None, source: str | None
) -> dict[str, Any]:
    if traffic is None:
        report.traffic = (
            "illustrative default (1,000 users, 10 million reads and 100,000 writes a month, "
            "the reference design's single-box stage): a template states no load"
        )
        return dict(DEFAULT_TRAFFIC)
    report.traffic = f"from {source or 'the given profile'}"
    data: dict[str, Any] = traffic.model_dump(mode="json", exclude_defaults=True)
    return data


def _validated(template: Template, data: dict[str, Any]) -> Architecture:
    """The model; a mapping the model refuses is reported in one line, like bad input."""
    try:
        return Architecture.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(
            f"cannot import: the mapped model is invalid at {where}: {first['msg']}",
            path=template.path,
        ) from None


def _model_name(path: Path) -> str:
    name = kebab(path.stem)
    return name if not name.startswith("r-") else f"template{name[1:]}"


def _entry_links(ctx: ImportContext) -> None:
    """The users reach DNS and CDNs, and internet-facing load balancers without groups."""
    for draft in ctx.drafts:
        kind = draft.data["kind"]
        if kind in ("dns", "cdn"):
            ctx.link(USERS, draft.id)
        elif (
            kind == "load_balancer"
            and not draft.groups
            and draft.data.get("scheme") == "internet-facing"
        ):
            for port in sorted(draft.served_ports) or [draft.data["listener_port"]]:
                ctx.link(USERS, draft.id, port=port)


def _nat_gateways(ctx: ImportContext) -> dict[str, str]:
    """NAT gateway components; returns their logical id -> component id."""

    found: dict[str, str] = {}
    for logical_id, subnet in ctx.network.nats.items():
        props = ctx.props(logical_id)
        eips = ctx.referenced(props.get("AllocationId"))
        draft = ctx.add(
            Draft(ctx.new_id(logical_id), {"kind": "nat_gateway", "subnet": subnet}, [logical_id]),
            *eips,
        )
        found[logical_id] = draft.id
    return found


def _unmodelled(ctx: ImportContext, network_claimed: set[str]) -> None:
    claimed = ctx.claimed | network_claimed
    raw = ctx.template.data.get("Resources")
    for name, value in raw.items() if isinstance(raw, dict) else []:
        if str(name).startswith("Fn::ForEach"):
            ctx.report.skip(
                str(name),
                "Fn::ForEach",
                "a loop the LanguageExtensions transform expands; "
                "its resources are not expanded here",
            )
        elif not isinstance(value, dict):
            ctx.report.skip(str(name), "?", "not a resource definition")
    skipped = {n.logical_id for n in ctx.report.not_modelled}
    for logical_id, resource in ctx.template.resources.items():
        if logical_id in claimed or logical_id in skipped:
            continue
        type_ = str(resource.get("Type", "?"))
        if not ctx.resolver.active(resource):
            ctx.report.skip(
                logical_id, type_, f"not created: condition {resource.get('Condition')} is false"
            )
            continue
        ctx.report.skip(logical_id, type_, reason_for(type_))
