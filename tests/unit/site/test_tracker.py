"""The tracker keeps three things apart: the baseline (what the plan describes when it was
written), reports on the plan period, and what came later. A goal's status comes only from
reports on the plan period; with none, its page says "No report of progress found in the
sources" with the date its records were last checked. Actions are listed once, on the goal's
page, not on the plan page or the tracker."""

from __future__ import annotations

import re
import shutil

import pytest

from ctwg.data.catalog import build_catalog
from ctwg.site.context import SiteContext
from ctwg.site.markup import md_text
from ctwg.site.pages.workplan import tracker_page
from helpers import MINI

EXPECTED = """\
# yaml-language-server: $schema=../schemas/outcomes.schema.json
id: goal-1-expected
name: Goal 1 expected outcome
kind: expected
produced_by:
  - goal-1
goal: goal-1
status: {status}
status_as_of: {as_of}
summary: What goal 1 was to achieve.
sources:
  - document: work-plan-2010
    section: Work programme, goal 1
reviewed: 2026-11-22
"""


def tracker_with(tmp_path, status: str, as_of: str) -> tuple[str, str]:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    (data / "outcomes" / "goal-1-expected.yml").write_text(EXPECTED.format(status=status, as_of=as_of), encoding="utf-8")
    ctx = SiteContext(build_catalog(data))
    return ctx.facts.goal_status["goal-1"], tracker_page(ctx)


def goal_section(page: str) -> str:
    return page.split("## Goal 1:", 1)[1]


def test_a_goal_with_only_baseline_facts_says_no_report_found(tmp_path):
    # The mini plan's document is dated 2010-02: a status that holds at that date is the
    # situation the plan describes, not a report on the plan period.
    status, page = tracker_with(tmp_path, "delivered", "2010-02")
    assert status == "not-evidenced"
    section = goal_section(page)
    assert f"**Status: {md_text('No report of progress found in the sources (as of 22 November 2026)')}**" in section
    # the outcome's own dated status is still shown, and says why it does not count
    assert md_text("Delivered (as of February 2010)") + "** (" + md_text(
        "not counted: it describes the situation when the plan was written") in section


def test_a_dated_report_within_the_plan_period_counts(tmp_path):
    status, page = tracker_with(tmp_path, "delivered", "2012-06")
    assert status == "delivered"
    assert f"**Status: {md_text('Delivered, as reported for the plan period (as of June 2012)')}**" in goal_section(page)
    assert "not counted" not in goal_section(page).split("**Related records", 1)[0]


@pytest.mark.parametrize("as_of", ["2009", "2018-04"])
def test_reports_before_the_plan_or_after_its_period_do_not_count(tmp_path, as_of):
    status, page = tracker_with(tmp_path, "under-way", as_of)
    assert status == "not-evidenced"
    assert "**Status: No report of progress found in the sources" in goal_section(page)


def test_records_are_grouped_by_when_they_hold(tmp_path):
    # tokyo-knowledge-sharing (achieved, status as of 2018-04, goal 1) came after the plan period.
    _, page = tracker_with(tmp_path, "delivered", "2012-06")
    section = goal_section(page)
    later = section.split("**" + md_text("After the plan period (not counted in the goal's status)") + "**", 1)
    assert len(later) == 2 and "Good practices shared on soft targets" in later[1]
    assert "Delivered against it" not in page


def test_the_plan_page_summarises_and_the_goal_pages_hold_the_actions(catalog):
    from ctwg.site.pages.records import record_page
    from ctwg.site.pages.workplan import workplan_page

    ctx = SiteContext(catalog)
    plan = workplan_page(ctx)
    tracker = tracker_page(ctx)
    assert not re.search(r"^\|\s*\|\s*\|$", plan, re.M)  # no empty table header row
    goals = catalog.of_type("workplan", "goal")
    for g in goals:
        page = record_page(ctx, g)
        for action in g.model.actions:
            text = md_text(action)
            assert text in page, (g.id, action)  # on the goal's page ...
            assert text not in plan and text not in tracker, (g.id, action)  # ... and only there
        assert f"[Goal {g.model.number} in full](goal-{g.model.number}.md)" in plan
    for s in catalog.of_type("workplan", "strand"):
        for c in s.model.commitments:
            assert md_text(c.title) in plan and md_text(c.text) not in plan, (s.id, c.title)
    assert len(plan) < 20_000, len(plan)


def test_no_goal_reads_as_both_unreported_and_delivered(catalog):
    """A goal without a report of progress never lists records under a heading that reads as
    progress, and every outcome status that does not count says why."""
    ctx = SiteContext(catalog)
    page = tracker_page(ctx)
    sections = {int(sec.split(":", 1)[0]): sec for sec in page.split("\n## Goal ")[1:]}
    unreported = [g for g in catalog.of_type("workplan", "goal") if ctx.facts.goal_status[g.id] == "not-evidenced"]
    assert unreported
    for g in unreported:
        section = sections[g.model.number]
        assert "**Status: No report of progress found in the sources" in section
        assert "Delivered against" not in section and "Reported for the plan period" not in section
        for line in section.splitlines():
            if line.startswith("- ") and re.search(r"\*\*(Delivered|Under way)", line):
                assert "not counted" in line, line
