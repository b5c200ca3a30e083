"""Charts for the supervisor dashboard, drawn with matplotlib (no display needed) and sized to read on
a projector: large type, high contrast, counts written on the bars."""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # no GUI: charts are rendered to PNG in the kernel

import matplotlib.pyplot as plt  # noqa: E402

INK, ACCENT, RIGHT, MUTED = "#1f2933", "#1d4e89", "#1b6b3a", "#9aa5b1"
plt.rcParams.update({"font.size": 16, "axes.titlesize": 18, "axes.edgecolor": INK, "text.color": INK,
                     "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK})


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _missing(value: float | None) -> bool:
    return value is None or value != value  # NaN is the only value not equal to itself


def _axis_label(label: str, width: int = 46, most_lines: int = 4) -> str:
    """An option's text wrapped for the axis; very long options end in an ellipsis rather than vanish."""
    lines = textwrap.wrap(label, width)
    if len(lines) > most_lines:
        lines = lines[:most_lines]
        lines[-1] = textwrap.shorten(lines[-1] + " …", width, placeholder=" …")
    return "\n".join(lines)


def answer_bars(labels: list[str], counts: list[int], title: str, correct: set[int] | None = None) -> bytes:
    """Horizontal bars, one per option, counts on the bars; the right options in green once revealed."""
    wrapped = [_axis_label(label) for label in labels]
    lines = max([w.count("\n") + 1 for w in wrapped] or [1])
    height = max(2.5, (0.45 + 0.3 * lines) * len(labels) + 1.2)
    figure, axes = plt.subplots(figsize=(11, height))
    colours = [RIGHT if correct and i in correct else ACCENT for i in range(len(labels))]
    bars = axes.barh(range(len(labels)), counts, color=colours)
    axes.set_yticks(range(len(labels)), wrapped)
    axes.invert_yaxis()
    axes.set_xlim(0, max([*counts, 1]) * 1.15)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.bar_label(bars, labels=[str(c) for c in counts], padding=6, fontsize=18, fontweight="bold")
    axes.set_title(title, loc="left")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def before_after(measures: list[str], before: list[float], after: list[float], tops: list[float],
                 title: str) -> bytes:
    """Paired bars per measure on its own full scale: before (grey) and after (blue), values on the bars.
    A measure nobody has both values for says so instead of drawing empty bars."""
    figure, panels = plt.subplots(1, len(measures), figsize=(6 * len(measures), 4.8), squeeze=False,
                                  layout="constrained")
    for axes, measure, b, a, top in zip(panels[0], measures, before, after, tops, strict=True):
        axes.set_title(measure)
        axes.set_ylim(0, top * 1.15)
        axes.spines[["top", "right"]].set_visible(False)
        if _missing(b) or _missing(a):
            axes.set_xticks([])
            axes.text(0.5, 0.5, "No trainee has both\nthe pre-test and the end yet", ha="center", va="center",
                      transform=axes.transAxes, fontsize=14, color=MUTED)
            continue
        bars = axes.bar(["Before", "After"], [b, a], color=[MUTED, ACCENT])
        axes.bar_label(bars, labels=[f"{b:g}", f"{a:g}"], padding=4, fontsize=18, fontweight="bold")
    figure.suptitle(title, x=0.01, ha="left", fontsize=18)
    return _png(figure)
