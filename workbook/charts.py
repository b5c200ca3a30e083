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


def before_after(measures: list[str], before: list[float | None], after: list[float | None], title: str) -> bytes:
    """Paired bars per measure: before (grey) and after (blue), values written on the bars."""
    figure, panels = plt.subplots(1, len(measures), figsize=(6 * len(measures), 4.5), squeeze=False)
    for axes, measure, b, a in zip(panels[0], measures, before, after, strict=True):
        values = [b or 0.0, a or 0.0]
        bars = axes.bar(["Before", "After"], values, color=[MUTED, ACCENT])
        axes.bar_label(bars, labels=["–" if v is None else f"{v:g}" for v in (b, a)], padding=4, fontsize=18)
        axes.set_title(measure)
        axes.set_ylim(0, max([*values, 1.0]) * 1.2)
        axes.spines[["top", "right"]].set_visible(False)
    figure.suptitle(title, x=0.02, ha="left", fontsize=18)
    return _png(figure)
