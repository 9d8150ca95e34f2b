"""Open data and feeds: the exports equal the validated catalog; feeds are valid Atom and iCalendar."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from pydantic import TypeAdapter

from ctwg.data import constants
from ctwg.data.models import MODELS
from ctwg.site.outputs.exports import read_csv

ATOM = "{http://www.w3.org/2005/Atom}"


def _clean(rtype: str, rec: dict) -> dict:
    """Drop keys that are null in the CSV but absent from this work-plan kind's model."""
    if rtype != "workplan":
        return rec
    from ctwg.data.models import GoalRecord, PlanRecord, StrandRecord

    model = {"plan": PlanRecord, "strand": StrandRecord, "goal": GoalRecord}[rec["kind"]]
    return {k: v for k, v in rec.items() if k in model.model_fields}


@pytest.mark.parametrize("rtype", list(constants.RECORD_TYPES))
def test_json_export_round_trips(built_site, catalog, rtype):
    records = json.loads((built_site / f"api/v1/{rtype}.json").read_text(encoding="utf-8"))
    adapter = TypeAdapter(MODELS[rtype])
    back = {r["id"]: adapter.validate_python(r) for r in records}
    expected = {e.id: e.model for e in catalog.by_type[rtype]}
    assert back == expected
    for r in records:  # every field is present, empty ones included
        model = expected[r["id"]]
        assert set(r) == set(type(model).model_fields)


@pytest.mark.parametrize("rtype", list(constants.RECORD_TYPES))
def test_csv_export_round_trips(built_site, catalog, rtype):
    rows = read_csv((built_site / f"api/v1/{rtype}.csv").read_text(encoding="utf-8"), rtype)
    adapter = TypeAdapter(MODELS[rtype])
    # Empty optional lists are exported as [] and read back as []; None stays None.
    back = {r["id"]: adapter.validate_python({k: v for k, v in _clean(rtype, r).items() if v is not None})
            for r in rows}
    assert back == {e.id: e.model for e in catalog.by_type[rtype]}


def test_catalog_json_holds_every_record(built_site, catalog):
    data = json.loads((built_site / "api/v1/catalog.json").read_text(encoding="utf-8"))
    assert {t: {r["id"] for r in v} for t, v in data.items()} == {
        t: {e.id for e in es} for t, es in catalog.by_type.items()}


def test_schemas_published(built_site):
    for rtype in constants.RECORD_TYPES:
        schema = json.loads((built_site / f"api/v1/schemas/{rtype}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"].startswith("https://json-schema.org/")


def _atom_ok(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None and root.find(f"{ATOM}{tag}").text, tag
    assert any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link"))
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{tag}") is not None and entry.find(f"{ATOM}{tag}").text, tag
        assert entry.find(f"{ATOM}link") is not None
    return [e.find(f"{ATOM}title").text for e in entries]


def test_atom_feeds_valid(built_site, catalog):
    titles = _atom_ok(built_site / "feeds/news.atom")
    assert sorted(titles) == sorted(e.model.name for e in catalog.by_type["news"])
    # A hub's feed carries every dated event, document, outcome and news item that names it.
    from ctwg.data.derived import dated, display_name

    def expected(hub):
        return sorted((e.model.name if e.type == "news" else display_name(e)) for e in catalog.referrers(hub)
                      if e.type in ("events", "documents", "outcomes", "news") and dated(e))

    empty = 0
    for hub in catalog.by_type["issue_areas"] + catalog.by_type["fora"]:
        folder = "issue-areas" if hub.type == "issue_areas" else "fora"
        got = _atom_ok(built_site / f"feeds/{folder}/{hub.id}.atom")
        assert sorted(got) == expected(hub.id), hub.id
        empty += not got
    assert empty <= 3, f"{empty} hub feeds are empty"
    everything = _atom_ok(built_site / "feeds/all.atom")
    assert len(everything) == sum(1 for t in ("events", "documents", "outcomes", "news")
                                  for e in catalog.by_type[t] if dated(e))


def test_ics_holds_every_dated_event(built_site, catalog):
    cal = Calendar.from_ical((built_site / "feeds/events.ics").read_bytes())
    uids = {str(c.get("uid")) for c in cal.walk("VEVENT")}
    dated = {f"{e.id}@ctwg-site" for e in catalog.by_type["events"] if e.model.date}
    assert dated and uids == dated
    for ia in catalog.by_type["issue_areas"]:
        sub = Calendar.from_ical((built_site / f"feeds/issue-areas/{ia.id}.ics").read_bytes())
        assert {str(c.get("uid")) for c in sub.walk("VEVENT")} == {
            f"{e.id}@ctwg-site" for e in catalog.by_type["events"] if e.model.date and ia.id in e.model.issue_areas}


def test_pages_link_their_feeds(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'rel="alternate[^"]*" type="application/atom\+xml"', home)
    assert re.search(r'rel="alternate[^"]*" type="text/calendar"', home)
    ia = (built_site / "issue-areas/food-defense/index.html").read_text(encoding="utf-8")
    assert "feeds/issue-areas/food-defense.atom" in ia and "feeds/issue-areas/food-defense.ics" in ia


def test_round_trip_check_fails_when_the_exporter_drops_a_field(catalog, monkeypatch):
    """Show the round-trip check is not vacuous: an exporter that loses `city` is caught."""
    import ctwg.site.outputs.exports as exports

    def compare(data):
        adapter = TypeAdapter(MODELS["events"])
        back = {r["id"]: adapter.validate_python(r) for r in data["events"]}
        return back == {e.id: e.model for e in catalog.by_type["events"]}

    assert compare(exports.catalog_dict(catalog))
    original = exports.record_dict

    def dropping(model):
        d = original(model)
        d.pop("city", None)
        return d

    monkeypatch.setattr(exports, "record_dict", dropping)
    assert not compare(exports.catalog_dict(catalog))


def test_the_open_data_zip_holds_every_export(built_site):
    import zipfile

    from ctwg.site.outputs.exports import API, ZIP_NAME

    api = built_site / API
    with zipfile.ZipFile(api / ZIP_NAME) as zf:
        names = zf.namelist()
        files = sorted(f"{API}/{p.relative_to(api).as_posix()}" for p in api.rglob("*")
                       if p.is_file() and p.name != ZIP_NAME)
        assert names == files
        assert zf.read(f"{API}/catalog.json") == (api / "catalog.json").read_bytes()
    page = (built_site / "data/index.html").read_text(encoding="utf-8")
    assert f'<a href="../{API}/{ZIP_NAME}">' in page
