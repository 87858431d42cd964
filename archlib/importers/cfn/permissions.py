"""IAM permissions become links: a role that may use a bucket, table or queue calls it.

Security groups say nothing about S3, DynamoDB or SQS, which are reached over their public
endpoints; the permissions a compute resource holds are what says it uses them.
"""

from __future__ import annotations

import re
from typing import Any

from archlib.importers.cfn.context import Draft, ImportContext, as_list

MANAGED_KINDS = ("object_store", "nosql_table", "queue")


def roles_of_profile(ctx: ImportContext, value: Any) -> list[str]:
    """An instance profile (`Ref`, `GetAtt .Arn`, `{Arn: }`) and the role logical ids in it."""
    if isinstance(value, dict):
        value = value.get("Arn", value.get("Name"))
    found: list[str] = []
    for ref in ctx.referenced(value):
        if ctx.type_of(ref) == "AWS::IAM::InstanceProfile":
            found.append(ref)
            found.extend(r for r in ctx.referenced(ctx.props(ref).get("Roles")) if _is_role(ctx, r))
    return found


def roles_of(ctx: ImportContext, value: Any) -> list[str]:
    """Role logical ids a `Role` / `TaskRoleArn` property names."""
    return [ref for ref in ctx.referenced(value) if _is_role(ctx, ref)]


def _is_role(ctx: ImportContext, logical_id: str) -> bool:
    return ctx.type_of(logical_id) == "AWS::IAM::Role"


def apply_permissions(ctx: ImportContext) -> None:
    statements = _statements_by_role(ctx)
    for draft in list(ctx.drafts):
        for role in sorted(draft.roles):
            ctx.absorb(draft, role, *ctx.policies.get(role, []))
            for statement in statements.get(role, []):
                _link(ctx, draft, statement)
        for policy in draft.policies:
            for statement in _stated(policy):
                _link(ctx, draft, statement)


def _statements_by_role(ctx: ImportContext) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for logical_id, _ in ctx.resources_of("AWS::IAM::Role"):
        for policy in as_list(ctx.props(logical_id).get("Policies")):
            if isinstance(policy, dict):
                found.setdefault(logical_id, []).extend(_allowed(policy.get("PolicyDocument")))
    for logical_id, _ in ctx.resources_of(
        "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"
    ):
        props = ctx.props(logical_id)
        for role in ctx.referenced([props.get("Roles"), props.get("RoleName")]):
            if _is_role(ctx, role):
                found.setdefault(role, []).extend(_allowed(props.get("PolicyDocument")))
                ctx.policies.setdefault(role, []).append(logical_id)
    return found


def _stated(policy: Any) -> list[dict[str, Any]]:
    """A policy document, or a policy template (`DynamoDBCrudPolicy: {TableName: ...}`) read
    as allowing its service on what it names."""
    if not isinstance(policy, dict):
        return []
    if "Statement" in policy:
        return _allowed(policy)
    return [
        {"Effect": "Allow", "Resource": arguments, "Purpose": f"IAM: {name}"}
        for name, arguments in policy.items()
        if isinstance(arguments, dict)
    ]


def _allowed(document: Any) -> list[dict[str, Any]]:
    if not isinstance(document, dict):
        return []
    return [
        s
        for s in as_list(document.get("Statement"))
        if isinstance(s, dict) and s.get("Effect") == "Allow"
    ]


def _link(ctx: ImportContext, draft: Draft, statement: dict[str, Any]) -> None:
    actions = [str(a).lower() for a in as_list(statement.get("Action"))]
    purpose = str(statement.get("Purpose") or _purpose(actions))
    resources = statement.get("Resource")
    named = [ctx.named.get(name) for name in _arn_names(resources)]
    targets = [ctx.owner.get(ref) for ref in ctx.referenced(resources)] + named
    seen: list[Draft] = []
    for target in targets:
        if target is None or target is draft or target.kind not in MANAGED_KINDS:
            continue
        if any(target is other for other in seen):
            continue
        seen.append(target)
        if target.kind == "queue":
            ctx.link(draft.id, target.id, mode="async", traffic="jobs", purpose=purpose)
        else:
            ctx.link(draft.id, target.id, purpose=purpose)


_ARN = re.compile(
    r"^arn:[^:]+:(?:s3:::(?P<bucket>[^/*]+)|dynamodb:[^:]*:[^:]*:table/(?P<table>[^/*]+)"
    r"|sqs:[^:]*:[^:]*:(?P<queue>[^/*:]+))"
)


def _arn_names(resources: Any) -> list[str]:
    """Names in literal ARNs (`arn:aws:s3:::my-bucket/*`), for stores named in the template."""
    names = []
    for item in as_list(resources):
        match = _ARN.match(item) if isinstance(item, str) else None
        if match is not None:
            names.append(next(name for name in match.groups() if name))
    return names


def _purpose(actions: list[str]) -> str:
    services = sorted({action.split(":", 1)[0] for action in actions if ":" in action})
    return f"IAM: {', '.join(services)}" if services else "IAM"
