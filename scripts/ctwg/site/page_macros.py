"""Macros for hand-written pages in docs/: read-only Catalog queries that return Markdown.

In: the SiteContext and where the page is (its source path and URL), asked when the page
renders. Out: {name: function} for the page's Jinja template; each function returns Markdown
with every data value escaped, so data text is never parsed as Jinja, HTML or Markdown. Use
them in docs/*.md, e.g. `{{ latest_news(3) }}` or `{{ count("events") }}`. The MkDocs side
(ctwg.mkdocs_plugin.macros) hands them to mkdocs-macros; `ctwg write-pages` renders the
pages with them itself.
"""

from __future__ import annotations

import typing
from collections.abc import Callable

from ..data import constants
from ..data.dates import fmt_date
from ..data.derived import display_name, entry_date
from ..data.models import Record, cited_documents, models_of
from .context import SiteContext
from .markup import count_of, esc, md_text, plain
from .outputs.exports import API, ZIP_NAME
from .pages import home
from .pages.audiences import audience_lines
from .urls import relurl, site_href

# Where the page being rendered is: (its docs-relative source path, its URL).
Where = Callable[[], tuple[str, str]]


def field_name(name: str) -> str:
    """A field name as code that a narrow screen may break only after an underscore."""
    return "<code>" + "_<wbr>".join(esc(part) for part in name.split("_")) + "</code>"


def page_macros(site: Callable[[], SiteContext], where: Where) -> dict[str, Callable]:
    """The macros, asking `site()` for the context and `where()` for the page at each call."""
    macros: dict[str, Callable] = {}

    def macro(fn: Callable) -> Callable:
        macros[fn.__name__] = fn
        return fn

    def _current() -> str:
        return where()[0]

    def _site_path(path: str) -> str:
        """The href of a built file (not a .md page) for an HTML <a> (site.urls.site_href).
        No engine validates these: tests/build/test_links.py checks them."""
        return site_href(path)

    def link(rid: str, text: str | None = None) -> str:
        return site().link(rid, _current(), text)

    @macro
    def count(rtype: str) -> int:
        """Number of public records of one type."""
        return len(site().catalog.by_type[rtype])

    @macro
    def record_link(rid: str, text: str | None = None) -> str:
        """A link to a record's page."""
        return link(rid, text)

    @macro
    def record_summary(rid: str) -> str:
        """The first paragraph of a record's summary, as plain text (the rest is on its page)."""
        return md_text(plain(site().catalog.get(rid).model.summary.strip().split("\n\n")[0]))

    @macro
    def section_links() -> str:
        """One line per record type with its count, linking to its index page."""
        lines = []
        for rtype, meta in constants.RECORD_TYPES.items():
            target = f"{meta['url']}/index.md"
            n = len(site().catalog.by_type[rtype])
            lines.append(f"- [{meta['plural']}]({relurl(target, _current())}) ({n})")
        return "\n".join(lines)

    @macro
    def issue_areas() -> str:
        """Each issue area with the fora that lead it and the other fora that work on it."""
        return home.issue_area_lines(site(), _current())

    @macro
    def latest_news(n: int = 3) -> str:
        items = sorted(site().catalog.of_type("news"), key=lambda e: e.model.date, reverse=True)[:n]
        return "\n".join(f"- **{md_text(fmt_date(e.model.date))}**: {link(e.id)}" for e in items) or "No news yet."

    @macro
    def recent_events(n: int = 5) -> str:
        """The latest n events that are over by the build date (upcoming ones are not here)."""
        items = home.past_events(site())[:n]
        return "\n".join(home.event_line(site(), e, _current()) for e in items) or "No past events yet."

    @macro
    def upcoming_events(n: int = 5) -> str:
        """The next n events not over at the build date, soonest first; with none, one line saying so."""
        items = home.upcoming_events(site())[:n]
        if not items:
            return (f"No upcoming events are recorded as of {md_text(fmt_date(site().today.isoformat()))}. "
                    f"Past events are on the [timeline]({relurl('timeline.md', _current())}).")
        return "\n".join(home.event_line(site(), e, _current()) for e in items)

    @macro
    def key_figures() -> str:
        """The site's key figures (fora, partners, economies, initiatives, events, documents,
        years covered), each counted from the Catalog and linking to its index page."""
        return home.key_figures(site())

    @macro
    def fora_chart() -> str:
        """Who does what: the APEC fora, sub-fora inside their parents, with the issue areas each leads."""
        return home.fora_chart(site())

    @macro
    def audience_links() -> str:
        """The routes into the site for each audience (the pages under for/)."""
        return "\n".join(audience_lines(_current()))

    @macro
    def key_outputs(n: int = 6) -> str:
        items = sorted(site().catalog.of_type("documents"), key=lambda e: entry_date(e) or "0000", reverse=True)[:n]
        return "\n".join(f"- {link(e.id)}" + (f" ({md_text(fmt_date(entry_date(e)))})" if entry_date(e) else "")
                         for e in items)

    @macro
    def disagreement_list() -> str:
        """Every fact the sources give differently, with the record that shows both versions."""
        rows = [(e, d) for e in site().catalog.entries.values() for d in getattr(e.model, "disagreements", [])]
        rows.sort(key=lambda r: (entry_date(r[0]) or "", display_name(r[0]).lower()))
        return "\n".join(f"- {link(e.id)}: {md_text(d.about[0].lower() + d.about[1:])} "
                         f"({len(d.accounts)} versions)" for e, d in rows) or "None recorded."

    @macro
    def source_counts() -> str:
        """How many documents the records cite, and how many of those are read in third-party copies."""
        cat = site().catalog
        cited = cited_documents(e.model for e in cat.entries.values())
        docs = [cat.entries[d] for d in cited if d in cat.entries]
        online = [e for e in docs if getattr(e.model, "url", None)]
        mirrors = [e for e in online if e.model.mirror]
        return (f"The records cite {count_of('documents', len(docs))}; {len(online)} of them can be read online, "
                f"{len(mirrors)} of those only in a third-party copy, which the document's page names as such.")

    @macro
    def data_fields() -> str:
        """The fields every record has, once; then for each record type its export paths and a
        table of its own fields, from the models. Field names break only at underscores."""

        def rows(models, skip: set[str]) -> list[str]:
            out, seen = [], set(skip)
            for m in models:
                for name, info in m.model_fields.items():
                    if name in seen:
                        continue
                    seen.add(name)
                    # Choices are listed for fields that take exactly one of them (not optional ones, not lists).
                    choices = [a for a in typing.get_args(info.annotation) if isinstance(a, str)]
                    extra = f" One of: {', '.join(choices)}." if choices else ""
                    req = "yes" if info.is_required() else ""
                    out.append(f"| {field_name(name)} | {req} | {md_text((info.description or '') + extra)} |")
            return out

        head = ["| Field | Required | Meaning |", "| --- | --- | --- |"]
        common = set(Record.model_fields)
        out = ['<div class="ctwg-data-fields" markdown>', "",
               "### Fields every record has", "",
               "Every record type has these fields; the tables below give each type's own fields.", "",
               *head, *rows([Record], set()), ""]
        for rtype, meta in constants.RECORD_TYPES.items():
            base = _site_path(f"{API}/{rtype}")
            own = rows(models_of(rtype), common)
            out += [f"### {meta['plural']}", "",
                    f"{len(site().catalog.by_type[rtype])} records · "
                    f'<a href="{base}.json">JSON</a> · <a href="{base}.csv">CSV</a> · '
                    f'<a href="{_site_path(f"{API}/schemas/{rtype}.schema.json")}">JSON Schema</a>', ""]
            out += [*head, *own, ""] if own else ["No fields beyond those every record has.", ""]
        out += ["</div>", ""]
        return "\n".join(out)

    @macro
    def open_data_zip() -> str:
        """An HTML link to the zip of every export (ctwg.site.outputs.exports.write_zip)."""
        return f'<a href="{_site_path(f"{API}/{ZIP_NAME}")}"><code>{API}/{ZIP_NAME}</code></a>'

    @macro
    def name_of(rid: str) -> str:
        return md_text(display_name(site().catalog.get(rid)))

    return macros
