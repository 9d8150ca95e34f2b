"""Macros for hand-written pages in docs/: read-only Catalog queries that return Markdown.

In: the Catalog the ctwg plugin built (asked of the plugin when a page renders, not when
macros load). mkdocs.yml names this module in the macros plugin's `modules`.
Out: Markdown with every data value escaped, so data text is never parsed as Jinja, HTML
or Markdown. Use them in docs/*.md, e.g. `{{ latest_news(3) }}` or `{{ count("events") }}`.
"""

from __future__ import annotations

import typing

from ..data import constants
from ..data.dates import fmt_date, fmt_range
from ..data.derived import display_name, entry_date
from ..data.models import models_of
from ..site.markup import md_text, plain
from ..site.outputs.exports import API
from ..site.urls import from_page_url, relurl
from .plugin import plugin_of


def _current(env) -> str:
    page = env.page
    return page.file.src_uri if page is not None else "index.md"


def _site_path(env, path: str) -> str:
    """Relative URL from the current page's address to a built file (not a .md page).
    Use it in an HTML <a>: MkDocs only validates links to pages; tests/build/test_links.py checks these."""
    return from_page_url(env.page.url if env.page is not None else "", path)


def define_env(env) -> None:
    plugin = None

    def site():
        nonlocal plugin
        if plugin is None:
            plugin = plugin_of(env.conf)
        return plugin.ctx

    def link(rid: str, text: str | None = None) -> str:
        return site().link(rid, _current(env), text)

    @env.macro
    def count(rtype: str) -> int:
        """Number of public records of one type."""
        return len(site().catalog.by_type[rtype])

    @env.macro
    def record_link(rid: str, text: str | None = None) -> str:
        """A link to a record's page."""
        return link(rid, text)

    @env.macro
    def record_summary(rid: str) -> str:
        """A record's summary as plain text."""
        return md_text(plain(site().catalog.get(rid).model.summary))

    @env.macro
    def section_links() -> str:
        """One line per record type with its count, linking to its index page."""
        lines = []
        for rtype, meta in constants.RECORD_TYPES.items():
            target = f"{meta['url']}/index.md"
            n = len(site().catalog.by_type[rtype])
            lines.append(f"- [{meta['plural']}]({relurl(target, _current(env))}) ({n})")
        return "\n".join(lines)

    @env.macro
    def issue_areas() -> str:
        """Each issue area with its lead fora."""
        cat = site().catalog
        out = []
        for ia in cat.of_type("issue_areas"):
            leads = ", ".join(link(f, cat.get(f).model.short_name or cat.get(f).model.name)
                              for f in ia.model.lead_fora if f in cat)
            out.append(f"- **{link(ia.id)}**: {md_text(plain(ia.model.summary))} *Lead: {leads}.*")
        return "\n".join(out)

    @env.macro
    def latest_news(n: int = 3) -> str:
        items = sorted(site().catalog.of_type("news"), key=lambda e: e.model.date, reverse=True)[:n]
        return "\n".join(f"- **{md_text(fmt_date(e.model.date))}**: {link(e.id)}" for e in items) or "No news yet."

    @env.macro
    def recent_events(n: int = 5) -> str:
        items = [e for e in site().catalog.of_type("events") if e.model.date]
        items = sorted(items, key=lambda e: e.model.date, reverse=True)[:n]
        return "\n".join(
            f"- **{md_text(fmt_range(e.model.date, e.model.end))}**: {link(e.id)}"
            + (f" ({md_text(e.model.city)})" if e.model.city else "") for e in items) or "No events yet."

    @env.macro
    def key_outputs(n: int = 6) -> str:
        items = sorted(site().catalog.of_type("documents"), key=lambda e: entry_date(e) or "0000", reverse=True)[:n]
        return "\n".join(f"- {link(e.id)}" + (f" ({md_text(fmt_date(entry_date(e)))})" if entry_date(e) else "")
                         for e in items)

    @env.macro
    def data_fields() -> str:
        """For each record type: its export paths and a table of its fields, from the models."""
        out = []
        for rtype, meta in constants.RECORD_TYPES.items():
            models = models_of(rtype)
            base = _site_path(env, f"{API}/{rtype}")
            out += [f"### {meta['plural']}", "",
                    f"{len(site().catalog.by_type[rtype])} records · "
                    f'<a href="{base}.json">JSON</a> · <a href="{base}.csv">CSV</a> · '
                    f'<a href="{_site_path(env, f"{API}/schemas/{rtype}.schema.json")}">JSON Schema</a>', "",
                    "| Field | Required | Meaning |", "| --- | --- | --- |"]
            seen = set()
            for m in models:
                for name, info in m.model_fields.items():
                    if name in seen:
                        continue
                    seen.add(name)
                    # Choices are listed for fields that take exactly one of them (not optional ones, not lists).
                    choices = [a for a in typing.get_args(info.annotation) if isinstance(a, str)]
                    extra = f" One of: {', '.join(choices)}." if choices else ""
                    req = "yes" if info.is_required() else ""
                    out.append(f"| `{name}` | {req} | {md_text((info.description or '') + extra)} |")
            out.append("")
        return "\n".join(out)

    @env.macro
    def name_of(rid: str) -> str:
        return md_text(display_name(site().catalog.get(rid)))
