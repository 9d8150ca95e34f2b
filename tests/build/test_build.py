"""End-to-end: the real data builds a strict site with a page for every record."""

from __future__ import annotations

import html
import json
import re

from ctwg.data import constants
from helpers import DATA, ROOT, build_site


def test_validate_command_passes_and_counts(capsys):
    from ctwg.cli import main

    assert main(["validate", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "OK:" in out
    for rtype in constants.RECORD_TYPES:
        assert constants.RECORD_TYPES[rtype]["plural"].lower() in out


def test_schemas_are_current():
    from ctwg.cli import main

    assert main(["schemas", "--check"]) == 0, "run `make schemas` and commit data/schemas/"


def test_every_record_has_a_page(built_site, catalog):
    for e in catalog.entries.values():
        page = built_site / e.url / "index.html"
        assert page.exists(), e.url
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert " ".join(e.model.name.split()) in text


def test_every_record_is_linked_from_its_index(built_site, catalog):
    for rtype, meta in constants.RECORD_TYPES.items():
        if rtype == "workplan":
            index = built_site / "work-plan" / "index.html"
        else:
            index = built_site / meta["url"] / "index.html"
        hrefs = set(re.findall(r'href="([^"]+)"', index.read_text(encoding="utf-8")))
        for e in catalog.by_type[rtype]:
            assert any(h.rstrip("/").endswith(f"{e.id}") for h in hrefs), (rtype, e.id)


def test_home_links_every_index(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for meta in constants.RECORD_TYPES.values():
        assert f'href="{meta["url"]}/"' in home, meta["url"]


def test_exports_written(built_site, catalog):
    data = json.loads((built_site / "api/v1/catalog.json").read_text(encoding="utf-8"))
    assert sum(len(v) for v in data.values()) == len(catalog.entries)


def test_failed_build_leaves_no_site(tmp_path):
    bad = tmp_path / "data"
    (bad / "fora").mkdir(parents=True)
    (bad / "fora" / "x.yml").write_text("id: x\nname: [\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    result = build_site(out, bad)
    assert result.returncode != 0
    assert re.search(r"data/fora/x\.yml:\d+: YAML syntax error", result.stderr + result.stdout)
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert not list(tmp_path.glob(".site-*"))
    assert (ROOT / "mkdocs.yml").exists()


def test_exports_are_written_by_a_child_process_and_its_failure_stops_the_build(tmp_path, catalog):
    """`build` writes the open data and feeds in a forked process while MkDocs renders pages."""
    import pytest

    from ctwg.errors import ExportsError
    from ctwg.perf.exports_job import ExportsJob
    from ctwg.site.context import SiteContext

    ExportsJob(SiteContext(catalog), tmp_path).finish()
    data = json.loads((tmp_path / "api/v1/catalog.json").read_text(encoding="utf-8"))
    assert sum(len(v) for v in data.values()) == len(catalog.entries)
    assert (tmp_path / "feeds" / "news.atom").is_file()

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the site folder should be", encoding="utf-8")
    with pytest.raises(ExportsError, match="open-data exports and feeds could not be written: .*blocked"):
        ExportsJob(SiteContext(catalog), blocked).finish()
