"""From a Terraform configuration or plan to a model, through the CloudFormation pipeline.

Each resource is translated into the CloudFormation resource that means the same, with
references as `Ref`; the template that makes is imported as any other, so both syntaxes
share one set of mappers. The report and coverage then speak of Terraform addresses, files
and lines again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archlib.errors import InputError
from archlib.importers.cfn.importer import ImportedTemplate, _import
from archlib.importers.cfn.intrinsics import TemplateTooComplex
from archlib.importers.cfn.report import NotModelled
from archlib.importers.cfn.template import Template
from archlib.importers.tf.module import Configuration, TfResource, read_configuration
from archlib.importers.tf.naming import COMPONENT_TYPES, block_address, component_name
from archlib.importers.tf.suppressions import suppressions
from archlib.importers.tf.translate import translators
from archlib.importers.tf.translate.base import Patch, Unmapped
from archlib.importers.tf.unmodelled import reason_for
from archlib.importers.tf.values import Joined, Namespace, TfRef, Unknown
from archlib.model.provenance import Provenance, UnmodelledResource
from archlib.model.traffic import TrafficProfile

_DROP = object()
MAIN_TABLE_ATTRIBUTES = ("main_route_table_id", "default_route_table_id")
MAX_NOTES_PER_RESOURCE = 5


@dataclass
class _Built:
    template: Template
    resources: dict[str, TfResource]
    """Address -> the Terraform resource."""
    owners: dict[str, str] = field(default_factory=dict)
    """Logical id -> the address it was translated from."""
    folded: dict[str, str] = field(default_factory=dict)
    """Address -> the address of the resource it was folded into (attachments, settings)."""
    left_out: list[tuple[TfResource, str]] = field(default_factory=list)


def import_terraform(
    path: str | Path,
    variables: Mapping[str, str] | None = None,
    var_files: tuple[Path, ...] = (),
    traffic: TrafficProfile | None = None,
    traffic_source: str | None = None,
) -> ImportedTemplate:
    """Read a configuration directory or a plan; bad input raises `InputError` in one line."""
    source = Path(path)
    if source.is_dir():
        config = read_configuration(source, variables, var_files)
    else:
        from archlib.importers.tf.plan import read_plan

        config = read_plan(source)
    built = build(config)
    if not built.template.resources:
        _nothing(config, built)
    try:
        imported = _import(built.template, {}, traffic, traffic_source)
    except TemplateTooComplex as error:
        raise InputError(f"cannot import: {error}", path=source) from None
    except RecursionError:
        raise InputError("cannot import: nested too deeply", path=source) from None
    except InputError as error:
        if error.message.startswith("nothing to import"):
            _nothing(config, built)
        raise
    return _speak_terraform(imported, config, built)


def _nothing(config: Configuration, built: _Built) -> None:
    types = sorted({r.type for r in config.resources} | {s.type for s in config.skipped})
    count = len(config.resources) + len(config.skipped)
    shown = ", ".join(types[:4]) + (f" and {len(types) - 4} more" if len(types) > 4 else "")
    raise InputError(
        f"nothing to import: none of its {count} resources has an archlib component kind"
        f" ({shown or 'no resources'})",
        path=config.source,
    )


def build(config: Configuration) -> _Built:
    """The template the configuration means, and what it leaves out."""
    table = translators()
    resources = {r.address: r for r in config.resources}
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    files: dict[str, Path] = {}
    names: dict[str, str] = {}
    notes: list[str] = list(config.notes)
    built = _Built(Template(config.source, {}), resources)
    patches: list[tuple[TfResource, Patch]] = []
    seen: dict[str, int] = {}
    blocks = Counter(block_address(r.address) for r in config.resources)
    for resource in config.resources:
        if resource.type in COMPONENT_TYPES:
            stem = component_name(resource)
            seen[stem] = seen.get(stem, 0) + 1
    for resource in config.resources:
        translate = table.get(resource.type)
        result = (
            translate(resource) if translate is not None else Unmapped(reason_for(resource.type))
        )
        if isinstance(result, Unmapped):
            built.left_out.append((resource, result.reason))
            continue
        own_notes: list[str] = []
        for item in result:
            if isinstance(item, Patch):
                patches.append((resource, item))
                continue
            logical_id = resource.address + item.suffix
            properties = _convert(item.properties, own_notes, "")
            data[logical_id] = {
                "Type": item.type,
                "Properties": properties if isinstance(properties, dict) else {},
            }
            lines[logical_id] = resource.line
            files[logical_id] = resource.file
            stem = component_name(resource)
            clash = resource.type in COMPONENT_TYPES and seen.get(stem, 0) > 1
            single = blocks[block_address(resource.address)] == 1
            names[logical_id] = component_name(resource, clash, single)
            built.owners[logical_id] = resource.address
        for text in own_notes[:MAX_NOTES_PER_RESOURCE]:
            notes.append(f"{resource.address}: {text}")
        if len(own_notes) > MAX_NOTES_PER_RESOURCE:
            notes.append(
                f"{resource.address}: and {len(own_notes) - MAX_NOTES_PER_RESOURCE} more "
                "arguments not known statically"
            )
    for resource, patch in patches:
        _apply(patch, resource, data, built)
    _main_tables(data, lines, files, names)
    if config.source.is_file():
        notes.append(
            "a plan: each resource points at the line of its address in the plan's planned values"
        )
    built.template = Template(
        path=config.source,
        data={"Resources": data},
        resource_lines=lines,
        notes=tuple(dict.fromkeys(notes)),
        resource_files=files,
        names=names,
    )
    return built


def _apply(patch: Patch, resource: TfResource, data: dict[str, Any], built: _Built) -> None:
    target = patch.target.address if isinstance(patch.target, TfRef) else None
    if target is None or target not in data:
        what = f" {target}" if target else ""
        built.left_out.append(
            (resource, f"it attaches to{what or ' a resource'} that is not read as a component")
        )
        return
    built.folded[resource.address] = target
    if patch.key is None:
        return
    properties = data[target]["Properties"]
    value = _convert(patch.value, [], "")
    if value is _DROP:
        return
    if patch.append:
        current = properties.setdefault(patch.key, [])
        if isinstance(current, list):
            current.extend(value if isinstance(value, list) else [value])
    else:
        properties[patch.key] = value


def _convert(value: Any, notes: list[str], where: str) -> Any:
    """Terraform values as template values: references become `Ref`, strings built from
    them `Fn::Join`, and what is not known statically is left out (and noted)."""
    if isinstance(value, TfRef):
        if value.attribute in MAIN_TABLE_ATTRIBUTES:
            return {"Ref": f"{value.address}#main"}
        return {"Ref": value.address}
    if isinstance(value, Joined):
        parts = [_convert(part, notes, where) for part in value.parts]
        return {"Fn::Join": ["", parts]}
    if isinstance(value, Unknown):
        notes.append(f"{where or 'a value'}: {value.reason}; left out")
        return _DROP
    if isinstance(value, Namespace):
        notes.append(f"{where or 'a value'}: a whole resource or module as a value; left out")
        return _DROP
    if isinstance(value, dict):
        found = {}
        for key, item in value.items():
            converted = _convert(item, notes, f"{where}.{key}" if where else key)
            if converted is not _DROP:
                found[key] = converted
        return found
    if isinstance(value, list):
        items = [_convert(item, notes, where) for item in value]
        return [item for item in items if item is not _DROP]
    return value


def _main_tables(
    data: dict[str, Any], lines: dict[str, int], files: dict[str, Path], names: dict[str, str]
) -> None:
    """A VPC's main route table, when routes are added to it: it serves every subnet of the
    VPC that no table is associated with explicitly."""
    vpcs = {
        ref["Ref"].removesuffix("#main")
        for resource in data.values()
        if resource["Type"] == "AWS::EC2::Route"
        for ref in [resource["Properties"].get("RouteTableId")]
        if isinstance(ref, dict) and str(ref.get("Ref", "")).endswith("#main")
    }
    associated = {
        str(resource["Properties"].get("SubnetId", {}).get("Ref"))
        for resource in data.values()
        if resource["Type"] == "AWS::EC2::SubnetRouteTableAssociation"
        and isinstance(resource["Properties"].get("SubnetId"), dict)
    }
    for vpc in sorted(vpcs):
        table = f"{vpc}#main"
        data[table] = {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": vpc}}}
        lines[table], files[table] = lines.get(vpc, 1), files.get(vpc, Path("."))
        names[table] = f"{names.get(vpc, 'vpc')}-main"
        for logical_id, resource in list(data.items()):
            props = resource["Properties"]
            if (
                resource["Type"] == "AWS::EC2::Subnet"
                and props.get("VpcId") == {"Ref": vpc}
                and logical_id not in associated
            ):
                association = f"{logical_id}#main"
                data[association] = {
                    "Type": "AWS::EC2::SubnetRouteTableAssociation",
                    "Properties": {"SubnetId": {"Ref": logical_id}, "RouteTableId": {"Ref": table}},
                }
                lines[association], files[association] = lines[logical_id], files[logical_id]


def _speak_terraform(
    imported: ImportedTemplate, config: Configuration, built: _Built
) -> ImportedTemplate:
    """The report and the coverage in Terraform's terms: addresses, types, files, lines."""
    report = imported.report
    report.template = str(config.source)
    left: dict[str, UnmodelledResource] = {}

    def leave(address: str, type_: str, reason: str, file: Path, line: int) -> None:
        if address not in left:
            left[address] = UnmodelledResource(
                logical_id=address[:255],
                type=type_[:255],
                line=line,
                reason=reason[:500],
                file=_shown(file, config.source),
            )

    for item in report.not_modelled:
        address = built.owners.get(item.logical_id, item.logical_id)
        resource = built.resources.get(address)
        if resource is None:
            continue
        leave(address, resource.type, item.reason, resource.file, resource.line)
    for resource, reason in built.left_out:
        leave(resource.address, resource.type, reason, resource.file, resource.line)
    for skipped in config.skipped:
        leave(skipped.address, skipped.type, skipped.reason, skipped.file, skipped.line)
    report.not_modelled = [
        NotModelled(item.logical_id, item.type, item.reason) for item in left.values()
    ]
    declared_addresses = {
        built.owners.get(lid, lid) for lid in report.declared if lid in built.owners
    }
    total = len(config.resources) + len(config.skipped)
    declared = len(declared_addresses - set(left))
    previous = imported.model.imported
    provenance = Provenance(
        template=str(config.source),
        resources=total,
        modelled=max(0, total - declared - len(left)),
        declared=declared,
        not_modelled=list(left.values()),
        assumptions=list(report.assumptions),
        traffic=previous.traffic if previous is not None else "",
    )
    update: dict[str, Any] = {"imported": provenance}
    owners = {
        built.owners.get(lid, lid): mapped.component
        for mapped in report.components
        for lid in (*mapped.logical_ids, *mapped.absorbed)
    }
    owners.update(
        {address: owners[target] for address, target in built.folded.items() if target in owners}
    )
    written = suppressions(config.resources, owners)
    if written:
        checks = imported.model.checks
        update["checks"] = checks.model_copy(
            update={"suppressions": [*checks.suppressions, *written]}
        )
    model = imported.model.model_copy(update=update)
    return ImportedTemplate(model, report, imported.document)


def _shown(file: Path, source: Path) -> str:
    """A resource's file as the user would name it: relative to the configuration."""
    base = source if source.is_dir() else source.parent
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
