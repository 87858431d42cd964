"""The traffic profile and the back-of-the-envelope figures derived from it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from archlib.model.base import StrictModel
from archlib.model.limits import MAX_OBJECT_KB, MAX_USERS

SECONDS_PER_MONTH_EXACT = 2_628_000
"""730 hours: the month AWS prices by."""
SECONDS_PER_MONTH_ROUNDED = 2_500_000
"""The rounding the reference design's conversion guide uses."""
HOURS_PER_MONTH = 730
BYTES_PER_KB = 1_000
BYTES_PER_TB = 10**12

US_BUSINESS_DAY = (
    0.30, 0.25, 0.22, 0.20, 0.20, 0.22, 0.30, 0.45,
    0.65, 0.85, 0.95, 1.00, 1.00, 0.98, 0.95, 0.92,
    0.85, 0.70, 0.60, 0.55, 0.50, 0.45, 0.40, 0.35,
)  # fmt: skip
"""Hourly load relative to the peak hour: busy in U.S. office hours, quiet at night."""

STATIC_OBJECT_KB = 58.0
"""HTTP Archive Web Almanac 2024 (Page Weight), median desktop page: 1,054 KB of images over
18 image requests, about 58 KB each (a ratio of two medians, not a measured mean)."""


DEFAULT_SIZES: dict[str, tuple[float | None, float]] = {
    "reads": (0.0, 1.0),
    "writes": (None, 0.0),
    "static": (0.0, STATIC_OBJECT_KB),
    "jobs": (None, 0.0),
    "replication": (None, 0.0),
    "sessions": (0.0, 0.0),
}
"""(request KB, response KB) by class; None means write_size_kb (the source's 1 KB a write)."""


class MessageSize(StrictModel):
    """Bytes of one request of a class: what the caller sends and what comes back."""

    model_config = ConfigDict(allow_inf_nan=False)

    request_kb: float | None = Field(
        default=None, ge=0, description="KB sent per request; default per class (see below)."
    )
    response_kb: float | None = Field(
        default=None, ge=0, description="KB returned per request; default per class."
    )


class ClassSizes(StrictModel):
    """Request and response sizes per request class; unset figures take the stated defaults."""

    reads: MessageSize = Field(
        default_factory=MessageSize,
        description="API reads: 1 KB back (the source's item size), request headers not counted.",
    )
    writes: MessageSize = Field(
        default_factory=MessageSize,
        description="API writes: write_size_kb sent, nothing counted back.",
    )
    static: MessageSize = Field(
        default_factory=MessageSize,
        description=f"Static objects: {STATIC_OBJECT_KB:g} KB back (HTTP Archive median image).",
    )
    jobs: MessageSize = Field(
        default_factory=MessageSize, description="Async jobs: write_size_kb sent."
    )
    replication: MessageSize = Field(
        default_factory=MessageSize, description="Replication: write_size_kb per write applied."
    )
    sessions: MessageSize = Field(
        default_factory=MessageSize, description="Session lookups: not counted (0 KB)."
    )


class TrafficProfile(StrictModel):
    """What the stage must carry; monthly totals, as the reference design states them."""

    model_config = ConfigDict(allow_inf_nan=False)

    users: int = Field(ge=1, le=MAX_USERS, description="Active users the stage is designed for.")
    users_illustrative: bool = Field(
        default=False, description="True when the user count is an example, not a requirement."
    )
    reads_per_month: float = Field(ge=0, description="Read requests a month.")
    writes_per_month: float = Field(ge=0, description="Write requests a month.")
    write_size_kb: float = Field(
        default=1.0,
        gt=0,
        le=MAX_OBJECT_KB,
        description="KB a write sends, and an object store keeps per write (a file, a photo); "
        "the source's 1 KB.",
    )
    record_kb: float = Field(
        default=1.0,
        gt=0,
        le=MAX_OBJECT_KB,
        description="KB a database, NoSQL table or warehouse keeps per write that reaches it "
        "(a row or an item; the source's 1 KB), whatever the write sends; a store may state "
        "stored_kb_per_write.",
    )
    sizes: ClassSizes = Field(
        default_factory=ClassSizes, description="Request and response KB per request class."
    )
    peak_to_average: float = Field(
        default=3.0, ge=1, description="Peak request rate divided by the monthly average."
    )
    cache_hit_rate: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="Share of reads a memory cache answers, unless the cache states hit_rate.",
    )
    static_share: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of reads that are static objects (images, CSS, JS): what a CDN serves.",
    )
    cdn_hit_rate: float = Field(
        default=0.9,
        ge=0,
        le=1,
        description="Share of static requests a CDN answers from its edge, unless the CDN "
        "states hit_rate; the rest are origin fetches.",
    )
    requests_per_connection: float = Field(
        default=1.0,
        ge=1,
        le=10_000,
        description="Requests a client sends over one connection to a load balancer (HTTP "
        "keep-alive); assumed 1, a new connection per request: the most capacity units.",
    )
    async_write_share: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Share of writes handed to a queue as jobs, where links carry `jobs` traffic.",
    )
    retention_months: int = Field(
        default=36, ge=1, description="How long content is kept, for storage growth."
    )
    storage_point: Literal["average", "end"] = Field(
        default="average",
        description="Price growing storage at its average over the retention window, or at "
        "its size when the window is full.",
    )
    daily_curve: tuple[float, ...] = Field(
        default=US_BUSINESS_DAY,
        description="24 hourly load factors relative to the peak hour (the largest is 1.0).",
    )

    def size(self, traffic_class: str) -> tuple[float, float]:
        """(request KB, response KB) of one request of a class, defaults resolved."""
        stated: MessageSize = getattr(self.sizes, traffic_class)
        request, response = DEFAULT_SIZES[traffic_class]
        if request is None:
            request = self.write_size_kb
        return (
            stated.request_kb if stated.request_kb is not None else request,
            stated.response_kb if stated.response_kb is not None else response,
        )

    def stored_months(self, retention_months: int | None = None) -> float:
        """Months of content priced for storage that grows by the same amount each month."""
        months = retention_months or self.retention_months
        return months if self.storage_point == "end" else (months + 1) / 2

    @field_validator("daily_curve")
    @classmethod
    def _valid_curve(cls, curve: tuple[float, ...]) -> tuple[float, ...]:
        if len(curve) != 24:
            raise ValueError(f"daily_curve needs 24 hourly values, got {len(curve)}")
        if any(not 0 <= value <= 1 for value in curve):
            raise ValueError("daily_curve values must lie between 0 and 1")
        if max(curve) != 1:
            raise ValueError("daily_curve must peak at exactly 1.0 (the peak hour)")
        return curve

    def usage(self) -> UsageFigures:
        return UsageFigures.from_profile(self)


@dataclass(frozen=True)
class UsageFigures:
    """The "calculate usage" figures: rounded as the source does, and exact."""

    users: int
    reads_per_month: float
    writes_per_month: float
    read_write_ratio: float | None
    new_content_tb_per_month: float
    content_tb_retained: float
    retention_months: int
    writes_per_second_rounded: float
    reads_per_second_rounded: float
    writes_per_second: float
    reads_per_second: float
    peak_to_average: float
    peak_writes_per_second: float
    peak_reads_per_second: float

    @classmethod
    def from_profile(cls, profile: TrafficProfile) -> UsageFigures:
        new_tb = profile.writes_per_month * profile.write_size_kb * BYTES_PER_KB / BYTES_PER_TB
        writes_exact = profile.writes_per_month / SECONDS_PER_MONTH_EXACT
        reads_exact = profile.reads_per_month / SECONDS_PER_MONTH_EXACT
        ratio = (
            profile.reads_per_month / profile.writes_per_month if profile.writes_per_month else None
        )
        return cls(
            users=profile.users,
            reads_per_month=profile.reads_per_month,
            writes_per_month=profile.writes_per_month,
            read_write_ratio=ratio,
            new_content_tb_per_month=new_tb,
            content_tb_retained=new_tb * profile.retention_months,
            retention_months=profile.retention_months,
            writes_per_second_rounded=profile.writes_per_month / SECONDS_PER_MONTH_ROUNDED,
            reads_per_second_rounded=profile.reads_per_month / SECONDS_PER_MONTH_ROUNDED,
            writes_per_second=writes_exact,
            reads_per_second=reads_exact,
            peak_to_average=profile.peak_to_average,
            peak_writes_per_second=writes_exact * profile.peak_to_average,
            peak_reads_per_second=reads_exact * profile.peak_to_average,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
