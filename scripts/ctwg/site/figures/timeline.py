"""The timeline figure: every dated milestone on a year axis that runs down the page.

In: a `SiteContext`, the milestones (ctwg.data.derived) and the page the SVG goes on. Out: the
figure's HTML (figures.layout.frame): a wide and a narrow drawing of the same axis, one band
per year (a year without milestones is a thin band, so gaps in time show), each milestone a
mark on the axis (its shape and colour say what kind of record it is) beside its whole label
(wrapped, never cut), a link to its record page; and a legend of the marks. The timeline page
lists the same milestones as text.
"""

from __future__ import annotations

from ...data.derived import Milestone
from ..context import SiteContext
from ..markup import esc
from . import layout

AXIS_X = 58     # the axis; the years stand on its left
LABEL_X = 76    # where the labels start
EMPTY = 22      # height of a year band with no milestones
GAP = 7         # between two milestones

# What the marks show, by record type: (shape, legend words). Every type that has milestones
# (data.derived.milestones) is here; any other falls back to a circle.
MARKS = {
    "events": ("circle", "event"),
    "documents": ("square", "document issued"),
    "initiatives": ("diamond", "initiative begins"),
    "fora": ("triangle", "forum established or renamed"),
    "news": ("ring", "news"),
}


def _mark(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f},{y - 7:.1f} l7,7 l-7,7 l-7,-7 z"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f},{y - 7:.1f} l7,12 h-14 z"/>'
    if shape == "ring":
        return f'<circle class="ctwg-mark__ring" cx="{x:.1f}" cy="{y:.1f}" r="5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6"/>'


def _drawing(ctx, dated, width, cls, title) -> str:
    years = [int(ms.date[:4]) for ms in dated]
    y0, y1 = min(years), max(years)
    label_w = width - LABEL_X
    by_year: dict[int, list[Milestone]] = {}
    for ms in dated:
        by_year.setdefault(int(ms.date[:4]), []).append(ms)
    parts: list[str] = []
    y = 8.0
    for year in range(y0, y1 + 1):
        items = by_year.get(year, [])
        top = y
        parts.append(f'<line class="ctwg-tick" x1="{AXIS_X - 8}" x2="{width}" y1="{top:.0f}" y2="{top:.0f}"/>')
        parts.append(f'<text class="ctwg-year" x="{AXIS_X - 12}" y="{top + layout.FONT + 3:.0f}" '
                     f'text-anchor="end">{year}</text>')
        y += 6
        for ms in items:
            lines = layout.wrap(ms.label, label_w)
            base = y + layout.FONT
            shape = MARKS.get(ms.entry.type, ("circle", ""))[0]
            parts.append(f'<a href="{esc(ctx.href(ms.entry.id))}" class="ctwg-mark ctwg-mark--{ms.entry.type}">'
                         f"<title>{esc(ms.date)}: {esc(ms.text)}</title>"
                         + _mark(shape, AXIS_X, base - 4.5)
                         + layout.text_lines(lines, LABEL_X, base) + "</a>")
            y += len(lines) * layout.LINE + GAP
        y = max(y, top + EMPTY)
    axis = f'<line class="ctwg-axis" x1="{AXIS_X}" x2="{AXIS_X}" y1="0" y2="{y:.0f}"/>'
    return layout.svg(f"ctwg-timeline {cls}", width, y + 4, title, axis + "".join(parts))


def timeline_svg(ctx: SiteContext, items: list[Milestone]) -> str:
    """The figure's HTML: both drawings and the legend (see the module's docstring)."""
    dated = [ms for ms in items if ms.date]
    if not dated:
        return ""
    years = [int(ms.date[:4]) for ms in dated]
    title = f"Timeline of events and milestones, {min(years)} to {max(years)}"
    kinds = [t for t in MARKS if any(ms.entry.type == t for ms in dated)]
    legend = layout.legend([(f'<g class="ctwg-mark ctwg-mark--{t}">{_mark(MARKS[t][0], 17, 8)}</g>', MARKS[t][1])
                            for t in kinds])
    return layout.frame(title, [layout.NARROW, layout.WIDE_STEPS[0]],
                        lambda width, show: _drawing(ctx, dated, width, show, title), legend)
