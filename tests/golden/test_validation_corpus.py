"""Golden messages: every bad input in tests/fixtures/bad/ gives exactly the lines people see.

Each case folder holds the file(s) to drop into (or replace in) a copy of the valid
tests/fixtures/mini/ data folder, laid out as `data/<type>/<file>`, and `expected.txt`:
the exact output of `python -m ctwg validate data` run from the folder holding `data/`.
A few cases whose input is too big or too odd to commit are written by GENERATED below.

To refresh the goldens after changing a message, run

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden/test_validation_corpus.py -q

and then read every changed line with `git diff tests/fixtures/bad`: each one must be a
single plain-English line a contributor can act on without knowing Python.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from pathlib import Path

import pytest

from ctwg.cli import main
from ctwg.data import constants
from ctwg.data.catalog import build_catalog
from ctwg.errors import DataErrors
from helpers import FIXTURES  # noqa: E402  (kept beside the corpus paths below)

MINI = FIXTURES / "mini"
BAD = FIXTURES / "bad"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/{}.schema.json\n"


def _big_file(root: Path) -> None:
    path = root / "data/events/huge-event.yml"
    filler = "# " + "x" * 97 + "\n"
    body = SCHEMA_LINE.format("events") + "id: huge-event\n" + filler * (constants.MAX_FILE_BYTES // len(filler) + 10)
    path.write_text(body, encoding="utf-8")


def _long_string(root: Path) -> None:
    text = (MINI / "data/partners/cted.yml").read_text(encoding="utf-8")
    long = "word " * (constants.MAX_STRING // 5 + 1)
    text = text.replace("summary: >-\n  A United Nations body that joined the Tokyo workshop.\n",
                        f"summary: {long.strip()}\n")
    (root / "data/partners/cted.yml").write_text(text, encoding="utf-8")


def _symlink_outside(root: Path) -> None:
    """A record file that is a link to a file outside the data folder (it must not be read)."""
    outside = root / "elsewhere.yml"
    outside.write_text((MINI / "data/partners/cted.yml").read_text(encoding="utf-8").replace("cted", "unctc"),
                       encoding="utf-8")
    (root / "data/partners/unctc.yml").symlink_to(outside)


def _symlink_inside(root: Path) -> None:
    (root / "data/partners/cted-again.yml").symlink_to(root / "data/partners/cted.yml")


def _symlinked_folder(root: Path) -> None:
    """A folder of records inside a type folder that is a link to a folder elsewhere (not read)."""
    elsewhere = root / "more-events"
    elsewhere.mkdir()
    (root / "data/events/more").symlink_to(elsewhere, target_is_directory=True)


def _symlinked_type_folder(root: Path) -> None:
    """A whole type folder replaced by a link to a copy elsewhere."""
    shutil.move(root / "data/news", root / "news-elsewhere")
    (root / "data/news").symlink_to(root / "news-elsewhere", target_is_directory=True)


# Cases whose input is generated here instead of committed (name -> writer).
GENERATED = {
    "file-over-size-limit": _big_file,
    "string-over-length-limit": _long_string,
    "symlink-to-file-outside-data": _symlink_outside,
    "symlink-to-another-record": _symlink_inside,
    "symlinked-folder-of-records": _symlinked_folder,
    "symlinked-type-folder": _symlinked_type_folder,
}


def case_names() -> list[str]:
    return sorted(p.name for p in BAD.iterdir() if p.is_dir())


def make_data(case: Path, root: Path) -> None:
    """A copy of mini under root/data with the case's files dropped in."""
    shutil.copytree(MINI / "data", root / "data")
    for src in sorted(case.rglob("*")):
        if src.is_file() and src.name != "expected.txt":
            dest = root / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    if case.name in GENERATED:
        GENERATED[case.name](root)


def run_validate(root: Path, monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    capsys.readouterr()
    status = main(["validate", *args, "data"])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_mini_is_valid(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI / "data", tmp_path / "data")
    status, out = run_validate(tmp_path, monkeypatch, capsys)
    assert status == 0, out
    assert out.startswith("data: OK: 12 records"), out


def test_corpus_is_big_enough():
    assert len(case_names()) >= 160
    for name in GENERATED:
        assert (BAD / name).is_dir(), name


@pytest.mark.parametrize("name", case_names())
def test_bad_case(name, tmp_path, monkeypatch, capsys):
    case = BAD / name
    make_data(case, tmp_path)
    status, out = run_validate(tmp_path, monkeypatch, capsys)
    assert "Traceback" not in out
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(out if out.endswith("\n") else out + "\n", encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert status == 1, out
    assert out.splitlines() == expected.splitlines()
    # every problem line has the documented shape: path:line: [field: ]message
    *problems, summary = out.splitlines()
    assert summary.endswith("found; nothing was built.")
    assert problems
    for line in problems:
        path, lineno, rest = line.split(":", 2)
        assert path.startswith("data"), line
        assert int(lineno) >= 1, line
        assert rest.startswith(" ") and rest.strip(), line


# ---------------------------------------------------------------------------
# Drafts: the public build drops references to them; the preview keeps them.


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _with_draft_partner(root: Path) -> None:
    shutil.copytree(MINI / "data", root / "data")
    _write(root, "data/partners/unodc.yml", SCHEMA_LINE.format("partners") + """\
id: unodc
name: United Nations Office on Drugs and Crime
kind: un-body
draft: true
summary: Not yet checked.
sources:
  - document: work-plan-2010
    section: Partners
reviewed: 2026-11-22
""")
    event = root / "data/events/tokyo-workshop-2018.yml"
    event.write_text(event.read_text(encoding="utf-8").replace("  - cted\n", "  - cted\n  - unodc\n"),
                     encoding="utf-8")


def test_public_build_removes_references_to_a_draft(tmp_path):
    _with_draft_partner(tmp_path)
    cat = build_catalog(tmp_path / "data")
    assert "unodc" not in cat.entries
    assert cat.hidden == {"unodc": "draft"}
    event = cat.get("tokyo-workshop-2018").model
    assert event.participants == ["cted"]
    assert all(ln.target != "unodc" and ln.source != "unodc" for ln in cat.links)


def test_preview_build_keeps_a_draft(tmp_path):
    _with_draft_partner(tmp_path)
    cat = build_catalog(tmp_path / "data", public=False)
    assert "unodc" in cat.entries
    assert cat.get("tokyo-workshop-2018").model.participants == ["cted", "unodc"]
    assert "unodc" in {ln.target for ln in cat.links}


def test_scheduled_record_is_hidden_until_its_date(tmp_path):
    _with_draft_partner(tmp_path)
    path = tmp_path / "data/partners/unodc.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "publish_date: 2030-01-01"),
                    encoding="utf-8")
    before = build_catalog(tmp_path / "data", today=_dt.date(2029, 12, 31))
    assert before.hidden == {"unodc": "scheduled for 2030-01-01"}
    after = build_catalog(tmp_path / "data", today=_dt.date(2030, 1, 1))
    assert "unodc" in after.entries


def test_every_problem_reported_in_one_run(tmp_path):
    """Loader, validator and linker problems in different files all arrive together."""
    shutil.copytree(MINI / "data", tmp_path / "data")
    _write(tmp_path, "data/events/broken.yml", "id: broken\nname: [unclosed\n")
    _write(tmp_path, "data/economies/peru.yml", "id: peru\nname: Peru\n")
    _write(tmp_path, "data/fora/x.txt", "stray")
    with pytest.raises(DataErrors) as info:
        build_catalog(tmp_path / "data")
    paths = {Path(e.path).name for e in info.value.errors}
    assert {"broken.yml", "peru.yml", "x.txt"} <= paths


def test_source_citing_a_draft_document_is_dropped(tmp_path):
    from ctwg.site.context import SiteContext
    from ctwg.site.pages.records import record_page

    shutil.copytree(MINI / "data", tmp_path / "data")
    _write(tmp_path, "data/documents/draft-doc.yml", SCHEMA_LINE.format("documents") + """\
id: draft-doc
name: A draft document
kind: report
access: public
draft: true
summary: Not yet public.
sources:
  - document: work-plan-2010
    section: Title page
reviewed: 2026-11-22
""")
    partner = tmp_path / "data/partners/cted.yml"
    partner.write_text(partner.read_text(encoding="utf-8").replace(
        "    section: Partners\n", "    section: Partners\n  - document: draft-doc\n    section: Hidden part\n"),
        encoding="utf-8")
    cat = build_catalog(tmp_path / "data")
    entry = cat.get("cted")
    assert [s.document for s in entry.model.sources] == ["work-plan-2010"]
    assert "None" not in record_page(SiteContext(cat), entry)


def test_cli_never_shows_a_traceback(tmp_path):
    """The real command, in a subprocess, on the case with problems in many files."""
    import subprocess
    import sys

    make_data(BAD / "many-files-many-problems", tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run([sys.executable, "-m", "ctwg", "validate", "data"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    expected = (BAD / "many-files-many-problems" / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == expected
    assert result.stdout == ""


def test_github_annotations(tmp_path, monkeypatch, capsys):
    """In GitHub Actions every problem also becomes an annotation on its file and line."""
    make_data(BAD / "three-mistakes-in-one-record", tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "data"]) == 1
    err = capsys.readouterr().err
    assert "::error file=data/events/tokyo-workshop-2018.yml,line=2::kind: is required but missing" in err.splitlines()


# ---------------------------------------------------------------------------
# Accepted inputs near the refused ones reach the page exactly as typed (issue 15).


def test_quoted_values_with_hash_and_escapes_reach_the_page_as_typed(tmp_path):
    from ctwg.site.context import SiteContext
    from ctwg.site.pages.records import record_page

    shutil.copytree(MINI / "data", tmp_path / "data")
    partner = tmp_path / "data/partners/cted.yml"
    partner.write_text(partner.read_text(encoding="utf-8")
                       .replace("    section: Partners", "    section: 'Paragraph #1 and #2'")
                       .replace("short_name: CTED", "short_name: \"CTED \\u00e9\"  # a comment after a quoted value")
                       .replace("  A United Nations body that joined the Tokyo workshop.",
                                "  A United Nations body ([about](https://en.wikipedia.org/wiki/CTED_(UN))) that joined "
                                "the [Tokyo workshop](../../events/tokyo-workshop-2018/)."),
                       encoding="utf-8")
    cat = build_catalog(tmp_path / "data")
    entry = cat.get("cted")
    assert entry.model.sources[0].section == "Paragraph #1 and #2"
    assert entry.model.short_name == "CTED é"
    page = record_page(SiteContext(cat), entry)
    assert "Paragraph \\#1 and \\#2" in page or "Paragraph #1 and #2" in page
    assert 'href="https://en.wikipedia.org/wiki/CTED_(UN)"' in page
    # written relative to the record's page; in the page's raw HTML from the site's root (site.urls)
    assert 'href="/events/tokyo-workshop-2018/"' in page


def test_a_short_name_in_the_name_as_whole_words_is_accepted_and_shown(tmp_path):
    from ctwg.data.derived import display_name

    shutil.copytree(MINI / "data", tmp_path / "data")
    partner = tmp_path / "data/partners/cted.yml"
    partner.write_text(partner.read_text(encoding="utf-8").replace(
        "name: Counter-Terrorism Committee Executive Directorate",
        "name: Counter-Terrorism Committee Executive Directorate (CTED)"), encoding="utf-8")
    cat = build_catalog(tmp_path / "data")
    assert display_name(cat.get("cted")) == "Counter-Terrorism Committee Executive Directorate (CTED)"
