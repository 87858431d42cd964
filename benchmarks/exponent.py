"""The scaling exponent of a curve: 1.0 is linear, 2.0 quadratic."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def scaling_exponent(sizes: Sequence[float], seconds: Sequence[float]) -> float | None:
    """The least-squares slope of log(time) on log(size); None below two sizes.

    Time ~ size^k gives k, whatever the constant, so one figure sums up a curve measured over
    sizes a hundredfold apart; the per-step ratios beside it show where any growth sits.
    """
    if len(sizes) < 2 or min(seconds) <= 0:
        return None
    slope, _ = statistics.linear_regression(
        [math.log(size) for size in sizes], [math.log(time) for time in seconds]
    )
    return slope
