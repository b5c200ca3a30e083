"""Shared by the benchmark scripts: repeat a measurement, summarise it, print a Markdown table.

Absolute times on a shared 2-core machine are noise; every script reports ratios against a baseline
it measures in the same run, on the same data.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of `repeat` runs of `action`, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` (0-1) of `values` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def table(rows: list[dict[str, object]]) -> str:
    """Rows (dicts with the same keys) as a Markdown table."""
    headers = list(rows[0])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(row[h]) for h in headers) + " |" for row in rows]
    return "\n".join(lines)


def report(name: str, rows: list[dict[str, object]], notes: dict[str, object] | None = None) -> None:
    """Print the table and keep it as JSON in benchmarks/results/ (ignored by git: each machine its own)."""
    print(f"\n## {name}\n")
    print(table(rows))
    for key, value in (notes or {}).items():
        print(f"- {key}: {value}")
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps({"rows": rows, "notes": notes or {}}, indent=2, default=str))
