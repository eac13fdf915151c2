"""Bar charts for written documents: how many municipalities named each option.

A reader takes in "NL Doet 8, MaS 3, Beursvloer 2" faster as bars than as a sentence, so the note
draws the longer lists. Labels are data (vocabulary labels may come from an uploaded file), so
they are drawn as plain text: no mathtext for a ``$``, no control characters.
"""

from __future__ import annotations

import io

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from views.documents.blocks import Image, plain
from views.exports.meta import PRODUCT

BAR = "#2563EB"
WIDTH_MM = 160.0
DPI = 200


def bar_chart(frame: pd.DataFrame, total: int, title: str) -> Image:
    """Horizontal bars of ``frame["aantal"]`` per ``frame["label"]`` (named rows only), most
    first, each with ``n van de total`` at its end."""
    named = frame[frame["aantal"] > 0]
    height_mm = 14.0 + 6.5 * max(len(named), 1)
    fig = Figure(figsize=(WIDTH_MM / 25.4, height_mm / 25.4), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    labels = [plain(x) for x in named["label"]][::-1]
    counts = [int(x) for x in named["aantal"]][::-1]
    ax.barh(range(len(counts)), counts, color=BAR, height=0.65)
    ax.set_yticks(range(len(counts)), labels=labels, fontsize=7)
    for tick in ax.get_yticklabels():
        tick.set_parse_math(False)
    for y, count in enumerate(counts):
        ax.text(count, y, f" {count} van de {total}", va="center", fontsize=6.5, parse_math=False)
    ax.set_xlim(0, max(total, 1) * 1.18)
    ax.set_title(plain(title), fontsize=8, loc="left", parse_math=False)
    ax.tick_params(axis="x", labelsize=6.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout(pad=0.4)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": PRODUCT})
    return Image(buffer.getvalue(), WIDTH_MM, height_mm)
