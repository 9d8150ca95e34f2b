"""The JSON the explorer and the library load (views.filter_view): every public record, no
draft or scheduled record, facet values and links that point where they should."""

from __future__ import annotations

import json

import pytest

from ctwg.data.catalog import build_catalog
from ctwg.site.context import SiteContext
from ctwg.site.pages import all_pages
from helpers import DRAFT_ID, HIDDEN, LATER_ID, PUBLIC_ID, make_data


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_data(tmp_path_factory.mktemp("explorer-data"))


def _views(data, public: bool):
    cat = build_catalog(data, public=public)
    return cat, all_pages(SiteContext(cat))


def test_the_explorer_json_holds_every_public_record_and_no_draft(data):
    cat, out = _views(data, public=True)
    d = json.loads(out["explore/records.json"])
    ids = [r["id"] for r in d["records"]]
    assert sorted(ids) == sorted(cat.entries) and len(ids) == len(set(ids))
    assert PUBLIC_ID in ids and DRAFT_ID not in ids and LATER_ID not in ids
    for name in ("explore/records.json", "explore.md", "documents/records.json", "documents/index.md"):
        assert not any(h in out[name] for h in HIDDEN), name
    # facet values and links are indices that say the same as the catalog
    keys = [f["key"] for f in d["facets"]]
    types = d["facets"][keys.index("type")]["values"]
    for r in d["records"]:
        assert [types[i][0] for i in r["f"][keys.index("type")]] == [cat.entries[r["id"]].type]
        targets = {ln.target for ln in cat.outgoing.get(r["id"], [])}
        assert {ids[i] if i < len(ids) else d["other"][i - len(ids)] for i in r["l"]} == targets
    story = d["records"][ids.index(PUBLIC_ID)]
    assert "tokyo-soft-targets-workshop-2018" in [ids[i] for i in story["l"]]


def test_the_library_json_holds_every_public_document(data):
    cat, out = _views(data, public=True)
    d = json.loads(out["documents/records.json"])
    assert sorted(r["id"] for r in d["records"]) == sorted(e.id for e in cat.of_type("documents"))
    assert all("d" in r and "u" in r for r in d["records"])


def test_a_preview_explorer_includes_drafts(data):
    _, out = _views(data, public=False)
    ids = {r["id"] for r in json.loads(out["explore/records.json"])["records"]}
    assert DRAFT_ID in ids and LATER_ID in ids
