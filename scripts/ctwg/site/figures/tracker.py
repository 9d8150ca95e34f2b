"""The tracker figure: each goal's expected outcomes by status, as inline SVG.

In: rows of (goal entry, goal status, Counter of expected-outcome statuses). Out: a
horizontal stacked bar per goal (one segment per status, labelled with its count), each
goal label a link to its page. Colours differ in lightness as well as hue, and every
segment carries a text label, so the chart reads without colour.
"""

from __future__ import annotations

from ...data.constants import PROGRESS_STATUSES
from ..markup import esc, value_label

CLASSES = {s: f"ctwg-st--{s}" for s in PROGRESS_STATUSES}


def tracker_svg(ctx, rows, current: str) -> str:
    row_h, label_w, bar_w, unit_min = 30, 300, 420, 1
    total_max = max((sum(c.values()) for _, _, c in rows), default=1) or 1
    unit = bar_w / total_max
    height = 40 + row_h * len(rows) + 30
    parts = []
    for i, (g, _status, counts) in enumerate(rows):
        y = 30 + i * row_h
        name = f"Goal {g.model.number}: {g.model.name}"
        if len(name) > 44:
            name = name[:42] + "…"
        parts.append(f'<a href="{esc(ctx.href(g.id, current))}" class="ctwg-node">'
                     f'<text x="0" y="{y + 15}">{esc(name)}</text></a>')
        x = label_w
        for s in PROGRESS_STATUSES:
            n = counts.get(s, 0)
            if not n:
                continue
            w = max(n * unit, unit_min)
            parts.append(f'<g class="{CLASSES[s]}"><title>{esc(value_label(s))}: {n}</title>'
                         f'<rect x="{x:.0f}" y="{y}" width="{w:.0f}" height="20"/>'
                         f'<text x="{x + 6:.0f}" y="{y + 15}">{n} {esc(value_label(s).lower())}</text></g>')
            x += w
    legend_y = 30 + row_h * len(rows) + 12
    lx = label_w
    for s in PROGRESS_STATUSES:
        parts.append(f'<g class="{CLASSES[s]} ctwg-legend"><rect x="{lx}" y="{legend_y}" width="14" height="14"/>'
                     f'<text x="{lx + 20}" y="{legend_y + 12}">{esc(value_label(s))}</text></g>')
        lx += 105
    return (f'<svg class="ctwg-svg ctwg-tracker" viewBox="0 0 {label_w + bar_w + 10} {height}" role="group" '
            f'aria-label="Expected outcomes of each goal by status" xmlns="http://www.w3.org/2000/svg">'
            f'<text class="ctwg-colhead" x="0" y="14">Goal</text>'
            f'<text class="ctwg-colhead" x="{label_w}" y="14">Expected outcomes by status</text>'
            f"{''.join(parts)}</svg>")
