"""`python -m ctwg new`: a valid new record file from the essentials, and nothing else touched.

Non-interactive runs pass options; interactive runs get their answers from an injected
`ask` function (what `input` would return in a terminal).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ctwg.authoring import newrecord
from ctwg.data import constants
from ctwg.data.catalog import build_catalog
from ctwg.data.loader import load_file
from helpers import DATA, ROOT, build_site, explorer_records

TODAY = _dt.date(2026, 11, 22)
SOURCE = ["--source-document", "medium-term-work-plan-2010-2015", "--source-section", "Work programme, goal 6"]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def new_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The files added; fails if any existing file changed or went away."""
    changed = [k for k in before if after.get(k) != before[k]]
    assert not changed, f"files changed or removed: {changed}"
    return sorted(set(after) - set(before))


@pytest.fixture
def data(tmp_path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    return d


def run(data: Path, *argv: str, answers: list[str] | None = None) -> tuple[int, str, str, list[str]]:
    """Run `new`; with `answers`, interactively. Returns (status, stdout, stderr, prompts asked)."""
    out, err, prompts = io.StringIO(), io.StringIO(), []
    ask = None
    if answers is not None:
        queue = list(answers)

        def ask(question: str) -> str:
            prompts.append(question)
            if not queue:
                raise EOFError
            return queue.pop(0)

    code = newrecord.main([*argv, "--data", str(data)], ask=ask, today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue(), prompts


# One non-interactive command per type (and work-plan kind) with just the required values.
MINIMAL = {
    ("events", None): ["--name", "Jakarta Port Security Workshop", "--kind", "workshop", "--date", "2027-03-09"],
    ("fora", None): ["--name", "Port Security Sub-Group", "--kind", "group", "--parent", "tptwg"],
    ("partners", None): ["--name", "World Customs Organization", "--short-name", "WCO",
                         "--kind", "intergovernmental-body"],
    ("economies", None): ["--name", "Testland", "--joined", "2031"],
    ("issue_areas", None): ["--name", "Border management", "--lead-forum", "bmg"],
    ("initiatives", None): ["--name", "Port Security Programme", "--kind", "programme", "--status", "planned",
                             "--status-as-of", "2026-11"],
    ("outcomes", None): ["--name", "Port security guidance published", "--kind", "expected",
                         "--produced-by", "goal-6", "--status", "planned", "--status-as-of", "2026-11"],
    ("documents", None): ["--name", "Port Security Workshop Report", "--kind", "report", "--access", "public"],
    ("workplan", "plan"): ["--kind", "plan", "--name", "Work Plan 2016-2020", "--period-start", "2016",
                           "--period-end", "2020", "--document", "medium-term-work-plan-2010-2015",
                           "--mission-point", "Coordinate the group's work."],
    ("workplan", "strand"): ["--kind", "strand", "--name", "Working with academia", "--number", "6",
                             "--commitment-title", "Invite researchers", "--commitment-text",
                             "Ask researchers to brief the group: once a year."],
    ("workplan", "goal"): ["--kind", "goal", "--name", "Protect ports", "--number", "11",
                           "--action", "Hold a workshop.", "--timeframe-start", "2016", "--timeframe-end", "2020"],
    ("news", None): ["--name", "Workshop on port security announced", "--date", "2026-11-20",
                     "--body", "The group will hold a workshop.\n\nMore soon."],
}
EXPECTED_ID = {
    "events": "jakarta-port-security-workshop-2027", "fora": "port-security-sub-group",
    "partners": "world-customs-organization", "economies": "testland", "issue_areas": "border-management",
    "initiatives": "port-security-programme", "outcomes": "port-security-guidance-published",
    "documents": "port-security-workshop-report", "workplan-plan": "work-plan-2016-2020",
    "workplan-strand": "strand-working-with-academia", "workplan-goal": "goal-11",
    "news": "workshop-on-port-security-announced",
}


def test_every_type_has_a_command():
    assert {t for t, _ in MINIMAL} == set(constants.RECORD_TYPES)
    assert {k for t, k in MINIMAL if t == "workplan"} == set(constants.WORKPLAN_KINDS)


def test_non_interactive_creation_of_every_type_validates(data):
    """One data copy for all of them; each command adds exactly its one file; then all validate."""
    made = []
    for (rtype, kind), argv in MINIMAL.items():
        before = snapshot(data)
        code, out, err, _ = run(data, rtype, *argv, "--summary", "In the site's own words.", *SOURCE)
        assert code == 0, (rtype, kind, err)
        rid = EXPECTED_ID[f"{rtype}-{kind}" if kind else rtype]
        suffix = ".md" if rtype == "news" else ".yml"
        assert new_files(before, snapshot(data)) == [f"{rtype}/{rid}{suffix}"]
        path = data / rtype / f"{rid}{suffix}"
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0 if suffix == ".yml" else 1] == f"# yaml-language-server: $schema=../schemas/{rtype}.schema.json"
        raw, errors = load_file(path, rtype)
        assert not errors and raw.data["reviewed"] == TODAY.isoformat()
        assert raw.data["sources"] == [{"document": "medium-term-work-plan-2010-2015",
                                        "section": "Work programme, goal 6"}]
        assert f"Created {path}: it is valid." in out and "make validate" in out
        assert f"http://127.0.0.1:8000/{constants.RECORD_TYPES[rtype]['url']}/{rid}/" in out
        made.append(rid)
    cat = build_catalog(data, public=False)
    assert all(rid in cat for rid in made)
    assert len(made) == len(MINIMAL)


def test_optional_fields_are_left_as_commented_lines_with_their_description(data):
    code, _, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "S.", *SOURCE)
    assert code == 0, err
    text = (data / "events" / "jakarta-port-security-workshop-2027.yml").read_text(encoding="utf-8")
    assert "# co_sponsors:  # Who co-sponsored it." in text
    assert "# recurrence:  # How often the event recurs, if it does. One of: annual." in text
    assert "# draft: true  # keeps the record out of the public site" in text
    assert "\nkind: workshop\n" in text and "\ndate: 2027-03-09\n" in text


def test_markdown_news_has_front_matter_and_body(data):
    code, _, err, _ = run(data, *("news", *MINIMAL[("news", None)]), "--summary", "S.", *SOURCE)
    assert code == 0, err
    text = (data / "news" / "workshop-on-port-security-announced.md").read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server:")
    assert text.endswith("---\nThe group will hold a workshop.\n\nMore soon.\n")
    assert "\nbody:" not in text


def test_news_as_yaml_when_asked(data):
    code, _, err, _ = run(data, "news", *MINIMAL[("news", None)], "--format", "yml", "--summary", "S.", *SOURCE)
    assert code == 0, err
    text = (data / "news" / "workshop-on-port-security-announced.yml").read_text(encoding="utf-8")
    assert "body: |-\n  The group will hold a workshop.\n\n  More soon.\n" in text


def test_draft_and_publish_date(data):
    code, out, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "S.", *SOURCE,
                            "--draft", "--publish-date", "2027-01-01")
    assert code == 0, err
    raw, _ = load_file(data / "events" / "jakarta-port-security-workshop-2027.yml", "events")
    assert raw.data["draft"] == "true" and raw.data["publish_date"] == "2027-01-01"
    assert "draft" in out and "Not public" in out
    assert "jakarta-port-security-workshop-2027" not in build_catalog(data, public=True, today=TODAY)


def test_a_bad_publish_date_is_refused(data):
    code, _, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "S.", *SOURCE,
                          "--publish-date", "next week")
    assert code == 2 and "--publish-date: should be a full date written YYYY-MM-DD, not 'next week'" in err


def test_id_already_used_is_refused(data):
    before = snapshot(data)
    # the id made from the name is taken (by an event)
    code, _, err, _ = run(data, "events", "--name", "Tokyo Soft Targets Workshop", "--kind", "workshop",
                          "--date", "2018-04-24", "--summary", "S.", *SOURCE)
    assert code == 2
    assert "'tokyo-soft-targets-workshop-2018' is already used by" in err and "give another with --id" in err
    # an id is unique across all types: 'japan' is a member economy
    code, _, err, _ = run(data, "events", "--name", "X", "--kind", "meeting", "--id", "japan", "--summary", "S.",
                          *SOURCE)
    assert code == 2 and "'japan' is already used by" in err and "economies/japan.yml" in err
    assert "(a member economy)" in err
    assert snapshot(data) == before


def test_bad_economy_is_refused_with_a_suggestion(data):
    before = snapshot(data)
    code, _, err, _ = run(data, "events", *MINIMAL[("events", None)], "--economy", "indonesa", "--summary", "S.",
                          *SOURCE)
    assert code == 2
    assert err.strip() == "ctwg new events: --economy: unknown member economy 'indonesa' (did you mean 'indonesia'?)"
    assert snapshot(data) == before


@pytest.mark.parametrize("argv, message", [
    (["--organiser", "ctwg,us-atari"], "--organiser: unknown APEC forum, partner or member economy 'us-atari' "
                                       "(did you mean 'us-ataari'?)"),
    (["--organiser", "maritime-security"], "'maritime-security' is an issue area, but this needs an APEC forum, "
                                           "partner or member economy"),
    (["--kind", "workshp"], "--kind: 'workshp' is not allowed (did you mean 'workshop'?)"),
    (["--end", "2027-03-01"], "--end: 2027-03-01 is before date 2027-03-09"),
    (["--date", "2027-02-30"], "--date: '2027-02-30' is not a real date"),
    (["--joined", "1989"], "--joined does not apply to events"),
])
def test_bad_option_values_are_refused(data, argv, message):
    base = [a for a in MINIMAL[("events", None)]]
    if "--kind" in argv:
        base = base[:2] + base[4:]
    code, _, err, _ = run(data, "events", *base, *argv, "--summary", "S.", *SOURCE)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_required_values_is_one_clear_line(data):
    before = snapshot(data)
    code, out, err, _ = run(data, "events", "--name", "Jakarta Port Security Workshop")
    assert code == 2 and not out
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ctwg new events: missing --kind (workshop, workshop-series, conference, meeting, "
                               "training, exercise), --summary, --source-document and --source-section;")
    assert "make new TYPE=events" in lines[0]
    assert snapshot(data) == before


def test_sources_must_name_an_existing_document(data):
    code, _, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "S.",
                          "--source-document", "port-security-report", "--source-section", "p. 3")
    assert code == 2 and "--source-document: unknown document 'port-security-report'" in err
    code, _, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "S.",
                          "--source-document", "medium-term-work-plan-2010-2015")
    assert code == 2 and "come in pairs" in err


def test_a_document_may_cite_itself(data):
    code, _, err, _ = run(data, "documents", *MINIMAL[("documents", None)], "--summary", "S.",
                          "--url", "https://www.apec.org/publications/port-security-workshop-report",
                          "--source-document", "port-security-workshop-report", "--source-section", "Title page")
    assert code == 0, err


def test_a_public_source_needs_a_url(data):
    code, _, err, _ = run(data, "documents", *MINIMAL[("documents", None)], "--summary", "S.",
                          "--source-document", "port-security-workshop-report", "--source-section", "Title page")
    assert code != 0
    assert "url: this public document is cited as a source, so its record needs a url" in err


def test_unknown_type_is_refused_with_a_suggestion(data):
    code, _, err, _ = run(data, "eventz")
    assert code == 2 and "unknown record type 'eventz' (did you mean 'events'?)" in err
    code, _, err, _ = run(data)
    assert code == 2 and "say which type of record" in err


def test_type_aliases():
    assert newrecord._resolve_type("event") == "events" and newrecord._resolve_type("issue-areas") == "issue_areas"
    assert newrecord._resolve_type("forum") == "fora" and newrecord._resolve_type("goal") == "workplan"


@pytest.mark.parametrize("name, rtype, date, expected", [
    ("Jakarta Port Security Workshop", "events", "2027-03-09", "jakarta-port-security-workshop-2027"),
    ("Workshop on Soft Targets 2018", "events", "2018-04", "workshop-on-soft-targets-2018"),
    ("Réunion à Nouméa: AML/CFT", "events", None, "reunion-a-noumea-aml-cft"),
    ("Secure Trade in the APEC Region (STAR) Conference", "initiatives", None,
     "secure-trade-in-the-apec-region-star-conference"),
    ("Member's \u201cday\u201d", "news", None, "members-day"),
])
def test_ids_are_made_from_the_name(name, rtype, date, expected):
    assert newrecord.make_id(rtype, None, {"name": name, "date": date}) == expected


def test_long_names_make_ids_of_whole_words():
    rid = newrecord.make_id("events", None, {"name": "word " * 40, "date": "2027"})
    assert len(rid) <= 66 and rid.endswith("word-2027")


def test_html_in_summary_gets_a_note(data):
    code, out, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "A <b>bold</b> claim.",
                            *SOURCE)
    assert code == 0, err
    assert "the summary contains HTML (<b>); the site shows HTML as plain text" in out


# ---------------------------------------------------------------------------
# Interactive


WORKSHOP_ANSWERS = [
    "Jakarta Port Security Workshop",   # name
    "workshp", "workshop",              # kind: a typo, asked again
    "2027-03-09",                       # date
    "2027-03-01", "2027-03-10",         # end: before the start, asked again
    "Jakarta",                          # city
    "indonesa", "indonesia",            # economy: a typo, asked again
    "ctwg, indonesia",                  # organisers
    "maritime-security, secure-trade",  # issue areas
    "",                                 # summary is required: asked again
    "A two-day workshop in Jakarta on the security of ports and the ships that use them.",
    "tokyo-soft-targets-workshop-2018", "",  # id: taken, then Enter keeps the suggestion
    "port-security-report",             # source document: unknown, asked again
    "medium-term-work-plan-2010-2015", "Issue areas: Transportation Security",
    "",                                 # no second source
    "",                                 # not a draft
]


def test_interactive_asks_the_essentials_and_asks_again_on_a_bad_answer(data):
    before = snapshot(data)
    code, out, err, prompts = run(data, "events", answers=list(WORKSHOP_ANSWERS))
    assert code == 0, out + err
    assert new_files(before, snapshot(data)) == ["events/jakarta-port-security-workshop-2027.yml"]
    asked = [p.split(" (")[0].rstrip(": ") for p in prompts]
    assert asked[:3] == ["Name", "Kind", "Kind"]
    assert "One of: workshop, workshop-series, conference, meeting, training, exercise" in out
    assert "'workshp' is not allowed (did you mean 'workshop'?)" in out
    assert "2027-03-01 is before date 2027-03-09" in out
    assert "unknown member economy 'indonesa' (did you mean 'indonesia'?)" in out
    assert "indonesia, japan, korea" in out  # the allowed economies are shown
    assert "medium-term-work-plan-2010-2015" in out and "This one is required." in out
    assert "'tokyo-soft-targets-workshop-2018' is already used by" in out
    assert "unknown document 'port-security-report'" in out
    raw, errors = load_file(data / "events" / "jakarta-port-security-workshop-2027.yml", "events")
    assert not errors
    assert raw.data["economy"] == "indonesia" and raw.data["end"] == "2027-03-10"
    assert raw.data["organisers"] == ["ctwg", "indonesia"]
    assert "draft" not in raw.data


def test_interactive_options_fill_in_answers_and_the_rest_is_asked(data):
    answers = ["workshop", "", "", "", "", "", "Summary.", "", "medium-term-work-plan-2010-2015", "s. 2", "", "y"]
    code, out, err, prompts = run(data, "events", "--name", "Port Workshop", answers=answers)
    assert code == 0, out + err
    assert not any(p.startswith("Name") for p in prompts)
    assert not any(p.startswith("End") for p in prompts)  # no date: no end date to ask
    raw, _ = load_file(data / "events" / "port-workshop.yml", "events")
    assert raw.data["draft"] == "true" and "date" not in raw.data


def test_interactive_workplan_strand_and_news_body(data):
    answers = ["strand", "Working with academia", "6", "Invite researchers", "Ask researchers to brief us.",
               "ctwg, cted", "", "Summary.", "", "medium-term-work-plan-2010-2015", "Strand 6", "", ""]
    code, out, err, _ = run(data, "workplan", answers=answers)
    assert code == 0, out + err
    raw, _ = load_file(data / "workplan" / "strand-working-with-academia.yml", "workplan")
    assert raw.data["commitments"] == [{"title": "Invite researchers", "text": "Ask researchers to brief us.",
                                        "parties": ["ctwg", "cted"]}]
    answers = ["Port workshop announced", "2026-11-20", "Summary.", "First paragraph.", "", "Second.", ".",
               "", "", "", "medium-term-work-plan-2010-2015", "Goal 6", "", ""]
    code, out, err, _ = run(data, "news", answers=answers)
    assert code == 0, out + err
    raw, _ = load_file(data / "news" / "port-workshop-announced.md", "news")
    assert raw.data["body"] == "First paragraph.\n\nSecond."


def test_interactive_end_of_input_writes_nothing(data):
    before = snapshot(data)
    code, _, err, _ = run(data, "events", answers=["Half-finished"])
    assert code == 1 and "Nothing was written" in err
    assert snapshot(data) == before


def interrupted_after(answers: list[str]):
    """An `ask` that gives these answers, then Ctrl+C (KeyboardInterrupt, as `input` raises it)."""
    queue = list(answers)

    def ask(question: str) -> str:
        if not queue:
            raise KeyboardInterrupt
        return queue.pop(0)

    return ask


def test_ctrl_c_keeps_what_was_typed_as_a_draft(data):
    before = snapshot(data)
    out, err = io.StringIO(), io.StringIO()
    answers = ["Jakarta Port Security Workshop", "workshop", "2027-03-09", "", "Jakarta", "indonesia", "ctwg"]
    code = newrecord.main(["events", "--data", str(data)], ask=interrupted_after(answers), today=TODAY,
                          out=out, err=err)
    assert code == 130
    path = data / "events" / "jakarta-port-security-workshop-2027.yml"
    assert new_files(before, snapshot(data)) == ["events/jakarta-port-security-workshop-2027.yml"]
    said = err.getvalue().strip().splitlines()
    assert len(said) == 1 and "Traceback" not in err.getvalue() + out.getvalue()
    assert said[0].startswith("Stopped. What you typed so far is kept as a draft in ")
    assert f"{path.relative_to(data.parent)}" in said[0] or str(path) in said[0]
    raw, errors = load_file(path, "events")
    assert not errors
    assert raw.data["draft"] == "true" and raw.data["name"] == "Jakarta Port Security Workshop"
    assert raw.data["economy"] == "indonesia" and raw.data["organisers"] == ["ctwg"]
    # The check lists what is still to answer, on this file only.
    with pytest.raises(Exception) as caught:
        build_catalog(data, public=False)
    problems = [str(e) for e in caught.value.errors]
    assert all("jakarta-port-security-workshop-2027.yml" in p for p in problems), problems
    assert any(": summary: is empty" in p for p in problems) and any(": sources:" in p for p in problems)
    assert "Ctrl+C stops and keeps what you typed as a draft." in out.getvalue()


def test_ctrl_c_keeps_the_sources_given_and_finds_a_free_id(data):
    answers = ["Tokyo soft targets workshop", "workshop", "2018-04-24", "", "", "", "", "", "A summary.",
               "tokyo-soft-targets-workshop-2018-draft",  # the id asked for (the plain one is taken)
               "medium-term-work-plan-2010-2015", "Issue areas"]
    code = newrecord.main(["events", "--data", str(data)], ask=interrupted_after(answers), today=TODAY,
                          out=io.StringIO(), err=(err := io.StringIO()))
    assert code == 130 and "tokyo-soft-targets-workshop-2018-draft.yml" in err.getvalue()
    raw, _ = load_file(data / "events" / "tokyo-soft-targets-workshop-2018-draft.yml", "events")
    assert raw.data["sources"] == [{"document": "medium-term-work-plan-2010-2015", "section": "Issue areas"}]
    # Interrupted before the id question: the id made from the name is taken, so the draft gets the next free one.
    code = newrecord.main(["events", "--data", str(data)], ask=interrupted_after(answers[:3]), today=TODAY,
                          out=io.StringIO(), err=(err := io.StringIO()))
    assert code == 130 and "tokyo-soft-targets-workshop-2018-draft-2.yml" in err.getvalue(), err.getvalue()


def test_ctrl_c_before_any_answer_writes_nothing(data):
    before = snapshot(data)
    err = io.StringIO()
    code = newrecord.main(["events", "--data", str(data)], ask=interrupted_after([]), today=TODAY,
                          out=io.StringIO(), err=err)
    assert code == 130 and err.getvalue().strip() == "Stopped. Nothing was written."
    assert snapshot(data) == before


def test_questions_for_ids_show_the_likely_ones_and_all_on_request(data):
    total = sum(1 for t in constants.RECORD_TYPES for f in (data / t).iterdir() if f.suffix in (".yml", ".md"))
    answers = ["Port workshop announced", "2026-11-20", "Summary.", "Story.", ".", "maritime-security",
               "?", "star-conference-2004", "", "medium-term-work-plan-2010-2015", "Goal 5", "", ""]
    code, out, err, prompts = run(data, "news", answers=answers)
    assert code == 0, out + err
    related = out.split("Related (optional", 1)[1]
    shown_first = related.split("Type ? to list all", 1)[0]
    assert "The most likely, from your answers so far:" in shown_first
    listed = [ln.split()[0] for ln in shown_first.splitlines()[3:] if ln.startswith("    ")]
    assert 1 <= len(listed) <= 12
    assert "goal-5" in listed  # the goal on maritime security, named by the answer 'maritime-security'
    assert "star-conference-2004" in listed  # an event on maritime security
    assert "cyber-security-strategy" not in listed  # nothing to do with the answers
    assert f"Type ? to list all {total} ids (the preview's index pages list them too)." in related
    after_question = related.split("Type ? to list all", 1)[1]
    assert "cyber-security-strategy" in after_question  # `?` lists them all
    assert "tokyo-soft-targets-workshop-2018" in after_question
    raw, _ = load_file(data / "news" / "port-workshop-announced.md", "news")
    assert raw.data["related"] == ["star-conference-2004"]
    # Sources: the most likely documents, the cited work plan first; `?` would list all of them.
    sources = out.split("Sources (required)", 1)[1]
    assert "The most likely" in sources and "medium-term-work-plan-2010-2015" in sources.split("Type ?")[0]
    assert sources.count("\n    ") <= 14


def test_short_lists_of_ids_are_shown_in_full(data):
    code, out, err, _ = run(data, "events", answers=list(WORKSHOP_ANSWERS))
    assert code == 0, out + err
    economy = out.split("Economy (optional", 1)[1].split("Organisers (optional", 1)[0]
    assert "viet-nam" in economy and "australia" in economy and "Type ?" not in economy


@pytest.mark.parametrize("typed", ["cttf", "CTWG", "Cttf", "CTTF", "Counter-Terrorism-Task-Force"])
def test_did_you_mean_knows_short_and_former_names(data, typed):
    code, _, err, _ = run(data, "events", *MINIMAL[("events", None)], "--summary", "S.", *SOURCE,
                          "--organiser", typed)
    assert code == 2
    assert f"unknown APEC forum, partner or member economy {typed!r} (did you mean 'ctwg'?)" in err, err


def test_did_you_mean_in_the_interview(data):
    answers = ["Port Workshop", "workshop", "", "", "", "CTED, Japan", "cted, japan", "", "Summary.", "",
               "medium-term-work-plan-2010-2015", "s. 2", "", ""]
    code, out, err, _ = run(data, "events", answers=answers)
    assert code == 0, out + err
    assert "unknown APEC forum, partner or member economy 'CTED' (did you mean 'cted'?)" in out


def test_command_line_is_non_interactive_without_a_terminal(data):
    """`python -m ctwg new` through the real CLI, stdin not a terminal: options only."""
    cmd = [sys.executable, "-m", "ctwg", "new", "events", "--data", str(data),
           *MINIMAL[("events", None)], "--summary", "S.", *SOURCE]
    result = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (data / "events" / "jakarta-port-security-workshop-2027.yml").exists()
    result = subprocess.run(cmd[:7], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("ctwg new events: missing --name, --kind (")


# ---------------------------------------------------------------------------
# Acceptance: a new user adds a workshop and previews it


def test_new_user_adds_a_workshop_and_sees_it_everywhere_in_the_preview(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = snapshot(data)

    # 1. `make new TYPE=events`, answering the questions
    code, out, err, _ = run(data, "events", answers=list(WORKSHOP_ANSWERS))
    assert code == 0, out + err
    rid = "jakarta-port-security-workshop-2027"
    assert new_files(before, snapshot(data)) == [f"events/{rid}.yml"]

    # 2. `make validate`
    result = subprocess.run([sys.executable, "-m", "ctwg", "validate", str(data)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    events = len(list((data / "events").glob("*.yml")))  # the real events plus the new one
    assert "OK:" in result.stdout and f"{events} events" in result.stdout

    # 3. a preview build (what `make serve` shows)
    site = tmp_path / "site"
    result = build_site(site, data, extra_env={"CTWG_PREVIEW": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    page = site / "events" / rid / "index.html"
    assert page.exists()
    html = page.read_text(encoding="utf-8")
    assert "Jakarta Port Security Workshop" in html and "9 March 2027" in html and "10 March 2027" in html
    assert f'href="{rid}/"' in (site / "events" / "index.html").read_text(encoding="utf-8")
    assert f"events/{rid}/" in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    ics = (site / "feeds" / "events.ics").read_text(encoding="utf-8")
    assert f"UID:{rid}@ctwg-site" in ics and "DTSTART;VALUE=DATE:20270309" in ics
    assert f"UID:{rid}@ctwg-site" in (site / "feeds" / "issue-areas" / "maritime-security.ics").read_text("utf-8")
    rows = json.loads((site / "api" / "v1" / "events.json").read_text(encoding="utf-8"))
    row = next(r for r in rows if r["id"] == rid)
    assert row["economy"] == "indonesia" and row["issue_areas"] == ["maritime-security", "secure-trade"]
    assert any(line.startswith(f"{rid},") for line in
               (site / "api" / "v1" / "events.csv").read_text(encoding="utf-8").splitlines())
    # the explorer lists it, filed under its type, issue areas and economy
    _, explorer = explorer_records(lambda name: (site / "explore" / name).read_text(encoding="utf-8"))
    facet = next(r for r in explorer if r["id"] == rid)["f"]
    assert facet["type"] == ["events"] and "maritime-security" in facet["area"] and facet["economy"] == ["indonesia"]
    # it links both ways: Indonesia's page lists it among the events held there
    assert rid in (site / "economies" / "indonesia" / "index.html").read_text(encoding="utf-8")

    # nothing but the one new file, even after validating and building
    assert new_files(before, snapshot(data)) == [f"events/{rid}.yml"]
