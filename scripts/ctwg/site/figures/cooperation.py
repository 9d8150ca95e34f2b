"""The cooperation figure: who works with whom, as inline SVG (no JavaScript, no requests).

In: a `SiteContext`, the page the SVG goes on (for relative links) and optionally a focus
record and the edges to draw (default: ctx.facts.cooperation). Out: SVG laid out in columns
(partners | the group | APEC fora | issue areas), every node a link to its record page and
every label escaped. The pages put the same connections beside it as a table.
"""

from __future__ import annotations

from ...data import constants
from ..context import SiteContext
from ..markup import esc


def _node(ctx: SiteContext, rid: str, x: float, y: float, w: float, current: str, cls: str) -> str:
    e = ctx.catalog.entries[rid]
    text = e.model.short_name or e.model.name
    if len(text) > 30:
        text = text[:28] + "…"
    return (f'<a href="{esc(ctx.href(rid, current))}" class="ctwg-node {cls}">'
            f"<title>{esc(e.model.name)}</title>"
            f'<rect x="{x:.0f}" y="{y - 11:.0f}" width="{w:.0f}" height="22" rx="4"/>'
            f'<text x="{x + w / 2:.0f}" y="{y + 4:.0f}" text-anchor="middle">{esc(text)}</text></a>')


def cooperation_svg(ctx: SiteContext, current: str, focus: str | None = None,
                    edges: list[tuple[str, str, str]] | None = None) -> str:
    cat = ctx.catalog
    edges = ctx.facts.cooperation(focus) if edges is None else edges
    ids = {a for a, _, _ in edges} | {b for _, _, b in edges}
    if focus:
        ids.add(focus)
    cols = {
        "partners": [e.id for e in cat.of_type("partners") if e.id in ids],
        "group": [constants.GROUP_ID] if constants.GROUP_ID in ids else [],
        "fora": [e.id for e in cat.of_type("fora") if e.id in ids and e.id != constants.GROUP_ID],
        "issue_areas": [e.id for e in cat.of_type("issue_areas") if e.id in ids],
    }
    if focus and focus not in cols["group"] and focus not in sum(cols.values(), []):
        cols["group"].append(focus)
    row, width, colw = 28, 960, 190
    xs = {"partners": 10, "group": 260, "fora": 510, "issue_areas": 760}
    rows = max((len(v) for v in cols.values()), default=1)
    height = max(rows, 1) * row + 40
    pos: dict[str, tuple[float, float]] = {}
    for col, items in cols.items():
        offset = (height - len(items) * row) / 2 + row / 2
        for i, rid in enumerate(items):
            pos[rid] = (xs[col], offset + i * row)
    lines = []
    for a, rel, b in edges:
        if a not in pos or b not in pos:
            continue
        (xa, ya), (xb, yb) = pos[a], pos[b]
        if xa > xb:
            (xa, ya), (xb, yb) = (xb, yb), (xa, ya)
        x1, x2 = xa + colw, xb
        if x1 > x2:  # same column: arc on the right
            x1, x2 = xa + colw, xb + colw
            mid = x1 + 30
            lines.append(f'<path class="ctwg-edge" d="M{x1:.0f},{ya:.0f} C{mid:.0f},{ya:.0f} {mid:.0f},{yb:.0f} {x2:.0f},{yb:.0f}"><title>{esc(rel)}</title></path>')
        else:
            mid = (x1 + x2) / 2
            lines.append(f'<path class="ctwg-edge" d="M{x1:.0f},{ya:.0f} C{mid:.0f},{ya:.0f} {mid:.0f},{yb:.0f} {x2:.0f},{yb:.0f}"><title>{esc(rel)}</title></path>')
    nodes = []
    for col, items in cols.items():
        for rid in items:
            x, y = pos[rid]
            cls = "ctwg-node--group" if rid == constants.GROUP_ID else f"ctwg-node--{col}"
            nodes.append(_node(ctx, rid, x, y, colw, current, cls))
    heads = "".join(
        f'<text class="ctwg-colhead" x="{xs[c] + colw / 2:.0f}" y="14" text-anchor="middle">{esc(t)}</text>'
        for c, t in (("partners", "Partners"), ("group", "The group"), ("fora", "APEC fora"),
                     ("issue_areas", "Issue areas")) if cols[c])
    title = "Cooperation map" if not focus else f"Cooperation of {cat.entries[focus].model.name}"
    return (f'<svg class="ctwg-svg" viewBox="0 0 {width} {height + 10:.0f}" role="group" '
            f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">'
            f"{heads}{''.join(lines)}{''.join(nodes)}</svg>")
