"""Hypothesis strategies that build valid models of any shape, for property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from archlib.model import Architecture

INSTANCE_TYPES = ("t3.medium", "m6i.large", "c6i.large")
DB_CLASSES = ("db.t3.medium", "db.m6i.large", "db.r6i.2xlarge")

labels = st.one_of(
    st.none(),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=24,
    ),
    st.sampled_from(['Web "edge" <v2> & co', "Base de données · é", "a\\b{c}|d"]),
)


@st.composite
def architectures(draw: st.DrawFn, max_components: int = 12) -> Architecture:
    azs = draw(st.lists(st.sampled_from("abc"), min_size=1, max_size=3, unique=True))
    subnets: list[dict[str, Any]] = []
    for index, az in enumerate(azs):
        subnets.append(
            {"id": f"public-{az}", "cidr": f"10.0.{index}.0/24", "az": az, "type": "public"}
        )
        subnets.append(
            {"id": f"private-{az}", "cidr": f"10.0.{10 + index}.0/24", "az": az, "type": "private"}
        )
    public = [s["id"] for s in subnets if s["type"] == "public"]
    private = [s["id"] for s in subnets if s["type"] == "private"]

    def pick(pool: list[str]) -> list[str]:
        return draw(st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True))

    components: list[dict[str, Any]] = [{"id": "users", "kind": "client"}]
    kinds = draw(
        st.lists(
            st.sampled_from(
                [
                    "web_server", "app_server", "worker", "load_balancer", "relational_database",
                    "cache", "object_store", "queue", "nosql_table", "cdn", "dns",
                    "data_warehouse",
                ]
            ),
            min_size=1,
            max_size=max_components,
        )
    )  # fmt: skip
    for index, kind in enumerate(kinds):
        component: dict[str, Any] = {"id": f"{kind.replace('_', '-')}-{index}", "kind": kind}
        label = draw(labels)
        if label is not None:
            component["label"] = label
        if kind in ("web_server", "app_server", "worker"):
            component["instance_type"] = draw(st.sampled_from(INSTANCE_TYPES))
            component["subnets"] = pick(private if kind != "web_server" else public + private)
            if draw(st.booleans()):
                low = draw(st.integers(1, 4))
                component["autoscaling"] = {"min": low, "max": low + draw(st.integers(0, 6))}
            else:
                component["count"] = draw(st.integers(1, 6))
        elif kind == "load_balancer":
            scheme = draw(st.sampled_from(["internet-facing", "internal"]))
            component["scheme"] = scheme
            component["subnets"] = pick(public if scheme == "internet-facing" else private)
        elif kind == "relational_database":
            component["instance_class"] = draw(st.sampled_from(DB_CLASSES))
            component["multi_az"] = draw(st.booleans())
            component["subnets"] = pick(private)
        elif kind == "cache":
            nodes = draw(st.integers(1, 3))
            component.update(nodes=nodes, automatic_failover=nodes > 1, subnets=pick(private))
        elif kind == "data_warehouse":
            component.update(nodes=draw(st.integers(1, 4)), subnets=pick(private))
        components.append(component)

    ids = [c["id"] for c in components]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids[1:])).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=2 * len(ids),
            unique=True,
        )
    )
    links = [
        {
            "source": source,
            "target": target,
            "mode": draw(st.sampled_from(["sync", "sync", "async"])),
            "dependency": draw(st.sampled_from(["hard", "hard", "soft"])),
        }
        for source, target in pairs
    ]
    users = draw(st.integers(1, 10_000_000))
    return Architecture.model_validate(
        {
            "name": "generated",
            "title": draw(labels) or "Generated",
            "traffic": {
                "users": users,
                "reads_per_month": users * draw(st.integers(0, 20_000)),
                "writes_per_month": users * draw(st.integers(0, 200)),
                "peak_to_average": draw(st.floats(1, 10, allow_nan=False)),
            },
            "network": {"azs": azs, "subnets": subnets},
            "components": components,
            "links": links,
        }
    )
