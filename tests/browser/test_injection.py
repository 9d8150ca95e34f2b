"""Hostile data cannot run script or template code on the built site.

A copy of data/ gets one forum whose name and summary carry HTML, Jinja and attribute-breaking
payloads, and a news item whose body has a javascript: Markdown link. The site built from it
is served and opened in Chromium: no dialog may fire, the page's CSP must not be triggered
(nothing was even attempted), the payloads must show as literal text, and the Jinja
expression must not be evaluated (no "49").
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from helpers import DATA, build_site

from .checks import console_errors, csp_violations, serve

SCRIPT = "<script>alert(1)</script>"
JINJA_EXPR = "{{ 7*7 }}"
JINJA_STMT = "{% if true %}x{% endif %}"
ATTR_BREAK = '"><img src=x onerror=alert(1)>'
FORUM = "meg-sec"
NEWS = "cted-attends-soft-targets-workshop"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(DATA, data)

    forum_file = data / "fora" / f"{FORUM}.yml"
    forum = yaml.safe_load(forum_file.read_text(encoding="utf-8"))
    forum["name"] = f"Evil {SCRIPT} {JINJA_EXPR} forum"
    forum["summary"] = f"Summary {JINJA_STMT} then {ATTR_BREAK} and {SCRIPT} and {JINJA_EXPR} end."
    forum_file.write_text(yaml.safe_dump(forum, allow_unicode=True, sort_keys=False), encoding="utf-8")

    news_file = data / "news" / f"{NEWS}.yml"
    news = yaml.safe_load(news_file.read_text(encoding="utf-8"))
    news["body"] = news["body"] + "\n\nClick [x](javascript:alert(1)) and [y](JaVaScRiPt:alert(2)) now.\n"
    news_file.write_text(yaml.safe_dump(news, allow_unicode=True, sort_keys=False), encoding="utf-8")

    out = root / "site"
    result = build_site(out, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


def open_checked(new_page, url: str):
    rec = new_page()
    rec.goto(url)
    rec.page.wait_for_timeout(300)  # give any injected handler (onerror) time to run
    assert rec.dialogs == [], f"a dialog fired: {rec.dialogs}"
    assert csp_violations(rec.page) == []
    assert rec.page.evaluate("() => document.querySelectorAll('article script, article img[src=\"x\"]').length") == 0
    return rec


def test_forum_page_shows_payloads_as_text(new_page, hostile_url):
    rec = open_checked(new_page, hostile_url + f"fora/{FORUM}/")
    page = rec.page
    heading = page.locator("article h1").first.inner_text()
    assert SCRIPT in heading
    assert JINJA_EXPR in heading and "49" not in heading
    summary = page.locator("article .ctwg-summary").inner_text()
    for payload in (JINJA_STMT, ATTR_BREAK, SCRIPT, JINJA_EXPR):
        assert payload in summary, (payload, summary)
    assert "49" not in summary
    # The page <title> and description carry the name as text too.
    assert SCRIPT in page.title()
    assert not console_errors(rec)


@pytest.mark.parametrize("page_path", ["fora/", "", "map/", "timeline/", "issue-areas/maritime-security/"])
def test_pages_that_list_the_forum_stay_inert(new_page, hostile_url, page_path):
    rec = open_checked(new_page, hostile_url + page_path)
    assert not console_errors(rec)


def test_javascript_link_is_not_a_link(new_page, hostile_url):
    rec = open_checked(new_page, hostile_url + f"news/{NEWS}/")
    page = rec.page
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], hrefs
    # Clicking what is left of the link runs nothing.
    x = page.locator("article .ctwg-body a", has_text="x")
    if x.count():
        x.first.click()
        page.wait_for_timeout(300)
    assert rec.dialogs == []
    assert not console_errors(rec)


def test_search_results_show_payloads_as_text(new_page, hostile_url):
    rec = new_page()
    page = rec.page
    rec.goto(hostile_url)
    page.locator("body").focus()
    page.keyboard.press("/")
    page.keyboard.type("Evil")
    page.wait_for_selector(".ctwg-search__result")
    page.wait_for_timeout(500)
    assert rec.dialogs == []
    assert csp_violations(page) == []
    assert page.evaluate("() => document.querySelectorAll('.ctwg-search__panel script, .ctwg-search__panel img,"
                         " .ctwg-search__panel [onerror], .ctwg-search__panel [onclick]').length") == 0
    first = page.locator(".ctwg-search__result").first.inner_text()
    assert SCRIPT in first, first


@pytest.mark.parametrize("h", ["<img src=x onerror=alert(1)>", "(", "a|b.*", "\"><script>alert(1)</script>"])
def test_highlight_words_from_the_address_are_text(new_page, hostile_url, h):
    """A result link's ?h= words are marked on the page: whatever they are, only as text."""
    from urllib.parse import quote

    rec = new_page()
    page = rec.page
    rec.goto(hostile_url + f"news/{NEWS}/?h={quote(h)}")
    page.wait_for_timeout(300)
    assert rec.dialogs == []
    assert csp_violations(page) == []
    assert not console_errors(rec)
    assert page.evaluate("() => document.querySelectorAll('article mark img, article mark script').length") == 0
