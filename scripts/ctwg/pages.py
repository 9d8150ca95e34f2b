"""Generated pages: Catalog -> Markdown documents for MkDocs (kept in memory).

In: a `Catalog` and `SiteContext`. Out: {docs-relative path: Markdown}. Record pages
show every field of their record, its connections (backlinks), its sources and an edit
link. Internal links are Markdown links between .md paths, so MkDocs resolves them and
its strict validation fails the build on any broken link or anchor. Data text goes
through `render.md_text` (literal) or `render.md_block` (sanitised Markdown), and every
page opts out of macros, so nothing in the data is ever run as a template.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from . import constants as C
from .catalog import Catalog, Entry
from .linker import ref_fields
from .render import esc, fmt_date, fmt_range, label, md_block, md_text, relurl, value_label

# A record page lists at most this many records per group of connections (the rest are one
# click away in the explorer), so a page's size does not grow with the catalog.
MAX_LISTED = 4
# Likewise the small cooperation diagram on forum and partner pages: at most this many
# connections between at most MAX_NODES other fora and partners (the diagram's height follows
# the number of boxes).
MAX_EDGES = 16
MAX_NODES = 12

# Fields shown in the page head or elsewhere, not in the facts table.
_HEAD_FIELDS = {"id", "name", "short_name", "summary", "sources", "reviewed", "body"}

# Headings for groups of connections: (type of the referring record, its field) -> heading.
ROLE_HEADINGS = {
    ("fora", "parent"): "Sub-fora",
    ("partners", "parent"): "Bodies under it",
    ("issue_areas", "lead_fora"): "Leads on",
    ("outcomes", "goal"): "Outcomes",
    ("outcomes", "evidence"): "Evidence for",
    ("outcomes", "produced_by"): "Outcomes it produced",
    ("workplan", "cooperating_parties"): "Work-plan goals it cooperates on",
    ("events", "organisers"): "Events it organised",
    ("events", "co_sponsors"): "Events it co-sponsored",
    ("events", "auspices"): "Events held under its auspices",
    ("events", "participants"): "Events it took part in",
    ("events", "economy"): "Events held here",
    ("initiatives", "lead"): "Initiatives it leads",
    ("documents", "issuers"): "Documents it issued",
    ("news", "related"): "In the news",
}


@dataclass
class SiteContext:
    catalog: Catalog
    edit_base: str = ""  # e.g. https://github.com/org/repo/edit/main/ ; empty: no edit links
    site_url: str = ""
    site_name: str = "APEC Counter-Terrorism Knowledge Site"
    preview: bool = False
    updated: dict[str, str] = field(default_factory=dict)  # data path -> last commit date
    today: _dt.date = field(default_factory=_dt.date.today)

    def src(self, e: Entry) -> str:
        return f"{C.RECORD_TYPES[e.type]['url']}/{e.id}.md"

    def link(self, rid: str, current: str, text: str | None = None) -> str:
        e = self.catalog.entries.get(rid)
        if e is None:  # hidden from the public build: name it without a link
            return md_text(text or rid)
        return f"[{md_text(text or display_name(e))}]({relurl(self.src(e), current)})"


def display_name(e: Entry) -> str:
    m = e.model
    if e.type == "workplan" and m.kind == "goal":
        return f"Goal {m.number}: {m.name}"
    return f"{m.name} ({m.short_name})" if m.short_name and m.short_name not in m.name else m.name


def short(e: Entry) -> str:
    return e.model.short_name or e.model.name


def front_matter(title: str, description: str = "", **extra: Any) -> str:
    meta = {"title": esc(title), "render_macros": False, **extra}
    if description:
        meta["description"] = esc(" ".join(description.split())[:200])
    # JSON is valid YAML: every value is quoted and escaped.
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def plain(text: str) -> str:
    """Summary text without Markdown syntax, for descriptions and tables."""
    import re

    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]", "", " ".join(text.split()))


def entry_date(e: Entry) -> str | None:
    m = e.model
    for name in ("date", "start", "established", "timeframe_start"):
        v = getattr(m, name, None)
        if v:
            return str(v)
    if e.type == "workplan" and m.kind == "plan":
        return str(m.period_start)
    return None


# ---------------------------------------------------------------------------
# Field values


def _is_model_list(value: Any) -> bool:
    return isinstance(value, list) and value and isinstance(value[0], BaseModel)


def _inline(ctx: SiteContext, model: BaseModel, name: str, value: Any, current: str) -> str:
    """One field's value on one Markdown line."""
    ref = ref_fields(type(model)).get(name)
    if isinstance(value, list):
        return "; ".join(_inline(ctx, model, name, v, current) for v in value)
    if isinstance(value, BaseModel):
        parts = [f"{label(k)}: {_inline(ctx, value, k, v, current)}" for k, v in value if v not in (None, [], "")]
        return "; ".join(parts)
    if ref is not None and isinstance(value, str):
        return ctx.link(value, current)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "url" and isinstance(value, str):
        return f"[{md_text(value)}]({value.replace(' ', '%20').replace(')', '%29')})"
    if name in ("date", "end", "start", "established", "timeframe_start", "timeframe_end", "reviewed",
                "publish_date") and isinstance(value, str):
        return md_text(fmt_date(value))
    ann = type(model).model_fields[name].annotation if name in type(model).model_fields else None
    if isinstance(value, str) and "Literal" in str(ann):
        return md_text(value_label(value))
    return md_text(value)


def facts_table(ctx: SiteContext, e: Entry, current: str) -> str:
    rows, sections = [], []
    for name, value in e.model:
        if name in _HEAD_FIELDS or value in (None, [], "") or name == "draft" and not value:
            continue
        if _is_model_list(value) or (isinstance(value, list) and all(isinstance(v, str) for v in value)
                                     and ref_fields(type(e.model)).get(name) is None):
            sections.append((name, value))
            continue
        rows.append(f"| {label(name)} | {_inline(ctx, e.model, name, value, current)} |")
    out = []
    if rows:
        out += ["## Facts", "", "| Field | Value |", "| --- | --- |", *rows, ""]
    for name, value in sections:
        out += [f"## {label(name)}", ""]
        if _is_model_list(value):
            for item in value:
                title = getattr(item, "title", None) or getattr(item, "name", None)
                rest = [(k, v) for k, v in item if v not in (None, [], "") and k not in ("title", "name")]
                head = f"**{md_text(title)}**" if title else ""
                body = "; ".join(f"{label(k)}: {_inline(ctx, item, k, v, current)}" for k, v in rest)
                out.append(f"- {head}{' — ' if head and body else ''}{body}")
        else:
            bullet = "1." if name in ("actions", "mission") else "-"
            choice = "Literal" in str(type(e.model).model_fields[name].annotation)
            out += [f"{bullet} {md_text(value_label(v) if choice else v)}" for v in value]
        out.append("")
    return "\n".join(out)


def connections(ctx: SiteContext, e: Entry, current: str) -> str:
    groups: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
    seen = set()
    for ln in ctx.catalog.backlinks.get(e.id, []):
        src = ctx.catalog.entries[ln.source]
        key = (src.type, ln.field)
        heading = ROLE_HEADINGS.get(key) or C.RECORD_TYPES[src.type]["plural"]
        if (heading, src.id) in seen:
            continue
        seen.add((heading, src.id))
        generic = ln.field in ("fora", "partners", "issue_areas", "related", "initiatives", "goals", "sources")
        role = "" if key in ROLE_HEADINGS or generic else label(ln.field).lower()
        groups[heading].append((src, role))
    if not groups:
        return ""
    out = ["## Connections", ""]
    for heading in sorted(groups, key=lambda h: (h not in ROLE_HEADINGS.values(), h)):
        items = sorted(groups[heading], key=lambda it: (entry_date(it[0]) or "", display_name(it[0]).lower()))
        if len(items) > MAX_LISTED:  # newest first, so the cut keeps the latest
            items = sorted(items, key=lambda it: entry_date(it[0]) or "", reverse=True)
        out += [f"### {heading} ({len(items)})", ""]
        for src, role in items[:MAX_LISTED]:
            when = entry_date(src)
            extra = [fmt_date(when)] if when and src.type in ("events", "documents", "news") else []
            if role:
                extra.append(f"as {role}")
            tail = f" — {md_text(', '.join(extra))}" if extra else ""
            out.append(f"- {ctx.link(src.id, current)}{tail}")
        if len(items) > MAX_LISTED:
            types = sorted({src.type for src, _ in items})
            query = f"links={esc(e.id)}" + "".join(f"&amp;type={t}" for t in types)
            out.append(f'- … and {len(items) - MAX_LISTED} more: <a href="../../explore/?{query}">'
                       f"see all {len(items)} in the explorer</a>")
        out.append("")
    return not_searched("\n".join(out), "ctwg-connections")


def not_searched(markdown: str, cls: str) -> str:
    """A section that lists other records (connections, sources, cooperation). The search
    index leaves it out (ctwg.search.EXCLUDE): a page is found for what it says about its
    subject, not for the names of the pages it links to (each of which is found itself)."""
    return f'<div class="{cls}" markdown>\n\n{markdown}\n\n</div>\n'


def sources_section(ctx: SiteContext, e: Entry, current: str) -> str:
    out = ["## Sources", ""]
    for s in e.model.sources:
        note = f" ({md_text(s.note)})" if s.note else ""
        out.append(f"- {ctx.link(s.document, current)}: {md_text(s.section)}{note}")
    return not_searched("\n".join(out), "ctwg-sources")


def record_footer(ctx: SiteContext, e: Entry) -> str:
    bits = [f"Last reviewed: {esc(fmt_date(e.model.reviewed))}"]
    updated = ctx.updated.get(e.path)
    if updated:
        bits.append(f"Last updated: {esc(fmt_date(updated))}")
    if ctx.edit_base:
        bits.append(f'<a href="{esc(ctx.edit_base + e.path)}">Edit this record</a>')
    url = ctx.site_url.rstrip("/") + "/" + e.url
    cite = (f"{esc(ctx.site_name)}. “{esc(display_name(e))}”. {esc(url)}. "
            f"Last reviewed {esc(fmt_date(e.model.reviewed))}.")
    return (
        '<div class="ctwg-record-footer" markdown="0">\n'
        f'<p>{" · ".join(bits)}</p>\n'
        f'<details class="ctwg-cite"><summary>Cite this page</summary><p>{cite}</p>'
        f'<p class="ctwg-source-file">Data file: <code>{esc(e.path)}</code></p></details>\n'
        "</div>\n"
    )


def badges(ctx: SiteContext, e: Entry) -> str:
    items = [C.RECORD_TYPES[e.type]["label"]]
    kind = getattr(e.model, "kind", None)
    if kind and e.type != "workplan":
        items.append(value_label(kind))
    status = getattr(e.model, "status", None)
    if status:
        items.append(value_label(status))
    spans = " ".join(f'<span class="ctwg-badge">{esc(i)}</span>' for i in items)
    why = e.not_public_because(ctx.today)
    if why:
        spans += f' <span class="ctwg-badge ctwg-badge--draft">Not public: {esc(why)}</span>'
    return f'<p class="ctwg-badges">{spans}</p>\n'


def search_heading(e: Entry) -> str:
    """The record's h1, and its search keywords (an event's city): indexed, and given to the
    search results as `keywords`, where a query equal to a keyword ranks the page first."""
    out = f"# {md_text(display_name(e))}\n"
    if e.type == "events" and e.model.city:
        out += f'\n<p class="ctwg-keywords" hidden data-pagefind-meta="keywords">{esc(e.model.city)}</p>\n'
    return out


def diagram_edges(focus: str, edges: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The connections the small diagram shows: the closest partners first (most connections
    with the focus, then by id), adding whole partners while both caps hold."""
    by_other: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for edge in edges:
        by_other[edge[2] if edge[0] == focus else edge[0]].append(edge)
    shown: list[tuple[str, str, str]] = []
    nodes = 0
    for other in sorted(by_other, key=lambda o: (-len(by_other[o]), o)):
        group = by_other[other]
        if nodes + 1 > MAX_NODES or len(shown) + len(group) > MAX_EDGES:
            continue
        shown += group
        nodes += 1
    return sorted(shown)


def cooperation_section(ctx: SiteContext, e: Entry, current: str) -> str:
    """A small cooperation diagram on forum and partner pages, with its text alternative."""
    if e.type not in ("fora", "partners"):
        return ""
    from .svg import cooperation_edges, cooperation_svg

    edges = cooperation_edges(ctx.catalog, focus=e.id)
    if not edges:
        return ""
    shown = diagram_edges(e.id, edges)
    rows = [f"| {ctx.link(a, current)} | {md_text(rel)} | {ctx.link(b, current)} |" for a, rel, b in shown]
    rest = (f"{len(shown)} of its {len(edges)} connections are shown here; the "
            if len(edges) > len(shown) else "The ")
    return not_searched("\n".join([
        "## Cooperation", "",
        f'<figure class="ctwg-figure" markdown="0">\n{cooperation_svg(ctx, current, focus=e.id, edges=shown)}\n</figure>', "",
        "| From | Connection | To |", "| --- | --- | --- |", *rows, "",
        f"{rest}[full cooperation map]({relurl('map.md', current)}) shows every connection.", ""]), "ctwg-cooperation")


def record_page(ctx: SiteContext, e: Entry) -> str:
    current = ctx.src(e)
    m = e.model
    parts = [
        front_matter(display_name(e), plain(m.summary), ctwg_id=e.id, ctwg_type=e.type),
        search_heading(e),
        badges(ctx, e),
        f'<div class="ctwg-summary">\n{md_block(m.summary)}\n</div>\n',
    ]
    if e.type == "news":
        parts.append(f'<p class="ctwg-date">{esc(fmt_date(m.date))}</p>\n')
        parts.append(f'<div class="ctwg-body">\n{md_block(m.body)}\n</div>\n')
    parts += [facts_table(ctx, e, current), cooperation_section(ctx, e, current), connections(ctx, e, current),
              sources_section(ctx, e, current), record_footer(ctx, e)]
    return "\n".join(p for p in parts if p)


# ---------------------------------------------------------------------------
# Index pages


INDEX_INTRO = {
    "fora": "The APEC bodies the group works with, from Leaders and Senior Officials down to expert groups.",
    "partners": "Organisations outside APEC that the group works with or draws on.",
    "economies": "The 21 member economies of APEC, with the events they hosted or organised.",
    "issue_areas": "The areas of counter-terrorism and secure-trade work, each with the forum that leads on it.",
    "initiatives": "Programmes, plans, strategies and commitments the group leads or supports.",
    "events": "Workshops, conferences and meetings, newest first.",
    "outcomes": "What the work plan expected and what the sources show was achieved.",
    "documents": "Key documents and outputs, with their identifiers and where to read them.",
    "news": "Updates on the group's work, newest first.",
}


def _columns(rtype: str) -> list[tuple[str, Any]]:
    def date(e: Entry) -> str:
        return fmt_range(entry_date(e), getattr(e.model, "end", None)) or (getattr(e.model, "date_note", "") or "")

    def kind(e: Entry) -> str:
        return value_label(e.model.kind)

    cols: dict[str, list[tuple[str, Any]]] = {
        "fora": [("Short name", lambda e: e.model.short_name or ""), ("Kind", kind),
                 ("Part of", lambda e: e.model.parent or "")],
        "partners": [("Short name", lambda e: e.model.short_name or ""), ("Kind", kind)],
        "economies": [("Joined APEC", lambda e: str(e.model.joined))],
        "issue_areas": [("Lead", lambda e: ", ".join(e.model.lead_fora))],
        "initiatives": [("Kind", kind), ("Status", lambda e: value_label(e.model.status)),
                        ("Since", lambda e: fmt_date(e.model.start))],
        "events": [("Date", date), ("Place", lambda e: ", ".join(
            x for x in [e.model.city or "", e.model.economy or ""] if x)), ("Kind", kind)],
        "outcomes": [("Kind", kind), ("Status", lambda e: value_label(e.model.status)),
                     ("Goal", lambda e: e.model.goal or "")],
        "documents": [("Kind", kind), ("Date", lambda e: fmt_date(e.model.date)),
                      ("Access", lambda e: value_label(e.model.access))],
        "news": [("Date", lambda e: fmt_date(e.model.date))],
    }
    return cols.get(rtype, [])


def _cell(ctx: SiteContext, value: str, current: str) -> str:
    """A table cell: ids in the catalog become links, everything else is literal text."""
    if not value:
        return ""
    parts = [p.strip() for p in value.split(",")]
    if all(p in ctx.catalog.entries for p in parts):
        return ", ".join(ctx.link(p, current, short(ctx.catalog.entries[p])) for p in parts)
    return md_text(value)


def index_page(ctx: SiteContext, rtype: str) -> str:
    meta = C.RECORD_TYPES[rtype]
    current = f"{meta['url']}/index.md"
    entries = ctx.catalog.of_type(rtype)
    if rtype in ("events", "news", "documents"):
        entries = sorted(entries, key=lambda e: entry_date(e) or "0000", reverse=True)
    cols = _columns(rtype)
    out = [front_matter(meta["plural"], INDEX_INTRO.get(rtype, "")), f"# {meta['plural']}\n",
           f"{INDEX_INTRO.get(rtype, '')} **{len(entries)}** {meta['plural'].lower()} in all.\n",
           '<div class="ctwg-index" markdown>\n',
           "| Name | " + " | ".join(c for c, _ in cols) + " | Connections |",
           "| --- | " + " | ".join("---" for _ in cols) + " | ---: |"]
    for e in entries:
        cells = [_cell(ctx, str(fn(e)), current) for _, fn in cols]
        n = len({ln.source for ln in ctx.catalog.backlinks.get(e.id, [])})
        out.append(f"| {ctx.link(e.id, current)} | " + " | ".join(cells) + f" | {n} |")
    out.append("\n</div>\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Work plan


def workplan_page(ctx: SiteContext) -> str:
    cat = ctx.catalog
    current = "work-plan/index.md"
    plans = cat.of_type("workplan", "plan")
    strands = cat.of_type("workplan", "strand")
    goals = cat.of_type("workplan", "goal")
    out = [front_matter("Medium-term work plan", "The group's 2010-2015 work plan: mission, commitments and goals.")]
    out.append("# Medium-term work plan\n")
    for p in plans:
        m = p.model
        out += [f"The {ctx.link(p.id, current, m.name)} covers **{m.period_start}–{m.period_end}**. "
                f"Source: {ctx.link(m.document, current)}.\n",
                f'<div class="ctwg-summary">\n{md_block(m.summary)}\n</div>\n',
                "## Mission\n"]
        out += [f"1. {md_text(point)}" for point in m.mission]
        out.append("")
    out += ["## History\n", history_list(ctx, current), ""]
    out += ["## Strengthening the group as a facilitator\n"]
    for s in strands:
        out.append(f"### {md_text(s.model.name)}\n")
        out.append(f"{md_text(plain(s.model.summary))} ({ctx.link(s.id, current, 'details')})\n")
        out += [f"- **{md_text(c.title)}**: {md_text(c.text)}" for c in s.model.commitments]
        out.append("")
    out += ["## The work programme\n",
            "The plan's ten goals, each with its ecotech priority, action items, expected outcomes, "
            "timeframe and cooperating parties.\n"]
    for g in goals:
        m = g.model
        out.append(f"### Goal {m.number}: {md_text(m.name)}\n")
        prio = ", ".join(value_label(p) for p in m.priorities) or md_text(m.priority_note or "None stated")
        parties = ", ".join(ctx.link(p, current, short(cat.entries[p]) if p in cat.entries else p)
                            for p in m.cooperating_parties)
        if m.cooperating_note:
            parties = (parties + "; " if parties else "") + md_text(m.cooperating_note)
        outcomes = cat.referrers(g.id, "outcomes", ["goal"])
        out += ["| | |", "| --- | --- |",
                f"| Priority | {prio} |",
                f"| Timeframe | {md_text(fmt_range(m.timeframe_start, m.timeframe_end))} |",
                f"| Cooperating parties | {parties or 'None named'} |",
                f"| Page | {ctx.link(g.id, current, 'Goal ' + str(m.number) + ' in full')} |", ""]
        out.append("**Action items**\n")
        out += [f"- {md_text(a)}" for a in m.actions]
        out.append("")
        if outcomes:
            out.append("**Expected outcomes**\n")
            out += [f"- {ctx.link(o.id, current)} — {md_text(value_label(o.model.status))}" for o in outcomes
                    if o.model.kind == "expected"]
            out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Timeline


@dataclass
class Milestone:
    date: str
    text: str
    entry: Entry
    label: str = ""  # short form for the timeline drawing

    def __post_init__(self) -> None:
        self.label = self.label or self.entry.model.short_name or self.text


def milestones(cat: Catalog) -> list[Milestone]:
    """Every dated fact, oldest first: events, starts, documents, foundings and renamings."""
    out: list[Milestone] = []
    for e in cat.entries.values():
        m = e.model
        if e.type == "events" and m.date:
            out.append(Milestone(m.date, display_name(e), e))
        elif e.type == "initiatives" and m.start:
            out.append(Milestone(m.start, f"{display_name(e)} begins", e))
        elif e.type == "documents" and m.date:
            out.append(Milestone(m.date, f"{display_name(e)} issued", e))
        elif e.type == "news":
            out.append(Milestone(m.date, m.name, e))
        elif e.type == "fora":
            if m.established:
                first = m.former_names[0] if m.former_names else None
                name = (first.name + (f" ({first.short_name})" if first.short_name else "")) if first else display_name(e)
                short_then = (first.short_name or first.name) if first else (m.short_name or m.name)
                out.append(Milestone(m.established, f"{name} established", e, f"{short_then} established"))
            for fn in m.former_names:
                if fn.end:
                    out.append(Milestone(fn.end, f"{fn.short_name or fn.name} becomes the {m.name}", e,
                                         f"{fn.short_name or fn.name} becomes {m.short_name or m.name}"))
    return sorted(out, key=lambda x: (x.date, x.text))


def history_list(ctx: SiteContext, current: str) -> str:
    items = [ms for ms in milestones(ctx.catalog) if ms.entry.type in ("fora", "initiatives", "documents")]
    return "\n".join(f"- **{md_text(fmt_date(ms.date))}**: {ctx.link(ms.entry.id, current, ms.text)}" for ms in items)


def timeline_page(ctx: SiteContext) -> str:
    current = "timeline.md"
    items = milestones(ctx.catalog)
    out = [front_matter("Timeline", "Every dated event and milestone of APEC's counter-terrorism work.", hide=["toc"]),
           "# Timeline\n",
           f"{len(items)} dated events and milestones, oldest first.\n"]
    by_year: dict[str, list[Milestone]] = defaultdict(list)
    for ms in items:
        by_year[ms.date[:4]].append(ms)
    from .svg import timeline_svg

    out.append(f'<figure class="ctwg-figure" markdown="0">\n{timeline_svg(ctx, items, current)}\n'
               "<figcaption>The same events and milestones on a time axis; the list below has them all.</figcaption></figure>\n")
    for year in sorted(by_year):
        out.append(f"## {year}\n")
        for ms in by_year[year]:
            kind = C.RECORD_TYPES[ms.entry.type]["label"]
            out.append(f"- **{md_text(fmt_date(ms.date))}** · {md_text(kind)}: {ctx.link(ms.entry.id, current, ms.text)}")
        out.append("")
    undated = [e for e in ctx.catalog.of_type("events") if not e.model.date]
    if undated:
        out.append("## Date not known\n")
        out += [f"- {ctx.link(e.id, current)}: {md_text(e.model.date_note or '')}" for e in undated]
    return "\n".join(out) + "\n"


def map_page(ctx: SiteContext) -> str:
    from .svg import cooperation_edges, cooperation_svg

    current = "map.md"
    out = [front_matter("Cooperation map", "Who works with whom: the group, APEC fora and partners.", hide=["toc"]),
           "# Cooperation map\n",
           "The group sits at the centre. Around it are the APEC fora it supports and the fora that lead each "
           "issue area; outside them, the partner organisations. Each name links to its page; the table below "
           "gives the same connections as text.\n",
           f'<figure class="ctwg-figure ctwg-map" markdown="0">\n{cooperation_svg(ctx, current)}\n</figure>\n',
           "## Connections as text\n", "| From | Connection | To |", "| --- | --- | --- |"]
    for a, rel, b in cooperation_edges(ctx.catalog):
        out.append(f"| {ctx.link(a, current)} | {md_text(rel)} | {ctx.link(b, current)} |")
    return "\n".join(out) + "\n"


def all_pages(ctx: SiteContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for e in ctx.catalog.entries.values():
        pages[ctx.src(e)] = record_page(ctx, e)
    for rtype in C.RECORD_TYPES:
        if rtype != "workplan":
            pages[f"{C.RECORD_TYPES[rtype]['url']}/index.md"] = index_page(ctx, rtype)
    pages["work-plan/index.md"] = workplan_page(ctx)
    pages["timeline.md"] = timeline_page(ctx)
    pages["map.md"] = map_page(ctx)
    return pages


def ids_in(entries: Iterable[Entry]) -> list[str]:
    return [e.id for e in entries]
