"""The explorer and the documents library: filterable lists of records.

In: a `SiteContext`. Out: {docs path: Markdown}, plus, beside the explorer and the library,
the JSON files their script loads (the hook adds every item as a generated file, so MkDocs
copies them into the site as they are). The page itself lists the first PAGE records (the
library: every one) with the facets and their counts, computed here. The script then needs:
- `filters.json` before any filter works: the facets, which records have each value
  (postings, delta-encoded) and, for the explorer's sort, each record's date rank;
- `rows-K.json`, ROWS results each, only for the results it shows (records are numbered in
  the page's order, so the first page of results needs none);
- `text.json` once the reader types words, `links-B.json` (the records that refer to a
  record, bucketed by a hash of its id) for ?links=ID.
So a filter change costs one pass over compact arrays, and what is downloaded before the
first filtered result grows slowly with the catalog. `assets/js/explore.js` reads them.
"""

from __future__ import annotations

import json
import math
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
from ..urls import dir_href, site_href

# ---------------------------------------------------------------------------
# Facets


@dataclass
class Facet:
    key: str  # URL parameter and data attribute
    label: str
    values: Callable[[Entry], list[str]]
    names: Callable[[str], str]
    # A grouped facet lists every value under its group (a value of the facet `by`), in the
    # order `rank` gives; the script shows a group only when its `by` value is chosen or none is.
    groups: Callable[[str], str] | None = None
    by: str = ""
    rank: Callable[[str], tuple] | None = None
    group_names: Callable[[str], str] | None = None


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


# Each record type with a status, its vocabulary (data.constants) and its group's name. The
# statuses of initiatives and outcomes are different words ("active", "delivered"), so the
# status facet's values are "<type>-<status>", grouped by type.
STATUS_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "initiatives": ("Initiatives", constants.INITIATIVE_STATUSES),
    "outcomes": ("Outcomes", constants.PROGRESS_STATUSES),
    "workplan": ("Work-plan goals", constants.PROGRESS_STATUSES),
}


def typed_status(ctx: SiteContext, e: Entry) -> list[str]:
    return [f"{e.type}-{s}" for s in status_of(ctx, e)]


def _split_status(value: str) -> tuple[str, str]:
    t, _, s = value.partition("-")
    return t, s


def _status_rank(value: str) -> tuple:
    t, s = _split_status(value)
    vocab = STATUS_GROUPS[t][1]
    return (list(STATUS_GROUPS).index(t), vocab.index(s) if s in vocab else len(vocab), s)


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
        Facet("status", "Status", lambda e: typed_status(ctx, e), lambda v: value_label(_split_status(v)[1]),
              groups=lambda v: _split_status(v)[0], by="type", rank=_status_rank,
              group_names=lambda t: STATUS_GROUPS[t][0]),
        Facet("guidance", "Guidance map", lambda e: ["on-the-map"] if e.id in on_map else [],
              lambda v: "On the soft-targets and infrastructure guidance map"),
    ]


# The page lists the first PAGE results (the library: all of them); the script shows PAGE
# matches at a time. A facet with more than FACET_ALL choices shows its FACET_TOP most used
# ones, with "More choices" and a box to find the others. explore.js uses the same numbers
# (it reads them from the JSON). Results come ROWS to a file; a record's backlinks are in
# one of about N / LINK_BUCKET files.
PAGE = 100
FACET_TOP = 10
FACET_ALL = 12
ROWS = 500
LINK_BUCKET = 500
DATA_FILE = "filters.json"
SORTS = (("", "Name (A to Z)"), ("newest", "Date, newest first"), ("oldest", "Date, oldest first"))


@dataclass
class FilterView:
    """One filterable list: the explorer or the library."""

    root_id: str
    current: str  # the page's docs path; its JSON files are in the page's folder
    label: str  # the filter form's accessible name
    entries: list[Entry]
    facets: list[Facet]
    details: Callable[[Entry], tuple[str, str]] | None = None  # (details line, external URL)
    first: int | None = PAGE  # results listed in the page itself (None: every one)
    sort: bool = False  # a sort control (name, date newest or oldest first)
    collapse: bool = False  # the filters fold into "Filters (n active)" on narrow screens

    @property
    def folder(self) -> str:
        return self.current[:-len("index.md")] if self.current.endswith("index.md") else self.current[:-3] + "/"

    @property
    def data_path(self) -> str:
        return self.folder + DATA_FILE


@dataclass
class FacetValues:
    facet: Facet
    order: list[str]  # every value, in the order the form lists them
    counts: Counter

    @property
    def shown(self) -> list[str]:
        if self.facet.groups:
            return self.order
        return self.order if len(self.order) <= FACET_ALL else self.order[:FACET_TOP]


def facet_values(view: FilterView, values: list[list[list[str]]]) -> list[FacetValues]:
    """values[i][k]: the values of entry i in facet k. Facets no entry has are left out."""
    out = []
    for k, f in enumerate(view.facets):
        counts = Counter(v for row in values for v in row[k])
        if not counts:
            continue
        if f.rank:
            order = sorted(counts, key=f.rank)
        elif f.key == "year":
            order = sorted(counts, reverse=True)
        else:
            order = sorted(counts, key=lambda v, c=counts, n=f.names: (-c[v], n(v).lower()))
        out.append(FacetValues(f, order, counts))
    return out


def facet_choice(f: Facet, value: str, count: int) -> str:
    vid = f"f-{f.key}-{value}"
    return (f'<li><input type="checkbox" id="{esc(vid)}" name="{esc(f.key)}" value="{esc(value)}">'
            f' <label for="{esc(vid)}">{esc(f.names(value))} <span class="ctwg-count">({count})</span></label></li>')


def _groups(fv: FacetValues) -> list[tuple[str, list[str]]]:
    out: dict[str, list[str]] = {}
    for v in fv.order:
        out.setdefault(fv.facet.groups(v), []).append(v)
    return list(out.items())


def facet_form(fvs: list[FacetValues], label: str) -> str:
    """The filter form: a text box and a fieldset of checkboxes per facet, with counts. A facet
    with many choices lists its most used ones, with a box to find the others and "More choices";
    a grouped facet has a fieldset per group."""
    parts = [f'<form class="ctwg-facets" role="search" aria-label="{esc(label)}" data-ctwg-facets>',
             '<p><label for="ctwg-q">Filter by words</label> '
             '<input type="search" id="ctwg-q" name="q" autocomplete="off"></p>']
    for fv in fvs:
        f = fv.facet
        if f.groups:
            parts.append(f'<fieldset data-facet="{esc(f.key)}" data-by="{esc(f.by)}"><legend>{esc(f.label)}</legend>')
            for g, vals in _groups(fv):
                gname = f.group_names(g) if f.group_names else g
                parts.append(f'<fieldset class="ctwg-group" data-group="{esc(g)}"><legend>{esc(gname)}</legend><ul>')
                parts += [facet_choice(f, v, fv.counts[v]) for v in vals]
                parts.append("</ul></fieldset>")
            parts.append("</fieldset>")
            continue
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
    href: str  # relative to the explorer's page, for the script (the page's HTML uses site_href)
    meta: str
    details: tuple[str, str] | None

    def html(self) -> str:
        e = self.entry
        out = f'<li><a href="{esc(site_href(e.url))}">{esc(display_name(e))}</a> <span class="ctwg-meta">{esc(self.meta)}</span>'
        if self.details:
            text, url = self.details
            out += f'<br><span class="ctwg-details">{esc(text)}</span>'
            if url:
                out += f' <a class="ctwg-external" href="{esc(url)}" rel="noopener noreferrer">Read it (external site)</a>'
        return out + "</li>"

    def data(self) -> list[str]:
        out = [display_name(self.entry), self.href, self.meta]
        if self.details:
            out += list(self.details)
        return out


def _row(ctx: SiteContext, view: FilterView, e: Entry) -> Row:
    when = entry_date(e)
    meta = constants.RECORD_TYPES[e.type]["label"] + (f" · {fmt_date(when)}" if when else "")
    return Row(e, dir_href(e.url, view.current), meta, view.details(e) if view.details else None)


def id_hash(rid: str) -> int:
    """The bucket hash of a record id (explore.js computes the same: 31 * h + code unit, 32 bits)."""
    h = 0
    units = rid.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h = (h * 31 + (units[i] | units[i + 1] << 8)) & 0xFFFFFFFF
    return h


def _deltas(indices: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *indices], indices, strict=False)]


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def filter_data(ctx: SiteContext, view: FilterView, rows: list[Row], fvs: list[FacetValues],
                values: list[list[list[str]]]) -> dict[str, str]:
    """The JSON files beside the page, {file name: text}.

    filters.json: {"page", "top", "all": the numbers above; "n": records; "rows": ROWS;
    "buckets": how many links files; "facets": [{"key", "label", "values": [[value, name], ...]
    in the form's order, "p": per value the indices of its records, delta-encoded (first index,
    then each step), and for a grouped facet "by" and "groups": [[value of `by`, name,
    [value indices]]]}]; "date" (with a sort control): each record's date rank (-1: none)}.
    rows-K.json: records K*ROWS... as [name, link from the page, type and date(, details,
    external link)]. text.json: per record the words the text box matches (lower case).
    links-B.json: {id: [name, indices of the records that refer to it, delta-encoded]} for
    the ids whose id_hash % buckets is B.
    """
    cat = ctx.catalog
    entries = [r.entry for r in rows]
    n = len(rows)
    facet_out = []
    for fv in fvs:
        k = view.facets.index(fv.facet)
        index = {v: i for i, v in enumerate(fv.order)}
        postings: list[list[int]] = [[] for _ in fv.order]
        for i, row in enumerate(values):
            for v in row[k]:
                postings[index[v]].append(i)
        out = {"key": fv.facet.key, "label": fv.facet.label,
               "values": [[v, fv.facet.names(v)] for v in fv.order], "p": [_deltas(p) for p in postings]}
        if fv.facet.groups:
            names = fv.facet.group_names or (lambda g: g)
            out["by"] = fv.facet.by
            out["groups"] = [[g, names(g), [index[v] for v in vals]] for g, vals in _groups(fv)]
        facet_out.append(out)
    buckets = max(1, math.ceil(n / LINK_BUCKET))
    data: dict[str, object] = {"page": PAGE, "top": FACET_TOP, "all": FACET_ALL, "n": n, "rows": ROWS,
                               "buckets": buckets, "facets": facet_out}
    if view.sort:
        dates = [entry_date(e) for e in entries]
        rank = {d: i for i, d in enumerate(sorted({d for d in dates if d}))}
        data["date"] = [rank[d] if d else -1 for d in dates]
    files = {DATA_FILE: _dumps(data)}
    for c in range(0, max(n, 1), ROWS):
        files[f"rows-{c // ROWS}.json"] = _dumps([r.data() for r in rows[c:c + ROWS]])
    files["text.json"] = _dumps([" ".join(f"{display_name(e)} {e.model.short_name or ''} {plain(e.model.summary)}"
                                          .lower().split()) for e in entries])
    referring: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        for target in dict.fromkeys(ln.target for ln in cat.outgoing.get(e.id, [])):
            referring.setdefault(target, []).append(i)
    bucket_data: list[dict[str, list]] = [{} for _ in range(buckets)]
    for target, idx in sorted(referring.items()):
        name = display_name(cat.entries[target]) if target in cat.entries else target
        bucket_data[id_hash(target) % buckets][target] = [name, _deltas(idx)]
    files.update({f"links-{b}.json": _dumps(d) for b, d in enumerate(bucket_data)})
    return files


def filter_view(ctx: SiteContext, view: FilterView) -> tuple[str, dict[str, str]]:
    """The filter block's HTML (form, count, the first results) and its JSON files (filter_data)."""
    rows = [_row(ctx, view, e) for e in view.entries]
    values = [[f.values(e) for f in view.facets] for e in view.entries]
    fvs = facet_values(view, values)
    files = filter_data(ctx, view, rows, fvs, values)

    total = len(rows)
    listed = rows if view.first is None else rows[:view.first]
    status = (f"Showing all {total} records." if len(listed) == total
              else f"Showing the first {len(listed)} of {total} records.")
    by_type = ""
    nojs = ("The filters need JavaScript, which is off: every record is listed on the page of its type (links below)."
            if len(listed) < total else "The filters need JavaScript, which is off: the list below has every record.")
    if len(listed) < total:
        types = Counter(r.entry.type for r in rows)
        links = ", ".join(f'<a href="{esc(site_href(constants.RECORD_TYPES[t]["url"] + "/"))}">'
                          f'{esc(constants.RECORD_TYPES[t]["plural"])}</a> ({n})'
                          for t, n in sorted(types.items(), key=lambda tn: constants.RECORD_TYPES[tn[0]]["plural"]))
        by_type = f'<p class="ctwg-by-type">Every record is also listed on the page of its type: {links}.</p>'
    form = facet_form(fvs, view.label)
    if view.collapse:
        # Closed by default: on a phone the first result is on the first screen. Wide screens
        # show the form whatever the state (site.css); <details> needs no script to open.
        form = ('<details class="ctwg-filters"><summary>Filters <span class="ctwg-active"></span></summary>'
                f"{form}</details>")
    sort = ""
    if view.sort:
        opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in SORTS)
        sort = (f'<p class="ctwg-sort" hidden><label for="ctwg-sort">Sort by</label> '
                f'<select id="ctwg-sort" name="sort">{opts}</select></p>')
    src = posixpath.basename(view.data_path)
    html = (f'<div class="ctwg-explorer" id="{esc(view.root_id)}" data-src="{esc(src)}" markdown="0">'
            f"{form}"
            '<div class="ctwg-explorer__results">'
            f'<p class="ctwg-result-count" role="status" aria-live="polite" data-total="{total}">{status}</p>'
            f"{sort}"
            f'<noscript><p class="ctwg-nojs">{nojs}</p></noscript>'
            '<p class="ctwg-links-note" hidden></p>'
            f'<ul class="ctwg-results" data-listed="{len(listed)}">{"".join(r.html() for r in listed)}</ul>'
            '<p class="ctwg-more" hidden><button type="button">Show more</button></p>'
            f"{by_type}</div></div>\n")
    return html, files


def explorer_page(ctx: SiteContext) -> dict[str, str]:
    """The explorer: its page and its JSON files."""
    entries = sorted(ctx.catalog.entries.values(), key=lambda e: (display_name(e).lower(), e.id))
    view = FilterView("ctwg-explorer", "explore.md", "Filter records", entries, facets(ctx), sort=True, collapse=True)
    html, files = filter_view(ctx, view)
    page = (front_matter("Explore everything", "Filter every record by type, issue area, forum or partner, economy, year and status.",
                         hide=["toc"], ctwg_scripts=["explore"])
            + "# Explore everything\n\n"
            "Every record on the site in one list. Narrow it with the filters: the numbers beside each "
            "choice show how many records you would get. The address bar keeps your choices, so you can "
            "bookmark or share a filtered view.\n\n" + html)
    return {view.current: page, **{view.folder + name: text for name, text in files.items()}}


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
    html, files = filter_view(ctx, view)
    page = (front_matter("Documents and outputs", "Key documents and outputs, filterable by type, year, issuer and issue area.",
                         ctwg_scripts=["explore"])
            + "# Documents and outputs\n\n"
            f"The library of the group's key documents and outputs, and the documents the site draws on: "
            f"**{len(docs)}** in all. Filter by type, year, issuer, issue area or access; each entry shows its "
            "official numbers where it has them and a link where one is known.\n\n" + html)
    return {current: page, **{view.folder + name: text for name, text in files.items()}}


# ---------------------------------------------------------------------------
