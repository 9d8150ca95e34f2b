"""The site search (Pagefind index + docs/assets/js/search.js) finds the right page FIRST,
from the header box and from the search page, by keyboard, on a phone, and safely.

Expected first results, and why:
- "food defense" -> the issue area "Food defense": it is the topic's hub page (it links the
  APEC Food Defense Initiative, its events and outcomes) and its title is exactly the query.
  The initiative must come right after it.
- "Tokyo" -> the 2018 Tokyo soft-targets workshop (the event held there: its city is a search
  keyword), before the news item about it.
- the other queries name a forum, an initiative, a document or an issue area by its short name.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

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

HEADER_INPUT = "#ctwg-search-q"
HEADER_LINKS = ".ctwg-search__results .ctwg-search__result > a"
HEADER_STATUS = ".ctwg-search__status"
PAGE_INPUT = "#ctwg-search-page-q"
PAGE_LINKS = ".ctwg-search-page__results .ctwg-search-page__result > a"
PAGE_STATUS = ".ctwg-search-page__status"


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    rec = open_page(browser)
    yield rec
    leaked = rec.all_external_requests
    rec.page.context.close()
    assert not leaked, f"requests to hosts other than 127.0.0.1: {leaked}"


def paths(site_url: str, hrefs: list[str]) -> list[str]:
    base = urlsplit(site_url).path
    return [urlsplit(h).path[len(base):] for h in hrefs]


def wait_for_answer(page, status_sel: str, query: str) -> None:
    """The status line names the query once the results for exactly that query are shown."""
    page.wait_for_function(
        """([sel, q]) => { const s = document.querySelector(sel);
             return s && (s.textContent.endsWith(' for ' + q + '.') || s.textContent.includes(' for ' + q + ' among ')
                          || s.textContent.startsWith('No results for ' + q + '.')); }""",
        arg=[status_sel, query], timeout=30_000)


def header_search(rec, site_url: str, query: str) -> list[str]:
    """On the home page, press "/" the way a keyboard user would, type the query key by key
    and return the result pages (paths relative to the site root), best first."""
    page = rec.page
    if page.url != site_url:
        rec.goto(site_url)
    page.locator("body").focus()
    page.keyboard.press("/")
    assert page.evaluate("(sel) => document.activeElement === document.querySelector(sel)", HEADER_INPUT), (
        "'/' did not focus the search box"
    )
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(query)
    wait_for_answer(page, HEADER_STATUS, query)
    return paths(site_url, page.eval_on_selector_all(HEADER_LINKS, "els => els.map(e => e.href)"))


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_first_result(search_page, site_url, query, expected):
    results = header_search(search_page, site_url, query)
    assert results, f"no result for {query!r}"
    assert results[0] == expected, f"{query!r}: first result {results[0]}, expected {expected}; top 5: {results[:5]}"
    assert not console_errors(search_page), console_errors(search_page)
    assert not csp_violations(search_page.page)


def test_food_defense_initiative_comes_next(search_page, site_url):
    results = header_search(search_page, site_url, "food defense")
    assert results[1] == "initiatives/food-defense-initiative/", results[:5]


def test_a_word_finds_longer_words_and_nonsense_finds_nothing(search_page, site_url):
    assert "issue-areas/counter-terrorism-finance/" in header_search(search_page, site_url, "terrorism financ")
    page = search_page.page
    assert header_search(search_page, site_url, "qqxqzzv") == []
    assert page.locator(HEADER_STATUS).inner_text() == "No results for qqxqzzv."


def test_keyboard_reaches_and_opens_a_result_which_marks_the_words(search_page, site_url):
    page = search_page.page
    header_search(search_page, site_url, "MEG-SEC")
    page.keyboard.press("ArrowDown")
    first = page.locator(HEADER_LINKS).first
    assert page.evaluate("(sel) => document.activeElement === document.querySelector(sel)", HEADER_LINKS)
    assert parse_qs(urlsplit(first.get_attribute("href")).query) == {"h": ["MEG-SEC"]}
    page.keyboard.press("Enter")
    page.wait_for_url("**/fora/meg-sec/**")
    assert page.locator("h1").first.inner_text().startswith("Maritime Security Experts Group")
    marks = page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)")
    assert marks and {m.lower() for m in marks} == {"meg-sec"}, sorted(set(marks))
    assert not console_errors(search_page)


def test_escape_closes_the_results_and_keeps_focus(search_page, site_url):
    page = search_page.page
    header_search(search_page, site_url, "ABTC")
    panel = page.locator(".ctwg-search__panel")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("(sel) => document.activeElement === document.querySelector(sel)", HEADER_INPUT)


def test_enter_opens_the_search_page_with_every_result_and_a_kind_filter(search_page, site_url):
    page = search_page.page
    header_search(search_page, site_url, "workshop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=workshop")
    wait_for_answer(page, PAGE_STATUS, "workshop")
    total = int(page.locator(PAGE_STATUS).inner_text().split()[0])
    assert total > 10, page.locator(PAGE_STATUS).inner_text()
    assert page.locator(PAGE_LINKS).count() == 10  # ten at a time
    page.locator(".ctwg-search-page__more button").click()
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n", arg=[PAGE_LINKS, min(20, total)])
    # The focus moves to the first new result, so keyboard users continue from there.
    assert page.evaluate("() => document.activeElement.closest('li') === "
                         "document.querySelectorAll('.ctwg-search-page__result')[10]")
    # Narrow to events: every result is an event, and the address bar keeps both choices.
    page.locator("#ctwg-search-page-kind").select_option("Event")
    # wait for the narrowed answer itself (the status then says "... among ..."), not the one before it
    page.wait_for_function("(sel) => document.querySelector(sel).textContent.includes(' for workshop among ')",
                           arg=PAGE_STATUS, timeout=30_000)
    page.wait_for_selector(".ctwg-search-page__result-kind", timeout=30_000)  # the list follows the status
    kinds = page.locator(".ctwg-search-page__result-kind").all_inner_texts()
    assert kinds and set(kinds) == {"Event"}, kinds
    assert parse_qs(urlsplit(page.url).query) == {"q": ["workshop"], "kind": ["Event"]}
    # The kind filter offers every record type the site has, with counts.
    options = page.locator("#ctwg-search-page-kind option").all_inner_texts()
    for label in ("APEC forum", "Issue area", "Initiative", "Event", "Outcome", "Document", "Page"):
        assert any(o.startswith(label + " (") for o in options), options
    assert not console_errors(search_page)


def test_a_shared_search_address_shows_its_results(new_page, site_url):
    rec = new_page()
    rec.goto(site_url + "search/?q=ABTC&kind=Initiative")
    page = rec.page
    wait_for_answer(page, PAGE_STATUS, "ABTC")
    assert page.locator("#ctwg-search-page-kind").input_value() == "Initiative"
    assert page.locator(PAGE_INPUT).input_value() == "ABTC"  # the box shows the query
    assert paths(site_url, page.eval_on_selector_all(PAGE_LINKS, "els => els.map(e => e.href)"))[0] == "initiatives/abtc/"
    assert page.locator(".ctwg-search-page__nojs").is_hidden()


def test_search_on_a_phone_goes_through_the_search_page(new_page, site_url):
    rec = new_page(width=375, height=800)
    page = rec.page
    rec.goto(site_url)
    assert page.locator(HEADER_INPUT).is_hidden()
    link = page.locator("a.ctwg-search__link")
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/")
    assert page.evaluate("(sel) => document.activeElement === document.querySelector(sel)", PAGE_INPUT)
    page.keyboard.type("ABTC")
    wait_for_answer(page, PAGE_STATUS, "ABTC")
    results = paths(site_url, page.eval_on_selector_all(PAGE_LINKS, "els => els.map(e => e.href)"))
    assert results[0] == "initiatives/abtc/", results[:5]
    assert not console_errors(rec)


def test_without_javascript_the_search_page_points_elsewhere(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "search/?q=ABTC")
        note = page.locator(".ctwg-search-page__nojs")
        assert note.is_visible()
        assert note.locator('a[href="../explore/"]').count() == 1
        # The header form of any page still leads here.
        page.goto(site_url + "fora/meg-sec/")
        action = page.eval_on_selector(".ctwg-search__form", "f => f.action")
        assert action == site_url + "search/", action
    finally:
        context.close()


def test_search_downloads_only_what_the_query_needs(new_page, site_url, site_dir):
    """Pagefind's index is in pieces: one query fetches a few of them, not the whole index."""
    rec = new_page()
    page = rec.page
    seen: list[str] = []
    page.on("requestfinished", lambda req: seen.append(req.url))
    header_search(rec, site_url, "ABTC")
    index_pieces = [u for u in seen if "/pagefind/index/" in u]
    all_pieces = list((site_dir / "pagefind" / "index").iterdir())
    assert 0 < len(index_pieces) <= 3, index_pieces
    assert len(all_pieces) >= len(index_pieces)


def type_query(rec, site_url: str, query: str) -> str:
    """Type a query into the header box; return the status line once its answer is shown."""
    page = rec.page
    if page.url != site_url:
        rec.goto(site_url)
    page.locator("body").focus()
    page.keyboard.press("/")
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(query)
    page.wait_for_function("([sel, q]) => { const t = document.querySelector(sel).textContent;"
                           " return t.includes(' for ' + q + '.') || t.includes('(instead of ' + q + ',')"
                           " || t.startsWith('No results for ' + q); }", arg=[HEADER_STATUS, query], timeout=30_000)
    return page.locator(HEADER_STATUS).inner_text()


def test_a_misspelt_query_is_corrected_from_the_records_names(search_page, site_url):
    status = type_query(search_page, site_url, "terorism")
    assert status.endswith(" for terrorism (instead of terorism, which finds less)."), status
    assert paths(site_url, search_page.page.eval_on_selector_all(HEADER_LINKS, "els => els.map(e => e.href)"))
    assert not console_errors(search_page)


@pytest.mark.parametrize(("typed", "expected"), [
    ("maritme", "issue-areas/maritime-security/"),
    ("cyber securty", "issue-areas/cyber-security/"),
    ("aviaton security", "issue-areas/aviation-security/"),
])
def test_a_misspelt_query_still_finds_the_page_meant(search_page, site_url, typed, expected):
    type_query(search_page, site_url, typed)
    results = paths(site_url, search_page.page.eval_on_selector_all(HEADER_LINKS, "els => els.map(e => e.href)"))
    assert expected in results[:6], (typed, results)


def test_a_query_of_unknown_words_still_says_no_results(search_page, site_url):
    results = header_search(search_page, site_url, "qwxzv")
    assert results == []
    assert search_page.page.locator(HEADER_STATUS).inner_text() == "No results for qwxzv."


@pytest.mark.parametrize("query", ["established", "Tokyo", "working group"])
def test_excerpts_show_content_not_table_or_page_furniture(new_page, site_url, query):
    """A result's excerpt is the page's own text: no "Field Value" table header, no "Facts"
    heading, no type badges ("APEC forum Working group") and no breadcrumbs."""
    rec = new_page()
    rec.goto(site_url + "search/?q=" + query.replace(" ", "+"))
    page = rec.page
    wait_for_answer(page, PAGE_STATUS, query)
    page.wait_for_selector(".ctwg-search-page__result-excerpt", timeout=30_000)
    excerpts = page.locator(".ctwg-search-page__result-excerpt").all_inner_texts()
    assert excerpts
    for text in excerpts:
        assert "Field Value" not in text and "Facts." not in text, text
        assert "APEC forum Working group" not in text and "Event Workshop" not in text, text
        assert "Home APEC fora" not in text, text
    assert not console_errors(rec)
