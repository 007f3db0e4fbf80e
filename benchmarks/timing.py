"""Shared timing for the benchmark scripts (run them as scripts: this folder is on sys.path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def chars_per_second(function: Callable[[str], object], texts: list[str], runs: int = 5) -> float:
    """Characters per second of ``function`` over ``texts``: the median of ``runs``
    passes, after one call that loads whatever the function loads lazily."""
    if texts:
        function(texts[0])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            function(text)
        times.append(time.perf_counter() - start)
    return sum(map(len, texts)) / statistics.median(times)
