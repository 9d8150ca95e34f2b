"""`python -m ctwg from-issue`: issue-form bodies, as GitHub writes them, to checked record files.

Each case is a real issue-form body (`### Label`, a blank line, the answer; `_No response_`
for an optional field left empty) with the record it must give or the lines it must print.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import subprocess
import sys

import pytest
import yaml

from ctwg.authoring.from_issue import convert, form_fields, parse_body, split_list
from helpers import DATA, ROOT

TODAY = _dt.date(2026, 12, 1)


def body(**answers: str) -> str:
    return "\n\n".join(f"### {label}\n\n{text}" for label, text in answers.items()) + "\n"


EVENT = {
    "Name": "APEC Workshop on Port Security",
    "Kind": "workshop",
    "Date": "2027-03-09",
    "Last day": "2027-03-10",
    "City": "Jakarta",
    "Member economy": "indonesia",
    "Organisers": "ctwg\nindonesia",
    "Issue areas": "maritime-security",
    "Summary": "A two-day workshop in Jakarta on port security.",
    "Source document": "medium-term-work-plan-2010-2015",
    "Where in the source": "Issue areas: Transportation Security",
}
NEWS = {
    "Title": "Port security workshop held in Jakarta",
    "Date": "2027-03-11",
    "Summary": "Economies met in Jakarta to talk about port security.",
    "Story": "The workshop covered:\n\n- container checks\n- port drills",
    "Issue areas": "_No response_",
    "Related records": "_No response_",
    "Source document": "cted-news-soft-targets-2018",
    "Where in the source": "Paragraph 1",
}


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def written(path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every value as text, as the loader reads it


def test_a_valid_event_becomes_its_file(data):
    path, problems = convert("event", body(**EVENT), data, TODAY)
    assert problems == []
    assert path == data / "events" / "apec-workshop-on-port-security-2027.yml"
    record = written(path)
    assert record == {
        "id": "apec-workshop-on-port-security-2027", "name": "APEC Workshop on Port Security", "kind": "workshop",
        "date": "2027-03-09", "end": "2027-03-10", "city": "Jakarta", "economy": "indonesia",
        "organisers": ["ctwg", "indonesia"], "issue_areas": ["maritime-security"],
        "summary": "A two-day workshop in Jakarta on port security.",
        "sources": [{"document": "medium-term-work-plan-2010-2015", "section": "Issue areas: Transportation Security"}],
        "reviewed": "2026-12-01"}


def test_a_valid_news_item_with_empty_optional_fields(data):
    path, problems = convert("news", body(**NEWS), data, TODAY)
    assert problems == [] and path.name == "port-security-workshop-held-in-jakarta.yml"
    record = written(path)
    assert record["body"] == "The workshop covered:\n\n- container checks\n- port drills"
    assert "issue_areas" not in record and "related" not in record


def test_colons_quotes_and_hashes_are_kept_as_typed(data):
    answers = {**EVENT, "Name": 'Workshop: "Ports" #2 and #3', "Summary": 'It said: "secure ports" # not a comment'}
    path, problems = convert("event", body(**answers), data, TODAY)
    assert problems == []
    record = written(path)
    assert record["name"] == 'Workshop: "Ports" #2 and #3'
    assert record["summary"] == 'It said: "secure ports" # not a comment'


def test_lists_with_bullets_commas_and_backticks(data):
    answers = {**EVENT, "Organisers": "- `ctwg`\n* indonesia", "Issue areas": "maritime-security, supply-chain-security"}
    path, problems = convert("event", body(**answers), data, TODAY)
    assert problems == []
    assert written(path)["organisers"] == ["ctwg", "indonesia"]
    assert written(path)["issue_areas"] == ["maritime-security", "supply-chain-security"]


def test_windows_line_endings(data):
    path, problems = convert("event", body(**EVENT).replace("\n", "\r\n"), data, TODAY)
    assert problems == [] and written(path)["city"] == "Jakarta"


@pytest.mark.parametrize(("change", "lines"), [
    ({"Member economy": "indonesa"}, ["Member economy: unknown member economy 'indonesa' (did you mean 'indonesia'?)"]),
    ({"Date": "9 March 2027"}, ["Date: should be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '9 March 2027'"]),
    ({"Last day": "2027-03-01"}, ["Last day: 2027-03-01 is before date 2027-03-09"]),
    ({"Kind": "seminar"}, ["Kind: 'seminar' is not allowed; use one of: 'workshop', 'workshop-series', 'conference', "
                           "'meeting', 'training' or 'exercise'"]),
    ({"Organisers": "ctwg\nctwg-x"}, ["Organisers: unknown APEC forum, partner or member economy 'ctwg-x' "
                                     "(did you mean 'ctwg'?)"]),
    ({"Source document": "the work plan"}, ["Source document: unknown document 'the work plan'"]),
    ({"Name": "_No response_"}, ["Name: is required but missing"]),
    ({"Name": "Tokyo soft targets workshop", "Date": "2018-04-24"},
     ["Name: a record with the id 'tokyo-soft-targets-workshop-2018' exists already; give the name in full "
      "(with its year or number) or update that record instead"]),
])
def test_problems_are_reported_by_question_and_nothing_is_written(data, change, lines):
    before = sorted(p.name for p in (data / "events").iterdir())
    path, problems = convert("event", body(**{**EVENT, **change}), data, TODAY)
    assert path is None and problems == lines
    assert sorted(p.name for p in (data / "events").iterdir()) == before


def test_the_command_prints_the_problems_for_the_issue_and_exits_1(data, tmp_path):
    (tmp_path / "body.md").write_text(body(**{**EVENT, "Member economy": "indonesa"}), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ctwg", "from-issue", "event", "--body-file", str(tmp_path / "body.md"),
                             "--data", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["The proposal cannot be added yet. Please edit the issue:",
                                          "- Member economy: unknown member economy 'indonesa' (did you mean 'indonesia'?)"]


def test_every_form_question_is_a_record_field():
    from ctwg.data.models import MODELS

    for form, rtype in (("event", "events"), ("news", "news")):
        for field in form_fields(form):
            assert field["id"] in MODELS[rtype].model_fields or field["id"].startswith("source_"), field


def test_parse_body_and_split_list():
    fields = form_fields("event")
    assert parse_body("### City\n\n_No response_\n\n### Kind\n\nmeeting\n", fields) == {"kind": "meeting"}
    assert split_list("- a\n* b, c\n\n`d`") == ["a", "b", "c", "d"]
