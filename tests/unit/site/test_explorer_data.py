"""The JSON files the explorer and the library load (explorer.filter_data): every public record,
no draft or scheduled record, facet values, statuses and links that say what the catalog says."""

from __future__ import annotations

import json

import pytest

from ctwg.data import constants
from ctwg.data.catalog import build_catalog
from ctwg.site.context import SiteContext
from ctwg.site.pages import all_pages
from ctwg.site.pages.explorer import id_hash
from helpers import DATA, DRAFT_ID, HIDDEN, LATER_ID, PUBLIC_ID, explorer_records, make_data


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_data(tmp_path_factory.mktemp("explorer-data"))


def _views(data, public: bool):
    cat = build_catalog(data, public=public)
    return cat, all_pages(SiteContext(cat))


def _records(out, folder="explore/"):
    return explorer_records(lambda name: out[folder + name])


def test_the_explorer_json_holds_every_public_record_and_no_draft(data):
    cat, out = _views(data, public=True)
    d, recs = _records(out)
    ids = [r["id"] for r in recs]
    assert sorted(ids) == sorted(cat.entries) and len(ids) == len(set(ids))
    assert PUBLIC_ID in ids and DRAFT_ID not in ids and LATER_ID not in ids
    names = [n for n in out if n.startswith(("explore", "documents/"))]
    assert "explore/filters.json" in names and "documents/filters.json" in names
    for name in names:
        assert not any(h in out[name] for h in HIDDEN), name
    # facet values and links say the same as the catalog
    for r in recs:
        assert r["f"]["type"] == [cat.entries[r["id"]].type]
        assert r["refers"] == {ln.target for ln in cat.outgoing.get(r["id"], [])}, r["id"]
    story = recs[ids.index(PUBLIC_ID)]
    assert "tokyo-soft-targets-workshop-2018" in story["refers"]
    # each backlink is in the bucket explore.js looks in
    for b in range(d["buckets"]):
        assert all(id_hash(t) % d["buckets"] == b for t in json.loads(out[f"explore/links-{b}.json"]))


def test_explorer_records_are_in_name_order_with_date_ranks(data):
    cat, out = _views(data, public=True)
    _, recs = _records(out)
    names = [r["n"].lower() for r in recs]
    assert names == sorted(names)
    dated = [(r["date"], cat.entries[r["id"]]) for r in recs if r["date"] is not None]
    from ctwg.data.derived import entry_date
    assert dated and all((a[0] < b[0]) == (entry_date(a[1]) < entry_date(b[1])) for a in dated for b in dated)
    assert all(entry_date(cat.entries[r["id"]]) is None for r in recs if r["date"] is None)


def test_status_values_are_per_record_type_and_from_its_vocabulary():
    """Initiatives and outcomes use different status words: each value names its type."""
    cat = build_catalog(DATA, public=True)
    out = all_pages(SiteContext(cat))
    d, recs = _records(out)
    status = next(f for f in d["facets"] if f["key"] == "status")
    vocab = {"initiatives": constants.INITIATIVE_STATUSES, "outcomes": constants.PROGRESS_STATUSES,
             "workplan": constants.PROGRESS_STATUSES}
    values = [v for v, _ in status["values"]]
    for v in values:
        t, _, s = v.partition("-")
        assert s in vocab[t], v
    assert status["by"] == "type"
    assert {g[0] for g in status["groups"]} == {v.partition("-")[0] for v in values} >= {"initiatives", "outcomes"}
    assert sorted(i for g in status["groups"] for i in g[2]) == list(range(len(values)))
    for g in status["groups"]:
        assert all(values[i].startswith(g[0] + "-") for i in g[2])
    for r in recs:
        for v in r["f"]["status"]:
            assert v.partition("-")[0] == r["f"]["type"][0], (r["id"], v)


def test_the_library_json_holds_every_public_document(data):
    cat, out = _views(data, public=True)
    _, recs = _records(out, "documents/")
    assert sorted(r["id"] for r in recs) == sorted(e.id for e in cat.of_type("documents"))
    assert all("d" in r and "u" in r for r in recs)


def test_a_preview_explorer_includes_drafts(data):
    _, out = _views(data, public=False)
    ids = {r["id"] for r in _records(out)[1]}
    assert DRAFT_ID in ids and LATER_ID in ids
