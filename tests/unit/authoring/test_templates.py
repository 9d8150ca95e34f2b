"""The annotated templates in data/templates: generated from the models, current, complete,
never loaded as records, and a filled-in copy is a valid record (the web-editor path)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ctwg.authoring import record_templates
from ctwg.data import constants
from ctwg.data.catalog import build_catalog
from ctwg.errors import DataErrors
from helpers import DATA

TEMPLATES = DATA / "templates"
VARIANTS = record_templates.variants()


def _ids(v):
    return record_templates.template_name(*v)


def test_templates_are_current():
    assert record_templates.main(["--check"]) == 0, "run `python -m ctwg templates` and commit data/templates/"


def test_check_reports_a_stale_template(tmp_path, capsys):
    out = tmp_path / "templates"
    assert record_templates.main(["--out", str(out)]) == 0
    (out / "events.yml").write_text("# edited by hand\n", encoding="utf-8")
    (out / "old-type.yml").write_text("# left over\n", encoding="utf-8")
    assert record_templates.main(["--check", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "events.yml: out of date" in err and "old-type.yml: out of date" in err
    assert record_templates.main(["--out", str(out)]) == 0  # rewriting fixes it
    assert record_templates.main(["--check", "--out", str(out)]) == 0
    assert not (out / "old-type.yml").exists()


def test_one_template_per_type_and_workplan_kind():
    names = {p.name for p in TEMPLATES.iterdir()}
    expected = {f"{t}.yml" for t in constants.RECORD_TYPES if t != "workplan"}
    expected |= {f"workplan-{k}.yml" for k in constants.WORKPLAN_KINDS} | {"news.md"}
    assert names == expected


@pytest.mark.parametrize("variant", VARIANTS, ids=_ids)
def test_template_has_every_field_with_description_and_allowed_values(variant):
    rtype, kind = variant
    text = (TEMPLATES / record_templates.template_name(rtype, kind)).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../schemas/{rtype}.schema.json"
    comments = " ".join(ln.lstrip("# ").strip() for ln in lines if ln.lstrip().startswith("#"))
    for spec in record_templates.field_specs(record_templates.model_for(rtype, kind)):
        need = "REQUIRED" if spec.required else record_templates.NEEDED_WITH.get(spec.name, "optional")
        assert f"# {spec.name} ({need}" in text, spec.name
        assert " ".join(spec.description.split()) in comments, spec.name
        for value in spec.choices:
            assert value in comments, (spec.name, value)
        if spec.required or spec.name in record_templates.NEEDED_WITH:
            assert re.search(rf"^{spec.name}:", text, re.M), f"required {spec.name} should be ready to fill in"
        else:
            assert re.search(rf"^# {spec.name}:", text, re.M), f"optional {spec.name} should be commented out"
        block = text[text.index(f"# {spec.name} ("):].split("\n\n")[0]
        if not (rtype == "workplan" and spec.name == "kind"):
            assert "#   Example:" in block, spec.name
    if rtype == "workplan":
        assert re.search(rf"^kind: {kind}$", text, re.M)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A copy of data/ (templates included) plus, for every template, a filled-in copy of it and a
    record of every example value; built once: (catalog or None, problems report)."""
    from ctwg.authoring.newrecord import render_record

    data = tmp_path_factory.mktemp("filled") / "data"
    shutil.copytree(DATA, data)
    for rtype, kind in VARIANTS:
        text, rid = _fill((TEMPLATES / record_templates.template_name(rtype, kind)).read_text(encoding="utf-8"), rtype, kind)
        (data / rtype / f"{rid}.yml").write_text(text, encoding="utf-8")
        record = record_templates.example_record(rtype, kind)  # optional fields too
        record["id"] = f"example-{rtype.replace('_', '-')}-{kind or 'x'}"
        record.pop("draft")
        record.pop("publish_date")
        (data / rtype / f"{record['id']}.yml").write_text(render_record(rtype, kind, record), encoding="utf-8")
    text, rid = _fill((TEMPLATES / "news.md").read_text(encoding="utf-8"), "news", None)
    text += "The first paragraph.\n\nThe second, with **bold** text.\n"
    (data / "news" / "filled-news-md.md").write_text(text.replace(rid, "filled-news-md"), encoding="utf-8")
    try:
        return build_catalog(data, public=False), ""
    except DataErrors as exc:
        return None, exc.report()


def test_templates_are_not_loaded_as_records(filled):
    cat, problems = filled
    assert cat is not None, problems
    assert (DATA / "templates" / "events.yml").exists()
    assert not any(Path(e.path).parent.name == "templates" for e in cat.entries.values())


def _fill(text: str, rtype: str, kind: str | None) -> tuple[str, str]:
    """Do what a person does with a template: fill in each REQUIRED field with a value."""
    specs = {s.name: s for s in record_templates.field_specs(record_templates.model_for(rtype, kind))}
    record = record_templates.example_record(rtype, kind)
    record["id"] = f"filled-{rtype.replace('_', '-')}-{kind or 'x'}"
    record["reviewed"] = "2026-01-31"
    if "number" in record:  # a new goal or strand takes a number of its own
        record["number"] = str(int(record["number"]) + 50)
    # (a filled-in document cites the work plan: citing itself, a public document would also need
    # its optional url, which this fills in only for REQUIRED fields)
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^([a-z_]+):$", lines[i])
        if m and m.group(1) in specs:
            name = m.group(1)
            i += 1
            while i < len(lines) and lines[i].startswith("  "):  # the blank item lines under it
                i += 1
            out += record_templates._value_lines(name, record[name], "")
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) + "\n", record["id"]


@pytest.mark.parametrize("variant", VARIANTS, ids=_ids)
def test_a_filled_in_template_is_a_valid_record(variant, filled):
    """The web-editor path: paste the template, fill in the REQUIRED lines, and it validates."""
    rtype, kind = variant
    cat, problems = filled
    assert cat is not None, problems
    assert f"filled-{rtype.replace('_', '-')}-{kind or 'x'}" in cat


def test_a_filled_in_markdown_news_template_is_a_valid_record(filled):
    cat, problems = filled
    assert cat is not None, problems
    assert cat.get("filled-news-md").model.body.startswith("The first paragraph.")


@pytest.mark.parametrize("variant", VARIANTS, ids=_ids)
def test_every_example_is_a_valid_value(variant, filled):
    """Examples of every field (optional ones too) are real ids, allowed values, well-formed dates."""
    rtype, kind = variant
    cat, problems = filled
    assert cat is not None, problems
    assert f"example-{rtype.replace('_', '-')}-{kind or 'x'}" in cat


def test_an_unfilled_template_gives_one_plain_line_per_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copy(TEMPLATES / "events.yml", data / "events" / "new-event.yml")
    with pytest.raises(DataErrors) as exc:
        build_catalog(data, public=False)
    fields = {e.field for e in exc.value.errors}
    assert {"id", "name", "kind", "summary", "sources[1].document", "sources[1].section", "reviewed"} <= fields
    assert all(e.path.endswith("new-event.yml") for e in exc.value.errors)


# ---------------------------------------------------------------------------
# CONTRIBUTING.md stays true to the code: its example error lines and its `make new`
# transcript are what the validator and the command really print.

CONTRIBUTING = DATA.parent / "CONTRIBUTING.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(root: Path) -> set[str]:
    try:
        build_catalog(root / "data", public=False)
    except DataErrors as exc:
        return {str(e) for e in exc.errors}
    return set()


def test_contributing_error_examples_are_real(tmp_path, monkeypatch):
    """Break copies of real records the way CONTRIBUTING.md says; each line it shows must be printed."""
    documented = set()
    for line in CONTRIBUTING.read_text(encoding="utf-8").splitlines():
        if re.match(r"^data/\S+:\d+: ", line):
            documented.add(line)
    assert len(documented) >= 10

    monkeypatch.chdir(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    for root in (one, two):
        shutil.copytree(DATA, root / "data")
    d = one / "data"
    shutil.copy(d / "events" / "air-cargo-security-workshop-2010.yml", d / "events" / "air-cargo-workshop-2010.yml")
    tokyo = d / "events" / "tokyo-soft-targets-workshop-2018.yml"
    _edit(tokyo, "economy: japan", "economy: jappan")
    _edit(tokyo, "date: 2018-04-24", "date: 24/04/2018")
    _edit(tokyo, "  - us-ataari\n", "  - us-atari\n")
    _edit(tokyo, "kind: workshop", "kind: seminar")
    cargo = d / "events" / "air-cargo-security-workshop-2010.yml"
    _edit(cargo, "co_sponsors:", "co-sponsors:")
    _edit(cargo, "\nsummary:", "\nsummery:")
    news = d / "news" / "cted-attends-soft-targets-workshop.yml"
    _edit(news, "date: 2018-04-26", "date: 2018-04")
    _edit(news, "  - document: cted-news-soft-targets-2018\n", "  - document: cted-news-2018\n")
    _edit(news, "reviewed: 2026-11-22", "reviewed: 2026-11-22\ndraft: yes")
    shutil.copy(TEMPLATES / "events.yml", d / "events" / "new-event.yml")
    (d / "partners" / "icao.yml").unlink()
    _edit(two / "data" / "events" / "tokyo-soft-targets-workshop-2018.yml", "city: Tokyo", "city: Tokyo: Japan")

    monkeypatch.chdir(one)
    printed = _errors(one)
    monkeypatch.chdir(two)
    printed |= _errors(two)
    # One more copy per example of section 6 whose problem stops the file being read (or stands alone).
    tokyo_rel, cted_rel = "events/tokyo-soft-targets-workshop-2018.yml", "partners/cted.yml"
    single = [
        (cted_rel, "    section: Paragraph 1\n", "    section: Paragraph #1 and #2\n"),
        (tokyo_rel, "date: 2018-04-24", "date: \uff12\uff10\uff11\uff18-\uff10\uff14-\uff12\uff14"),
        (cted_rel, "name: Counter-Terrorism Committee Executive Directorate",
         'name: "Counter-Terrorism Committee \\u202EExecutive Directorate"'),
        (tokyo_rel, "city: Tokyo\n", "<<<<<<< HEAD\ncity: Tokyo\n=======\ncity: Osaka\n>>>>>>> other-branch\n"),
        (tokyo_rel, "city: Tokyo", "city\uff1a Tokyo"),
        (tokyo_rel, "  - united-states\n", "\u00a0\u00a0- united-states\n"),
        (tokyo_rel, "  A two-day workshop in Tokyo", "  A two-day workshop with [CTED](../../partners/cteed/) in Tokyo"),
        (cted_rel, "  The executive directorate of the Counter-Terrorism Committee (CTC), as its",
         "  The executive directorate ([about](https://en.wikipedia.org/wiki/CTED_(UN). of the CTC, as its"),
    ]
    for n, (rel, old, new) in enumerate(single + [(None, "", "")]):
        root = tmp_path / f"single-{n}"
        shutil.copytree(DATA, root / "data")
        if rel is None:  # a record in the wrong folder
            (root / "data" / tokyo_rel).rename(root / "data" / "partners" / "tokyo-soft-targets-workshop-2018.yml")
        else:
            _edit(root / "data" / rel, old, new)
        monkeypatch.chdir(root)
        printed |= _errors(root)
    missing = sorted(documented - printed)
    assert not missing, "CONTRIBUTING.md shows error lines the validator no longer prints:\n" + "\n".join(
        missing) + "\n\nIt prints:\n" + "\n".join(sorted(printed))


def test_contributing_make_new_transcript_is_real(tmp_path, monkeypatch):
    import io

    from ctwg.authoring.newrecord import main

    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = text[text.index("$ make new TYPE=events\n"):].split("```")[0].splitlines()[1:]
    answers = ["Jakarta Port Security Workshop", "workshop", "2027-03-09", "2027-03-10", "Jakarta", "indonesa",
               "indonesia", "ctwg", "maritime-security", "A two-day workshop in Jakarta on port security.", "",
               "medium-term-work-plan-2010-2015", "Issue areas: Transportation Security", "", ""]
    shown: list[str] = []

    def ask(question: str) -> str:
        answer = answers.pop(0)
        shown.append(question + answer)
        return answer

    out = io.StringIO()
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CTWG_DATA", str(tmp_path / "data"))  # never the real data/

    class Tee(io.StringIO):
        def write(self, s):
            shown.append(s)
            return super().write(s)

    assert main(["events", "--data", "data"], ask=ask, out=Tee(), err=out, today=__import__("datetime").date(2026, 11, 22)) == 0
    transcript = [ln.rstrip() for ln in "\n".join(shown).replace("CTWG_DATA=data ", "").splitlines()]
    for line in block:
        if line.strip() in ("...", ""):
            continue
        assert line.rstrip() in transcript, f"CONTRIBUTING.md shows a line `make new` does not print: {line!r}"
    written = (tmp_path / "data" / "events" / "jakarta-port-security-workshop-2027.yml").read_text(encoding="utf-8")
    snippet = text[text.index("```yaml\norganisers:"):].split("```")[1].removeprefix("yaml\n")
    assert snippet in written
