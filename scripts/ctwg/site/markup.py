"""Markup: data values -> safe Markdown / HTML fragments, and the words pages use for field names and values.

In: strings, ids and models from the Catalog. Out: text that can only ever show the data
literally. Two channels:
- `md_text` escapes a plain value for a Markdown line (no HTML, no Markdown, no Jinja
  survives: `<script>` and `{{ x }}` print as typed);
- `md_block` renders authored Markdown (summaries, news) to HTML, with raw HTML escaped
  first and the result passed through the nh3 allow-list sanitiser (links: http, https,
  mailto and site-relative only; with the record's page given, site-relative links become
  hrefs from the site's root, as every href in raw HTML is: see site.urls).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import markdown as _markdown
import nh3

from ..data.constants import RECORD_TYPES
from ..data.dates import fmt_date
from .urls import rooted

# Characters python-markdown (with the tables extension) honours a backslash escape for, each
# with its escape (str.translate: many times faster than a regular expression's substitution).
_MD_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*_[]()#+-.!|"})

_ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "code", "pre", "blockquote", "br", "h3", "h4",
                 "table", "thead", "tbody", "tr", "th", "td", "hr"}


def esc(value: object) -> str:
    """HTML-escape for text and attribute values (braces too, so no template syntax survives)."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def md_text(value: object) -> str:
    """A plain value on one Markdown line, shown literally."""
    text = " ".join(str(value).split()).translate(_MD_ESCAPES)
    text = html.escape(text, quote=False)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def md_url(url: str) -> str:
    """A web address as the target of a Markdown link (spaces and ')' would end it)."""
    return url.replace(" ", "%20").replace(")", "%29")


_HREF = re.compile(r'(?<=\s)href="([^"]*)"')
_converter = _markdown.Markdown(extensions=["sane_lists"], output_format="html")


# Text with none of these is plain prose: Markdown would only wrap it in <p>.
_MARKDOWN_SYNTAX = re.compile(r"[\t*_`\[\]#>|\\<&]|^\s*(?:[-+]|\d+[.)])\s|\n\s*\n|  \n|^\s{4}|^(?:=+|-+)\s*$|^[ \t]|[ \t]$|\A\s|\s\Z", re.M)


def md_block(source: str, page_url: str | None = None) -> str:
    """Authored Markdown -> sanitised HTML (one block, no blank lines, safe for a raw HTML block).
    `page_url`: the page of the record the text belongs to ('partners/cted/'), which its links to
    other pages are written relative to; they become hrefs from the site's root
    (site.urls.rooted), right on whichever page shows the text. None (a feed) keeps them as written."""
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
    if page_url is not None:
        out = _HREF.sub(lambda h: f'href="{rooted(h.group(1), page_url)}"', out)
    # no blank line may split the raw HTML block in the page's Markdown
    return re.sub(r"\n\s*\n", "\n", out).strip()


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
    "status_as_of": "Status as of",
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


def front_matter(title: str, description: str = "", **extra: Any) -> str:
    meta = {"title": esc(title), "render_macros": False, **extra}
    if description:
        meta["description"] = esc(" ".join(description.split())[:200])
    # JSON is valid YAML: every value is quoted and escaped.
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def plain(text: str) -> str:
    """Summary text without Markdown syntax, for descriptions and tables."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]", "", " ".join(text.split()))


def not_searched(markdown: str, cls: str) -> str:
    """A section that lists other records (connections, sources, cooperation). The search
    index leaves it out (ctwg.site.outputs.search.EXCLUDE): a page is found for what it says about its
    subject, not for the names of the pages it links to (each of which is found itself)."""
    return f'<div class="{cls}" markdown>\n\n{markdown}\n\n</div>\n'


def status_words(model: Any) -> str:
    """A record's status with the date it holds at: 'Active (as of June 2010)'."""
    words = value_label(model.status)
    as_of = getattr(model, "status_as_of", None)
    return f"{words} (as of {fmt_date(as_of)})" if as_of else words


def count_of(rtype: str, n: int) -> str:
    """'16 APEC fora', '1 news item': a count with the type's noun, singular or plural."""
    meta = RECORD_TYPES[rtype]
    return f"{n} {meta['noun'] if n == 1 else meta['many']}"
