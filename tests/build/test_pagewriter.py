"""The page writer (ctwg.perf.pagewriter): under `build` a child process finishes and writes every
page, byte for byte as the plugin would have (finished_page, then MkDocs' encoding); a failure
in it stops the build with its message; MkDocs' "Page skipped" line for each page it was handed
back empty stays out of the log while the writer runs, and only then."""

from __future__ import annotations

import logging

import pytest

from ctwg.data.terms import glossary_terms
from ctwg.errors import PageWriteError
from ctwg.perf.pagewriter import PageWriter
from ctwg.site.outputs.abbreviations import Marker
from ctwg.site.outputs.html_fixes import finished_page

PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CTWG</title>'
        '<script>var a = 1;</script></head><body>'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<article class="md-content__inner"><div markdown="0"><p>The CTWG and the APEC fora, '
        'Việt Nam \u2013 {sign} \ud800.</p></div></article></body></html>')


@pytest.fixture(scope="module")
def terms(catalog):
    return glossary_terms(catalog)


def test_the_child_writes_each_page_as_the_plugin_would(tmp_path, terms):
    pages = {"index.html": PAGE, "fora/ctwg/index.html": PAGE.replace("CTWG and", "CTTF and"),
             "fora/sccp/index.html": PAGE.replace("fora", "SCCP")}
    writer = PageWriter(tmp_path, terms, preview=False)
    for dest, html in pages.items():
        writer.write(dest, html, dest.removesuffix("index.html"))
    writer.finish()
    marker = Marker(terms)
    for dest, html in pages.items():
        want = finished_page(html, False, marker, dest.removesuffix("index.html")).encode("utf-8", errors="xmlcharrefreplace")
        assert (tmp_path / dest).read_bytes() == want, dest
    assert b"<abbr" in (tmp_path / "index.html").read_bytes() and b"Content-Security-Policy" in want
    # a preview's pages have no policy (the preview server adds its script afterwards)
    writer = PageWriter(tmp_path / "preview", terms, preview=True)
    writer.write("index.html", PAGE, "")
    writer.finish()
    assert (tmp_path / "preview" / "index.html").read_bytes() == finished_page(PAGE, True, marker, "").encode(
        "utf-8", errors="xmlcharrefreplace")


def test_a_failure_in_the_writer_stops_the_build_with_its_message(tmp_path, terms):
    (tmp_path / "fora").write_text("a file where a folder should be", encoding="utf-8")
    writer = PageWriter(tmp_path, terms, preview=False)
    writer.write("index.html", PAGE, "")
    with pytest.raises(PageWriteError, match=r"The pages could not be written: .*(FileExistsError|NotADirectoryError)"):
        for _ in range(50):  # the child may stop before all are handed on: the error comes from write or finish
            writer.write("fora/ctwg/index.html", PAGE, "fora/ctwg/")
        writer.finish()
    assert (tmp_path / "index.html").is_file()


def test_skipped_page_lines_stay_out_of_the_log_while_the_writer_runs(tmp_path, terms, caplog):
    log = logging.getLogger("mkdocs.commands.build")
    with caplog.at_level(logging.INFO, logger="mkdocs.commands.build"):
        writer = PageWriter(tmp_path, terms, preview=False)
        log.info("Page skipped: 'events/x.md'. Generated empty output.")
        log.info("Another line")
        writer.finish()
        log.info("Page skipped: 'events/y.md'. Generated empty output.")
    said = [r.getMessage() for r in caplog.records]
    assert said == ["Another line", "Page skipped: 'events/y.md'. Generated empty output."], said
