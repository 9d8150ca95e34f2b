"""A record page's connections: each record once, and every one listed up to LIST_ALL."""

from __future__ import annotations

import re

from ctwg.site.context import SiteContext
from ctwg.site.pages.records import LIST_ALL, MAX_LISTED, connections


def groups(markdown: str) -> list[tuple[str, int, list[str]]]:
    out = []
    for block in markdown.split("\n### ")[1:]:
        head, _, body = block.partition("\n")
        name, n = re.fullmatch(r"(.*) \((\d+)\)", head.strip()).groups()
        links = re.findall(r"^- \[[^\]]*\]\(([^)]*)\)", body, re.M)
        out.append((name, int(n), links))
    return out


def test_each_record_is_listed_once_and_short_groups_in_full(catalog):
    ctx = SiteContext(catalog)
    checked = 0
    for e in catalog.entries.values():
        md = connections(ctx, e, ctx.src(e))
        if not md:
            continue
        listed = [link for _, _, links in groups(md) for link in links]
        assert len(listed) == len(set(listed)), (e.id, listed)
        for name, n, links in groups(md):
            assert len(links) == (n if n <= LIST_ALL else MAX_LISTED), (e.id, name, n, len(links))
            if n > LIST_ALL:
                assert f"and {n - MAX_LISTED} more" in md
        checked += 1
    assert checked > 100


def test_a_goal_lists_its_outcomes_once(catalog):
    ctx = SiteContext(catalog)
    goal = catalog.get("goal-10")
    md = connections(ctx, goal, ctx.src(goal))
    names = [name for name, _, _ in groups(md)]
    assert "Outcomes" in names and "Outcomes it produced" not in names
