"""Reader views: Catalog -> explorer, outputs library, work-plan tracker, audience pages.

In: a `SiteContext`. Out: {docs path: Markdown}, plus, beside the explorer and the library,
the JSON of their records (`explore/records.json`, `documents/records.json`; the hook adds
every item as a generated file, so MkDocs copies the JSON into the site as it is).
The explorer page lists the first PAGE records and links to the type pages, which list
every record without JavaScript; the library lists every document. `assets/js/explore.js`
loads the JSON and adds facets with live counts, a text filter and URL state, showing
PAGE matches at a time, so a filter change costs the same however many records there are.
The tracker derives each goal's status from the statuses its expected outcomes state
with evidence.
"""

from __future__ import annotations

import json
import posixpath
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


# The page lists the first PAGE results (the library: all of them); the script loads every
# record from the JSON beside the page and shows PAGE matches at a time. A facet with more
# than FACET_ALL choices shows its FACET_TOP most used ones, with "More choices" and a box
# to find the others. explore.js uses the same numbers (it reads them from the JSON).
PAGE = 100
FACET_TOP = 10
FACET_ALL = 12
DATA_FILE = "records.json"


@dataclass
class FilterView:
    """One filterable list: the explorer or the library."""

    root_id: str
    current: str  # the page's docs path; its JSON is DATA_FILE in the page's folder
    label: str  # the filter form's accessible name
    entries: list[Entry]
    facets: list[Facet]
    details: Callable[[Entry], tuple[str, str]] | None = None  # (details line, external URL)
    first: int | None = PAGE  # results listed in the page itself (None: every one)

    @property
    def data_path(self) -> str:
        folder = self.current[:-len("index.md")] if self.current.endswith("index.md") else self.current[:-3] + "/"
        return folder + DATA_FILE


@dataclass
class FacetValues:
    facet: Facet
    order: list[str]  # every value, in the order the form lists them
    counts: Counter

    @property
    def shown(self) -> list[str]:
        return self.order if len(self.order) <= FACET_ALL else self.order[:FACET_TOP]


def facet_values(view: FilterView, values: list[list[list[str]]]) -> list[FacetValues]:
    """values[i][k]: the values of entry i in facet k. Facets no entry has are left out."""
    out = []
    for k, f in enumerate(view.facets):
        counts = Counter(v for row in values for v in row[k])
        if not counts:
            continue
        order = sorted(counts, reverse=True) if f.key == "year" else sorted(
            counts, key=lambda v, c=counts, n=f.names: (-c[v], n(v).lower()))
        out.append(FacetValues(f, order, counts))
    return out


def facet_choice(f: Facet, value: str, count: int) -> str:
    vid = f"f-{f.key}-{value}"
    return (f'<li><input type="checkbox" id="{esc(vid)}" name="{esc(f.key)}" value="{esc(value)}">'
            f' <label for="{esc(vid)}">{esc(f.names(value))} <span class="ctwg-count">({count})</span></label></li>')


def facet_form(fvs: list[FacetValues], label: str) -> str:
    """The filter form: a text box and a fieldset of checkboxes per facet, with counts. A facet
    with many choices lists its most used ones, with a box to find the others and "More choices"."""
    parts = [f'<form class="ctwg-facets" role="search" aria-label="{esc(label)}" data-ctwg-facets>',
             '<p><label for="ctwg-q">Filter by words</label> '
             '<input type="search" id="ctwg-q" name="q" autocomplete="off"></p>']
    for fv in fvs:
        f = fv.facet
        parts.append(f'<fieldset data-facet="{esc(f.key)}"><legend>{esc(f.label)}</legend><ul>')
        parts += [facet_choice(f, v, fv.counts[v]) for v in fv.shown]
        parts.append("</ul>")
        if len(fv.shown) < len(fv.order):
            fid = f"ff-{f.key}"
            parts.append(f'<p class="ctwg-find"><label for="{esc(fid)}">Find a choice</label> '
                         f'<input type="search" id="{esc(fid)}" autocomplete="off"> '
                         f'<button type="button" class="ctwg-more-choices">More choices</button></p>')
        parts.append("</fieldset>")
    parts.append('<p><button type="reset">Clear all filters</button></p></form>')
    return "".join(parts)


def _dir_href(ctx: SiteContext, url: str, current: str) -> str:
    """Relative URL from the page built from `current` to the folder URL `url` ('events/')."""
    cur = current[:-3]
    cur_dir = posixpath.dirname(cur) if cur.endswith("index") else cur
    return posixpath.relpath(url.rstrip("/"), cur_dir or ".") + "/"


@dataclass
class Row:
    """One result, as the page lists it and as the JSON gives it to the script."""

    entry: Entry
    href: str
    meta: str
    details: tuple[str, str] | None

    def html(self) -> str:
        e = self.entry
        out = f'<li><a href="{esc(self.href)}">{esc(display_name(e))}</a> <span class="ctwg-meta">{esc(self.meta)}</span>'
        if self.details:
            text, url = self.details
            out += f'<br><span class="ctwg-details">{esc(text)}</span>'
            if url:
                out += f' <a class="ctwg-external" href="{esc(url)}" rel="noopener noreferrer">Read it (external site)</a>'
        return out + "</li>"


def _row(ctx: SiteContext, view: FilterView, e: Entry) -> Row:
    when = entry_date(e)
    meta = C.RECORD_TYPES[e.type]["label"] + (f" · {fmt_date(when)}" if when else "")
    return Row(e, page_href(ctx, e.id, view.current), meta, view.details(e) if view.details else None)


def filter_view(ctx: SiteContext, view: FilterView) -> tuple[str, str]:
    """The filter block's HTML (form, count, the first results) and the JSON of every record.

    JSON: {"page", "top", "all": the numbers above; "facets": [{"key", "label", "values":
    [[value, name], ...] in the form's order}]; "records": [{"id", "n": name, "h": link from
    the page, "m": type and date, "t": more words to match (lower case), "f": per facet the
    indices of the record's values, "l": indices of the records it refers to (past the
    records: into "other"), "d", "u": details line and external link}]; "other": [ids]}.
    """
    rows = [_row(ctx, view, e) for e in view.entries]
    values = [[f.values(e) for f in view.facets] for e in view.entries]
    fvs = facet_values(view, values)
    keep = [k for k, f in enumerate(view.facets) if any(fv.facet is f for fv in fvs)]
    index = [{v: i for i, v in enumerate(fv.order)} for fv in fvs]
    pos = {e.id: i for i, e in enumerate(view.entries)}
    other: dict[str, int] = {}
    records = []
    for row, vals in zip(rows, values, strict=True):
        e, m = row.entry, row.entry.model
        links = []
        for target in dict.fromkeys(ln.target for ln in ctx.catalog.outgoing.get(e.id, [])):
            links.append(pos[target] if target in pos else len(pos) + other.setdefault(target, len(other)))
        rec = {"id": e.id, "n": display_name(e), "h": row.href, "m": row.meta,
               "t": " ".join(f"{m.short_name or ''} {plain(m.summary)}".lower().split()),
               "f": [[index[j][v] for v in vals[k]] for j, k in enumerate(keep)], "l": links}
        if row.details:
            rec["d"], rec["u"] = row.details
        records.append(rec)
    data = {"page": PAGE, "top": FACET_TOP, "all": FACET_ALL,
            "facets": [{"key": fv.facet.key, "label": fv.facet.label,
                        "values": [[v, fv.facet.names(v)] for v in fv.order]} for fv in fvs],
            "records": records, "other": list(other)}

    total = len(rows)
    listed = rows if view.first is None else rows[:view.first]
    status = (f"Showing all {total} records." if len(listed) == total
              else f"Showing the first {len(listed)} of {total} records.")
    by_type = ""
    nojs = ("The filters need JavaScript, which is off: every record is listed on the page of its type (links below)."
            if len(listed) < total else "The filters need JavaScript, which is off: the list below has every record.")
    if len(listed) < total:
        types = Counter(r.entry.type for r in rows)
        links = ", ".join(f'<a href="{esc(_dir_href(ctx, C.RECORD_TYPES[t]["url"] + "/", view.current))}">'
                          f'{esc(C.RECORD_TYPES[t]["plural"])}</a> ({n})'
                          for t, n in sorted(types.items(), key=lambda tn: C.RECORD_TYPES[tn[0]]["plural"]))
        by_type = f'<p class="ctwg-by-type">Every record is also listed on the page of its type: {links}.</p>'
    src = posixpath.basename(view.data_path)
    html = (f'<div class="ctwg-explorer" id="{esc(view.root_id)}" data-src="{esc(src)}" markdown="0">'
            f"{facet_form(fvs, view.label)}"
            '<div class="ctwg-explorer__results">'
            f'<p class="ctwg-result-count" role="status" aria-live="polite" data-total="{total}">{status}</p>'
            f'<noscript><p class="ctwg-nojs">{nojs}</p></noscript>'
            '<p class="ctwg-links-note" hidden></p>'
            f'<ul class="ctwg-results">{"".join(r.html() for r in listed)}</ul>'
            '<p class="ctwg-more" hidden><button type="button">Show more</button></p>'
            f"{by_type}</div></div>\n")
    return html, json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def explorer_page(ctx: SiteContext) -> dict[str, str]:
    """The explorer: its page and its JSON."""
    entries = sorted(ctx.catalog.entries.values(), key=lambda e: (C.RECORD_TYPES[e.type]["plural"], display_name(e).lower()))
    view = FilterView("ctwg-explorer", "explore.md", "Filter records", entries, facets(ctx))
    html, data = filter_view(ctx, view)
    page = (front_matter("Explore everything", "Filter every record by type, issue area, forum or partner, economy, year and status.",
                         hide=["toc"])
            + "# Explore everything\n\n"
            "Every record on the site in one list. Narrow it with the filters: the numbers beside each "
            "choice show how many records you would get. The address bar keeps your choices, so you can "
            "bookmark or share a filtered view.\n\n" + html)
    return {view.current: page, view.data_path: data}


# ---------------------------------------------------------------------------
# Outputs library


def library_page(ctx: SiteContext) -> dict[str, str]:
    """The outputs library: its page and its JSON."""
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

    def details(e: Entry) -> tuple[str, str]:
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
        return " · ".join(bits), m.url or ""

    # The library is also the documents' index page: it lists every one, with or without JavaScript.
    view = FilterView("ctwg-library", current, "Filter documents", docs, fs, details, first=None)
    html, data = filter_view(ctx, view)
    page = (front_matter("Documents and outputs", "Key documents and outputs, filterable by type, year, issuer and issue area.")
            + "# Documents and outputs\n\n"
            f"The library of the group's key documents and outputs, and the documents the site draws on: "
            f"**{len(docs)}** in all. Filter by type, year, issuer, issue area or access; each entry shows its "
            "official numbers where it has them and a link where one is known.\n\n" + html)
    return {current: page, view.data_path: data}


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


AUDIENCE_MAX = 20  # items per list on an audience page; the rest are one link away


def audience_page(ctx: SiteContext, key: str) -> str:
    title, intro, areas, doc_kinds, strands = AUDIENCES[key]
    current = f"for/{key}.md"
    cat = ctx.catalog

    def bounded(items: list[Entry], rtype: str, line: Callable[[Entry], str]) -> list[str]:
        """A route into the site, not a copy of an index: at most AUDIENCE_MAX lines, then a link to the rest."""
        lines = [line(e) for e in items[:AUDIENCE_MAX]]
        if len(items) > AUDIENCE_MAX:
            meta = C.RECORD_TYPES[rtype]
            lines.append(f"- … and {len(items) - AUDIENCE_MAX} more: [all {meta['plural'].lower()}]"
                         f"({relurl(meta['url'] + '/index.md', current)})")
        return lines

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
        out += bounded(ia_list, "issue_areas",
                       lambda ia: f"- {ctx.link(ia.id, current)}: {md_text(plain(ia.model.summary))}")
        out.append("")
    for sid in strands:
        s = cat.entries.get(sid)
        if s:
            out.append(f"## {md_text(s.model.name)}\n")
            out += [f"- **{md_text(c.title)}**: {md_text(c.text)}" for c in s.model.commitments]
            out.append("")
    if key == "partners":
        out.append("## Partner organisations\n")
        out += bounded(cat.of_type("partners"), "partners", lambda p: f"- {ctx.link(p.id, current)}")
        out.append("")
    if key == "private-sector":
        ps = cat.entries.get("private-sector")
        if ps:
            events = cat.referrers("private-sector", "events")
            out.append("## Events open to business\n")
            out += bounded(events, "events", lambda e: f"- {ctx.link(e.id, current)}") or ["- None listed yet."]
            out.append("")
    docs = [d for d in cat.of_type("documents") if not doc_kinds or d.model.kind in doc_kinds]
    if key != "public" and docs:
        out.append("## Documents\n")
        out += bounded(sorted(docs, key=lambda d: d.model.date or "", reverse=True), "documents",
                       lambda d: f"- {ctx.link(d.id, current)}"
                                 + (f" ({md_text(fmt_date(d.model.date))})" if d.model.date else ""))
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
        **explorer_page(ctx),
        **library_page(ctx),
        "work-plan/tracker.md": tracker_page(ctx),
        "for/index.md": audiences_index(ctx),
    }
    for key in AUDIENCES:
        pages[f"for/{key}.md"] = audience_page(ctx, key)
    return pages
