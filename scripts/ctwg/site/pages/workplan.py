"""The work plan and its tracker, from the Catalog.

In: a `SiteContext`. Out: the Markdown of `work-plan/index.md` (the plan in summary: its
mission, its history, its strands with their commitments' titles, each goal's priority,
timeframe, parties and progress; the goals' and strands' own pages hold the detail, once)
and of `work-plan/tracker.md` (each goal's dated status, derived from its expected outcomes
in ctwg.data.derived, with a chart and the same figures as a table, and what the sources
report, kept apart by when it holds).
"""

from __future__ import annotations

from collections import Counter

from ...data import constants
from ...data.dates import fmt_date, fmt_range
from ...data.dates import key as dates_key
from ...data.derived import dated, expected_outcomes, short
from ..context import SiteContext
from ..figures.tracker import tracker_svg
from ..markup import front_matter, md_block, md_text, plain, status_words, value_label
from ..urls import relurl


def workplan_page(ctx: SiteContext) -> str:
    """The plan in summary: each strand's commitments by title and each goal's priority,
    timeframe, parties and progress. The detail (a commitment's text, a goal's action items
    and expected outcomes) is on the strand's and the goal's own page, once."""
    cat = ctx.catalog
    current = "work-plan/index.md"
    plans = cat.of_type("workplan", "plan")
    strands = cat.of_type("workplan", "strand")
    goals = cat.of_type("workplan", "goal")
    out = [front_matter("Medium-term work plan", "The group's 2010-2015 work plan: mission, commitments and goals.")]
    out.append("# Medium-term work plan\n")
    for p in plans:
        m = p.model
        out += [f"The {ctx.link(p.id, current, m.name)} covers **{m.period_start}–{m.period_end}**. "
                f"Source: {ctx.link(m.document, current)}.\n",
                f'<div class="ctwg-summary">\n{md_block(m.summary, p.url)}\n</div>\n',
                "## Mission\n"]
        out += [f"1. {md_text(point)}" for point in m.mission]
        out.append("")
    out += ["## History\n", history_list(ctx, current), "",
            f"Every dated record, documents and events included, is on the [timeline]({relurl('timeline.md', current)}).\n"]
    out += ["## Strengthening the group as a facilitator\n",
            f"{len(strands)} strands, each with the commitments it makes; each strand's page gives them in full.\n"]
    for s in strands:
        out.append(f"### {md_text(s.model.name)}\n")
        out.append(f"{md_text(plain(s.model.summary))}\n")
        titles = "; ".join(md_text(c.title) for c in s.model.commitments)
        out.append(f"{len(s.model.commitments)} commitment{'s' if len(s.model.commitments) != 1 else ''}: {titles}. "
                   f"{ctx.link(s.id, current, 'The strand in full')}.\n")
    out += ["## The work programme\n",
            f"The plan's {len(goals)} goals, each with its ecotech priority, timeframe, cooperating parties and "
            f"progress. Each goal's page lists its action items and expected outcomes; the "
            f"[tracker]({relurl('work-plan/tracker.md', current)}) sets out what the sources report on each.\n"]
    for g in goals:
        m = g.model
        out.append(f"### Goal {m.number}: {md_text(m.name)}\n")
        out.append(f"{md_text(plain(m.summary))}\n")
        prio = ", ".join(value_label(p) for p in m.priorities) or md_text(m.priority_note or "None stated")
        parties = ", ".join(ctx.link(p, current, short(cat.entries[p]) if p in cat.entries else p)
                            for p in m.cooperating_parties)
        if m.cooperating_note:
            parties = (parties + "; " if parties else "") + md_text(m.cooperating_note)
        expected = expected_outcomes(cat, g.id)
        detail = (f"{len(m.actions)} action item{'s' if len(m.actions) != 1 else ''} and {len(expected)} expected "
                  f"outcome{'s' if len(expected) != 1 else ''}")
        out += ['<dl class="ctwg-facts" markdown="1">',
                f'<dt>Priority</dt>\n<dd markdown="span">{prio}</dd>',
                f'<dt>Timeframe</dt>\n<dd markdown="span">{md_text(fmt_range(m.timeframe_start, m.timeframe_end))}</dd>',
                f'<dt>Cooperating parties</dt>\n<dd markdown="span">{parties or "None named"}</dd>',
                f'<dt>Progress</dt>\n<dd markdown="span">{md_text(goal_status_line(ctx, g))}</dd>',
                "</dl>", "",
                f"{ctx.link(g.id, current, f'Goal {m.number} in full')}: {detail}.\n"]
    return "\n".join(out)


def history_list(ctx: SiteContext, current: str) -> str:
    """The group's foundings and renamings and the initiatives' starts (documents and events are on the timeline)."""
    items = [ms for ms in ctx.facts.milestones if ms.entry.type in ("fora", "initiatives")]
    return "\n".join(f"- **{md_text(fmt_date(ms.date))}**: {ctx.link(ms.entry.id, current, ms.text)}" for ms in items)


GOAL_STATUS_WORDS = {
    "delivered": "Delivered, as reported for the plan period",
    "under-way": "Under way, as reported for the plan period",
    "planned": "Planned, as reported for the plan period",
    "not-evidenced": "No report of progress found in the sources",
}

# What the sources say about a goal, by when it holds (ctwg.data.derived.PlanPeriod.of). Only
# the first group counts towards the goal's status; the headings say so, so that a goal with
# no report of progress does not seem to contradict the records listed under it.
PERIOD_HEADINGS = (
    ("plan", "Related records from the plan period, {start}–{end}"),
    ("baseline", "Before the plan: the situation it describes (not progress on the goal)"),
    ("later", "After the plan period (not counted in the goal's status)"),
    ("undated", "Related records without a date (not counted in the goal's status)"),
)

# Why an expected outcome's own status does not count towards its goal's (by PlanPeriod.of).
NOT_COUNTED = {
    "baseline": "not counted: it describes the situation when the plan was written",
    "later": "not counted: after the plan period",
    "undated": "not counted: no date",
}


def goal_status_words(status: str) -> str:
    return GOAL_STATUS_WORDS[status]


def goal_status_line(ctx: SiteContext, g) -> str:
    """A goal's status with the date it holds at: the latest date of the reports it comes
    from, or, with none, the date its records were last checked against the sources."""
    status = ctx.facts.goal_status[g.id]
    expected = expected_outcomes(ctx.catalog, g.id)
    if status == "not-evidenced":
        checked = max([g.model.reviewed] + [o.model.reviewed for o in expected])
        return f"{goal_status_words(status)} (as of {fmt_date(checked)})"
    dates = [dated(o) for o in expected if o.model.status != "not-evidenced" and ctx.facts.period_of(o) == "plan"]
    latest = max(dates, key=dates_key) if dates else None
    return f"{goal_status_words(status)} (as of {fmt_date(latest)})" if latest else goal_status_words(status)


def tracker_page(ctx: SiteContext) -> str:
    current = "work-plan/tracker.md"
    cat = ctx.catalog
    period = ctx.facts.plan_period
    span = f"{period.start}–{period.end}" if period else "the plan period"
    goals = cat.of_type("workplan", "goal")
    rows = []
    for g in goals:
        outcomes = expected_outcomes(cat, g.id)
        rows.append((g, ctx.facts.goal_status[g.id], Counter(o.model.status for o in outcomes)))
    out = [front_matter("Work-plan tracker", f"Each goal of the {span} work plan, what it expected and what the sources report.",
                        hide=["toc"]),
           "# Work-plan tracker\n",
           "For each of the plan's goals: the outcomes it expected, and what the sources say, kept apart by "
           "when it holds: the situation the plan describes when it was written, reports on the plan period "
           f"({span}), and what came later. Each goal's page lists its action items. A goal's status comes "
           "only from reports on the plan period that give the status of its expected outcomes (*delivered* "
           "when all are, *under way* when any is delivered or under way), and is dated by the latest of "
           "them; with none, it says *no report of progress found in the sources*, dated when its records "
           "were last checked against the sources.\n",
           "## Progress at a glance\n",
           f'<figure class="ctwg-figure" markdown="0">{tracker_svg(ctx, rows)}'
           "<figcaption>Expected outcomes per goal, by status. The table below gives the same figures.</figcaption></figure>\n",
           "| Goal | Status | " + " | ".join(value_label(s) for s in constants.PROGRESS_STATUSES) + " |",
           "| --- | --- | " + " | ".join("---:" for _ in constants.PROGRESS_STATUSES) + " |"]
    for g, _status, counts in rows:
        out.append(f"| {ctx.link(g.id, current)} | {md_text(goal_status_line(ctx, g))} | "
                   + " | ".join(str(counts.get(s, 0)) for s in constants.PROGRESS_STATUSES) + " |")
    out.append("")
    for g, status, _ in rows:
        m = g.model
        out.append(f"## Goal {m.number}: {md_text(m.name)}\n")
        out.append(f"**Status: {md_text(goal_status_line(ctx, g))}** · "
                   f"{ctx.link(g.id, current, 'goal page, with its action items')}\n")
        out.append("**Expected outcomes**\n")
        expected = expected_outcomes(cat, g.id)
        for o in expected:
            ev = ", ".join(ctx.link(x, current) for x in o.model.evidence)
            note = f" {md_text(o.model.status_note)}" if o.model.status_note else ""
            when = ctx.facts.period_of(o)
            aside = (f" ({md_text(NOT_COUNTED[when])})" if o.model.status != "not-evidenced" and when != "plan"
                     else "")
            out.append(f"- {ctx.link(o.id, current)}: **{md_text(status_words(o.model))}**{aside}.{note}"
                       + (f" Evidence: {ev}." if ev else ""))
        if not expected:
            out.append("- None recorded.")
        related = [e for e in cat.referrers(g.id) if e.type in ("events", "initiatives")
                   or (e.type == "outcomes" and e.model.kind != "expected")]
        groups: dict[str, list] = {}
        for e in related:
            groups.setdefault(ctx.facts.period_of(e), []).append(e)
        for key, heading in PERIOD_HEADINGS:
            items = groups.get(key, [])
            if key != "plan" and not items:
                continue
            title = heading.format(start=period.start, end=period.end) if period else heading
            out.append(f"\n**{md_text(title)}**\n")
            out += [f"- {ctx.link(e.id, current)} ({md_text(constants.RECORD_TYPES[e.type]['label'].lower())}"
                    + (f", {md_text(fmt_date(dated(e)))}" if dated(e) else "") + ")" for e in items] or [
                "- None found in the sources."]
            if key == "plan" and items and status == "not-evidenced":
                out.append("\nNone of these gives the status of an expected outcome, so the goal's status stays "
                           "*no report of progress*.")
        out.append("")
    return "\n".join(out)
