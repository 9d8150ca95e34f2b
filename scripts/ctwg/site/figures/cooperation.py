"""The cooperation figure: who works with whom, as inline SVG (no JavaScript, no requests).

In: a `SiteContext`, the page the SVG goes on (for relative links) and optionally a focus
record and the edges to draw (default: ctx.facts.cooperation). Out: the figure's HTML
(figures.layout.frame): a wide drawing in columns (partners | the group | APEC fora | issue
areas) and a narrow one for phones (one column of names, the connections as arcs on its
left), each name whole (wrapped, never cut) and a link to its record page, every kind of
connection drawn in its own line style, and a legend naming each style. The pages put the same
connections beside it as a table.
"""

from __future__ import annotations

from ...data import constants
from ..context import SiteContext
from ..markup import esc
from . import layout

# Each kind of connection (data.derived.cooperation_edges) and its CSS class and legend words.
EDGE_KINDS = {
    "leads on": ("leads", "leads on (an issue area)"),
    "is part of": ("part", "is part of"),
    "works with (work plan)": ("plan", "works with (through the work plan)"),
    "meets at events": ("events", "meets at events"),
}
COLUMNS = (("partners", "Partners"), ("group", "The group"), ("fora", "APEC fora"),
           ("issue_areas", "Issue areas"))
PAD = 6        # inside a name's box
GAP = 8        # between boxes of one column
HEAD = 26      # room for the column headings


def edge_class(rel: str) -> str:
    return "ctwg-edge ctwg-edge--" + EDGE_KINDS.get(rel, ("other", rel))[0]


def _columns(ctx: SiteContext, edges, focus):
    cat = ctx.catalog
    ids = {a for a, _, _ in edges} | {b for _, _, b in edges}
    if focus:
        ids.add(focus)
    cols = {
        "partners": [e.id for e in cat.of_type("partners") if e.id in ids],
        "group": [constants.GROUP_ID] if constants.GROUP_ID in ids else [],
        "fora": [e.id for e in cat.of_type("fora") if e.id in ids and e.id != constants.GROUP_ID],
        "issue_areas": [e.id for e in cat.of_type("issue_areas") if e.id in ids],
    }
    if focus and focus not in sum(cols.values(), []):
        cols["group"].append(focus)
    return {c: v for c, v in cols.items() if v}


def _label(ctx: SiteContext, rid: str) -> str:
    m = ctx.catalog.entries[rid].model
    return m.short_name or m.name


def _node(ctx, rid, x, y, w, lines) -> str:
    """A name's box, a link to its record; its full name as a tooltip where the box shows a
    short name."""
    name = ctx.catalog.entries[rid].model.name
    h = len(lines) * layout.LINE + 2 * PAD
    tip = "" if " ".join(lines) == name else f"<title>{esc(name)}</title>"
    return (f'<a href="{esc(ctx.href(rid))}" class="ctwg-node">{tip}'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="4"/>'
            + layout.text_lines(lines, x + w / 2, y + PAD + layout.FONT) + "</a>")


def _column(col: str, nodes: list[str]) -> str:
    """A column's boxes in one group, which gives them their look (site.css) and centres their names."""
    return f'<g class="ctwg-node--{col}" text-anchor="middle">{"".join(nodes)}</g>'


def _edges(paths: list[tuple[str, str]]) -> str:
    """The connections, one <path> per kind (its lines as subpaths) with the kind as its tooltip."""
    by_kind: dict[str, list[str]] = {}
    for rel, d in paths:
        by_kind.setdefault(rel, []).append(d)
    return "".join(f'<path class="{edge_class(rel)}" d="{" ".join(ds)}"><title>{esc(rel)}</title></path>'
                   for rel, ds in by_kind.items())


def _pairs(edges):
    """Each edge with its offset among the edges joining the same two records (so that two
    kinds of connection between one pair are both seen)."""
    seen: dict[frozenset, int] = {}
    for a, rel, b in edges:
        key = frozenset((a, b))
        n = seen.get(key, 0)
        seen[key] = n + 1
        yield a, rel, b, (0, 4, -4, 8)[min(n, 3)]


def _wide(ctx, cols, edges, title, width, show) -> str:
    n = len(cols)
    gap = 70 if n > 1 else 0
    colw = (width - gap * (n - 1)) / n
    order = list(cols)
    xs = {c: i * (colw + gap) for i, c in enumerate(order)}
    col_of = {rid: c for c, items in cols.items() for rid in items}
    # Connections that pass over a column (the group leading on an issue area, over the fora)
    # go through a corridor left open in the middle of that column, not behind its names.
    skips = [(a, rel, b) for a, rel, b in edges if a in col_of and b in col_of
             and abs(order.index(col_of[a]) - order.index(col_of[b])) > 1]
    crossed = {order[i] for a, _, b in skips
               for i in range(min(order.index(col_of[a]), order.index(col_of[b])) + 1,
                              max(order.index(col_of[a]), order.index(col_of[b])))}
    corridor = 6 * len(skips) + 16
    labels = {rid: layout.wrap(_label(ctx, rid), colw - 2 * PAD) for items in cols.values() for rid in items}
    tall = {c: sum(len(labels[r]) * layout.LINE + 2 * PAD for r in items) + GAP * (len(items) - 1)
            + (corridor if c in crossed else 0) for c, items in cols.items()}
    height = HEAD + max(tall.values()) + 4
    pos: dict[str, tuple[float, float, float]] = {}  # id -> x, top, mid y
    lane: dict[str, float] = {}  # column -> y of its corridor's middle
    for c, items in cols.items():
        y = HEAD + (height - HEAD - tall[c]) / 2
        for i, rid in enumerate(items):
            if c in crossed and i == len(items) // 2:
                lane[c] = y - GAP / 2 + corridor / 2
                y += corridor
            h = len(labels[rid]) * layout.LINE + 2 * PAD
            pos[rid] = (xs[c], y, y + h / 2)
            y += h + GAP
    skip_n = {e: i for i, e in enumerate(skips)}
    lines = []
    for a, rel, b, off in _pairs(edges):
        if a not in pos or b not in pos:
            continue
        (xa, _, ya), (xb, _, yb) = pos[a], pos[b]
        ya, yb = ya + off, yb + off
        if xa > xb:
            (xa, ya), (xb, yb) = (xb, yb), (xa, ya)
        if (a, rel, b) in skip_n:
            spread = (skip_n[(a, rel, b)] - (len(skips) - 1) / 2) * 6
            d = f"M{xa + colw:.0f},{ya:.0f}"
            x, y = xa + colw, ya
            for c in order[order.index(col_of[a if pos[a][0] == xa else b]) + 1:]:
                if xs[c] >= xb:
                    break
                ly = lane[c] + spread
                mid = (x + xs[c]) / 2
                d += f" C{mid:.0f},{y:.0f} {mid:.0f},{ly:.0f} {xs[c]:.0f},{ly:.0f} H{xs[c] + colw:.0f}"
                x, y = xs[c] + colw, ly
            mid = (x + xb) / 2
            d += f" C{mid:.0f},{y:.0f} {mid:.0f},{yb:.0f} {xb:.0f},{yb:.0f}"
        elif xa == xb:  # same column: an arc on its right
            x1 = xa + colw
            mid = x1 + min(gap - 8, 20 + abs(yb - ya) / 8)
            d = f"M{x1:.0f},{ya:.0f} C{mid:.0f},{ya:.0f} {mid:.0f},{yb:.0f} {x1:.0f},{yb:.0f}"
        else:
            x1, x2 = xa + colw, xb
            mid = (x1 + x2) / 2
            d = f"M{x1:.0f},{ya:.0f} C{mid:.0f},{ya:.0f} {mid:.0f},{yb:.0f} {x2:.0f},{yb:.0f}"
        lines.append((rel, d))
    heads = "".join(
        f'<text class="ctwg-colhead" x="{xs[c] + colw / 2:.0f}" y="{layout.FONT + 2}" text-anchor="middle">{esc(t)}</text>'
        for c, t in COLUMNS if c in cols)
    nodes = "".join(_column(c, [_node(ctx, rid, pos[rid][0], pos[rid][1], colw, labels[rid]) for rid in items])
                    for c, items in cols.items())
    return layout.svg(show, width, height, title, heads + _edges(lines) + nodes)


def _narrow(ctx, cols, edges, title, show) -> str:
    width = layout.NARROW
    gutter = 96  # room for the arcs on the left
    boxw = width - gutter
    labels = {rid: layout.wrap(_label(ctx, rid), boxw - 2 * PAD) for items in cols.values() for rid in items}
    pos: dict[str, tuple[float, float]] = {}
    parts = []
    y = 0.0
    for c, t in COLUMNS:
        if c not in cols:
            continue
        parts.append(f'<text class="ctwg-colhead" x="{gutter}" y="{y + layout.FONT + 4:.0f}">{esc(t)}</text>')
        y += HEAD
        nodes = []
        for rid in cols[c]:
            h = len(labels[rid]) * layout.LINE + 2 * PAD
            nodes.append(_node(ctx, rid, gutter, y, boxw, labels[rid]))
            pos[rid] = (y, y + h / 2)
            y += h + GAP
        parts.append(_column(c, nodes))
        y += 6
    arcs = []
    longest = max((abs(pos[a][1] - pos[b][1]) for a, _, b in edges if a in pos and b in pos), default=1) or 1
    for a, rel, b, off in _pairs(edges):
        if a not in pos or b not in pos:
            continue
        ya, yb = pos[a][1] + off, pos[b][1] + off
        reach = 10 + (gutter - 16) * (abs(yb - ya) / longest) ** 0.5  # the longer, the wider
        xl = gutter - reach * 4 / 3  # a cubic's tip lies at 3/4 of its control points' reach
        arcs.append((rel, f"M{gutter},{ya:.0f} C{xl:.0f},{ya:.0f} {xl:.0f},{yb:.0f} {gutter},{yb:.0f}"))
    return layout.svg(show, width, y, title, _edges(arcs) + "".join(parts))


def _legend(cols, edges) -> str:
    kinds = [k for k in EDGE_KINDS if any(rel == k for _, rel, _ in edges)]
    items = [(f'<path class="{edge_class(k)}" d="M1,8 H33"/>', EDGE_KINDS[k][1]) for k in kinds]
    boxes = (("group", "ctwg-node--group", "the group (CTWG)"), ("partners", "ctwg-node--partners", "partner organisation"),
             ("fora", "ctwg-node--fora", "APEC forum"), ("issue_areas", "ctwg-node--issue_areas", "issue area"))
    for col, cls, words in boxes:
        if col in cols or (col == "group" and constants.GROUP_ID in sum(cols.values(), [])):
            items.append((f'<g class="ctwg-node {cls}"><rect x="2" y="2" width="30" height="12" rx="3"/></g>', words))
    return layout.legend(items)


def cooperation_svg(ctx: SiteContext, focus: str | None = None,
                    edges: list[tuple[str, str, str]] | None = None) -> str:
    """The figure's HTML: both drawings and the legend (see the module's docstring)."""
    edges = ctx.facts.cooperation(focus) if edges is None else edges
    cols = _columns(ctx, edges, focus)
    title = "Cooperation map" if not focus else f"Cooperation of {ctx.catalog.entries[focus].model.name}"
    widths = [layout.NARROW, *(layout.WIDE_STEPS if not focus else layout.WIDE_STEPS[:1])]

    def draw(width, show):
        if width == layout.NARROW:
            return _narrow(ctx, cols, edges, title, show)
        return _wide(ctx, cols, edges, title, width, show)

    return layout.frame(title, widths, draw, _legend(cols, edges))
