"""Record pages say each thing once (issue 18): facts without a "Field / Value" header row,
a cooperation table without the record's own name in every row, one source entry per
document with its sections (on its line, or under it when there are several), and breadcrumbs Home > section index > record."""

from __future__ import annotations

import re

import pytest

from ctwg.data import constants
from ctwg.data.derived import short
from ctwg.site.context import SiteContext
from ctwg.site.markup import md_text
from ctwg.site.pages.records import cooperation_section, record_page, sources_section


@pytest.fixture(scope="module")
def ctx(catalog):
    return SiteContext(catalog)


def test_no_record_page_has_a_field_value_header_row(ctx, catalog):
    pages = {e.id: record_page(ctx, e) for e in catalog.entries.values()}
    bad = [rid for rid, md in pages.items() if re.search(r"^\|\s*Field\s*\|\s*Value\s*\|", md, re.M)]
    assert not bad, bad[:5]
    ctwg = pages["ctwg"]
    facts = ctwg.split('<dl class="ctwg-facts"', 1)[1].split("</dl>", 1)[0]
    assert "<dt>Kind</dt>" in facts and "Working group" in facts
    # no Markdown table opens with an empty header row either
    assert not [rid for rid, md in pages.items() if re.search(r"^\|\s*\|\s*\|$", md, re.M)]


def test_the_cooperation_table_does_not_repeat_the_record_in_every_row(ctx, catalog):
    checked = 0
    for e in catalog.by_type["fora"] + catalog.by_type["partners"]:
        md = cooperation_section(ctx, e, ctx.src(e))
        if not md:
            continue
        rows = [ln for ln in md.splitlines() if ln.startswith("| [")]
        assert rows, e.id
        others = [re.match(r"\| \[[^\]]*\]\(([^)]*)\)", r).group(1) for r in rows]
        assert len(others) == len(set(others)), (e.id, others)  # one row per other forum or partner
        assert not any(o.endswith(f"/{e.id}.md") or o == f"{e.id}.md" for o in others), e.id
        checked += 1
    assert checked >= 5


def test_sources_are_grouped_by_document_with_their_sections(ctx, catalog):
    e = catalog.get("ctwg")
    docs = list(dict.fromkeys(s.document for s in e.model.sources))
    assert len(docs) < len(e.model.sources)  # the record cites one document more than once
    md = sources_section(ctx, e, ctx.src(e))
    entries = re.findall(r"^- (.*)$", md, re.M)
    assert len(entries) == len(docs), entries
    for doc_id, entry in zip(docs, entries, strict=True):
        doc = catalog.get(doc_id)
        assert f"{doc_id}.md)" in entry
        if doc.model.url:
            assert f"]({doc.model.url.replace(' ', '%20').replace(')', '%29')}))" in entry, entry
    by_doc = {d: [s for s in e.model.sources if s.document == d] for d in docs}
    for doc_id, entry in zip(docs, entries, strict=True):
        for s in by_doc[doc_id]:
            if len(by_doc[doc_id]) == 1:  # a single section follows on the document's line
                assert entry.endswith(f": {md_text(s.section)}" + (f" ({md_text(s.note)})" if s.note else "")), entry
            else:  # several are listed under it
                assert f"    - {md_text(s.section)}" in md.split(entry, 1)[1].split("\n- ", 1)[0], (entry, s.section)
    assert any(len(v) > 1 for v in by_doc.values()) and any(len(v) == 1 for v in by_doc.values())


def test_every_record_page_has_breadcrumbs_to_home_and_its_section(ctx, catalog):
    for e in catalog.entries.values():
        md = record_page(ctx, e)
        nav = md.split('<nav class="ctwg-breadcrumbs"', 1)
        assert len(nav) == 2 and nav[0].count("\n#") == 0, e.id  # before the heading
        crumbs = re.findall(r"^1\. (.*)$", nav[1].split("</nav>", 1)[0], re.M)
        assert crumbs[0] == "[Home](../index.md)", (e.id, crumbs)
        meta = constants.RECORD_TYPES[e.type]
        assert crumbs[1] == f"[{md_text(meta['plural'])}](index.md)", (e.id, crumbs)
        assert crumbs[2] == f'<span aria-current="page">{md_text(short(e))}</span>', (e.id, crumbs)
