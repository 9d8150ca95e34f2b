"""The map the Tokyo workshop asked for: initiatives and guidance on soft targets and critical
infrastructure, by issuer and kind, on both issue pages and in the explorer."""

from __future__ import annotations

import re

from ctwg.data.derived import GUIDANCE_AREAS, GUIDANCE_KINDS, INITIATIVES_KIND, guidance_map
from ctwg.site.context import SiteContext
from ctwg.site.figures.guidance import guidance_section
from ctwg.site.pages.explorer import facets
from ctwg.site.pages.records import record_page


def test_the_map_holds_guidance_from_several_issuers_and_no_news_or_pages(catalog):
    items = guidance_map(catalog)
    issuers = {g.issuer for g in items}
    assert {"apec", "united-nations", "gctf", "osce", "eu"} <= issuers
    kinds = {k for ks in GUIDANCE_KINDS.values() for k in ks}
    for g in items:
        assert set(g.entry.model.issue_areas) & set(GUIDANCE_AREAS)
        if g.entry.type == "documents":
            assert g.entry.model.kind in kinds, g.entry.id
        else:
            assert g.entry.type == "initiatives" and g.kind == INITIATIVES_KIND
    assert "cted-news-soft-targets-2018" not in {g.entry.id for g in items}  # a news item is not guidance


def test_both_issue_pages_show_every_item_with_counts_that_add_up(catalog):
    ctx = SiteContext(catalog)
    items = ctx.facts.guidance
    for area in GUIDANCE_AREAS:
        e = catalog.get(area)
        page = record_page(ctx, e)
        assert "## Map of initiatives and guidance" in page
        section = guidance_section(ctx, ctx.src(e))
        for g in items:
            assert f"{g.entry.id}.md)" in section, g.entry.id
            if getattr(g.entry.model, "url", None):
                line = next(ln for ln in section.splitlines() if f"{g.entry.id}.md)" in ln and ln.startswith("- "))
                assert "[read it](" in line, g.entry.id
        totals = [int(m) for m in re.findall(r"\| (\d+) \|$", section, re.M)]
        assert sum(totals) == len(items)


def test_the_explorer_can_filter_to_the_map(catalog):
    ctx = SiteContext(catalog)
    facet = next(f for f in facets(ctx) if f.key == "guidance")
    on = {e.id for e in catalog.entries.values() if facet.values(e)}
    assert on == {g.entry.id for g in ctx.facts.guidance}
