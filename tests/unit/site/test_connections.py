"""A record page's connections: each record once, every one listed up to LIST_ALL, and the groups'
headings kept out of the page's table of contents (plain HTML, which Markdown's toc does not read)."""

from __future__ import annotations

import re

from ctwg.site.context import SiteContext
from ctwg.site.pages.records import LIST_ALL, MAX_LISTED, connections


def groups(markdown: str) -> list[tuple[str, int, list[str]]]:
    out = []
    for block in markdown.split("\n<h3 ")[1:]:
        head, _, body = block.partition("\n")
        name, n = re.fullmatch(r'id="[^"]+">(.*) \((\d+)\)</h3>', head.strip()).groups()
        links = re.findall(r'^<li><a href="([^"]*)">', body.split("</ul>", 1)[0], re.M)
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


def test_the_groups_are_not_in_the_table_of_contents(catalog):
    import markdown

    ctx = SiteContext(catalog)
    e = catalog.get("ctwg")
    md = markdown.Markdown(extensions=["md_in_html", "attr_list", "toc"])
    html = md.convert(connections(ctx, e, ctx.src(e)))
    assert [t["name"] for t in md.toc_tokens] == ["Connections"] and not md.toc_tokens[0]["children"]
    assert html.count("<h3 id=") == len(groups(connections(ctx, e, ctx.src(e)))) > 5
    assert 'href="/events/' in html and "see all" in html  # from the site's root: made relative on the finished page


def test_a_goal_lists_its_outcomes_once(catalog):
    ctx = SiteContext(catalog)
    goal = catalog.get("goal-10")
    md = connections(ctx, goal, ctx.src(goal))
    names = [name for name, _, _ in groups(md)]
    assert "Outcomes" in names and "Outcomes it produced" not in names
