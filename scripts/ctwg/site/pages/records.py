"""Record pages: one page per record, from the Catalog.

In: a `SiteContext` and an `Entry`. Out: the Markdown of the record's page: breadcrumbs
(Home > its section's index > the record), its heading and badges, summary, its facts as a
definition list (every field), a small cooperation diagram with one row per other forum or
partner (fora and partners), its connections (backlinks, each record once), its sources
(one entry per document, with the sections cited from it) and a footer with the edit link and a
citation. Every field is meant for readers (the models describe even `note` and
`status_note` as what a reader should know), so every field is shown. Internal links are Markdown links between .md paths, so MkDocs resolves them and
its strict validation fails the build on any broken link or anchor. Data text goes through
`markup.md_text` (literal) or `markup.md_block` (sanitised Markdown), and every page opts out
of macros, so nothing in the data is ever run as a template.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markdown.extensions.toc import slugify
from pydantic import BaseModel

from ...data import constants
from ...data.catalog import Entry
from ...data.dates import fmt_date, fmt_range
from ...data.derived import GUIDANCE_AREAS, display_name, entry_date, short
from ...data.fields import ref_fields
from ..context import SiteContext
from ..figures.cooperation import cooperation_svg
from ..figures.guidance import guidance_section
from ..markup import esc, front_matter, label, md_block, md_text, md_url, not_searched, plain, status_words, value_label
from ..urls import relurl, site_href

# A group of connections lists every record up to LIST_ALL; a longer one lists its newest
# MAX_LISTED and links to the rest in the explorer, so a page's size does not grow with the
# catalog (a cut that hides one or two records would only be a detour).
LIST_ALL = 6
MAX_LISTED = 4
# Likewise the small cooperation diagram on forum and partner pages: at most this many
# connections between at most MAX_NODES other fora and partners (the diagram's height follows
# the number of boxes).
MAX_EDGES = 16
MAX_NODES = 12

# Fields shown in the page head or elsewhere, not in the facts table.
_HEAD_FIELDS = {"id", "name", "short_name", "summary", "sources", "disagreements", "chairs", "reviewed", "body"}

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
    if name == "status" and isinstance(value, str):
        return md_text(status_words(model))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "url" and isinstance(value, str):
        link = f"[{md_text(value)}]({md_url(value)})"
        return link + (" (a third-party copy: no copy from the issuer was found)" if getattr(model, "mirror", False) else "")
    if name in ("date", "end", "start", "established", "timeframe_start", "timeframe_end", "reviewed",
                "publish_date") and isinstance(value, str):
        return md_text(fmt_date(value))
    ann = type(model).model_fields[name].annotation if name in type(model).model_fields else None
    if isinstance(value, str) and "Literal" in str(ann):
        return md_text(value_label(value))
    return md_text(value)


def section_index(rtype: str) -> str:
    """The index page of a record type's section: its breadcrumb and its place in the sidebar."""
    return f"{constants.RECORD_TYPES[rtype]['url']}/index.md"


def breadcrumbs(e: Entry, current: str) -> str:
    """Home > the section's index > this record. Not indexed: every page would say the same."""
    items = [f"[Home]({relurl('index.md', current)})",
             f"[{md_text(constants.RECORD_TYPES[e.type]['plural'])}]({relurl(section_index(e.type), current)})",
             f'<span aria-current="page">{md_text(short(e))}</span>']
    lines = "\n".join(f"1. {item}" for item in items)
    return f'<nav class="ctwg-breadcrumbs" aria-label="Breadcrumb" data-pagefind-ignore markdown="1">\n\n{lines}\n\n</nav>\n'


def facts_table(ctx: SiteContext, e: Entry, current: str) -> str:
    """The record's facts as a definition list (label, value), then a list per many-valued field.
    The "Facts" heading is not indexed, so search excerpts start with the facts themselves."""
    rows, sections = [], []
    for name, value in e.model:
        if name in _HEAD_FIELDS or value in (None, [], "") or name == "draft" and not value or name in ("status_as_of", "mirror"):
            continue
        if _is_model_list(value) or (isinstance(value, list) and all(isinstance(v, str) for v in value)
                                     and ref_fields(type(e.model)).get(name) is None):
            sections.append((name, value))
            continue
        rows.append(f'<dt>{esc(label(name))}</dt>\n<dd markdown="span">{_inline(ctx, e.model, name, value, current)}</dd>')
    out = []
    if rows:
        out += ['## Facts { data-pagefind-ignore="" }', "", '<dl class="ctwg-facts" markdown="1">', *rows, "</dl>", ""]
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
    # Each record is listed once: under its first role in ROLE_HEADINGS' order ("Outcomes" before
    # "Outcomes it produced", "Initiatives it leads" before plain "Initiatives"), else under its type.
    roles = list(ROLE_HEADINGS)
    links = sorted(ctx.catalog.backlinks.get(e.id, []), key=lambda ln: roles.index(k) if (
        k := (ctx.catalog.entries[ln.source].type, ln.field)) in ROLE_HEADINGS else len(roles))
    for ln in links:
        src = ctx.catalog.entries[ln.source]
        key = (src.type, ln.field)
        heading = ROLE_HEADINGS.get(key) or constants.RECORD_TYPES[src.type]["plural"]
        if src.id in seen:
            continue
        seen.add(src.id)
        generic = ln.field in ("fora", "partners", "issue_areas", "related", "initiatives", "goals", "chairs", *constants.CITING_FIELDS)
        role = "" if key in ROLE_HEADINGS or generic else label(ln.field).lower()
        groups[heading].append((src, role))
    if not groups:
        return ""
    # The groups are plain HTML after the section's heading: headings there are not in the
    # page's table of contents (a dozen of them on a forum's page would double its length there).
    out = ['## Connections { data-pagefind-ignore="" }', "", '<div class="ctwg-connections">']
    for heading in sorted(groups, key=lambda h: (h not in ROLE_HEADINGS.values(), h)):
        items = sorted(groups[heading], key=lambda it: (entry_date(it[0]) or "", display_name(it[0]).lower()))
        shown = len(items) if len(items) <= LIST_ALL else MAX_LISTED
        if shown < len(items):  # newest first, so the cut keeps the latest
            items = sorted(items, key=lambda it: entry_date(it[0]) or "", reverse=True)
        title = f"{heading} ({len(items)})"
        out += [f'<h3 id="{slugify(title, "-")}">{esc(title)}</h3>', "<ul>"]
        for src, role in items[:shown]:
            when = entry_date(src)
            extra = [fmt_date(when)] if when and src.type in ("events", "documents", "news") else []
            if role:
                extra.append(f"as {role}")
            tail = f" — {esc(', '.join(extra))}" if extra else ""
            out.append(f'<li><a href="{ctx.href(src.id)}">{esc(display_name(src))}</a>{tail}</li>')
        if shown < len(items):
            types = sorted({src.type for src, _ in items})
            query = f"links={esc(e.id)}" + "".join(f"&amp;type={t}" for t in types)
            out.append(f'<li>… and {len(items) - shown} more: <a href="{site_href("explore/")}?{query}">'
                       f"see all {len(items)} in the explorer</a></li>")
        out.append("</ul>")
    return "\n".join([*out, "</div>", ""])


def disagreements_section(ctx: SiteContext, e: Entry, current: str) -> str:
    """Where the sources differ: every version side by side, each with the documents that give it,
    in a box of its own under the summary (the site picks none silently)."""
    out = []
    for dis in getattr(e.model, "disagreements", []):
        accounts = [a for a in dis.accounts if a.documents]
        out += [f'!!! warning "The sources differ: {md_text(dis.about).replace(chr(34), chr(39))}"', ""]
        for a in accounts:
            docs = ", ".join(ctx.link(d, current) for d in a.documents)
            out.append(f"    - {md_text(a.says)}, according to {docs}.")
        if dis.note:
            out += ["", f"    {md_text(dis.note)}"]
        out.append("")
    return "\n".join(out)


def chairs_section(ctx: SiteContext, e: Entry, current: str) -> str:
    """A forum's chairs as far as the sources name them: who, from where, when, and which documents say so."""
    chairs = getattr(e.model, "chairs", [])
    if not chairs:
        return ""
    out = ["## Chairs", "", "As far as the sources name them, oldest first. A date is when the sources show the "
           "person in the chair; the note says whether it is a term.", "",
           "| Chair | Economy | In the chair | Sources |", "| --- | --- | --- | --- |"]
    for c in chairs:
        when = fmt_range(c.start, c.end) if c.start else (f"until {fmt_date(c.end)}" if c.end else "")
        if c.note:
            when = f"{when} ({c.note})" if when else c.note
        docs = ", ".join(ctx.link(d, current) for d in c.documents if d in ctx.catalog.entries)
        economy = ctx.link(c.economy, current) if c.economy else "not given"
        out.append(f"| {md_text(c.name)} | {economy} | {md_text(when) or 'not given'} | {docs} |")
    return "\n".join(out) + "\n"


def sources_section(ctx: SiteContext, e: Entry, current: str) -> str:
    """One entry per document cited (in the order first cited), linking to its record and, when
    the data gives one, to where it can be read; the section cited from it follows on the same
    line, or the sections are listed under it when there are several."""
    cited: dict[str, list] = {}
    for s in e.model.sources:
        cited.setdefault(s.document, []).append(s)
    out = ["## Sources", ""]
    for doc_id, items in cited.items():
        doc = ctx.catalog.entries.get(doc_id)
        url = getattr(doc.model, "url", None) if doc is not None else None
        copy = f" ([{'public copy' if doc.model.access == 'public' else 'web page'}]({md_url(url)}))" if url else ""
        cited_as = [md_text(s.section) + (f" ({md_text(s.note)})" if s.note else "") for s in items]
        if len(cited_as) == 1:  # on the document's line
            out.append(f"- {ctx.link(doc_id, current)}{copy}: {cited_as[0]}")
        else:
            out.append(f"- {ctx.link(doc_id, current)}{copy}")
            out += [f"    - {c}" for c in cited_as]
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
    items = [constants.RECORD_TYPES[e.type]["label"]]
    kind = getattr(e.model, "kind", None)
    if kind and e.type != "workplan":
        items.append(value_label(kind))
    if getattr(e.model, "status", None):
        items.append(status_words(e.model))
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


# A connection read from its other end ("<other> is part of <this record>": this record
# "includes it"); the others read the same both ways.
_INVERSE = {"is part of": "includes it", "leads on": "is led by it"}


def _towards_focus(rel: str) -> str:
    return _INVERSE.get(rel, rel)


def cooperation_section(ctx: SiteContext, e: Entry, current: str) -> str:
    """A small cooperation diagram on forum and partner pages, with its text alternative."""
    if e.type not in ("fora", "partners"):
        return ""
    edges = ctx.facts.cooperation(focus=e.id)
    if not edges:
        return ""
    shown = diagram_edges(e.id, edges)
    # One row per other forum or partner, with every connection between them (the record's own
    # name would otherwise open every row).
    by_other: dict[str, list[str]] = {}
    for a, rel, b in shown:
        other, words = (b, rel) if a == e.id else (a, _towards_focus(rel))
        by_other.setdefault(other, []).append(words)
    rows = [f"| {ctx.link(o, current)} | {md_text('; '.join(words))} |"
            for o, words in sorted(by_other.items(), key=lambda it: display_name(ctx.catalog.entries[it[0]]).lower()
                                   if it[0] in ctx.catalog.entries else it[0])]
    rest = (f"{len(shown)} of its {len(edges)} connections are shown here; the "
            if len(edges) > len(shown) else "The ")
    return not_searched("\n".join([
        "## Cooperation", "",
        f'<figure class="ctwg-figure" markdown="0">\n{cooperation_svg(ctx, focus=e.id, edges=shown)}\n</figure>', "",
        "| With | Connection |", "| --- | --- |", *rows, "",
        f"{rest}[full cooperation map]({relurl('map.md', current)}) shows every connection.", ""]), "ctwg-cooperation")


def record_page(ctx: SiteContext, e: Entry) -> str:
    current = ctx.src(e)
    m = e.model
    parts = [
        front_matter(display_name(e), plain(m.summary), ctwg_id=e.id, ctwg_type=e.type),
        breadcrumbs(e, current),
        search_heading(e),
        badges(ctx, e),
        f'<div class="ctwg-summary">\n{md_block(m.summary, e.url)}\n</div>\n',
        disagreements_section(ctx, e, current),
    ]
    if e.type == "news":
        parts.append(f'<p class="ctwg-date">{esc(fmt_date(m.date))}</p>\n')
        parts.append(f'<div class="ctwg-body">\n{md_block(m.body, e.url)}\n</div>\n')
    if e.type == "issue_areas" and e.id in GUIDANCE_AREAS:
        parts.append(guidance_section(ctx, current))
    parts += [facts_table(ctx, e, current), chairs_section(ctx, e, current), cooperation_section(ctx, e, current), connections(ctx, e, current),
              sources_section(ctx, e, current), record_footer(ctx, e)]
    return "\n".join(p for p in parts if p)
