"""Every data file is one record in its type's folder and starts with its schema line,
so editors complete and check its fields."""

from __future__ import annotations

import pytest

from ctwg.data import constants
from helpers import DATA

FILES = sorted(p for t in constants.RECORD_TYPES for p in (DATA / t).glob("*") if p.suffix in (".yml", ".md"))


def test_there_are_data_files():
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_starts_with_its_schema_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if path.suffix == ".md":  # Markdown news: the schema line is the first line of the front matter
        first = path.read_text(encoding="utf-8").splitlines()[1]
    assert first == f"# yaml-language-server: $schema=../schemas/{path.parent.name}.schema.json"
    assert (DATA / "schemas" / f"{path.parent.name}.schema.json").exists()
