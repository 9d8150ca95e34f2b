"""The site context: what every page renderer gets.

In: a Catalog and the build's settings (edit links, site URL, preview, last-commit dates).
Out: `SiteContext` (made by `site_context` for a build), and `template_values`, what the theme
templates read from `extra`. Also: `SiteContext` with the derived facts computed once (`facts`, see ctwg.data.derived)
and the ways pages refer to a record: `src` (its page's Markdown path), `link` (a
Markdown link to it from another page, or its name alone when the public build hides it) and
`href` (the href raw HTML uses for it).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data import constants
from ..data.catalog import Catalog, Entry
from ..data.derived import Derived, derive, display_name
from ..data.terms import Term, glossary_terms
from .markup import md_text
from .outputs.feeds import feed_paths
from .outputs.search import HOME_WEIGHT
from .provenance import build_info, git_dates
from .urls import relurl, site_href


@dataclass
class SiteContext:
    catalog: Catalog
    edit_base: str = ""  # e.g. https://github.com/org/repo/edit/main/ ; empty: no edit links
    site_url: str = ""
    site_name: str = "APEC Counter-Terrorism Knowledge Site"
    preview: bool = False
    updated: dict[str, str] = field(default_factory=dict)  # data path -> last commit date
    today: _dt.date = field(default_factory=_dt.date.today)
    facts: Derived = field(init=False)
    terms: list[Term] = field(init=False)  # the glossary: records' short names and data/glossary.yml

    def __post_init__(self) -> None:
        self.facts = derive(self.catalog)
        self.terms = glossary_terms(self.catalog)

    def src(self, e: Entry) -> str:
        return f"{constants.RECORD_TYPES[e.type]['url']}/{e.id}.md"

    def link(self, rid: str, current: str, text: str | None = None) -> str:
        e = self.catalog.entries.get(rid)
        if e is None:  # hidden from the public build: name it without a link
            return md_text(text or rid)
        return f"[{md_text(text or display_name(e))}]({relurl(self.src(e), current)})"

    def href(self, rid: str) -> str:
        """The href raw HTML (figures, lists written as HTML) uses for the record page of `rid`
        (from the site's root, made relative on the finished page: site.urls)."""
        return site_href(self.catalog.entries[rid].url)


def site_context(catalog: Catalog, data_dir: Path, *, edit_base: str, site_url: str, site_name: str,
                 preview: bool) -> SiteContext:
    """The context of one build, with each data file's last-commit date from git."""
    return SiteContext(catalog, edit_base=edit_base, site_url=site_url, site_name=site_name, preview=preview,
                       updated=git_dates(data_dir))


def template_values(ctx: SiteContext, root: Path) -> dict[str, Any]:
    """What the templates read from `extra` (overrides/): build stamp, feeds, preview, labels."""
    return {
        "build": build_info(root),
        "feeds": feed_paths(ctx),
        "preview": ctx.preview,
        "record_labels": {t: meta["label"] for t, meta in constants.RECORD_TYPES.items()},
        "search_kind_order": [constants.RECORD_TYPES[t]["label"] for t in constants.SEARCH_TYPE_ORDER],
        "home_search_weight": HOME_WEIGHT,
    }
