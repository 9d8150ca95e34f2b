"""The tracker figure: each goal's expected outcomes by status, as inline SVG.

In: rows of (goal entry, goal status, Counter of expected-outcome statuses). Out: the figure's
HTML (figures.layout.frame): for each goal its whole name (wrapped, a link to its page), a
stacked bar below it (one segment per status) and the counts in words under the bar; a wide and
a narrow drawing, and a legend of the colours. Colours differ in lightness as well as hue, and
the counts are written out, so the chart reads without colour.
"""

from __future__ import annotations

from ...data.constants import PROGRESS_STATUSES
from ..markup import esc, value_label
from . import layout

CLASSES = {s: f"ctwg-st--{s}" for s in PROGRESS_STATUSES}
BAR = 18


def _drawing(ctx, rows, width, cls) -> str:
    total_max = max((sum(c.values()) for _, _, c in rows), default=1) or 1
    unit = (width - 2) / total_max
    parts = []
    y = 0.0
    for g, _status, counts in rows:
        name = layout.wrap(f"Goal {g.model.number}: {g.model.name}", width)
        parts.append(f'<a href="{esc(ctx.href(g.id))}" class="ctwg-node ctwg-tracker__goal">'
                     + layout.text_lines(name, 0, y + layout.FONT) + "</a>")
        y += len(name) * layout.LINE + 2
        x = 0.0
        words = []
        for s in PROGRESS_STATUSES:
            n = counts.get(s, 0)
            if not n:
                continue
            parts.append(f'<g class="{CLASSES[s]}"><title>{esc(value_label(s))}: {n}</title>'
                         f'<rect class="ctwg-tracker__seg" x="{x:.1f}" y="{y:.0f}" width="{n * unit:.1f}" height="{BAR}"/></g>')
            x += n * unit
            words.append(f"{n} {value_label(s).lower()}")
        said = layout.wrap(" · ".join(words) if words else "no expected outcomes recorded", width)
        parts.append(layout.text_lines(said, 0, y + BAR + layout.FONT + 3, class_="ctwg-tracker__counts"))
        y += BAR + 3 + len(said) * layout.LINE + 14
    return layout.svg(f"ctwg-tracker {cls}", width, y, "Expected outcomes of each goal by status", "".join(parts))


def tracker_svg(ctx, rows) -> str:
    """The figure's HTML: both drawings and the legend (see the module's docstring)."""
    legend = layout.legend([(f'<g class="{CLASSES[s]}"><rect class="ctwg-tracker__seg" x="2" y="1" width="30" height="14"/></g>',
                             value_label(s)) for s in PROGRESS_STATUSES])
    return layout.frame("Expected outcomes of each goal by status", [layout.NARROW, layout.WIDE_STEPS[0]],
                        lambda width, show: _drawing(ctx, rows, width, show), legend)
