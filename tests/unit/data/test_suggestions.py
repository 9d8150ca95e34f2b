"""'Did you mean' on an unknown id: short names and former names in any case, then the nearest id."""

from __future__ import annotations

import shutil

import pytest

from ctwg.data.catalog import build_catalog
from ctwg.errors import DataErrors, suggest_id
from helpers import DATA

IDS = ["ctwg", "cted", "japan", "tptwg"]
NAMES = {
    "ctwg": ["Counter-Terrorism Working Group", "CTWG", "Counter-Terrorism Task Force", "CTTF"],
    "cted": ["Counter-Terrorism Committee Executive Directorate", "CTED"],
    "japan": ["Japan"],
    "tptwg": ["Transportation Working Group", "TPTWG"],
}


@pytest.mark.parametrize(("typed", "meant"), [
    ("cttf", "ctwg"),        # a former short name
    ("CTTF", "ctwg"),
    ("Cttf", "ctwg"),
    ("CTWG", "ctwg"),        # the id in capitals
    ("Ctwg", "ctwg"),
    ("Counter-Terrorism-Task-Force", "ctwg"),  # a former name, written as an id
    ("counter terrorism task force", "ctwg"),
    ("Japan", "japan"),
    ("cteed", "cted"),       # a typing mistake: the nearest id, as before
    ("cttff", "ctwg"),       # a typing mistake in a former short name
])
def test_suggestions(typed, meant):
    assert suggest_id(typed, IDS, NAMES) == f" (did you mean {meant!r}?)"


def test_no_suggestion_when_nothing_is_near():
    assert suggest_id("harbour-police", IDS, NAMES) == ""
    assert suggest_id("cttf", ["cted", "japan"], NAMES) == ""  # the record with that name is not allowed here


def test_validate_names_the_id_of_a_short_or_former_name(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    event = data / "events" / "tokyo-soft-targets-workshop-2018.yml"
    text = event.read_text(encoding="utf-8")
    assert "organisers:\n  - united-states\n  - us-ataari\n" in text
    event.write_text(text.replace("organisers:\n  - united-states\n  - us-ataari\n",
                                  "organisers:\n  - CTTF\n  - Cted\n  - Japan\n"), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        build_catalog(data, public=False)
    messages = [e.message for e in caught.value.errors]
    assert "unknown APEC forum, partner or member economy 'CTTF' (did you mean 'ctwg'?)" in messages
    assert "unknown APEC forum, partner or member economy 'Cted' (did you mean 'cted'?)" in messages
    assert "unknown APEC forum, partner or member economy 'Japan' (did you mean 'japan'?)" in messages
