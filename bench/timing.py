"""Wall-clock timing and the common options of the benchmarks (bench/check.py, bench/evaluate.py)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

__all__ = ["best", "repeat_and_apps"]


def best(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs of `action` (seconds) and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def repeat_and_apps(description: str | None) -> argparse.Namespace:
    """`--repeat N` (best of N runs, default 5) and `--apps N` (the generated stack's size, default 200)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--apps", type=int, default=200)
    return parser.parse_args()
