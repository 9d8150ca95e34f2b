"""The search index (Pagefind, built by the hook after every build) covers every page a reader
can search, and nothing else; the theme's header is Material's with only the search and the title swapped.

Browser behaviour (ranking, keyboard, phone, no JavaScript) is in tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from ctwg.data import constants
from ctwg.site.outputs.search import CONFIG, UNUSED
from helpers import ROOT, fragments

MATERIAL = Path(__import__("material").__file__).parent / "templates"


def test_every_record_and_page_is_in_the_search_index(built_site, catalog):
    found = fragments(built_site)
    for e in catalog.entries.values():
        frag = found.get("/" + e.url)
        assert frag, f"{e.url} is not in the search index"
        assert frag["meta"]["kind"] == constants.RECORD_TYPES[e.type]["label"]
        assert frag["filters"]["kind"] == [constants.RECORD_TYPES[e.type]["label"]]
        assert "¶" not in frag["meta"]["title"] and frag["meta"]["title"].strip(), frag["meta"]
    for page in ("", "about/", "data/", "explore/", "work-plan/", "timeline/", "map/", "for/"):
        assert "/" + page in found, page
        assert found["/" + page]["meta"]["kind"] == "Page"
    # The search page itself and the 404 page are not results.
    assert "/search/" not in found and not any("404" in u for u in found)
    html_pages = {p for p in built_site.rglob("index.html")} - {built_site / "search" / "index.html"}
    assert len(found) == len(html_pages), (len(found), len(html_pages))


def test_an_events_city_is_a_search_keyword(built_site):
    frag = fragments(built_site)["/events/tokyo-soft-targets-workshop-2018/"]
    assert frag["meta"]["keywords"] == "Tokyo"
    assert "Tokyo" in frag["content"]


def test_long_lists_are_not_indexed_on_list_pages(built_site, catalog):
    """The explorer lists every record: its page must not match every query."""
    explorer = fragments(built_site)["/explore/"]
    assert explorer["word_count"] < 400, explorer["word_count"]
    # while the records themselves are found on their own pages (above).


def test_the_index_built_during_the_build_is_what_pagefind_finds_in_the_finished_pages(built_site, tmp_path):
    """The hook sends each page's searchable part to Pagefind before the theme is rendered
    (ctwg.site.outputs.search.searchable_part). Pagefind's own command, run over the finished site with the
    same settings, must find exactly the same text, title, kind and headings on every page."""
    out = tmp_path / "pagefind"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_site), "--output-path", str(out),
                    "--force-language", CONFIG["force_language"],
                    "--exclude-selectors", ", ".join(CONFIG["exclude_selectors"])],
                   check=True, capture_output=True, timeout=300)
    ours, theirs = fragments(built_site), fragments(tmp_path, "pagefind")
    assert sorted(ours) == sorted(theirs)
    for url, frag in theirs.items():
        for key in ("content", "word_count", "meta", "filters", "anchors"):
            assert ours[url][key] == frag[key], (url, key)


def test_the_bundle_has_what_the_search_uses_and_not_pagefinds_own_ui(built_site):
    bundle = built_site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    for name in UNUSED:
        assert not (bundle / name).exists(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]


def test_every_page_allows_webassembly_for_the_search(built_site):
    for page in ("index.html", "search/index.html", "fora/ctwg/index.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
        assert "'wasm-unsafe-eval'" in script_src and "'unsafe-eval'" not in script_src.replace("'wasm-unsafe-eval'", "")


SITE_NAME_IN_HEADER = "          <span class=\"md-ellipsis\">\n            {{ config.site_name }}\n          </span>\n"
FULL_AND_SHORT_NAME = (
    "          <span class=\"md-ellipsis\">\n"
    "            <span class=\"ctwg-title--full\">{{ config.site_name }}</span>\n"
    "            <span class=\"ctwg-title--short\">{{ config.extra.short_title | d(config.site_name, true) }}</span>\n"
    "          </span>\n"
)


LOGO_TITLE = ' title="{{ config.site_name | e }}"'


def test_header_is_materials_with_only_the_search_and_the_title_swapped():
    """overrides/partials/header.html is a copy of Material's: after an upgrade of Material this
    fails until the copy is redone (take Material's header, replace its search block, put the
    site's name in full and short in the title, for site.css to show one, and take the title off
    the logo link)."""
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    strip_comments = re.compile(r"[ \t]*\{#-.*?-#\}\n?", re.S)
    search_block = re.compile(r'    \{% if "material/search" in config\.plugins %\}.*?\n    \{% endif %\}\n', re.S)
    assert search_block.search(theirs), "Material's header changed shape: redo overrides/partials/header.html"
    assert theirs.count(SITE_NAME_IN_HEADER) == 1, "Material's header title changed: redo overrides/partials/header.html"
    expected = search_block.sub('    {% include "partials/site-search.html" %}\n', strip_comments.sub("", theirs))
    expected = expected.replace(SITE_NAME_IN_HEADER, FULL_AND_SHORT_NAME)
    assert LOGO_TITLE in expected, "Material's logo link changed: redo overrides/partials/header.html"
    expected = expected.replace(LOGO_TITLE, "")  # the logo link's title is left out (see the copy's comment)
    assert strip_comments.sub("", ours) == expected


def test_pagefind_stopping_midway_is_an_error_not_a_smaller_index(tmp_path):
    import pytest

    from ctwg.errors import SearchIndexError
    from ctwg.perf.pagefind import SearchIndexer
    from ctwg.site.outputs.search import searchable_part

    indexer = SearchIndexer()
    indexer.reset()
    try:
        indexer.add("a/index.html", searchable_part("A", "Page", "<p>first page</p>"))
        indexer.service.proc.kill()
        indexer.service.proc.wait()
        indexer.add("b/index.html", searchable_part("B", "Page", "<p>second page</p>"))
        indexer.start(tmp_path / "site")
        with pytest.raises(SearchIndexError, match="search index"):
            indexer.finish()
    finally:
        indexer.cleanup()
    assert indexer.service is None


def test_a_small_index_is_written_and_counted(tmp_path):
    from ctwg.perf.pagefind import SearchIndexer
    from ctwg.site.outputs.search import searchable_part

    indexer = SearchIndexer()
    indexer.reset()
    indexer.add("a/index.html", searchable_part("Alpha", "Event", "<h1>Alpha</h1><p>first page</p>"))
    indexer.add("b/index.html", searchable_part("Beta", "Page", "<p>second page</p>"))
    indexer.start(tmp_path / "site")
    assert indexer.finish() == "Indexed 2 pages"
    found = fragments(tmp_path / "site")
    assert found["/a/"]["meta"] == {"title": "Alpha", "kind": "Event"} and found["/a/"]["filters"] == {"kind": ["Event"]}
    assert found["/b/"]["content"].startswith("Beta.")  # no <h1> in the content: the title becomes one
    assert not (tmp_path / "site" / "pagefind" / "pagefind-ui.js").exists()


def test_ctwg_build_writes_the_index_mkdocs_handed_over_and_nothing_else(tmp_path, monkeypatch):
    """`ctwg build` owns Pagefind; MkDocs (the hook) fills the index through the pipes it is
    given and leaves a note of it. Without that note there is no index, and an error."""
    import pytest

    from ctwg.errors import SearchIndexError
    from ctwg.perf.pagefind import HANDOFF, HandedOver, SearchIndexer
    from ctwg.site.outputs.search import searchable_part

    owner = HandedOver(tmp_path / "state.json")
    try:
        with pytest.raises(SearchIndexError, match="not handed over"):
            owner.write(tmp_path / "site")
    finally:
        owner.stop()

    monkeypatch.setattr("ctwg.perf.pagefind.OVERLAP_MAX_PAGES", 0)  # as for a big site
    owner = HandedOver(tmp_path / "state.json")
    try:
        monkeypatch.setenv(HANDOFF, owner.env[HANDOFF])
        hook = SearchIndexer()  # what MkDocs runs, here in the same process
        hook.reset()
        hook.add("a/index.html", searchable_part("Alpha", "Page", "<p>handed over</p>"))
        hook.start(tmp_path / "site")
        assert not (tmp_path / "site" / "pagefind").exists()  # not written while "MkDocs" runs
        assert "1 pages indexed" in hook.finish()
        monkeypatch.delenv(HANDOFF)
        assert owner.write(tmp_path / "site") == "Indexed 1 pages"
    finally:
        owner.stop()
    assert "/a/" in fragments(tmp_path / "site")


def test_a_small_site_under_ctwg_build_gets_its_index_written_while_mkdocs_runs(tmp_path, monkeypatch):
    from ctwg.perf.pagefind import HANDOFF, HandedOver, SearchIndexer
    from ctwg.site.outputs.search import searchable_part

    owner = HandedOver(tmp_path / "state.json")
    try:
        monkeypatch.setenv(HANDOFF, owner.env[HANDOFF])
        hook = SearchIndexer()
        hook.reset()
        hook.add("a/index.html", searchable_part("Alpha", "Page", "<p>small site</p>"))
        hook.start(tmp_path / "site")
        assert hook.finish() == "Indexed 1 pages"
        assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()  # written by the hook
        monkeypatch.delenv(HANDOFF)
        assert owner.write(tmp_path / "site") == "Indexed 1 pages"
    finally:
        owner.stop()
    assert "/a/" in fragments(tmp_path / "site")


def test_record_pages_are_indexed_without_table_and_facts_boilerplate(built_site, catalog):
    """Excerpts show content: no "Field Value" header, no "Facts" heading, no badges or breadcrumbs."""
    frags = fragments(built_site)
    bad = [url for url, f in frags.items() if re.search(r"\bField\.? Value\b|\bFacts\. ", f["content"])]
    assert not bad, bad[:5]
    ctwg = frags["/fora/ctwg/"]["content"]
    assert "Kind Working group Established 2003" in ctwg  # the facts themselves are indexed
    assert not ctwg.split(". ", 1)[1].startswith("APEC forum")  # the badges are not
    assert "Home APEC fora CTWG" not in ctwg and "Home. APEC fora" not in ctwg


def test_route_pages_are_indexed_for_their_own_words_and_the_home_page_counts_for_less(built_site):
    """The audience pages repeat the group's summary and list records found on their own pages:
    only their own words are indexed. The home page's words carry a lower weight."""
    frags = fragments(built_site)
    summary_start = "APEC's forum for counter-terrorism and secure trade"
    for key in ("officials", "private-sector", "partners", "public"):
        f = frags[f"/for/{key}/"]
        assert summary_start not in f["content"], key
        assert f["word_count"] < 150, (key, f["word_count"])
    home = (built_site / "index.html").read_text(encoding="utf-8")
    body = home.split("data-pagefind-body", 1)[1]
    assert re.search(r'<div data-pagefind-weight="0\.\d+">', body), "the home page's weight is not lowered"
    for key in ("officials", "public"):
        assert "data-pagefind-weight" not in (built_site / f"for/{key}/index.html").read_text(encoding="utf-8")
