"""Index pages: counts in words with proper plurals, names rather than ids, connections both ways."""

from __future__ import annotations

import pytest

from ctwg.site.context import SiteContext
from ctwg.site.markup import count_of
from ctwg.site.pages.indexes import index_page


@pytest.mark.parametrize(("rtype", "n", "words"), [
    ("fora", 16, "16 APEC fora"), ("news", 1, "1 news item"), ("news", 2, "2 news items"),
    ("economies", 1, "1 member economy"), ("documents", 3, "3 documents and outputs"),
])
def test_count_of(rtype, n, words):
    assert count_of(rtype, n) == words


def test_index_pages_name_places_and_count_links_both_ways(catalog):
    ctx = SiteContext(catalog)
    fora = index_page(ctx, "fora")
    assert f"**{len(catalog.by_type['fora'])}** APEC fora in all." in fora
    events = index_page(ctx, "events")
    assert "Tokyo, Japan |" in events and "Tokyo, japan" not in events
    news = index_page(ctx, "news")
    item = catalog.by_type["news"][0]
    linked = ({ln.source for ln in catalog.backlinks.get(item.id, [])}
              | {ln.target for ln in catalog.outgoing.get(item.id, []) if ln.field != "sources"})
    row = next(line for line in news.splitlines() if line.startswith("| [") and item.model.name in line)
    assert linked and row.endswith(f"| {len(linked)} |")
