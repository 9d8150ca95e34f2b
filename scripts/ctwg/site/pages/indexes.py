"""Index pages: one table per record type, from the Catalog.

In: a `SiteContext` and a record type. Out: the Markdown of the type's index page: an
introduction with the count, then a table of every record (name, the columns of its type,
how many records point to it). Ids in a cell become links.
"""

from __future__ import annotations

from typing import Any

from ...data import constants
from ...data.catalog import Entry
from ...data.dates import fmt_date, fmt_range
from ...data.derived import entry_date, short
from ..context import SiteContext
from ..markup import count_of, front_matter, md_text, status_words, value_label

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


def _columns(rtype: str, catalog) -> list[tuple[str, Any]]:
    def date(e: Entry) -> str:
        return fmt_range(entry_date(e), getattr(e.model, "end", None)) or (getattr(e.model, "date_note", "") or "")

    def kind(e: Entry) -> str:
        return value_label(e.model.kind)

    def place(e: Entry) -> str:
        economy = catalog.entries.get(e.model.economy) if e.model.economy else None
        return ", ".join(x for x in [e.model.city or "", economy.model.name if economy else ""] if x)

    cols: dict[str, list[tuple[str, Any]]] = {
        "fora": [("Short name", lambda e: e.model.short_name or ""), ("Kind", kind),
                 ("Part of", lambda e: e.model.parent or "")],
        "partners": [("Short name", lambda e: e.model.short_name or ""), ("Kind", kind)],
        "economies": [("Joined APEC", lambda e: str(e.model.joined))],
        "issue_areas": [("Lead", lambda e: ", ".join(e.model.lead_fora))],
        "initiatives": [("Kind", kind), ("Status", lambda e: status_words(e.model)),
                        ("Since", lambda e: fmt_date(e.model.start))],
        "events": [("Date", date), ("Place", place), ("Kind", kind)],
        "outcomes": [("Kind", kind), ("Status", lambda e: status_words(e.model)),
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
    meta = constants.RECORD_TYPES[rtype]
    current = f"{meta['url']}/index.md"
    entries = ctx.catalog.of_type(rtype)
    if rtype in ("events", "news", "documents"):
        entries = sorted(entries, key=lambda e: entry_date(e) or "0000", reverse=True)
    cols = _columns(rtype, ctx.catalog)
    out = [front_matter(meta["plural"], INDEX_INTRO.get(rtype, "")), f"# {meta['plural']}\n",
           f"{INDEX_INTRO.get(rtype, '')} {count_of(rtype, len(entries)).replace(str(len(entries)), f'**{len(entries)}**', 1)} in all.\n",
           '<div class="ctwg-index" markdown>\n',
           "| Name | " + " | ".join(c for c, _ in cols) + " | Connections |",
           "| --- | " + " | ".join("---" for _ in cols) + " | ---: |"]
    for e in entries:
        cells = [_cell(ctx, str(fn(e)), current) for _, fn in cols]
        # records linked either way: those that point to it, and those it points to (not the documents it cites)
        n = len({ln.source for ln in ctx.catalog.backlinks.get(e.id, [])}
                | {ln.target for ln in ctx.catalog.outgoing.get(e.id, []) if ln.field != "sources"})
        out.append(f"| {ctx.link(e.id, current)} | " + " | ".join(cells) + f" | {n} |")
    out.append("\n</div>\n")
    return "\n".join(out)
