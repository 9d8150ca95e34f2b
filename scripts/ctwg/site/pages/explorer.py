"""The explorer and the documents library: filterable lists of records.

In: a `SiteContext`. Out: {docs path: Markdown}, plus, beside the explorer and the library,
the JSON of their records (`explore/records.json`, `documents/records.json`; the hook adds
every item as a generated file, so MkDocs copies the JSON into the site as it is).
The explorer page lists the first PAGE records and links to the type pages, which list
every record without JavaScript; the library lists every document. `assets/js/explore.js`
loads the JSON and adds facets with live counts, a text filter and URL state, showing
PAGE matches at a time, so a filter change costs the same however many records there are.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ...data import constants
from ...data.catalog import Entry
from ...data.dates import fmt_date
from ...data.derived import display_name, entry_date, short
from ..context import SiteContext
from ..markup import esc, front_matter, plain, value_label
from ..urls import dir_href

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
        if ln.field not in constants.CITING_FIELDS and ctx.catalog.entries[ln.target].type in types and ln.target not in out:
            out.append(ln.target)
    return out

def status_of(ctx: SiteContext, e: Entry) -> list[str]:
    if e.type == "workplan" and e.kind == "goal":
        return [ctx.facts.goal_status[e.id]]
    s = getattr(e.model, "status", None)
    return [s] if s else []


def facets(ctx: SiteContext) -> list[Facet]:
    cat = ctx.catalog

    def name(rid: str) -> str:
        return short(cat.entries[rid]) if rid in cat.entries else rid

    on_map = {g.entry.id for g in ctx.facts.guidance}
    return [
        Facet("type", "Record type", lambda e: [e.type], lambda v: constants.RECORD_TYPES[v]["plural"]),
        Facet("area", "Issue area", lambda e: _linked(ctx, e, ("issue_areas",)), lambda v: cat.entries[v].model.name),
        Facet("party", "Forum or partner", lambda e: _linked(ctx, e, ("fora", "partners")), name),
        Facet("economy", "Economy", lambda e: _linked(ctx, e, ("economies",)), lambda v: cat.entries[v].model.name),
        Facet("year", "Year", lambda e: [d[:4]] if (d := entry_date(e)) else [], lambda v: v),
        Facet("status", "Status", lambda e: status_of(ctx, e), value_label),
        Facet("guidance", "Guidance map", lambda e: ["on-the-map"] if e.id in on_map else [],
              lambda v: "On the soft-targets and infrastructure guidance map"),
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
    meta = constants.RECORD_TYPES[e.type]["label"] + (f" · {fmt_date(when)}" if when else "")
    return Row(e, ctx.href(e.id, view.current), meta, view.details(e) if view.details else None)


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
        links = ", ".join(f'<a href="{esc(dir_href(constants.RECORD_TYPES[t]["url"] + "/", view.current))}">'
                          f'{esc(constants.RECORD_TYPES[t]["plural"])}</a> ({n})'
                          for t, n in sorted(types.items(), key=lambda tn: constants.RECORD_TYPES[tn[0]]["plural"]))
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
    entries = sorted(ctx.catalog.entries.values(), key=lambda e: (constants.RECORD_TYPES[e.type]["plural"], display_name(e).lower()))
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
