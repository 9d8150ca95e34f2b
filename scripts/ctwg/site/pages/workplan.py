"""The work plan and its tracker, from the Catalog.

In: a `SiteContext`. Out: the Markdown of `work-plan/index.md` (the plan, its mission, its
history, its strands and commitments, each goal with its actions and expected outcomes) and
of `work-plan/tracker.md` (each goal's status, derived from its expected outcomes in
ctwg.data.derived, with a chart and the same figures as a table).
"""

from __future__ import annotations

from collections import Counter

from ...data import constants
from ...data.dates import fmt_date, fmt_range
from ...data.derived import dated, expected_outcomes, short
from ..context import SiteContext
from ..figures.tracker import tracker_svg
from ..markup import front_matter, md_block, md_text, plain, status_words, value_label


def workplan_page(ctx: SiteContext) -> str:
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
                f'<div class="ctwg-summary">\n{md_block(m.summary)}\n</div>\n',
                "## Mission\n"]
        out += [f"1. {md_text(point)}" for point in m.mission]
        out.append("")
    out += ["## History\n", history_list(ctx, current), ""]
    out += ["## Strengthening the group as a facilitator\n"]
    for s in strands:
        out.append(f"### {md_text(s.model.name)}\n")
        out.append(f"{md_text(plain(s.model.summary))} ({ctx.link(s.id, current, 'details')})\n")
        out += [f"- **{md_text(c.title)}**: {md_text(c.text)}" for c in s.model.commitments]
        out.append("")
    out += ["## The work programme\n",
            "The plan's ten goals, each with its ecotech priority, action items, expected outcomes, "
            "timeframe and cooperating parties.\n"]
    for g in goals:
        m = g.model
        out.append(f"### Goal {m.number}: {md_text(m.name)}\n")
        prio = ", ".join(value_label(p) for p in m.priorities) or md_text(m.priority_note or "None stated")
        parties = ", ".join(ctx.link(p, current, short(cat.entries[p]) if p in cat.entries else p)
                            for p in m.cooperating_parties)
        if m.cooperating_note:
            parties = (parties + "; " if parties else "") + md_text(m.cooperating_note)
        outcomes = cat.referrers(g.id, "outcomes", ["goal"])
        out += ["| | |", "| --- | --- |",
                f"| Priority | {prio} |",
                f"| Timeframe | {md_text(fmt_range(m.timeframe_start, m.timeframe_end))} |",
                f"| Cooperating parties | {parties or 'None named'} |",
                f"| Page | {ctx.link(g.id, current, 'Goal ' + str(m.number) + ' in full')} |", ""]
        out.append("**Action items**\n")
        out += [f"- {md_text(a)}" for a in m.actions]
        out.append("")
        if outcomes:
            out.append("**Expected outcomes**\n")
            out += [f"- {ctx.link(o.id, current)} — {md_text(status_words(o.model))}" for o in outcomes
                    if o.model.kind == "expected"]
            out.append("")
    return "\n".join(out)



def history_list(ctx: SiteContext, current: str) -> str:
    items = [ms for ms in ctx.facts.milestones if ms.entry.type in ("fora", "initiatives", "documents")]
    return "\n".join(f"- **{md_text(fmt_date(ms.date))}**: {ctx.link(ms.entry.id, current, ms.text)}" for ms in items)


GOAL_STATUS_WORDS = {
    "delivered": "Delivered, as reported for the plan period",
    "under-way": "Under way, as reported for the plan period",
    "planned": "Planned, as reported for the plan period",
    "not-evidenced": "No report found in the sources",
}

# What the sources say about a goal, by when it holds (ctwg.data.derived.PlanPeriod.of).
PERIOD_HEADINGS = (
    ("plan", "Reported for the plan period, {start}–{end}"),
    ("baseline", "When the plan was written (the situation it describes, not work against the goal)"),
    ("later", "After the plan period"),
    ("undated", "Related records without a date"),
)


def goal_status_words(status: str) -> str:
    return GOAL_STATUS_WORDS[status]


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
           "For each of the plan's goals: its action items, the outcomes it expected, and what the sources "
           "say, kept apart by when it holds: the situation the plan describes when it was written, reports "
           f"on the plan period ({span}), and what came later. Each status is dated: it holds at the date "
           "of the source that shows it. A goal's status comes only from reports on the plan period that "
           "give the status of its expected outcomes (*delivered* when all are, *under way* when any is "
           "delivered or under way); with none, it says *no report found in the sources*.\n",
           "## Progress at a glance\n",
           f'<figure class="ctwg-figure" markdown="0">{tracker_svg(ctx, rows, current)}'
           "<figcaption>Expected outcomes per goal, by status. The table below gives the same figures.</figcaption></figure>\n",
           "| Goal | Status | " + " | ".join(value_label(s) for s in constants.PROGRESS_STATUSES) + " |",
           "| --- | --- | " + " | ".join("---:" for _ in constants.PROGRESS_STATUSES) + " |"]
    for g, status, counts in rows:
        out.append(f"| {ctx.link(g.id, current)} | {md_text(goal_status_words(status))} | "
                   + " | ".join(str(counts.get(s, 0)) for s in constants.PROGRESS_STATUSES) + " |")
    out.append("")
    for g, status, _ in rows:
        m = g.model
        out.append(f"## Goal {m.number}: {md_text(m.name)}\n")
        out.append(f"**Status: {md_text(goal_status_words(status))}** · {ctx.link(g.id, current, 'goal page')}\n")
        out.append("**Action items**\n")
        out += [f"- {md_text(a)}" for a in m.actions]
        out.append("\n**Expected outcomes**\n")
        expected = expected_outcomes(cat, g.id)
        for o in expected:
            ev = ", ".join(ctx.link(x, current) for x in o.model.evidence)
            note = f" {md_text(o.model.status_note)}" if o.model.status_note else ""
            out.append(f"- {ctx.link(o.id, current)}: **{md_text(status_words(o.model))}**.{note}"
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
                "- No report found in the sources."]
        out.append("")
    return "\n".join(out)
