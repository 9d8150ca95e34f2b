"""Generated pages: Catalog -> {docs-relative path: Markdown} (and the explorer's JSON).

One module per kind of page: `records` (a page per record), `indexes` (a table per type),
`workplan` (the plan and its tracker), `overview` (timeline and cooperation map),
`explorer` (the explorer and the documents library, with their JSON), `glossary` (the terms, A to Z) and `audiences`
(routes for officials, business, partners and the public); `home` makes the home page's
parts (key figures, the fora chart, upcoming and past events), which its macros place. `all_pages` is the whole set,
in the order the site adds them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ...data import constants
from ..context import SiteContext
from ..outputs.search import WORDS_FILE, search_names, search_words
from .audiences import AUDIENCES, audience_page, audiences_index
from .explorer import explorer_page, library_page
from .glossary import PAGE as GLOSSARY_PAGE
from .glossary import glossary_page
from .indexes import index_page
from .overview import map_page, timeline_page
from .records import record_page
from .workplan import tracker_page, workplan_page

Unit = tuple[tuple, Callable[[SiteContext], dict[str, str]]]


def page_units(ctx: SiteContext) -> list[Unit]:
    """Every generated page as (key, maker): the maker returns {path: content} (a record's page,
    or a page with its JSON files). `mkdocs serve` remakes only the units whose reads changed
    (ctwg.perf.pagememo); `all_pages` makes them all."""
    units: list[Unit] = [(("record", e.id), functools.partial(_record, e.id)) for e in ctx.catalog.entries.values()]
    for rtype in constants.RECORD_TYPES:
        if rtype != "workplan":
            units.append((("index", rtype), functools.partial(_index, rtype)))
    units += [
        (("workplan",), lambda c: {"work-plan/index.md": workplan_page(c)}),
        (("timeline",), lambda c: {"timeline.md": timeline_page(c)}),
        (("map",), lambda c: {"map.md": map_page(c)}),
        (("explorer",), explorer_page),
        (("library",), library_page),
        (("tracker",), lambda c: {"work-plan/tracker.md": tracker_page(c)}),
        (("glossary",), lambda c: {GLOSSARY_PAGE: glossary_page(c)}),
        (("audiences",), lambda c: {"for/index.md": audiences_index(c)}),
    ]
    units += [(("audience", key), functools.partial(_audience, key)) for key in AUDIENCES]
    units += [
        (("search-names",), lambda c: search_names(c.catalog)),
        (("search-words",), lambda c: {WORDS_FILE: search_words(c.catalog)}),
    ]
    return units


def _record(rid: str, ctx: SiteContext) -> dict[str, str]:
    e = ctx.catalog.entries[rid]
    return {ctx.src(e): record_page(ctx, e)}


def _index(rtype: str, ctx: SiteContext) -> dict[str, str]:
    return {f"{constants.RECORD_TYPES[rtype]['url']}/index.md": index_page(ctx, rtype)}


def _audience(key: str, ctx: SiteContext) -> dict[str, str]:
    return {f"for/{key}.md": audience_page(ctx, key)}


def all_pages(ctx: SiteContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for _key, make in page_units(ctx):
        pages.update(make(ctx))
    return pages
