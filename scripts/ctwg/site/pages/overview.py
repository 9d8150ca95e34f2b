"""The timeline and the cooperation map, from the Catalog's derived facts.

In: a `SiteContext`. Out: the Markdown of `timeline.md` (every milestone by year, with the
time-axis figure) and `map.md` (the cooperation figure and every connection as a table).
"""

from __future__ import annotations

from collections import defaultdict

from ...data import constants
from ...data.dates import fmt_date
from ...data.derived import Milestone
from ..context import SiteContext
from ..figures.cooperation import cooperation_svg
from ..figures.timeline import timeline_svg
from ..markup import front_matter, md_text


def timeline_page(ctx: SiteContext) -> str:
    current = "timeline.md"
    items = ctx.facts.milestones
    out = [front_matter("Timeline", "Every dated event and milestone of APEC's counter-terrorism work.", hide=["toc"]),
           "# Timeline\n",
           f"{len(items)} dated events and milestones, oldest first.\n"]
    by_year: dict[str, list[Milestone]] = defaultdict(list)
    for ms in items:
        by_year[ms.date[:4]].append(ms)
    out.append(f'<figure class="ctwg-figure" markdown="0">\n{timeline_svg(ctx, items)}\n'
               "<figcaption>The same events and milestones on a time axis; the list below has them all.</figcaption></figure>\n")
    for year in sorted(by_year):
        out.append(f"## {year}\n")
        for ms in by_year[year]:
            kind = constants.RECORD_TYPES[ms.entry.type]["label"]
            out.append(f"- **{md_text(fmt_date(ms.date))}** · {md_text(kind)}: {ctx.link(ms.entry.id, current, ms.text)}")
        out.append("")
    undated = [e for e in ctx.catalog.of_type("events") if not e.model.date]
    if undated:
        out.append("## Date not known\n")
        out += [f"- {ctx.link(e.id, current)}: {md_text(e.model.date_note or '')}" for e in undated]
    return "\n".join(out) + "\n"


def map_page(ctx: SiteContext) -> str:
    current = "map.md"
    out = [front_matter("Cooperation map", "Who works with whom: the group, APEC fora and partners.", hide=["toc"]),
           "# Cooperation map\n",
           "The drawing puts the partner organisations, the group, the APEC fora and the issue areas in "
           "columns; on a narrow screen they stand one under the other, with the connections as arcs on the "
           "left. The legend above it shows how each kind of connection is drawn. Each name links to its page; "
           "the table below gives the same connections as text.\n",
           f'<figure class="ctwg-figure ctwg-map" markdown="0">\n{cooperation_svg(ctx)}\n</figure>\n',
           "## Connections as text\n", "| From | Connection | To |", "| --- | --- | --- |"]
    for a, rel, b in ctx.facts.cooperation():
        out.append(f"| {ctx.link(a, current)} | {md_text(rel)} | {ctx.link(b, current)} |")
    return "\n".join(out) + "\n"
