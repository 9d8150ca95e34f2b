"""The timeline figure: every dated milestone on a year axis, as inline SVG.

In: a `SiteContext`, the milestones (ctwg.data.derived) and the page the SVG goes on. Out:
SVG with each milestone a dot and a label, labels stacked in rows so none overlap, each a
link to its record page. The timeline page lists the same milestones as text.
"""

from __future__ import annotations

from ...data import dates
from ...data.derived import Milestone
from ..context import SiteContext
from ..markup import esc


def timeline_svg(ctx: SiteContext, items: list[Milestone], current: str) -> str:
    dated = [ms for ms in items if ms.date]
    if not dated:
        return ""
    years = [int(ms.date[:4]) for ms in dated]
    y0, y1 = min(years), max(years) + 1
    width, left, right = 760, 20, 20
    span = max(y1 - y0, 1)

    def xpos(date: str) -> float:
        return left + (dates.parts(date)[0] - y0 + dates.year_fraction(date)) / span * (width - left - right)

    rows_end: list[float] = []
    placed = []
    for ms in dated:
        x = xpos(ms.date)
        label = ms.label
        if len(label) > 26:
            label = label[:24] + "…"
        w = 6.8 * len(label) + 16
        for r, end in enumerate(rows_end):
            if x >= end:
                rows_end[r] = x + w
                break
        else:
            rows_end.append(x + w)
            r = len(rows_end) - 1
        placed.append((ms, x, r, label))
    axis_y = 30
    height = axis_y + 22 * len(rows_end) + 30
    ticks = "".join(
        f'<line class="ctwg-tick" x1="{xpos(str(y)):.0f}" x2="{xpos(str(y)):.0f}" y1="{axis_y - 5}" y2="{height - 10}"/>'
        f'<text class="ctwg-year" x="{xpos(str(y)) + 2:.0f}" y="{axis_y - 10}">{y}</text>'
        for y in range(y0, y1 + 1) if (y - y0) % max(1, span // 16) == 0)
    marks = []
    for ms, x, r, label in placed:
        y = axis_y + 16 + r * 22
        marks.append(f'<a href="{esc(ctx.href(ms.entry.id, current))}" class="ctwg-mark ctwg-mark--{ms.entry.type}">'
                     f"<title>{esc(ms.date)}: {esc(ms.text)}</title>"
                     f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5"/>'
                     f'<text x="{x + 8:.0f}" y="{y + 4:.0f}">{esc(label)}</text></a>')
    return (f'<svg class="ctwg-svg ctwg-timeline" viewBox="0 0 {width + 180} {height}" role="group" '
            f'aria-label="Timeline of events and milestones, {y0} to {y1 - 1}" xmlns="http://www.w3.org/2000/svg">'
            f'<line class="ctwg-axis" x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}"/>'
            f"{ticks}{''.join(marks)}</svg>")
