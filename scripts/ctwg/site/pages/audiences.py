"""Audience pages: short routes into the site for the audiences the work plan names.

In: a `SiteContext`. Out: the Markdown of `for/index.md` and one page per audience
(officials, the private sector, partner organisations, the public): the group's summary,
the issue areas, strands, partners, events and documents that matter to each, bounded to
AUDIENCE_MAX items a list. The search indexes a route page for its own words only: the
group's summary and the lists of records it repeats are marked `ctwg-listing` (left out by
ctwg.site.outputs.search.EXCLUDE), so the pages they point to come first.
"""

from __future__ import annotations

from collections.abc import Callable

from ...data import constants
from ...data.catalog import Entry
from ...data.dates import fmt_date
from ..context import SiteContext
from ..markup import front_matter, md_block, md_text, not_searched, plain
from ..urls import relurl
from .workplan import goal_status_words

AUDIENCES = {
    "officials": ("For senior officials and ministers",
                  "How the plan is going, what the group has committed to and the documents behind it.",
                  ["workplan"], ["assessment", "work-plan", "resolution", "action-plan", "report"],
                  ["strand-cooperation-within-apec", "strand-highlighting-work"]),
    "private-sector": ("For the private sector",
                       "Where business meets APEC's security work: secure trade, supply chains, travel and dialogue.",
                       ["supply-chain-security", "secure-travel", "secure-trade", "cyber-security",
                        "soft-targets-protection"], [], ["strand-private-sector"]),
    "partners": ("For partner organisations",
                 "How the group works with international organisations, donors and assistance bodies.",
                 [], ["resolution", "compendium", "reference"], ["strand-multilateral-organisations"]),
    "public": ("For the general public",
               "What APEC does against terrorism, in brief, with the latest news and events.",
               [], [], []),
}


AUDIENCE_MAX = 20  # items per list on an audience page; the rest are one link away


def audience_page(ctx: SiteContext, key: str) -> str:
    title, intro, areas, doc_kinds, strands = AUDIENCES[key]
    current = f"for/{key}.md"
    cat = ctx.catalog

    def bounded(items: list[Entry], rtype: str, line: Callable[[Entry], str]) -> list[str]:
        """A route into the site, not a copy of an index: at most AUDIENCE_MAX lines, then a link to the rest."""
        lines = [line(e) for e in items[:AUDIENCE_MAX]]
        if len(items) > AUDIENCE_MAX:
            meta = constants.RECORD_TYPES[rtype]
            lines.append(f"- … and {len(items) - AUDIENCE_MAX} more: [all {meta['plural'].lower()}]"
                         f"({relurl(meta['url'] + '/index.md', current)})")
        return lines

    out = [front_matter(title, intro), f"# {title}\n", f"{intro}\n"]
    group = cat.entries.get("ctwg")
    if group:
        out.append(f'<div class="ctwg-summary ctwg-listing">\n{md_block(group.model.summary, group.url)}\n</div>\n')
    if key == "officials":
        out += ["## The work plan and its progress\n",
                f"- [The medium-term work plan]({relurl('work-plan/index.md', current)})",
                f"- [Progress on each goal]({relurl('work-plan/tracker.md', current)})"]
        for g in cat.of_type("workplan", "goal"):
            out.append(f"    - {ctx.link(g.id, current)}: {md_text(goal_status_words(ctx.facts.goal_status[g.id]))}")
        out.append("")
    ia_list = [cat.entries[a] for a in areas if a in cat.entries] if areas else cat.of_type("issue_areas")
    if key != "officials":
        out.append("## Issue areas\n")
        out += bounded(ia_list, "issue_areas",
                       lambda ia: f"- {ctx.link(ia.id, current)}: {md_text(plain(ia.model.summary))}")
        out.append("")
    for sid in strands:
        s = cat.entries.get(sid)
        if s:
            out.append(f"## {md_text(s.model.name)}\n")
            out += [f"- **{md_text(c.title)}**: {md_text(c.text)}" for c in s.model.commitments]
            out.append("")
    if key == "partners":
        out.append("## Partner organisations\n")
        out += bounded(cat.of_type("partners"), "partners", lambda p: f"- {ctx.link(p.id, current)}")
        out.append("")
    if key == "private-sector":
        ps = cat.entries.get("private-sector")
        if ps:
            events = cat.referrers("private-sector", "events")
            out.append("## Events open to business\n")
            out += bounded(events, "events", lambda e: f"- {ctx.link(e.id, current)}") or ["- None listed yet."]
            out.append("")
    docs = [d for d in cat.of_type("documents") if not doc_kinds or d.model.kind in doc_kinds]
    if key != "public" and docs:
        out.append("## Documents\n")
        out += bounded(sorted(docs, key=lambda d: d.model.date or "", reverse=True), "documents",
                       lambda d: f"- {ctx.link(d.id, current)}"
                                 + (f" ({md_text(fmt_date(d.model.date))})" if d.model.date else ""))
        out.append("")
    if key == "public":
        news = sorted(cat.of_type("news"), key=lambda e: e.model.date, reverse=True)[:5]
        out.append("## Latest news\n")
        out += [f"- {ctx.link(n.id, current)} ({md_text(fmt_date(n.model.date))})" for n in news] or ["- No news yet."]
        out += ["", "## Find your way\n",
                f"- [Timeline of events and milestones]({relurl('timeline.md', current)})",
                f"- [Who works with whom]({relurl('map.md', current)})",
                f"- [Explore everything]({relurl('explore.md', current)})", ""]
    contacts = [cat.entries[c] for c in ("apec-secretariat", "apec-cpau", "ctwg") if c in cat.entries]
    if contacts:
        out.append("## Who to contact\n")
        for c in contacts:
            url = f" ([web page]({c.model.url}))" if getattr(c.model, "url", None) else ""
            out.append(f"- {ctx.link(c.id, current)}{url}")
        out.append("")
    return "\n".join(_listings(out))


def _listings(lines: list[str]) -> list[str]:
    """Each run of list lines wrapped as a listing the search leaves out."""
    out: list[str] = []
    run: list[str] = []
    for line in lines + [""]:
        if line.startswith(("- ", "    - ")):
            run.append(line)
            continue
        if run:
            out.append(not_searched("\n".join(run), "ctwg-listing"))
            run = []
        out.append(line)
    return out[:-1]


def audience_lines(current: str) -> list[str]:
    """A Markdown line per audience page, linked from the page built from `current`."""
    return [f"- [{title}]({relurl(f'for/{key}.md', current)}): {intro}"
            for key, (title, intro, *_rest) in AUDIENCES.items()]


def audiences_index(ctx: SiteContext) -> str:
    current = "for/index.md"
    out = [front_matter("Start here", "Short routes into the site for the audiences the work plan names."),
           "# Start here\n", "Pick the route that fits you best.\n", *audience_lines(current)]
    return "\n".join(out) + "\n"
