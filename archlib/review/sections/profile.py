"""The traffic profile and the assumptions in effect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archlib.review import charts, numbers

if TYPE_CHECKING:
    from archlib.review.facts import ModelReview


def traffic_section(review: ModelReview) -> dict[str, Any]:
    from archlib.report.usage import usage_document

    model = review.loaded.model
    doc = usage_document(model)
    profile = model.traffic
    users = f"{doc['users']:,}" + (" (illustrative)" if doc["users_illustrative"] else "")
    rows = [
        ("users", users, ""),
        ("reads a month", numbers.whole(doc["reads_per_month"]), ""),
        ("writes a month", numbers.whole(doc["writes_per_month"]), ""),
        ("reads a second, average", numbers.rate(doc["rounded"]["reads_per_second"]),
         numbers.rate(doc["exact"]["reads_per_second"])),
        ("writes a second, average", numbers.rate(doc["rounded"]["writes_per_second"]),
         numbers.rate(doc["exact"]["writes_per_second"])),
        (f"reads a second, peak (x{profile.peak_to_average:g})", "",
         numbers.rate(doc["peak"]["reads_per_second"])),
        (f"writes a second, peak (x{profile.peak_to_average:g})", "",
         numbers.rate(doc["peak"]["writes_per_second"])),
        ("new content a month", f"{doc['new_content_tb_per_month']:,.3g} TB", ""),
        (f"content after {doc['retention_months']} months",
         f"{doc['content_tb_retained']:,.3g} TB", ""),
    ]  # fmt: skip
    if doc["read_write_ratio"] is not None:
        rows.insert(3, ("read:write", f"{doc['read_write_ratio']:,.0f}:1", ""))
    settings = [
        ("write size", f"{profile.write_size_kb:g} KB"),
        *(
            (f"{traffic_class} request / response", f"{sent:g} KB / {back:g} KB")
            for traffic_class in ("reads", "writes", "static", "jobs")
            for sent, back in [profile.size(traffic_class)]
        ),
        ("peak to average", f"x{profile.peak_to_average:g}"),
        ("cache hit rate", f"{profile.cache_hit_rate:.0%}"),
        ("static share of reads", f"{profile.static_share:.0%}"),
        ("CDN hit rate", f"{profile.cdn_hit_rate:.0%}"),
        ("writes handed to a queue", f"{profile.async_write_share:.0%}"),
        ("retention", f"{profile.retention_months} months"),
        ("growing storage priced at", profile.storage_point),
    ]
    curve = charts.bar_chart(
        "daily-curve",
        "Load by hour of the day, relative to the peak hour",
        [charts.Bar(f"{hour:02d}:00", share) for hour, share in enumerate(profile.daily_curve)],
        lambda value: f"{value:.0%}",
        scale_max=1.0,
    )
    return {
        "rows": [{"figure": f, "rounded": r, "exact": e} for f, r, e in rows],
        "settings": [{"name": n, "value": v} for n, v in settings],
        "curve": curve,
    }


def assumption_rows(review: ModelReview) -> list[dict[str, Any]]:
    from archlib.capacity.docs import TITLES

    rows = []
    for entry in review.assumptions:
        value = "no fixed limit" if entry.value is None else f"{entry.value:,.10g}"
        rows.append(
            {
                "section": TITLES.get(entry.section, entry.section),
                "name": f"{entry.section}.{entry.name}",
                "value": value,
                "unit": entry.unit,
                "basis": entry.basis,
                "overridden": entry.overridden,
            }
        )
    return rows
