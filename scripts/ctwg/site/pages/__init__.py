"""Generated pages: Catalog -> {docs-relative path: Markdown} (and the explorer's JSON).

One module per kind of page: `records` (a page per record), `indexes` (a table per type),
`workplan` (the plan and its tracker), `overview` (timeline and cooperation map),
`explorer` (the explorer and the documents library, with their JSON), `glossary` (the terms, A to Z) and `audiences`
(routes for officials, business, partners and the public); `home` makes the home page's
parts (key figures, the fora chart, upcoming and past events), which its macros place. `all_pages` is the whole set,
in the order the site adds them.
"""

from __future__ import annotations

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


def all_pages(ctx: SiteContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for e in ctx.catalog.entries.values():
        pages[ctx.src(e)] = record_page(ctx, e)
    for rtype in constants.RECORD_TYPES:
        if rtype != "workplan":
            pages[f"{constants.RECORD_TYPES[rtype]['url']}/index.md"] = index_page(ctx, rtype)
    pages["work-plan/index.md"] = workplan_page(ctx)
    pages["timeline.md"] = timeline_page(ctx)
    pages["map.md"] = map_page(ctx)
    pages.update(explorer_page(ctx))
    pages.update(library_page(ctx))
    pages["work-plan/tracker.md"] = tracker_page(ctx)
    pages[GLOSSARY_PAGE] = glossary_page(ctx)
    pages["for/index.md"] = audiences_index(ctx)
    for key in AUDIENCES:
        pages[f"for/{key}.md"] = audience_page(ctx, key)
    pages.update(search_names(ctx.catalog))
    pages[WORDS_FILE] = search_words(ctx.catalog)
    return pages
