"""The home page's parts (ctwg.site.pages.home): key figures counted from the catalog, the fora
chart with every sub-forum inside its parent, and upcoming events kept apart from past ones."""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET

import pytest

from ctwg.data import constants
from ctwg.data.dates import is_over
from ctwg.site.context import SiteContext
from ctwg.site.page_macros import page_macros
from ctwg.site.pages import home

D = _dt.date


@pytest.mark.parametrize(("date", "end", "today", "over"), [
    ("2018-04-24", "2018-04-25", D(2018, 4, 25), False),  # its last day
    ("2018-04-24", "2018-04-25", D(2018, 4, 26), True),
    ("2018-04-24", None, D(2018, 4, 24), False),
    ("2018-04-24", None, D(2018, 4, 25), True),
    ("2026-12", None, D(2026, 12, 31), False),  # a month is whole
    ("2026-12", None, D(2027, 1, 1), True),
    ("2027", None, D(2026, 12, 1), False),
    ("2027", None, D(2028, 1, 1), True),
    ("2015-01-30", "2015-02-01", D(2015, 1, 31), False),
])
def test_is_over(date, end, today, over):
    assert is_over(date, end, today) is over


def macros(ctx: SiteContext, current: str = "index.md") -> dict:
    return page_macros(lambda: ctx, lambda: (current, ""))


def test_key_figures_are_the_catalogs_counts_and_link_to_their_indexes(catalog):
    ctx = SiteContext(catalog)
    tree = ET.fromstring(home.key_figures(ctx))
    got = {a.get("href"): a.findtext("span[@class='ctwg-figures__n']") for a in tree.iter("a")}
    for rtype in home.FIGURE_TYPES:  # from the site's root: the finished page makes them relative (site.urls)
        assert got["/" + constants.RECORD_TYPES[rtype]["url"] + "/"] == str(len(catalog.by_type[rtype])), rtype
    years = sorted({int(m.date[:4]) for m in ctx.facts.milestones})
    assert got["/timeline/"] == str(years[-1] - years[0] + 1)


def test_fora_chart_puts_every_forum_once_and_each_sub_forum_inside_its_parent(catalog):
    ctx = SiteContext(catalog)
    tree = ET.fromstring(home.fora_chart(ctx))
    boxes = {}
    for li in tree.iter("li"):
        if "ctwg-chart__box" in li.get("class", ""):
            href = li.find("a[@class='ctwg-chart__name']").get("href")
            boxes[href.strip("/").split("/")[-1]] = li
    fora = catalog.of_type("fora")
    assert sorted(boxes) == sorted(f.id for f in fora)
    parent_of = {li: p for p in tree.iter() for li in p}
    nested = 0
    for f in fora:
        up = parent_of[parent_of[boxes[f.id]]]  # the <ul> the box is in, then what holds it
        if f.model.parent:
            assert up is boxes[f.model.parent], f"{f.id} is not inside {f.model.parent}"
            nested += 1
        else:
            assert up.get("class") == "ctwg-chart", f"{f.id} has no parent but is nested"
    assert nested, "the data has sub-fora; the chart shows none"
    # Each box names the issue areas its forum leads, linked.
    for ia in catalog.of_type("issue_areas"):
        for f in ia.model.lead_fora:
            leads = boxes[f].find("span[@class='ctwg-chart__leads']")
            assert leads is not None and f"/issue-areas/{ia.id}/" in [a.get("href") for a in leads.iter("a")]
    assert "ctwg-chart__box--group" in boxes[constants.GROUP_ID].get("class")


def dated_events(catalog):
    return [e for e in catalog.of_type("events") if e.model.date and len(e.model.date) == 10]


def test_an_event_is_upcoming_until_it_is_over_and_never_in_both_lists(catalog):
    event = dated_events(catalog)[0]
    last = D.fromisoformat(event.model.end or event.model.date)
    for today, upcoming in ((D.fromisoformat(event.model.date), True), (last, True),
                            (last + _dt.timedelta(days=1), False)):
        ctx = SiteContext(catalog, today=today)
        up, past = home.upcoming_events(ctx), home.past_events(ctx)
        assert (event in up) is upcoming and (event in past) is not upcoming, today
        assert not set(e.id for e in up) & set(e.id for e in past)
        assert len(up) + len(past) == len([e for e in catalog.of_type("events") if e.model.date])
        m = macros(ctx)
        target = f"](events/{event.id}.md)"
        assert (target in m["upcoming_events"](50)) is upcoming
        assert (target in m["recent_events"](50)) is not upcoming
    # Upcoming soonest first, recent latest first.
    ctx = SiteContext(catalog, today=D(2010, 1, 1))
    up = [e.model.date for e in home.upcoming_events(ctx)]
    past = [e.model.date for e in home.past_events(ctx)]
    assert up and past and up[0] <= up[-1] and past[0] >= past[-1]


def test_no_upcoming_events_says_so_with_a_link_to_the_timeline(catalog):
    latest = max(D.fromisoformat(e.model.end or e.model.date) for e in dated_events(catalog))
    ctx = SiteContext(catalog, today=latest + _dt.timedelta(days=400))
    text = macros(ctx)["upcoming_events"](5)
    assert text.startswith("No upcoming events are recorded as of ")
    assert "](timeline.md)" in text and "\n" not in text
