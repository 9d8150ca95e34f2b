"""Synthetic catalogs (`python -m ctwg_bench synth`): valid, N times the real one, references consistent."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ctwg.data import constants
from ctwg.data.catalog import build_catalog
from ctwg_bench.synth import SHARED_TYPES, copy_id, shift_date, synthesize
from helpers import DATA, ROOT


@pytest.fixture(scope="module")
def real():
    return build_catalog(DATA, public=False)


@pytest.fixture(scope="module")
def synth2(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "data-x2"
    result = subprocess.run([sys.executable, "-m", "ctwg_bench", "synth", "--scale", "2", "--out", str(out), "--seed", "3"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_scale_2_validates(synth2):
    result = subprocess.run([sys.executable, "-m", "ctwg", "validate", str(synth2)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_scale_2_doubles_every_type(synth2, real):
    cat = build_catalog(synth2, public=False)
    for rtype in constants.RECORD_TYPES:
        assert len(cat.by_type[rtype]) == 2 * len(real.by_type[rtype]), rtype
    assert len(cat.links) >= 2 * len(real.links) * 0.95


def test_copies_keep_shape_and_move_dates(synth2, real):
    cat = build_catalog(synth2, public=False)
    for rid, e in real.entries.items():
        twin = cat.entries[copy_id(rid, 1)]
        assert twin.type == e.type and twin.kind == e.kind
        assert twin.model.summary == e.model.summary
        assert len(cat.outgoing.get(twin.id, [])) == len(real.outgoing.get(rid, []))
        if getattr(e.model, "date", None):
            assert twin.model.date != e.model.date
    news = [e for e in cat.by_type["news"] if e.id.endswith("-x1")]
    assert news and all(n.model.body for n in news)


def test_references_stay_in_copy_or_go_to_hubs(synth2):
    cat = build_catalog(synth2, public=False)
    hub_links = 0
    for ln in cat.links:
        if not ln.source.endswith("-x1"):
            assert not ln.target.endswith("-x1"), ln  # copy 0 is the real catalog, untouched
            continue
        if not ln.target.endswith("-x1"):
            assert cat.entries[ln.target].type in SHARED_TYPES, ln
            hub_links += 1
    assert hub_links > 0  # the real hubs collect references from the copies


def test_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    synthesize(DATA, a, 2, seed=5)
    synthesize(DATA, b, 2, seed=5)
    files = sorted(p.relative_to(a) for p in a.rglob("*.yml"))
    assert files == sorted(p.relative_to(b) for p in b.rglob("*.yml"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def test_shift_date():
    assert shift_date("2010", 3) == "2007"
    assert shift_date("2010-06", 1) == "2009-06"
    assert shift_date("2012-02-29", 1) == "2011-02-28"
    assert shift_date("2012-02-29", 4) == "2008-02-29"


def test_audience_pages_stay_short_as_the_catalog_grows(synth2):
    """An audience page is a route into the site: at most AUDIENCE_MAX items per list, then a
    link to the full index (at x100 the partners page was 697 KB)."""
    import re

    from ctwg.site.context import SiteContext
    from ctwg.site.pages.audiences import AUDIENCE_MAX, audience_page

    cat = build_catalog(synth2)
    partners = len(cat.by_type["partners"])
    assert partners > AUDIENCE_MAX  # the synthetic catalog has more than fit
    page = audience_page(SiteContext(cat), "partners")
    # the list (in its ctwg-listing wrapper, which the search leaves out) up to the next heading
    section = page.split("## Partner organisations\n", 1)[1].split("\n## ", 1)[0]
    items = [ln for ln in section.splitlines() if ln.startswith("- ")]
    assert len(items) == AUDIENCE_MAX + 1, items[-2:]
    assert re.fullmatch(rf"- … and {partners - AUDIENCE_MAX} more: \[all partners\]\(\.\./partners/index\.md\)",
                        items[-1]), items[-1]
    for key in ("public", "officials", "private-sector", "partners"):
        for part in audience_page(SiteContext(cat), key).split("\n## ")[1:]:
            items = [ln for ln in part.splitlines() if ln.startswith("- ")]
            assert len(items) <= AUDIENCE_MAX + 1, (key, part.splitlines()[0], len(items))
