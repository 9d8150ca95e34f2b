"""Feeds: Catalog -> Atom news feeds (feedgen) and iCalendar event feeds (icalendar).

In: the SiteContext. Out, in site_dir/feeds/:
- all.atom (the site feed: every dated event, document, outcome and news item), news.atom
  (news only), issue-areas/<id>.atom and fora/<id>.atom (every dated record that concerns
  each: names it in any field), newest first;
- events.ics (every dated event), issue-areas/<id>.ics (events of each issue area).
Dates at month or year precision become all-day events spanning that month or year.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from feedgen.feed import FeedGenerator
from icalendar import Calendar
from icalendar import Event as IcsEvent

from ...data import dates
from ...data.catalog import Entry
from ...data.derived import dated, display_name
from ..markup import md_block, plain

FEEDS = "feeds"


def _abs(ctx, path: str) -> str:
    return (ctx.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/" + path.lstrip("/")


FEED_TYPES = ("events", "documents", "outcomes", "news")


def _when(e: Entry) -> _dt.datetime:
    """The moment an entry is filed under: the first day of its (partial) date, in UTC."""
    first, _ = dates.span(dated(e), None)
    return _dt.datetime.combine(first, _dt.time(), _dt.UTC)


def feed_items(cat, about: str | None = None) -> list[Entry]:
    """Dated events, documents, outcomes and news; with `about`, those that name that record."""
    if about is None:
        items = [e for t in FEED_TYPES for e in cat.of_type(t)]
    else:
        items = [e for e in cat.referrers(about) if e.type in FEED_TYPES]
    return [e for e in items if dated(e)]


def atom(ctx, title: str, path: str, items: list[Entry], page: str) -> bytes:
    fg = FeedGenerator()
    fg.id(_abs(ctx, path))
    fg.title(title)
    fg.author({"name": ctx.site_name})
    fg.link(href=_abs(ctx, path), rel="self", type="application/atom+xml")
    fg.link(href=_abs(ctx, page), rel="alternate", type="text/html")
    fg.language("en")
    latest = max((_when(e) for e in items), default=_dt.datetime(2000, 1, 1, tzinfo=_dt.UTC))
    fg.updated(latest)
    for e in sorted(items, key=lambda e: (_when(e), e.id)):  # feedgen puts each new entry first: newest first
        fe = fg.add_entry()
        fe.id(_abs(ctx, e.url))
        fe.title(e.model.name if e.type == "news" else display_name(e))
        fe.link(href=_abs(ctx, e.url), rel="alternate")
        fe.published(_when(e))
        fe.updated(_when(e))
        fe.summary(plain(e.model.summary))
        fe.content(md_block(e.model.body if e.type == "news" else e.model.summary), type="html")
    return fg.atom_str(pretty=True)


def ics(ctx, name: str, events: list[Entry]) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{ctx.site_name}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for e in events:
        m = e.model
        if not m.date:
            continue
        start, end = dates.span(m.date, m.end)
        ev = IcsEvent()
        ev.add("uid", f"{e.id}@ctwg-site")
        ev.add("summary", display_name(e))
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("dtstamp", _dt.datetime.combine(_dt.date.fromisoformat(m.reviewed), _dt.time(), _dt.UTC))
        place = ", ".join(x for x in [m.city, ctx.catalog.entries[m.economy].model.name
                                      if m.economy in ctx.catalog.entries else None] if x)
        if place:
            ev.add("location", place)
        ev.add("description", plain(m.summary) + (f" ({m.date_note})" if m.date_note else ""))
        ev.add("url", _abs(ctx, e.url))
        if m.recurrence == "annual":
            ev.add("rrule", {"freq": "yearly", "until": end})
        cal.add_component(ev)
    return cal.to_ical()


def feed_paths(ctx) -> dict[str, list[tuple[str, str]]]:
    """Which feeds each page links to with <link rel="alternate">: {page url: [(type, path)]}."""
    cat = ctx.catalog
    out: dict[str, list[tuple[str, str]]] = {"": [("atom", f"{FEEDS}/all.atom"), ("ics", f"{FEEDS}/events.ics")]}
    out["news/"] = [("atom", f"{FEEDS}/news.atom")]
    out["events/"] = [("ics", f"{FEEDS}/events.ics")]
    for ia in cat.of_type("issue_areas"):
        out[ia.url] = [("atom", f"{FEEDS}/issue-areas/{ia.id}.atom"), ("ics", f"{FEEDS}/issue-areas/{ia.id}.ics")]
    for f in cat.of_type("fora"):
        out[f.url] = [("atom", f"{FEEDS}/fora/{f.id}.atom")]
    return out


def write_feeds(ctx, site_dir: Path) -> None:
    cat = ctx.catalog
    root = site_dir / FEEDS
    (root / "issue-areas").mkdir(parents=True, exist_ok=True)
    (root / "fora").mkdir(parents=True, exist_ok=True)
    news = cat.of_type("news")
    events = [e for e in cat.of_type("events") if e.model.date]
    (root / "news.atom").write_bytes(atom(ctx, f"{ctx.site_name}: news", f"{FEEDS}/news.atom", news, "news/"))
    (root / "all.atom").write_bytes(atom(ctx, f"{ctx.site_name}: everything dated", f"{FEEDS}/all.atom",
                                         feed_items(cat), ""))
    (root / "events.ics").write_bytes(ics(ctx, f"{ctx.site_name}: events", events))
    for ia in cat.of_type("issue_areas"):
        (root / "issue-areas" / f"{ia.id}.atom").write_bytes(
            atom(ctx, f"{ia.model.name}: events, documents, outcomes and news", f"{FEEDS}/issue-areas/{ia.id}.atom",
                 feed_items(cat, ia.id), ia.url))
        evs = [e for e in events if ia.id in e.model.issue_areas]
        (root / "issue-areas" / f"{ia.id}.ics").write_bytes(ics(ctx, f"{ia.model.name}: events", evs))
    for f in cat.of_type("fora"):
        (root / "fora" / f"{f.id}.atom").write_bytes(
            atom(ctx, f"{f.model.name}: events, documents, outcomes and news", f"{FEEDS}/fora/{f.id}.atom",
                 feed_items(cat, f.id), f.url))
