"""What making a plan's files durable costs: `replace_tree` of 1,000 apps' client configuration (3,000 files).

Interleaved repetitions (the order rotating) of replacing the same tree in three ways:
  syncfs     as shipped: all staged files flushed with one syncfs(2), then one fsync per changed directory;
  fsync each the way without syncfs (non-Linux; and, less the directory fsyncs, what every platform did
             before): an fsync per staged file and directory;
  no sync    the floor: os.fsync and syncfs made no-ops (not durable).
Each prints wall time min/median/max, and the ratios of the medians to `fsync each`.

    .venv/bin/python bench/durable_writes.py [--apps 1000] [--reps 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from icekit.render import atomic, replace_tree

FILE_NAMES = (".env", "client-config.json", "upload_request.py")
REAL_SYNCFS, REAL_FSYNC = atomic._syncfs, os.fsync


def _no_syncfs() -> None:
    return None


def _skip(fd: object) -> None:
    return None


def _skipping_syncfs() -> Callable[[int], None]:
    return _skip


@contextmanager
def durability(mode: str) -> Iterator[None]:
    if mode == "fsync each":
        atomic._syncfs = _no_syncfs  # type: ignore[assignment]
    elif mode == "no sync":
        atomic._syncfs = _skipping_syncfs  # type: ignore[assignment]
        os.fsync = _skip
    try:
        yield
    finally:
        atomic._syncfs = REAL_SYNCFS
        os.fsync = REAL_FSYNC


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    # about the size of a real app's files
    files = {f"app-{i:04d}/{name}": "x" * 700 for i in range(args.apps) for name in FILE_NAMES}
    modes = ["syncfs", "fsync each", "no sync"]
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory(prefix="icekit-durable-", dir=Path.cwd()) as tmp:
        target = Path(tmp) / "prod"
        replace_tree(target, files)  # an old tree to replace, as a second plan finds
        run: Callable[[], object] = lambda: replace_tree(target, files)  # noqa: E731
        for rep in range(args.reps):
            shift = rep % len(modes)
            for mode in modes[shift:] + modes[:shift]:
                with durability(mode):
                    start = time.perf_counter()
                    run()
                    times[mode].append(time.perf_counter() - start)
    print(f"replace_tree of {len(files)} files, n={args.reps}, load average {os.getloadavg()[0]:.1f}")
    for mode in modes:
        values = times[mode]
        print(
            f"  {mode:10s} min {min(values):6.2f}  median {statistics.median(values):6.2f}  "
            f"max {max(values):6.2f} s"
        )
    base = statistics.median(times["fsync each"])
    for mode in ("syncfs", "no sync"):
        print(f"{mode} / fsync each: {statistics.median(times[mode]) / base:.2f}x")


if __name__ == "__main__":
    main()
