"""The built site opened from the disk (file://), as a pull request's download is (issue 16).

From the disk the pages show with their styles and scripts, but a link to a folder opens a
list of files, and Pagefind and the explorer cannot fetch their data. So every page says at
its top, when (and only when) it is opened that way, how to view it; and the download holds
.github/preview/HOW-TO-VIEW.html, which says it step by step.
"""

from __future__ import annotations

from helpers import ROOT  # noqa: E402

from .checks import console_errors, format_violations, run_axe

NOTE = "#ctwg-from-disk"
COMMAND = "python3 -m http.server 8000 --bind 127.0.0.1"
HOW_TO_VIEW = ROOT / ".github" / "preview" / "HOW-TO-VIEW.html"


def test_a_page_opened_from_disk_says_how_to_view_it(new_page, site_dir):
    rec = new_page()
    for rel in ("index.html", "events/index.html", "fora/ctwg/index.html", "explore/index.html"):
        rec.goto((site_dir / rel).as_uri())
        note = rec.page.locator(NOTE)
        assert note.is_visible(), f"{rel}: no note saying how to view the site"
        text = note.inner_text()
        assert COMMAND in text and "http://127.0.0.1:8000/" in text, text
        # At the top of the page's content, before its heading.
        assert rec.page.evaluate(
            "(sel) => document.querySelector('.md-content__inner').firstElementChild === document.querySelector(sel)", NOTE)
    assert not rec.external_requests


def test_a_served_page_has_no_such_note(new_page, site_url):
    rec = new_page()
    for path in ("", "events/", "explore/"):
        rec.goto(site_url + path)
        rec.page.wait_for_load_state("load")
        assert rec.page.locator(NOTE).count() == 0, path
        assert not console_errors(rec)


def test_how_to_view_the_download(new_page):
    rec = new_page()
    rec.goto(HOW_TO_VIEW.as_uri())
    page = rec.page
    text = page.locator("main").inner_text()
    assert COMMAND in text and "py -m http.server" in text
    assert page.locator('a[href="http://127.0.0.1:8000/"]').count() == 1
    assert page.title() == "How to view this preview of the site"
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    assert not console_errors(rec) and not rec.external_requests
