"""Repeating a call and summarising the times: median and 95th percentile in milliseconds."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by the nearest-rank method; samples need not be sorted."""
    if not samples:
        raise ValueError("No samples.")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summarize_ms(samples_s: Sequence[float]) -> dict[str, float | int]:
    """Seconds in, a summary in milliseconds out: n, median, p95, min, max."""
    return {
        "n": len(samples_s),
        "median_ms": round(statistics.median(samples_s) * 1000, 2),
        "p95_ms": round(percentile(samples_s, 95) * 1000, 2),
        "min_ms": round(min(samples_s) * 1000, 2),
        "max_ms": round(max(samples_s) * 1000, 2),
    }


def time_calls(fn: Callable[[], object], *, repeat: int, warmup: int = 3) -> list[float]:
    """Call ``fn`` ``warmup`` times untimed, then ``repeat`` times; the times in seconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples
