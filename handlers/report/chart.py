"""The check-in chart (PNG): for each group (a unit, or a team member) the items planned
and done per quarter, and below them JP planned and realized against the PNS minimum (and
the PPPK maximum).

matplotlib's object API with the Agg canvas: no display, no pyplot's global state, so a
chart can be drawn in a worker thread (:func:`render_in_thread`) while the event loop goes
on. At most :data:`GROUPS_DRAWN` groups are drawn (the caller orders them); the workbook
holds them all.
"""

from __future__ import annotations

import asyncio
import io
import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from handlers.effects import Msg
from handlers.forms.labels import plain, shorten
from handlers.report.figures import Figures
from handlers.report.model import QUARTERS

GROUPS_DRAWN = 8
COLUMNS = 4
LABEL_TEXT = 28  # characters of a group's name on the chart
DPI = 100
PLANNED, DONE, TARGET, CAP = "#9db4d6", "#2b6cb0", "#c53030", "#dd6b20"


def word(name: str, locale: str, **context: object) -> str:
    return plain(Msg(f"report/chart/{name}", dict(context)), locale)


def render(groups: Sequence[Figures], title: str, locale: str) -> bytes:
    """The chart of ``groups[:GROUPS_DRAWN]`` as PNG bytes."""
    drawn = list(groups[:GROUPS_DRAWN])
    columns = max(1, min(COLUMNS, len(drawn)))
    rows = max(1, math.ceil(len(drawn) / columns))
    figure = Figure(figsize=(12, 2.8 * rows + 1.2 + 0.45 * max(1, len(drawn))), dpi=DPI)
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(
        rows + 1, columns, height_ratios=[*([2.8] * rows), 1.2 + 0.45 * max(1, len(drawn))]
    )
    figure.suptitle(title, fontsize=13)
    for index, group in enumerate(drawn):
        axes = figure.add_subplot(grid[index // columns, index % columns])
        _quarters(axes, group, locale, legend=index == 0)
    _jp(figure.add_subplot(grid[rows, :]), drawn, locale)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


async def render_in_thread(groups: Sequence[Figures], title: str, locale: str) -> bytes:
    """:func:`render` in a worker thread: drawing takes a fraction of a second of CPU."""
    return await asyncio.to_thread(render, groups, title, locale)


def _quarters(axes: Axes, group: Figures, locale: str, *, legend: bool) -> None:
    names = [word("quarter", locale, quarter=q) for q in QUARTERS]
    places = list(range(len(QUARTERS)))
    axes.bar([p - 0.2 for p in places], [q.planned for q in group.quarters], 0.4,
             color=PLANNED, label=word("planned", locale))  # fmt: skip
    axes.bar([p + 0.2 for p in places], [q.done for q in group.quarters], 0.4,
             color=DONE, label=word("done", locale))  # fmt: skip
    axes.set_xticks(places, names)
    axes.set_title(shorten(group.label, LABEL_TEXT), fontsize=10)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    if legend:
        axes.legend(fontsize=7, loc="upper right")


def _jp(axes: Axes, groups: Sequence[Figures], locale: str) -> None:
    places = list(range(len(groups)))
    axes.barh([p + 0.2 for p in places], [g.jp_planned for g in groups], 0.4, color=PLANNED,
              label=word("jp_planned", locale))  # fmt: skip
    axes.barh([p - 0.2 for p in places], [g.jp_realized for g in groups], 0.4, color=DONE,
              label=word("jp_realized", locale))  # fmt: skip
    for value, color, name in (("jp_target", TARGET, "jp_target"), ("jp_cap", CAP, "jp_cap")):
        marked = [(getattr(g, value), p) for g, p in zip(groups, places, strict=True)
                  if getattr(g, value)]  # fmt: skip
        if marked:  # a group without PNS has no minimum, one without PPPK no maximum
            axes.scatter([x for x, _ in marked], [y for _, y in marked], marker="|", s=400,
                         color=color, label=word(name, locale), zorder=3)  # fmt: skip
    axes.set_yticks(places, [shorten(g.label, LABEL_TEXT) for g in groups])
    axes.invert_yaxis()
    axes.set_xlabel(word("jp_axis", locale))
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
