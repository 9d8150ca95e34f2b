"""data/glossary.yml with the records: optional, its references to records that are not public
dropped in the public build (a term left with no public source is an error), its terms merged
with the records' short names."""

from __future__ import annotations

import shutil

import pytest

from ctwg.data.catalog import build_catalog
from ctwg.data.terms import glossary_terms
from ctwg.errors import DataErrors
from helpers import FIXTURES

MINI = FIXTURES / "mini" / "data"
DRAFT_DOC = """\
# yaml-language-server: $schema=../schemas/documents.schema.json
id: draft-note
name: A draft note
kind: report
access: public
summary: Not public yet.
sources:
  - document: draft-note
    section: Title
reviewed: 2026-11-22
draft: true
"""
GLOSSARY = """\
reviewed: 2026-11-22
terms:
  - term: fora
    definition: The plural of forum.
    records:
      - draft-note
      - ctwg
    sources:
      - document: draft-note
        section: Page 1
{more}
  - term: STAR
    expansion: Secure Trade in the APEC Region
    definition: A conference series.
    records:
      - star-conference
    sources:
      - document: work-plan-2010
        section: Mission
"""


@pytest.fixture
def data(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    (tmp_path / "data" / "documents" / "draft-note.yml").write_text(DRAFT_DOC, encoding="utf-8")
    return tmp_path / "data"


def test_no_glossary_file_is_fine(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    cat = build_catalog(tmp_path / "data")
    assert cat.glossary is None
    assert [t.term for t in glossary_terms(cat)] == ["CTED", "CTTF", "CTWG", "STAR"]


def test_references_to_records_that_are_not_public_are_dropped(data):
    (data / "glossary.yml").write_text(GLOSSARY.format(more="      - document: work-plan-2010\n        section: Mission"),
                                       encoding="utf-8")
    public = {t.term: t for t in glossary_terms(build_catalog(data))}
    assert public["fora"].records == ("ctwg",)
    assert public["fora"].sources == (("work-plan-2010", "Mission"),)
    preview = {t.term: t for t in glossary_terms(build_catalog(data, public=False))}
    assert preview["fora"].records == ("draft-note", "ctwg")
    # the file's STAR gives the meaning of the record's short name, and keeps its record
    assert public["STAR"].title == "Secure Trade in the APEC Region" and public["STAR"].records == ("star-conference",)
    assert [t.term for t in public.values()].count("STAR") == 1


def test_a_term_with_no_public_source_is_an_error(data):
    (data / "glossary.yml").write_text(GLOSSARY.format(more=""), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        build_catalog(data)
    assert info.value.report().splitlines()[0] == (
        f"{data / 'glossary.yml'}:8: terms[1].sources: every source of this term is not public yet "
        "('draft-note' is a draft); cite a public document too")
    build_catalog(data, public=False)  # a preview shows the draft: nothing wrong there
