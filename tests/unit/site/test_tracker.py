"""The tracker keeps three things apart: the baseline (what the plan describes when it was
written), reports on the plan period, and what came later. A goal's status comes only from
reports on the plan period; with none, its page says "No report found in the sources"."""

from __future__ import annotations

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
    assert "**Status: No report found in the sources**" in section
    assert md_text("Delivered (as of February 2010)") in section  # the outcome's own dated status is still shown


def test_a_dated_report_within_the_plan_period_counts(tmp_path):
    status, page = tracker_with(tmp_path, "delivered", "2012-06")
    assert status == "delivered"
    assert "**Status: Delivered, as reported for the plan period**" in goal_section(page)


@pytest.mark.parametrize("as_of", ["2009", "2018-04"])
def test_reports_before_the_plan_or_after_its_period_do_not_count(tmp_path, as_of):
    status, page = tracker_with(tmp_path, "under-way", as_of)
    assert status == "not-evidenced"
    assert "**Status: No report found in the sources**" in goal_section(page)


def test_records_are_grouped_by_when_they_hold(tmp_path):
    # tokyo-knowledge-sharing (achieved, status as of 2018-04, goal 1) came after the plan period.
    _, page = tracker_with(tmp_path, "delivered", "2012-06")
    section = goal_section(page)
    later = section.split("**After the plan period**", 1)
    assert len(later) == 2 and "Good practices shared on soft targets" in later[1]
    assert "Delivered against it" not in page
