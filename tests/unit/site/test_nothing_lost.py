"""Nothing lost: every field of every record reaches its page (and a test that this check can fail)."""

from __future__ import annotations

import html
import re

import markdown
from pydantic import BaseModel

from ctwg.data.dates import fmt_date
from ctwg.data.derived import display_name
from ctwg.data.fields import ref_fields
from ctwg.site.context import SiteContext
from ctwg.site.markup import label, md_block, status_words, value_label
from ctwg.site.pages.records import record_page

SKIP = {"id", "draft", "publish_date"}  # id is the page address; draft/publish are not shown publicly
DATES = {"date", "end", "start", "established", "timeframe_start", "timeframe_end", "reviewed"}


def _norm(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _page_text(page_html: str) -> str:
    # a glossary term's <abbr> is inline: "<abbr>APEC</abbr>'s" reads "APEC's", not "APEC 's"
    return _norm(re.sub(r"<[^>]+>", " ", re.sub(r"</?abbr\b[^>]*>", "", page_html)))


def expected_strings(catalog, model: BaseModel, name: str, value) -> list[str]:
    """What a reader must find on the page for one field value."""
    if value in (None, [], ""):
        return []
    if isinstance(value, list):
        return [s for v in value for s in expected_strings(catalog, model, name, v)]
    if isinstance(value, BaseModel):
        return [s for k, v in value if k not in SKIP for s in expected_strings(catalog, value, k, v)]
    if ref_fields(type(model)).get(name) is not None:
        e = catalog.entries.get(value)
        return [display_name(e)] if e else []
    if isinstance(value, bool):
        return []
    if name in ("summary", "body"):
        return [_page_text(md_block(value))]
    if name in DATES and isinstance(value, str):
        return [fmt_date(value)]
    ann = str(type(model).model_fields[name].annotation)
    if "Literal" in ann:
        return [value_label(value)]
    return [_norm(str(value))]


def missing_fields(catalog, entry, page_html: str) -> list[str]:
    """Fields whose values are not on the page. A single-valued fact must appear as its own
    'Label value' row, so a value that also occurs elsewhere (a city in a title) still counts."""
    text = _page_text(page_html)
    missing = []
    for name, value in entry.model:
        if name in SKIP:
            continue
        wanted = expected_strings(catalog, entry.model, name, value)
        if name == "status_as_of" and value:
            # shown in the Status row, as the date the status holds at: "Status Active (as of June 2010)"
            missing += [f"{entry.id}.{name}: {value!r}" for s in [f"Status {status_words(entry.model)}"]
                        if _norm(s) not in text or f"as of {fmt_date(value)}" not in s]
            continue
        if (name not in ("name", "short_name", "summary", "body", "reviewed") and len(wanted) == 1
                and not isinstance(value, (list, BaseModel))):
            wanted = [f"{label(name)} {wanted[0]}"]
        for s in wanted:
            if _norm(s) not in text:
                missing.append(f"{entry.id}.{name}: {s[:60]!r}")
    return missing


def test_every_field_of_every_record_is_on_its_page(built_site, catalog):
    missing = []
    for e in catalog.entries.values():
        page = (built_site / e.url / "index.html").read_text(encoding="utf-8")
        missing += missing_fields(catalog, e, page)
    assert not missing, "\n".join(missing)


def _render(ctx, entry) -> str:
    md = record_page(ctx, entry).split("---\n", 2)[2]
    return markdown.markdown(md, extensions=["attr_list", "md_in_html", "tables", "toc", "sane_lists"])


def test_check_fails_when_a_renderer_drops_a_field(catalog, monkeypatch):
    """Show the check is not vacuous: drop `city` from the facts renderer and it is caught."""
    import ctwg.site.pages.records as pages

    ctx = SiteContext(catalog)
    event = next(e for e in catalog.by_type["events"] if e.model.city)
    assert missing_fields(catalog, event, _render(ctx, event)) == []

    original = pages.facts_table

    def dropping(ctx, e, current):
        return original(ctx, e.__class__(e.type, e.model.model_copy(update={"city": None}), e.raw), current)

    monkeypatch.setattr(pages, "facts_table", dropping)
    missing = missing_fields(catalog, event, _render(ctx, event))
    assert any(m.startswith(f"{event.id}.city") for m in missing), missing
