"""Shared test helpers: the repository's paths, a strict build of a site, and test data.

Every test module imports what it needs from here (`from helpers import ...`; pytest puts
tests/ on the import path). Fixtures live in conftest.py.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"
BROKEN_SITE = FIXTURES / "broken_site"
VENDOR = TESTS / "vendor"
SOURCES = ROOT.parent / "shared" / "sources"  # the two seed documents, outside the repository


def build_site(out: Path, data: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(extra_env or {})}
    cmd = [sys.executable, "-m", "ctwg", "build", "--site-dir", str(out), "--quiet"]
    if data:
        cmd += ["--data", str(data)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


# ---------------------------------------------------------------------------
# A copy of data/ with a draft event, a news item scheduled for next year and a public news
# item that refers to both (tests/build/test_drafts.py, tests/unit/site/test_explorer_data.py).

TODAY = _dt.date.today()
NEXT_YEAR = TODAY.replace(year=TODAY.year + 1, day=min(TODAY.day, 28)).isoformat()

DRAFT_ID, DRAFT_NAME = "zebra-draft-workshop-2027", "Zebra Draft Workshop"
LATER_ID, LATER_NAME = "quokka-scheduled-story", "Quokka Scheduled Story"
PUBLIC_ID, PUBLIC_NAME = "public-story-with-references", "Public Story With References"
HIDDEN = (DRAFT_ID, DRAFT_NAME, LATER_ID, LATER_NAME)

DRAFT_EVENT = f"""\
# yaml-language-server: $schema=../schemas/events.schema.json
id: {DRAFT_ID}
name: {DRAFT_NAME}
kind: workshop
date: 2027-02-01
city: Tokyo
economy: japan
organisers:
  - ctwg
issue_areas:
  - soft-targets-protection
summary: A workshop still being planned.
sources:
  - document: medium-term-work-plan-2010-2015
    section: Work programme, goal 6
reviewed: 2026-11-22
draft: true
"""

SCHEDULED_NEWS = f"""\
---
# yaml-language-server: $schema=../schemas/news.schema.json
id: {LATER_ID}
name: {LATER_NAME}
date: {TODAY.isoformat()}
issue_areas:
  - soft-targets-protection
fora:
  - ctwg
summary: An announcement that waits for its day.
sources:
  - document: medium-term-work-plan-2010-2015
    section: Work programme, goal 6
reviewed: 2026-11-22
publish_date: {NEXT_YEAR}
---
The story, embargoed until next year.
"""

PUBLIC_NEWS = f"""\
# yaml-language-server: $schema=../schemas/news.schema.json
id: {PUBLIC_ID}
name: {PUBLIC_NAME}
date: 2026-11-01
body: A public story that mentions the draft event and the scheduled story.
issue_areas:
  - soft-targets-protection
fora:
  - ctwg
related:
  - {DRAFT_ID}
  - {LATER_ID}
  - tokyo-soft-targets-workshop-2018
summary: Public, with references to records that are not.
sources:
  - document: medium-term-work-plan-2010-2015
    section: Work programme, goal 6
reviewed: 2026-11-22
"""


def make_data(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "events" / f"{DRAFT_ID}.yml").write_text(DRAFT_EVENT, encoding="utf-8")
    (data / "news" / f"{LATER_ID}.md").write_text(SCHEDULED_NEWS, encoding="utf-8")
    (data / "news" / f"{PUBLIC_ID}.yml").write_text(PUBLIC_NEWS, encoding="utf-8")
    return data
