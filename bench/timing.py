"""Wall-clock timing, the common options and the table printer of the benchmarks (bench/check.py,
bench/access.py, bench/evaluate.py)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["Column", "best", "clear_icekit_caches", "cold", "print_table", "repeat_and_apps"]


def best(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs of `action` (seconds) and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def clear_icekit_caches() -> int:
    """Clear every functools cache (cache, lru_cache) of icekit's imported modules: the RAM evaluator's
    parsed and compiled documents and its pattern and request caches, the prover's, the templates'. A
    repeat then starts as a fresh `icekit check` does (best-of-N would otherwise time the caches' hits).
    Returns how many were cleared."""
    cleared: set[int] = set()
    for name, module in list(sys.modules.items()):
        if name != "icekit" and not name.startswith("icekit."):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and id(value) not in cleared:
                clear()
                cleared.add(id(value))
    return len(cleared)


def cold(action: Callable[[], Any]) -> Callable[[], Any]:
    """`action` run after clear_icekit_caches, every time."""

    def run() -> Any:
        clear_icekit_caches()
        return action()

    return run


def repeat_and_apps(description: str | None) -> argparse.Namespace:
    """`--repeat N` (best of N runs, default 5) and `--apps N` (the generated stack's size, default 200)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--apps", type=int, default=200)
    return parser.parse_args()


# A table column: its title, its width, and the format spec of its values ("" prints them as they are).
Column = tuple[str, int, str]


def _cell(value: Any, width: int, spec: str, first: bool) -> str:
    return format(value, f"{'<' if first else '>'}{width}{spec}")


def print_table(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    """The column titles, then one line a row: cells one space apart, each in its column's width, the
    first column (the stack) left-aligned and the numbers right-aligned."""
    print(" ".join(_cell(title, width, "", i == 0) for i, (title, width, _) in enumerate(columns)))
    for row in rows:
        cells = enumerate(zip(row, columns, strict=True))
        print(" ".join(_cell(value, width, spec, i == 0) for i, (value, (_, width, spec)) in cells))
