"""Rendering helpers: data values -> safe Markdown / HTML fragments.

In: strings, ids and models from the Catalog. Out: text that can only ever show the data
literally. Two channels:
- `md_text` escapes a plain value for a Markdown line (no HTML, no Markdown, no Jinja
  survives: `<script>` and `{{ x }}` print as typed);
- `md_block` renders authored Markdown (summaries, news) to HTML, with raw HTML escaped
  first and the result passed through the nh3 allow-list sanitiser (links: http, https,
  mailto and site-relative only).
"""

from __future__ import annotations

import calendar
import html
import re

import markdown as _markdown
import nh3

# Characters python-markdown (with the tables extension) honours a backslash escape for.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#+\-.!|])")

_ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "code", "pre", "blockquote", "br", "h3", "h4",
                 "table", "thead", "tbody", "tr", "th", "td", "hr"}


def esc(value: object) -> str:
    """HTML-escape for text and attribute values (braces too, so no template syntax survives)."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def md_text(value: object) -> str:
    """A plain value on one Markdown line, shown literally."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    text = html.escape(text, quote=False)
    return text.replace("{", "&#123;").replace("}", "&#125;")


_converter = _markdown.Markdown(extensions=["sane_lists"], output_format="html")


# Text with none of these is plain prose: Markdown would only wrap it in <p>.
_MARKDOWN_SYNTAX = re.compile(r"[\t*_`\[\]#>|\\<&]|^\s*(?:[-+]|\d+[.)])\s|\n\s*\n|  \n|^\s{4}|^(?:=+|-+)\s*$|^[ \t]|[ \t]$|\A\s|\s\Z", re.M)


def md_block(source: str) -> str:
    """Authored Markdown -> sanitised HTML (one block, no blank lines, safe for a raw HTML block)."""
    if not _MARKDOWN_SYNTAX.search(source):
        text = source.replace("{", "&#123;").replace("}", "&#125;")
        return f"<p>{text}</p>"
    escaped = source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # keep Markdown blockquotes written at the start of a line
    escaped = re.sub(r"(?m)^(\s*)&gt;", r"\1>", escaped)
    _converter.reset()
    out = _converter.convert(escaped)
    out = nh3.clean(out, tags=_ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                    url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    out = out.replace("{", "&#123;").replace("}", "&#125;")
    # no blank line may split the raw HTML block in the page's Markdown
    return re.sub(r"\n\s*\n", "\n", out).strip()


def relurl(target: str, current: str) -> str:
    """Relative link from one docs-relative .md path to another (MkDocs resolves and checks it).
    Both are clean relative paths, so this is a purely lexical (and fast) relpath."""
    here = current.split("/")[:-1]
    there = target.split("/")
    n = 0
    while n < len(here) and n < len(there) - 1 and here[n] == there[n]:
        n += 1
    return "/".join([".."] * (len(here) - n) + there[n:])


def fmt_date(value: str | None) -> str:
    """'2018-04-24' -> '24 April 2018'; '2010-06' -> 'June 2010'; '2010' -> '2010'."""
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return str(parts[0])


def fmt_range(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    if not end or end == start:
        return fmt_date(start)
    s, e = start.split("-"), end.split("-")
    if len(s) == len(e) == 3 and s[:2] == e[:2]:
        return f"{int(s[2])}–{fmt_date(end)}"
    return f"{fmt_date(start)} – {fmt_date(end)}"


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def value_label(value: str) -> str:
    """'working-group' -> 'Working group'."""
    return VALUE_LABELS.get(value, value.replace("-", " ").capitalize())


LABELS = {
    "short_name": "Short name",
    "former_names": "Former names",
    "issue_areas": "Issue areas",
    "lead_fora": "Lead fora",
    "co_sponsors": "Co-sponsors",
    "auspices": "Under the auspices of",
    "participants_note": "Other participants",
    "produced_by": "Produced by",
    "status_note": "Status note",
    "apec_doc": "APEC document number",
    "publication": "APEC publication number",
    "isbn": "ISBN",
    "un_symbol": "UN document symbol",
    "url": "Web page",
    "period_start": "Period start",
    "period_end": "Period end",
    "timeframe_start": "Timeframe start",
    "timeframe_end": "Timeframe end",
    "cooperating_parties": "Cooperating parties",
    "cooperating_note": "Cooperating parties (in general terms)",
    "priority_note": "Priority note",
    "date_note": "Date note",
    "lead_note": "Lead note",
    "publish_date": "Publish date",
}

VALUE_LABELS = {
    "human-security": "Human Security",
    "regional-economic-integration": "Regional Economic Integration",
    "not-evidenced": "Not evidenced",
    "under-way": "Under way",
    "un-body": "UN body",
    "members-only": "Members only",
}
