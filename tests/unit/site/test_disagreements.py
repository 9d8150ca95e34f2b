"""Where sources differ, the record page shows every version with its documents, in a box of its own."""

from __future__ import annotations

import re

from ctwg.site.context import SiteContext
from ctwg.site.markup import md_text
from ctwg.site.pages.records import record_page


def test_every_disagreement_shows_each_version_with_its_documents(catalog):
    ctx = SiteContext(catalog)
    shown = 0
    for e in catalog.entries.values():
        if not e.model.disagreements:
            continue
        page = record_page(ctx, e)
        for d in e.model.disagreements:
            head = f'!!! warning "The sources differ: {md_text(d.about)}"'
            assert head in page, (e.id, d.about)
            box = page.split(head, 1)[1].split("\n\n", 2)
            items = re.findall(r"^    - (.*)$", box[1], re.M)
            assert len(items) == len(d.accounts), (e.id, items)
            for item, account in zip(items, d.accounts, strict=True):
                assert item.startswith(md_text(account.says) + ", according to "), (e.id, account.says, item)
                for doc in account.documents:
                    assert f"/{doc}/" in item or f"{doc}.md" in item, (e.id, doc, item)
            shown += 1
    assert shown >= 8  # the public record has at least eight (STAR I-III, CTWG 4 and 6, STAR's name, 2003)


def test_a_record_without_disagreements_has_no_box(catalog):
    ctx = SiteContext(catalog)
    e = catalog.get("tptwg")
    assert not e.model.disagreements
    assert "The sources differ" not in record_page(ctx, e)


def test_the_group_page_lists_its_chairs_with_economy_dates_and_sources(catalog):
    from ctwg.site.pages.records import chairs_section

    ctx = SiteContext(catalog)
    e = catalog.get("ctwg")
    md = chairs_section(ctx, e, ctx.src(e))
    rows = [r for r in md.splitlines() if r.startswith("| ") and not r.startswith(("| Chair", "| ---"))]
    assert len(rows) == len(e.model.chairs) >= 6
    for row, chair in zip(rows, e.model.chairs, strict=True):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[0] == md_text(chair.name)
        assert (chair.economy is None) == (cells[1] == "not given")
        for doc in chair.documents:
            assert f"{doc}.md" in cells[3], (chair.name, doc)
    assert chairs_section(ctx, catalog.get("tptwg"), "fora/tptwg.md") == ""
