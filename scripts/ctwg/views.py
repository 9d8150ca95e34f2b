"""Reader views: Catalog -> explorer, outputs library, work-plan tracker, audience pages.

In: a `SiteContext`. Out: {docs path: Markdown}. The explorer and the library are lists
rendered in full on the server (they work without JavaScript); `assets/js/explore.js`
adds facets with live counts, a text filter and URL state on top. The tracker derives
each goal's status from the statuses its expected outcomes state with evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from . import constants as C
from .catalog import Entry
from .charts import tracker_svg
from .pages import SiteContext, display_name, entry_date, front_matter, plain, short
from .render import esc, fmt_date, md_block, md_text, relurl, value_label
from .svg import page_href

# ---------------------------------------------------------------------------
# Facets


@dataclass
class Facet:
    key: str  # URL parameter and data attribute
    label: str
    values: Callable[[Entry], list[str]]
    names: Callable[[str], str]


def _linked(ctx: SiteContext, e: Entry, types: tuple[str, ...]) -> list[str]:
    out = [e.id] if e.type in types else []
    for ln in ctx.catalog.outgoing.get(e.id, []):
        if ln.field != "sources" and ctx.catalog.entries[ln.target].type in types and ln.target not in out:
            out.append(ln.target)
    return out


def goal_status(ctx: SiteContext, goal: Entry) -> str:
    """A goal's status from its expected outcomes (the data states each, with evidence)."""
    statuses = [o.model.status for o in ctx.catalog.referrers(goal.id, "outcomes", ["goal"])
                if o.model.kind == "expected"]
    if not statuses:
        return "not-evidenced"
    if all(s == "delivered" for s in statuses):
        return "delivered"
    if any(s in ("delivered", "under-way") for s in statuses):
        return "under-way"
    if all(s == "planned" for s in statuses):
        return "planned"
    return "not-evidenced"


def status_of(ctx: SiteContext, e: Entry) -> list[str]:
    if e.type == "workplan" and e.kind == "goal":
        return [goal_status(ctx, e)]
    s = getattr(e.model, "status", None)
    return [s] if s else []


def facets(ctx: SiteContext) -> list[Facet]:
    cat = ctx.catalog

    def name(rid: str) -> str:
        return short(cat.entries[rid]) if rid in cat.entries else rid

    return [
        Facet("type", "Record type", lambda e: [e.type], lambda v: C.RECORD_TYPES[v]["plural"]),
        Facet("area", "Issue area", lambda e: _linked(ctx, e, ("issue_areas",)), lambda v: cat.entries[v].model.name),
        Facet("party", "Forum or partner", lambda e: _linked(ctx, e, ("fora", "partners")), name),
        Facet("economy", "Economy", lambda e: _linked(ctx, e, ("economies",)), lambda v: cat.entries[v].model.name),
        Facet("year", "Year", lambda e: [d[:4]] if (d := entry_date(e)) else [], lambda v: v),
        Facet("status", "Status", lambda e: status_of(ctx, e), value_label),
    ]


def facet_form(ctx: SiteContext, entries: list[Entry], fs: list[Facet], label: str) -> str:
    """The filter form: a text box and a fieldset of checkboxes per facet, with counts."""
    parts = [f'<form class="ctwg-facets" role="search" aria-label="{esc(label)}" data-ctwg-facets>',
             '<p><label for="ctwg-q">Filter by words</label> '
             '<input type="search" id="ctwg-q" name="q" autocomplete="off"></p>']
    for f in fs:
        counts = Counter(v for e in entries for v in f.values(e))
        if not counts:
            continue
        order = sorted(counts, reverse=(f.key == "year")) if f.key == "year" else sorted(
            counts, key=lambda v: (-counts[v], f.names(v).lower()))
        parts.append(f'<fieldset data-facet="{esc(f.key)}"><legend>{esc(f.label)}</legend><ul>')
        for v in order:
            vid = f"f-{f.key}-{v}"
            parts.append(f'<li><input type="checkbox" id="{esc(vid)}" name="{esc(f.key)}" value="{esc(v)}">'
                         f' <label for="{esc(vid)}">{esc(f.names(v))} '
                         f'<span class="ctwg-count" data-count="{counts[v]}">({counts[v]})</span></label></li>')
        parts.append("</ul></fieldset>")
    parts.append('<p><button type="reset">Clear all filters</button></p></form>')
    return "".join(parts)


def result_item(ctx: SiteContext, e: Entry, fs: list[Facet], current: str, extra: str = "") -> str:
    attrs = " ".join(f'data-{f.key}="{esc(" ".join(f.values(e)))}"' for f in fs)
    when = entry_date(e)
    meta = C.RECORD_TYPES[e.type]["label"] + (f" · {fmt_date(when)}" if when else "")
    text = f"{display_name(e)} {e.model.short_name or ''} {plain(e.model.summary)}".lower()
    links = " ".join(dict.fromkeys(ln.target for ln in ctx.catalog.outgoing.get(e.id, [])))
    return (f'<li {attrs} data-id="{esc(e.id)}" data-links="{esc(links)}" data-text="{esc(" ".join(text.split()))}">'
            f'<a href="{esc(page_href(ctx, e.id, current))}">{esc(display_name(e))}</a> '
            f'<span class="ctwg-meta">{esc(meta)}</span>{extra}</li>')


def results_block(ctx: SiteContext, entries: list[Entry], fs: list[Facet], current: str,
                  extra: Callable[[Entry], str] = lambda e: "") -> str:
    items = "".join(result_item(ctx, e, fs, current, extra(e)) for e in entries)
    return (f'<p class="ctwg-result-count" role="status" aria-live="polite" data-total="{len(entries)}">'
            f"Showing all {len(entries)} records.</p>"
            '<p class="ctwg-links-note" hidden></p>'
            f'<ul class="ctwg-results">{items}</ul>'
            '<p class="ctwg-more" hidden><button type="button">Show more</button></p>')


def filter_block(ctx: SiteContext, root_id: str, entries: list[Entry], fs: list[Facet], current: str,
                 label: str, extra: Callable[[Entry], str] = lambda e: "") -> str:
    """The filter form beside the full result list: what explore.js enhances."""
    return (f'<div class="ctwg-explorer" id="{root_id}" markdown="0">{facet_form(ctx, entries, fs, label)}'
            f'<div class="ctwg-explorer__results">{results_block(ctx, entries, fs, current, extra)}</div></div>\n')


def explorer_page(ctx: SiteContext) -> str:
    current = "explore.md"
    entries = sorted(ctx.catalog.entries.values(), key=lambda e: (C.RECORD_TYPES[e.type]["plural"], display_name(e).lower()))
    fs = facets(ctx)
    return (front_matter("Explore everything", "Filter every record by type, issue area, forum or partner, economy, year and status.",
                         hide=["toc"])
            + "# Explore everything\n\n"
            "Every record on the site in one list. Narrow it with the filters: the numbers beside each "
            "choice show how many records you would get. The address bar keeps your choices, so you can "
            "bookmark or share a filtered view.\n\n"
            + filter_block(ctx, "ctwg-explorer", entries, fs, current, "Filter records"))


# ---------------------------------------------------------------------------
# Outputs library


def library_page(ctx: SiteContext) -> str:
    current = "documents/index.md"
    cat = ctx.catalog
    docs = sorted(cat.of_type("documents"), key=lambda e: (entry_date(e) or "0000", e.id), reverse=True)

    def issuer(e: Entry) -> list[str]:
        return list(e.model.issuers)

    fs = [
        Facet("kind", "Type", lambda e: [e.model.kind], value_label),
        Facet("year", "Year", lambda e: [d[:4]] if (d := entry_date(e)) else [], lambda v: v),
        Facet("issuer", "Issued by", issuer, lambda v: short(cat.entries[v]) if v in cat.entries else v),
        Facet("area", "Issue area", lambda e: list(e.model.issue_areas), lambda v: cat.entries[v].model.name),
        Facet("access", "Access", lambda e: [e.model.access], value_label),
    ]

    def details(e: Entry) -> str:
        m = e.model
        bits = [value_label(m.kind)]
        if m.date:
            bits.append(fmt_date(m.date))
        if m.issuers:
            bits.append("issued by " + ", ".join(short(cat.entries[i]) for i in m.issuers if i in cat.entries))
        ids = m.identifiers
        if ids:
            for field, lab in (("apec_doc", "APEC doc."), ("publication", "APEC pub."), ("isbn", "ISBN"), ("un_symbol", "UN symbol")):
                if getattr(ids, field):
                    bits.append(f"{lab} {getattr(ids, field)}")
        bits.append(f"access: {value_label(m.access).lower()}")
        link = (f' <a class="ctwg-external" href="{esc(m.url)}" rel="noopener noreferrer">Read it (external site)</a>'
                if m.url else "")
        return f'<br><span class="ctwg-details">{esc(" · ".join(bits))}</span>{link}'

    return (front_matter("Documents and outputs", "Key documents and outputs, filterable by type, year, issuer and issue area.")
            + "# Documents and outputs\n\n"
            f"The library of the group's key documents and outputs, and the documents the site draws on: "
            f"**{len(docs)}** in all. Filter by type, year, issuer, issue area or access; each entry shows its "
            "official numbers where it has them and a link where one is known.\n\n"
            + filter_block(ctx, "ctwg-library", docs, fs, current, "Filter documents", details))


# ---------------------------------------------------------------------------
# Work-plan tracker


def tracker_page(ctx: SiteContext) -> str:
    current = "work-plan/tracker.md"
    cat = ctx.catalog
    goals = cat.of_type("workplan", "goal")
    rows = []
    for g in goals:
        outcomes = [o for o in cat.referrers(g.id, "outcomes", ["goal"]) if o.model.kind == "expected"]
        rows.append((g, goal_status(ctx, g), Counter(o.model.status for o in outcomes)))
    out = [front_matter("Work-plan tracker", "Each goal of the 2010-2015 work plan, what it expected and what the sources show it delivered.",
                        hide=["toc"]),
           "# Work-plan tracker\n",
           "For each of the plan's goals: its action items, the outcomes it expected with the status the "
           "evidence supports, and the events, initiatives and outcomes that delivered against it. Statuses "
           "are stated in the data with their evidence; a goal's status sums up its expected outcomes "
           "(*delivered* when all are, *under way* when any is delivered or under way, *not evidenced* "
           "when the sources show nothing yet).\n",
           "## Progress at a glance\n",
           f'<figure class="ctwg-figure" markdown="0">{tracker_svg(ctx, rows, current)}'
           "<figcaption>Expected outcomes per goal, by status. The table below gives the same figures.</figcaption></figure>\n",
           "| Goal | Status | " + " | ".join(value_label(s) for s in C.PROGRESS_STATUSES) + " |",
           "| --- | --- | " + " | ".join("---:" for _ in C.PROGRESS_STATUSES) + " |"]
    for g, status, counts in rows:
        out.append(f"| {ctx.link(g.id, current)} | {md_text(value_label(status))} | "
                   + " | ".join(str(counts.get(s, 0)) for s in C.PROGRESS_STATUSES) + " |")
    out.append("")
    for g, status, _ in rows:
        m = g.model
        out.append(f"## Goal {m.number}: {md_text(m.name)}\n")
        out.append(f"**Status: {md_text(value_label(status))}** · {ctx.link(g.id, current, 'goal page')}\n")
        out.append("**Action items**\n")
        out += [f"- {md_text(a)}" for a in m.actions]
        out.append("\n**Expected outcomes**\n")
        expected = [o for o in cat.referrers(g.id, "outcomes", ["goal"]) if o.model.kind == "expected"]
        for o in expected:
            ev = ", ".join(ctx.link(x, current) for x in o.model.evidence)
            note = f" {md_text(o.model.status_note)}" if o.model.status_note else ""
            out.append(f"- {ctx.link(o.id, current)}: **{md_text(value_label(o.model.status))}**.{note}"
                       + (f" Evidence: {ev}." if ev else ""))
        if not expected:
            out.append("- None recorded.")
        delivered = [e for e in cat.referrers(g.id) if e.type in ("events", "initiatives")
                     or (e.type == "outcomes" and e.model.kind != "expected")]
        out.append("\n**Delivered against it**\n")
        out += [f"- {ctx.link(e.id, current)} ({md_text(C.RECORD_TYPES[e.type]['label'].lower())})" for e in delivered] or [
            "- Nothing in the sources yet."]
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Audience pages


AUDIENCES = {
    "officials": ("For senior officials and ministers",
                  "How the plan is going, what the group has committed to and the documents behind it.",
                  ["workplan"], ["assessment", "work-plan", "resolution", "action-plan", "report"],
                  ["strand-cooperation-within-apec", "strand-highlighting-work"]),
    "private-sector": ("For the private sector",
                       "Where business meets APEC's security work: secure trade, supply chains, travel and dialogue.",
                       ["supply-chain-security", "secure-travel", "secure-trade", "cyber-security",
                        "soft-targets-protection"], [], ["strand-private-sector"]),
    "partners": ("For partner organisations",
                 "How the group works with international organisations, donors and assistance bodies.",
                 [], ["resolution", "compendium", "reference"], ["strand-multilateral-organisations"]),
    "public": ("For the general public",
               "What APEC does against terrorism, in brief, with the latest news and events.",
               [], [], []),
}


def audience_page(ctx: SiteContext, key: str) -> str:
    title, intro, areas, doc_kinds, strands = AUDIENCES[key]
    current = f"for/{key}.md"
    cat = ctx.catalog
    out = [front_matter(title, intro), f"# {title}\n", f"{intro}\n"]
    group = cat.entries.get("ctwg")
    if group:
        out.append(f'<div class="ctwg-summary">\n{md_block(group.model.summary)}\n</div>\n')
    if key == "officials":
        out += ["## The work plan and its progress\n",
                f"- [The medium-term work plan]({relurl('work-plan/index.md', current)})",
                f"- [Progress on each goal]({relurl('work-plan/tracker.md', current)})"]
        for g in cat.of_type("workplan", "goal"):
            out.append(f"    - {ctx.link(g.id, current)}: {md_text(value_label(goal_status(ctx, g)))}")
        out.append("")
    ia_list = [cat.entries[a] for a in areas if a in cat.entries] if areas else cat.of_type("issue_areas")
    if key != "officials":
        out.append("## Issue areas\n")
        for ia in ia_list:
            out.append(f"- {ctx.link(ia.id, current)}: {md_text(plain(ia.model.summary))}")
        out.append("")
    for sid in strands:
        s = cat.entries.get(sid)
        if s:
            out.append(f"## {md_text(s.model.name)}\n")
            out += [f"- **{md_text(c.title)}**: {md_text(c.text)}" for c in s.model.commitments]
            out.append("")
    if key == "partners":
        out.append("## Partner organisations\n")
        out += [f"- {ctx.link(p.id, current)}" for p in cat.of_type("partners")]
        out.append("")
    if key == "private-sector":
        ps = cat.entries.get("private-sector")
        if ps:
            events = cat.referrers("private-sector", "events")
            out.append("## Events open to business\n")
            out += [f"- {ctx.link(e.id, current)}" for e in events] or ["- None listed yet."]
            out.append("")
    docs = [d for d in cat.of_type("documents") if not doc_kinds or d.model.kind in doc_kinds]
    if key != "public" and docs:
        out.append("## Documents\n")
        out += [f"- {ctx.link(d.id, current)}" + (f" ({md_text(fmt_date(d.model.date))})" if d.model.date else "")
                for d in sorted(docs, key=lambda d: d.model.date or "", reverse=True)]
        out.append("")
    if key == "public":
        news = sorted(cat.of_type("news"), key=lambda e: e.model.date, reverse=True)[:5]
        out.append("## Latest news\n")
        out += [f"- {ctx.link(n.id, current)} ({md_text(fmt_date(n.model.date))})" for n in news] or ["- No news yet."]
        out += ["", "## Find your way\n",
                f"- [Timeline of events and milestones]({relurl('timeline.md', current)})",
                f"- [Who works with whom]({relurl('map.md', current)})",
                f"- [Explore everything]({relurl('explore.md', current)})", ""]
    contacts = [cat.entries[c] for c in ("apec-secretariat", "apec-cpau", "ctwg") if c in cat.entries]
    if contacts:
        out.append("## Who to contact\n")
        for c in contacts:
            url = f" ([web page]({c.model.url}))" if getattr(c.model, "url", None) else ""
            out.append(f"- {ctx.link(c.id, current)}{url}")
        out.append("")
    return "\n".join(out)


def audiences_index(ctx: SiteContext) -> str:
    current = "for/index.md"
    out = [front_matter("Start here", "Short routes into the site for the audiences the work plan names."),
           "# Start here\n", "Pick the route that fits you best.\n"]
    for key, (title, intro, *_rest) in AUDIENCES.items():
        out.append(f"- [{title}]({relurl(f'for/{key}.md', current)}): {intro}")
    return "\n".join(out) + "\n"


def all_views(ctx: SiteContext) -> dict[str, str]:
    pages = {
        "explore.md": explorer_page(ctx),
        "documents/index.md": library_page(ctx),
        "work-plan/tracker.md": tracker_page(ctx),
        "for/index.md": audiences_index(ctx),
    }
    for key in AUDIENCES:
        pages[f"for/{key}.md"] = audience_page(ctx, key)
    return pages
