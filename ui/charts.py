"""Bar charts of counted answers (Overzicht), with the municipalities behind each bar as tooltip."""

from __future__ import annotations

import altair as alt
import pandas as pd

BAR_COLOUR = "#0b6e99"
ROW_HEIGHT = 26


def count_chart(frame: pd.DataFrame, total: int) -> alt.Chart:
    """Horizontal bars of ``aantal`` per ``label`` in the frame's order (most named first).

    ``frame`` has the columns of :data:`graph.analysis.survey_findings.COLUMNS`; ``total`` is the number
    of municipalities that answered, the axis maximum.
    """
    data = frame.assign(
        wie=frame["gemeenten"].map(lambda names: ", ".join(names) or "niemand"),
        procent=(frame["aandeel"] * 100).round(0),
    )[["label", "aantal", "procent", "wie"]]
    order = list(data["label"])
    return (
        alt.Chart(data)
        .mark_bar(color=BAR_COLOUR, cornerRadiusEnd=2)
        .encode(
            x=alt.X(
                "aantal:Q",
                title="gemeenten",
                scale=alt.Scale(domain=[0, max(total, 1)]),
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("label:N", title="antwoord"),
                alt.Tooltip("aantal:Q", title="gemeenten"),
                alt.Tooltip("procent:Q", title="% van de antwoorden"),
                alt.Tooltip("wie:N", title="welke"),
            ],
        )
        .properties(height=alt.Step(ROW_HEIGHT))
    )
