"""The explorer and the outputs library: facets, counts, text filter, sort, URL state, Back,
reset, and the explorer on a phone.

The explorer page lists its first PAGE records and links to the type pages (every record,
without JavaScript); the script loads the filters' data (filters.json) beside the page, and
the rows, words and backlinks it needs as it needs them, and renders the matches. These
tests check both, and that the counts agree with the data.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from helpers import explorer_records

from .checks import console_errors

PAGE = 100  # the explorer puts at most this many matches in the page until "Show more"
TOP = 10  # a facet with more than 12 choices lists this many, with "More choices"


def _count_text(page) -> str:
    return page.locator(".ctwg-result-count").first.inner_text()


def _shown(page) -> int:
    """How many records match, from the announced count."""
    m = re.match(r"Showing (?:all )?(\d+)", _count_text(page))
    return int(m.group(1))


def _settled(page) -> None:
    """Wait until the list is complete (rows a change needs may be loading: aria-busy)."""
    page.wait_for_selector(".ctwg-results:not([aria-busy])", state="attached")


def _visible(page) -> int:
    """Matches, checked against what is in the list (capped at PAGE)."""
    _settled(page)
    n = _shown(page)
    assert page.locator(".ctwg-results > li:visible").count() == min(n, PAGE)
    return n


def _facet_count(page, facet: str, value: str) -> int:
    text = page.locator(f'#f-{facet}-{value} + label .ctwg-count').inner_text()
    return int(text.strip("()"))


def _data(site_dir, folder: str = "explore") -> tuple[dict, list[dict]]:
    """(filters.json, the decoded records in their order)."""
    return explorer_records(lambda name: (site_dir / folder / name).read_text(encoding="utf-8"))


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
    page.wait_for_function(f"() => document.querySelectorAll('.ctwg-results > li').length === {min(total, 2 * PAGE)}")
    _settled(page)
    assert page.evaluate("document.activeElement === document.querySelectorAll('.ctwg-results > li')[100].querySelector('a')")

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
    assert not page.is_checked("#f-type-events")
    assert not console_errors(rec)


def test_explorer_counts_agree_with_the_data(new_page, site_url, site_dir):
    """Every listed choice's count is what the records give with the other facets as chosen."""
    _, decoded = _data(site_dir)
    recs = [{k: set(v) for k, v in r["f"].items()} for r in decoded]
    page = new_page().page
    page.goto(site_url + "explore/?type=events&type=outcomes&economy=japan")
    page.wait_for_selector(".ctwg-explorer--ready")
    chosen = {"type": {"events", "outcomes"}, "economy": {"japan"}}

    def passes(r, skip=None):
        return all(r[k] & vals for k, vals in chosen.items() if k != skip)

    assert _shown(page) == sum(passes(r) for r in recs) > 0
    listed = page.evaluate("""() => Array.from(document.querySelectorAll('.ctwg-facets fieldset[data-facet] li'))
        .map(li => [li.closest('fieldset[data-facet]').dataset.facet, li.querySelector('input').value,
                    +li.querySelector('.ctwg-count').textContent.slice(1, -1)])""")
    assert len(listed) > 20
    for key, value, n in listed:
        assert n == sum(value in r[key] for r in recs if passes(r, skip=key)), (key, value)


def test_explorer_announces_counts_to_screen_readers(new_page, site_url):
    page = new_page().page
    page.goto(site_url + "explore/")
    status = page.locator(".ctwg-result-count")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.wait_for_selector(".ctwg-explorer--ready")
    # every checkbox and text box has a label
    for box in page.locator(".ctwg-facets input").all():
        assert page.locator(f'label[for="{box.get_attribute("id")}"]').count() == 1


def test_explorer_large_facets_find_and_more_choices(new_page, site_url, site_dir):
    """A facet with many choices lists its TOP most used; "More choices" and a find box reach the rest."""
    data, recs = _data(site_dir)
    party = next(f for f in data["facets"] if f["key"] == "party")
    assert len(party["values"]) > 12
    rare_value, rare_name = party["values"][-1]
    rec = new_page()
    page = rec.page
    page.goto(site_url + "explore/")
    page.wait_for_selector(".ctwg-explorer--ready")
    boxes = page.locator('fieldset[data-facet="party"] input[type=checkbox]')
    assert boxes.count() == TOP
    assert page.locator(f"#f-party-{rare_value}").count() == 0
    more = page.locator('fieldset[data-facet="party"] .ctwg-more-choices')
    assert more.inner_text() == f"More choices ({len(party['values']) - TOP})"
    # keyboard: the button adds choices and focus moves to the first new one
    more.focus()
    page.keyboard.press("Enter")
    assert boxes.count() == min(2 * TOP, len(party["values"]))
    assert page.evaluate("document.activeElement.id") == f"f-party-{party['values'][TOP][0]}"
    # the find box lists the choices whose name matches
    page.fill("#ff-party", rare_name)
    page.wait_for_selector(f"#f-party-{rare_value}")
    names = page.locator('fieldset[data-facet="party"] li label').all_inner_texts()
    assert names and all(rare_name.lower() in n.lower() for n in names)
    page.check(f"#f-party-{rare_value}")
    assert f"party={rare_value}" in unquote(page.url)
    expected = sum(rare_value in r["f"]["party"] for r in recs)
    assert _shown(page) == expected
    # a chosen value stays listed when the find box is cleared, and the URL brings it back
    page.fill("#ff-party", "")
    assert page.is_checked(f"#f-party-{rare_value}")
    page.reload()
    page.wait_for_selector(".ctwg-explorer--ready")
    assert page.is_checked(f"#f-party-{rare_value}") and _shown(page) == expected
    page.fill("#ff-party", "no such forum anywhere")
    assert page.locator('fieldset[data-facet="party"] .ctwg-none').is_visible()
    assert not console_errors(rec)


def test_explorer_without_javascript_lists_the_first_records_and_links_every_type(browser, site_url, site_dir):
    _, recs = _data(site_dir)
    total = len(recs)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "explore/")
        assert page.locator(".ctwg-results > li:visible").count() == PAGE < total
        assert _count_text(page) == f"Showing the first {PAGE} of {total} records."
        assert "every record is listed on the page of its type" in page.locator(".ctwg-nojs").inner_text()
        links = page.locator(".ctwg-by-type a")
        texts = page.locator(".ctwg-by-type").inner_text()
        counts = {m.group(1): int(m.group(2)) for m in re.finditer(r"([A-Z][\w ]+?) \((\d+)\)", texts)}
        assert sum(counts.values()) == total and links.count() == len(counts)
        types = Counter(r["h"].split("/")[1] for r in recs)
        hrefs = links.evaluate_all("as => as.map(a => a.href)")
        assert sorted(h.rstrip("/").rsplit("/", 1)[1] for h in hrefs) == sorted(types)
        # each type page lists each of its records
        for href in hrefs:
            page.goto(href)
            html = page.content()
            folder = href.rstrip("/").rsplit("/", 1)[1]
            missing = [r["id"] for r in recs if r["h"].split("/")[1] == folder
                       and f'href="{r["id"]}/"' not in html and f'/{r["id"]}/"' not in html]
            assert not missing, (href, missing[:5])
    finally:
        context.close()


def test_library_filters_by_issuer(new_page, site_url):
    page = new_page().page
    page.goto(site_url + "documents/")
    page.wait_for_selector(".ctwg-explorer--ready")
    total = int(page.locator(".ctwg-result-count").get_attribute("data-total"))
    if not page.locator("#f-issuer-unsc").is_visible():  # not among the most used issuers: find it
        page.fill("#ff-issuer", "UNSC")
    page.check("#f-issuer-unsc")
    _settled(page)
    titles = page.locator(".ctwg-results > li:visible a:not(.ctwg-external)").all_inner_texts()
    assert titles and len(titles) < total
    assert len(titles) == _shown(page)
    assert all("Resolution" in t or "resolution" in t for t in titles), titles
    assert "UN symbol S/RES/2341 (2017)" in page.locator(".ctwg-results").inner_text()


def test_library_lists_every_document_without_javascript(browser, site_url, site_dir):
    total = len(_data(site_dir, "documents")[1])
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "documents/")
        assert page.locator(".ctwg-results > li:visible").count() == total
        assert _count_text(page) == f"Showing all {total} records."
        assert page.locator(".ctwg-nojs").is_visible()
    finally:
        context.close()


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


PHONE = {"width": 375, "height": 667}  # a small phone's first screen


def test_explorer_on_a_phone_folds_the_filters_and_shows_the_first_result(new_page, browser, site_url):
    """At 375 px the filters are a closed "Filters" summary, so the first result is on the first
    screen; it opens without script and counts the active filters. Wide screens show the form."""
    rec = new_page(**PHONE)
    page = rec.page
    page.goto(site_url + "explore/")
    page.wait_for_selector(".ctwg-explorer--ready")
    summary = page.locator(".ctwg-explorer details > summary")
    assert summary.is_visible() and summary.inner_text().strip() == "Filters"
    assert not page.locator("form[data-ctwg-facets]").is_visible()
    first = page.locator(".ctwg-results > li").first.bounding_box()
    assert first and first["y"] + first["height"] <= PHONE["height"], first
    summary.click()
    assert page.locator("#f-type-events").is_visible()
    page.check("#f-type-events")
    page.check("#f-area-aviation-security")
    _visible(page)
    assert summary.inner_text().strip() == "Filters (2 active)"
    # the same page without JavaScript: folded too, and <details> opens by itself
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        nojs = context.new_page()
        nojs.goto(site_url + "explore/")
        assert not nojs.locator("form[data-ctwg-facets]").is_visible()
        nojs.locator(".ctwg-explorer details > summary").click()
        assert nojs.locator("form[data-ctwg-facets]").is_visible()
    finally:
        context.close()
    wide = new_page(width=1280, height=900).page
    wide.goto(site_url + "explore/")
    wide.wait_for_selector(".ctwg-explorer--ready")
    assert wide.locator("#f-type-events").is_visible()
    assert not wide.locator(".ctwg-explorer details > summary").is_visible()
    assert not console_errors(rec)


def _listed_hrefs(page) -> list[str]:
    _settled(page)
    return page.locator(".ctwg-results > li > a:first-child").evaluate_all("as => as.map(a => a.getAttribute('href'))")


def test_explorer_sorts_by_date_both_ways_and_keeps_it_in_the_url(new_page, site_url, site_dir):
    _, recs = _data(site_dir)
    events = [r for r in recs if r["f"]["type"] == ["events"]]
    assert len({r["date"] for r in events}) > 5

    def expected(newest: bool) -> list[str]:
        dated = sorted((r for r in events if r["date"] is not None),
                       key=lambda r: (-r["date"] if newest else r["date"], r["i"]))
        return [r["h"] for r in dated + [r for r in events if r["date"] is None]][:PAGE]

    rec = new_page(**PHONE)
    page = rec.page
    page.goto(site_url + "explore/?type=events")
    page.wait_for_selector(".ctwg-explorer--ready")
    by_name = _listed_hrefs(page)
    assert by_name == [r["h"] for r in events][:PAGE]
    sort = page.locator("#ctwg-sort")
    assert sort.is_visible()  # on the first screen's side of the folded filters
    sort.select_option("newest")
    page.wait_for_function("() => location.search.includes('sort=newest')")
    assert _listed_hrefs(page) == expected(True) != by_name
    sort.select_option("oldest")
    page.wait_for_function("() => location.search.includes('sort=oldest')")
    assert _listed_hrefs(page) == expected(False)
    # the URL keeps it: reloading restores the order, Back undoes it
    page.reload()
    page.wait_for_selector(".ctwg-explorer--ready")
    assert sort.input_value() == "oldest" and _listed_hrefs(page) == expected(False)
    page.go_back()
    page.wait_for_function("() => location.search.includes('sort=newest')")
    assert sort.input_value() == "newest" and _listed_hrefs(page) == expected(True)
    sort.select_option("")
    page.wait_for_function("() => !location.search.includes('sort=')")
    assert _listed_hrefs(page) == by_name
    assert not console_errors(rec)


def _status_choices(page) -> dict[str, list[str]]:
    """The status choices a reader can see, by group: {group: [choice label]}."""
    return page.evaluate("""() => {
      const out = {};
      for (const g of document.querySelectorAll('fieldset[data-facet=status] fieldset[data-group]')) {
        if (!g.checkVisibility()) continue;
        out[g.dataset.group] = [...g.querySelectorAll('li label')].filter(l => l.checkVisibility())
          .map(l => l.firstChild.textContent.trim());
      }
      return out;
    }""")


def test_explorer_status_choices_follow_the_record_type(new_page, site_url, site_dir):
    """Initiatives and outcomes have different statuses: a reader sees only those of the chosen types."""
    from ctwg.data import constants
    from ctwg.site.markup import value_label

    _, recs = _data(site_dir)
    words = {t: {value_label(s) for s in v} for t, v in
             (("initiatives", constants.INITIATIVE_STATUSES), ("outcomes", constants.PROGRESS_STATUSES),
              ("workplan", constants.PROGRESS_STATUSES))}
    rec = new_page(**PHONE)
    page = rec.page
    page.goto(site_url + "explore/")
    page.wait_for_selector(".ctwg-explorer--ready")
    page.locator(".ctwg-explorer details > summary").click()
    every = _status_choices(page)
    assert {"initiatives", "outcomes"} <= set(every)
    for group, labels in every.items():
        assert labels and set(labels) <= words[group], (group, labels)
    page.check("#f-type-outcomes")
    _settled(page)
    assert set(_status_choices(page)) == {"outcomes"}
    assert "Active" not in _status_choices(page)["outcomes"]  # an initiative's status
    page.check("#f-type-initiatives")
    _settled(page)
    assert set(_status_choices(page)) == {"initiatives", "outcomes"}
    page.uncheck("#f-type-outcomes")
    page.uncheck("#f-type-initiatives")
    page.check("#f-type-events")  # events have no status: no status facet
    _settled(page)
    assert not page.locator('fieldset[data-facet="status"]').is_visible()
    page.uncheck("#f-type-events")
    page.check("#f-type-outcomes")
    page.check("#f-status-outcomes-delivered")
    n = _visible(page)
    assert n == sum(r["f"]["status"] == ["outcomes-delivered"] for r in recs) > 0
    assert "status=outcomes-delivered" in page.url
    assert not console_errors(rec)
