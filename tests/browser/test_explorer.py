"""The explorer and the outputs library: facets, counts, text filter, URL state, Back, reset.

The list is rendered in full on the server; these tests check what the script adds on top.
"""

from __future__ import annotations

import re

from .checks import console_errors


def _count_text(page) -> str:
    return page.locator(".ctwg-result-count").first.inner_text()


PAGE = 100  # the explorer puts at most this many matches in the page until "Show more"


def _shown(page) -> int:
    """How many records match, from the announced count."""
    m = re.match(r"Showing (?:all )?(\d+)", _count_text(page))
    return int(m.group(1))


def _visible(page) -> int:
    """Matches, checked against what is in the list (capped at PAGE)."""
    n = _shown(page)
    assert page.locator(".ctwg-results > li:visible").count() == min(n, PAGE)
    return n


def _facet_count(page, facet: str, value: str) -> int:
    text = page.locator(f'#f-{facet}-{value} + label .ctwg-count').inner_text()
    return int(text.strip("()"))


def test_explorer_facets_counts_url_and_reset(new_page, site_url):
    rec = new_page()
    page = rec.page
    page.goto(site_url + "explore/")
    page.wait_for_selector(".ctwg-explorer--ready")
    total = int(page.locator(".ctwg-result-count").get_attribute("data-total"))
    assert total > PAGE and _visible(page) == total
    assert _count_text(page) == f"Showing all {total} records."
    # "Show more" adds the next page and moves focus to its first item
    page.locator(".ctwg-more button").click()
    assert page.locator(".ctwg-results > li").count() == min(total, 2 * PAGE)
    assert page.evaluate("document.activeElement.closest('.ctwg-results') !== null")

    events_before = _facet_count(page, "type", "events")
    area_before = _facet_count(page, "area", "aviation-security")

    page.check("#f-type-events")
    shown = _visible(page)
    assert shown == events_before < total
    assert _count_text(page) == f"Showing {shown} of {total} records."
    assert "type=events" in page.url
    # counts in other facets now count only events
    assert _facet_count(page, "area", "aviation-security") < area_before

    page.check("#f-area-aviation-security")
    both = _visible(page)
    assert 0 < both < shown
    assert re.search(r"type=events.*area=aviation-security|area=aviation-security.*type=events", page.url)
    titles = page.locator(".ctwg-results > li:visible a").all_inner_texts()
    assert any("Air Cargo" in t for t in titles)

    # the URL holds the state: reloading restores it
    page.reload()
    page.wait_for_selector(".ctwg-explorer--ready")
    assert page.is_checked("#f-type-events") and page.is_checked("#f-area-aviation-security")
    assert _visible(page) == both

    # Back undoes the last choice
    page.go_back()
    page.wait_for_function("() => !document.querySelector('#f-area-aviation-security').checked")
    assert _visible(page) == shown

    # the text box narrows further and is kept in the URL
    page.fill("#ctwg-q", "singapore")
    page.wait_for_function("() => location.search.includes('q=singapore')")
    assert 0 < _visible(page) <= shown

    # clearing restores every record
    page.locator(".ctwg-facets button[type=reset]").click()
    page.wait_for_function(f"() => document.querySelector('.ctwg-result-count').textContent === 'Showing all {total} records.'")
    assert _count_text(page) == f"Showing all {total} records."
    assert "?" not in page.url
    assert not console_errors(rec)


def test_explorer_announces_counts_to_screen_readers(new_page, site_url):
    page = new_page().page
    page.goto(site_url + "explore/")
    status = page.locator(".ctwg-result-count")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    # every checkbox has a label
    assert page.locator(".ctwg-facets input[type=checkbox]:not([id])").count() == 0


def test_explorer_lists_everything_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "explore/")
        total = page.locator(".ctwg-results > li").count()
        assert total > 100 and page.locator(".ctwg-results > li:visible").count() == total
    finally:
        context.close()


def test_library_filters_by_issuer(new_page, site_url):
    page = new_page().page
    page.goto(site_url + "documents/")
    page.wait_for_selector(".ctwg-explorer--ready")
    total = page.locator(".ctwg-results > li").count()
    page.check("#f-issuer-unsc")
    titles = page.locator(".ctwg-results > li:visible a").all_inner_texts()
    assert titles and len(titles) < total
    assert len(titles) == _shown(page)
    assert all("Resolution" in t or "resolution" in t for t in titles), titles
    assert "UN symbol S/RES/2341 (2017)" in page.locator(".ctwg-results").inner_text()


def test_record_pages_link_long_lists_to_the_explorer(new_page, site_url):
    """?links=ID keeps the records that refer to ID (record pages use it past 5 connections)."""
    page = new_page().page
    page.goto(site_url + "explore/?links=ctwg&type=outcomes")
    page.wait_for_selector(".ctwg-explorer--ready")
    n = _visible(page)
    assert 5 < n < 146
    assert "Counter-Terrorism Working Group" in page.locator(".ctwg-links-note").inner_text()
    ctwg = page.context.new_page()
    ctwg.goto(site_url + "fora/ctwg/")
    link = ctwg.locator("a", has_text=f"see all {n} in the explorer")
    assert link.count() == 1
    page.locator(".ctwg-facets button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert page.locator(".ctwg-links-note").is_hidden()
