"""Diagrams drawn at build time: Catalog -> inline SVG (no JavaScript, no requests).

In: the Catalog (and the page the SVG goes on, to make relative links). Out: SVG markup
with every node a link to its record page and every label escaped. The cooperation map is
laid out in columns (partners | the group | APEC fora | issue areas); the timeline puts
each dated item on a year axis, stacking labels so none overlap.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from .catalog import Catalog
from .render import esc

if TYPE_CHECKING:  # pragma: no cover
    from .pages import Milestone, SiteContext

GROUP_ID = "ctwg"


def page_href(ctx: SiteContext, rid: str, current: str) -> str:
    """Relative URL from the page built from `current` to the record page of `rid`."""
    e = ctx.catalog.entries[rid]
    cur = current[:-3]
    cur_dir = posixpath.dirname(cur) if cur.endswith("index") else cur
    rel = posixpath.relpath(e.url.rstrip("/"), cur_dir or ".")
    return rel + "/"


_EDGE_CACHE: dict[int, tuple[Catalog, list[tuple[str, str, str]], dict[str, list[tuple[str, str, str]]]]] = {}


def cooperation_edges(cat: Catalog, focus: str | None = None) -> list[tuple[str, str, str]]:
    """(from id, relation, to id) triples; with `focus`, only those touching that record.
    Computed once per catalog (forum and partner pages each ask for their own)."""
    cached = _EDGE_CACHE.get(id(cat))
    if cached is None or cached[0] is not cat:
        edges = _all_edges(cat)
        by_node: dict[str, list[tuple[str, str, str]]] = {}
        for edge in edges:
            by_node.setdefault(edge[0], []).append(edge)
            if edge[2] != edge[0]:
                by_node.setdefault(edge[2], []).append(edge)
        _EDGE_CACHE.clear()
        cached = _EDGE_CACHE[id(cat)] = (cat, edges, by_node)
    return list(cached[2].get(focus, [])) if focus else list(cached[1])


def _all_edges(cat: Catalog) -> list[tuple[str, str, str]]:
    edges: set[tuple[str, str, str]] = set()
    for e in cat.of_type("fora") + cat.of_type("partners"):
        if e.model.parent and e.model.parent in cat.entries:
            edges.add((e.id, "is part of", e.model.parent))
    for ia in cat.of_type("issue_areas"):
        for f in ia.model.lead_fora:
            edges.add((f, "leads on", ia.id))
    if GROUP_ID in cat.entries:
        for w in cat.of_type("workplan"):
            for ln in cat.outgoing.get(w.id, []):
                t = cat.entries[ln.target]
                if t.type in ("fora", "partners") and t.id != GROUP_ID:
                    edges.add((GROUP_ID, "works with (work plan)", t.id))
        for ev in cat.of_type("events"):
            parties = (set(ev.model.organisers) | set(ev.model.co_sponsors) | set(ev.model.participants)
                       | set(ev.model.auspices))
            if GROUP_ID in parties:
                for p in parties - {GROUP_ID}:
                    if p in cat.entries and cat.entries[p].type in ("fora", "partners"):
                        edges.add((GROUP_ID, "meets at events", p))
    return sorted(edges)


def _node(ctx: SiteContext, rid: str, x: float, y: float, w: float, current: str, cls: str) -> str:
    e = ctx.catalog.entries[rid]
    text = e.model.short_name or e.model.name
    if len(text) > 30:
        text = text[:28] + "…"
    return (f'<a href="{esc(page_href(ctx, rid, current))}" class="ctwg-node {cls}">'
            f"<title>{esc(e.model.name)}</title>"
            f'<rect x="{x:.0f}" y="{y - 11:.0f}" width="{w:.0f}" height="22" rx="4"/>'
            f'<text x="{x + w / 2:.0f}" y="{y + 4:.0f}" text-anchor="middle">{esc(text)}</text></a>')


def cooperation_svg(ctx: SiteContext, current: str, focus: str | None = None,
                    edges: list[tuple[str, str, str]] | None = None) -> str:
    cat = ctx.catalog
    edges = cooperation_edges(cat, focus) if edges is None else edges
    ids = {a for a, _, _ in edges} | {b for _, _, b in edges}
    if focus:
        ids.add(focus)
    cols = {
        "partners": [e.id for e in cat.of_type("partners") if e.id in ids],
        "group": [GROUP_ID] if GROUP_ID in ids else [],
        "fora": [e.id for e in cat.of_type("fora") if e.id in ids and e.id != GROUP_ID],
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
            cls = "ctwg-node--group" if rid == GROUP_ID else f"ctwg-node--{col}"
            nodes.append(_node(ctx, rid, x, y, colw, current, cls))
    heads = "".join(
        f'<text class="ctwg-colhead" x="{xs[c] + colw / 2:.0f}" y="14" text-anchor="middle">{esc(t)}</text>'
        for c, t in (("partners", "Partners"), ("group", "The group"), ("fora", "APEC fora"),
                     ("issue_areas", "Issue areas")) if cols[c])
    title = "Cooperation map" if not focus else f"Cooperation of {cat.entries[focus].model.name}"
    return (f'<svg class="ctwg-svg" viewBox="0 0 {width} {height + 10:.0f}" role="group" '
            f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">'
            f"{heads}{''.join(lines)}{''.join(nodes)}</svg>")


def timeline_svg(ctx: SiteContext, items: list[Milestone], current: str) -> str:
    dated = [ms for ms in items if ms.date]
    if not dated:
        return ""
    years = [int(ms.date[:4]) for ms in dated]
    y0, y1 = min(years), max(years) + 1
    width, left, right = 760, 20, 20
    span = max(y1 - y0, 1)

    def xpos(date: str) -> float:
        parts = [int(p) for p in date.split("-")]
        frac = ((parts[1] - 1) / 12 if len(parts) > 1 else 0) + ((parts[2] - 1) / 365 if len(parts) > 2 else 0)
        return left + (parts[0] - y0 + frac) / span * (width - left - right)

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
        marks.append(f'<a href="{esc(page_href(ctx, ms.entry.id, current))}" class="ctwg-mark ctwg-mark--{ms.entry.type}">'
                     f"<title>{esc(ms.date)}: {esc(ms.text)}</title>"
                     f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5"/>'
                     f'<text x="{x + 8:.0f}" y="{y + 4:.0f}">{esc(label)}</text></a>')
    return (f'<svg class="ctwg-svg ctwg-timeline" viewBox="0 0 {width + 180} {height}" role="group" '
            f'aria-label="Timeline of events and milestones, {y0} to {y1 - 1}" xmlns="http://www.w3.org/2000/svg">'
            f'<line class="ctwg-axis" x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}"/>'
            f"{ticks}{''.join(marks)}</svg>")
