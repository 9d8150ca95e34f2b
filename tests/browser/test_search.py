"""Material's search (lunr in a web worker, every asset local) finds the right page FIRST.

Expected first results, and why:
- "food defense" -> the issue area "Food defense": it is the topic's hub page (it links the
  APEC Food Defense Initiative, its events and outcomes) and its title is exactly the query.
  The initiative must come right after it.
- "Tokyo" -> the 2018 Tokyo soft-targets workshop (the event held there), before the news item
  about it.
- the other queries name a forum, an initiative, a document or an issue area by its short name.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .checks import console_errors, csp_violations, open_page

QUERIES = [
    ("MEG-SEC", "fora/meg-sec/"),
    ("food defense", "issue-areas/food-defense/"),
    ("Tokyo", "events/tokyo-soft-targets-workshop-2018/"),
    ("2341", "documents/unsc-resolution-2341/"),
    ("STAR", "initiatives/star-conference/"),
    ("TEL/SPSG", "fora/tel-spsg/"),
    ("AML/CFT", "issue-areas/counter-terrorism-finance/"),
    ("ABTC", "initiatives/abtc/"),
]

RESULT_LINKS = ".md-search-result__list > .md-search-result__item > a.md-search-result__link"
QUERY_INPUT = 'input[data-md-component="search-query"]'


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    rec = open_page(browser)
    yield rec
    leaked = rec.all_external_requests
    rec.page.context.close()
    assert not leaked, f"requests to other hosts: {leaked}"


META = ".md-search-result__meta"


def run_search(rec, site_url: str, query: str, how: str = "keyboard") -> list[str]:
    """On the home page, open search the way a person would (the `/` key, or a click on the
    header's search button), type the query and return the result pages (paths relative to
    the site root, without query or fragment), best first. The page and its search index are
    reused between queries."""
    page = rec.page
    if page.url != site_url:
        rec.goto(site_url)
    box = page.locator(QUERY_INPUT)
    if not page.evaluate("() => document.getElementById('__search').checked"):
        if how == "keyboard":
            page.locator("body").focus()
            page.keyboard.press("/")
        else:
            page.locator('label[for="__search"]:visible').first.click()
        box.wait_for(state="visible")
        assert page.evaluate("(sel) => document.activeElement === document.querySelector(sel)", QUERY_INPUT), (
            "opening search did not focus the search box"
        )
    # Material searches on keyup: clear the box, then type the query key by key.
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_function(f"() => !/matching/i.test(document.querySelector('{META}')?.textContent || '')")
    box.press_sequentially(query)
    page.wait_for_function(
        f"() => /matching document/i.test(document.querySelector('{META}')?.textContent || '')", timeout=30_000
    )
    # Each key sent a query; the worker answers in order. Read the list once it has stopped
    # changing for 3 looks in a row (0.6 s), i.e. after the answer to the whole query.
    previous: list[str] | None = None
    same = 0
    for _ in range(100):
        hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
        same = same + 1 if hrefs and hrefs == previous else 0
        if same >= 3:
            break
        previous = hrefs
        page.wait_for_timeout(200)
    base = urlsplit(site_url).path
    return [urlsplit(h).path[len(base):] for h in previous or []]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_first_result(search_page, site_url, query, expected):
    results = run_search(search_page, site_url, query)
    assert results, f"no result for {query!r}"
    assert results[0] == expected, f"{query!r}: first result {results[0]}, expected {expected}; top 5: {results[:5]}"
    assert not console_errors(search_page), console_errors(search_page)
    assert not csp_violations(search_page.page)


def test_food_defense_initiative_comes_next(search_page, site_url):
    results = run_search(search_page, site_url, "food defense")
    assert "initiatives/food-defense-initiative/" in results[:3], results[:5]


def test_search_opens_from_the_header_button_on_a_phone(new_page, site_url):
    rec = new_page(width=375, height=800)
    results = run_search(rec, site_url, "ABTC", how="click")
    assert results and results[0] == "initiatives/abtc/", results[:5]
    assert not console_errors(rec)


def test_result_link_opens_the_page_with_the_terms_highlighted(search_page, site_url):
    page = search_page.page
    run_search(search_page, site_url, "MEG-SEC")
    assert page.locator(RESULT_LINKS).first.get_attribute("href").endswith("fora/meg-sec/?h=meg+sec")
    page.locator(RESULT_LINKS).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/fora/meg-sec/**")
    assert page.locator("h1").first.inner_text().startswith("Maritime Security Experts Group")
    assert page.locator("mark").count() > 0  # search.highlight marks the terms on the page
    assert not console_errors(search_page)
