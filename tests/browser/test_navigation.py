"""Keyboard and phone navigation.

- From the home page, the first Tab reaches "Skip to content", and focus is always visible.
- Tab and Enter alone lead home -> APEC fora -> the CTWG's page -> an event that links to it.
- A forum page lists its backlinks; a work-plan goal's cooperating parties lead to their pages.
- At 375 x 800 no page type scrolls sideways, and the menu button opens the navigation, with
  a click and with the keyboard.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .checks import console_errors, horizontal_overflow, site_pages

FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), cls: el.getAttribute('class') || '',
    text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 80),
    href: el.href || null, visible: outline || shadow, inViewport: r.width > 0 && r.height > 0,
  };
}"""


def h1_text(page) -> str:
    """The page's heading without its permalink mark."""
    return page.evaluate(
        """() => { const h = document.querySelector('article h1').cloneNode(true);
                   h.querySelectorAll('.headerlink').forEach(x => x.remove());
                   return h.textContent.trim(); }"""
    )


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return bool(box) and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]


def path_of(url: str, site_url: str) -> str:
    return urlsplit(url).path[len(urlsplit(site_url).path):]


def tab_to(page, site_url: str, want, max_tabs: int = 500) -> dict:
    """Press Tab until the focused element satisfies want(info); every element focused on the
    way must show a visible focus indicator."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info is None:
            continue
        assert info["visible"], f"focus is not visible on {info}"
        if info["href"]:
            info["path"] = path_of(info["href"], site_url)
        if want(info):
            return info
    raise AssertionError(f"Tab never reached the wanted element in {max_tabs} presses on {page.url}")


def press_enter_and_wait(page, site_url: str, expected_path: str) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url, site_url) == expected_path, page.url


@pytest.fixture
def desktop(new_page):
    return new_page()


def test_first_tab_reaches_skip_link(desktop, site_url):
    page = desktop.page
    desktop.goto(site_url)
    page.keyboard.press("Tab")
    info = page.evaluate(FOCUS_INFO)
    assert info and "md-skip" in info["cls"], info
    assert info["text"] == "Skip to content"
    assert info["visible"], "the skip link shows no focus indicator"
    # It is shown on screen while focused, and Enter moves on to the content.
    box = page.locator(".md-skip").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0
    target = urlsplit(info["href"]).fragment
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == target
    assert page.evaluate("(id) => !!document.getElementById(id)?.closest('article')", target)
    assert not console_errors(desktop)


def test_keyboard_only_journey_home_to_a_backlink(desktop, site_url, catalog):
    page = desktop.page
    desktop.goto(site_url)
    tab_to(page, site_url, lambda i: i.get("path") == "fora/")
    press_enter_and_wait(page, site_url, "fora/")
    tab_to(page, site_url, lambda i: i.get("path") == "fora/ctwg/")
    press_enter_and_wait(page, site_url, "fora/ctwg/")
    # A backlink: an event that names the group, listed under "Connections".
    events = {f"events/{e.id}/": e for e in catalog.referrers("ctwg", "events")}
    assert events
    in_connections = page.evaluate(
        """() => { const c = document.getElementById('connections');
                   return [...document.querySelectorAll('article a[href]')]
                     .filter(a => c && (c.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING))
                     .map(a => a.href); }"""
    )
    backlinks = {path_of(h, site_url) for h in in_connections} & set(events)
    assert backlinks, "the CTWG's page lists none of the events that name it"
    info = tab_to(page, site_url, lambda i: i.get("path") in backlinks)
    press_enter_and_wait(page, site_url, info["path"])
    assert h1_text(page).startswith(events[info["path"]].model.name)
    assert not console_errors(desktop)


def test_forum_page_lists_its_backlinks(desktop, site_url, catalog):
    page = desktop.page
    forum = catalog.get("meg-sec")
    desktop.goto(site_url + forum.url)
    links = page.evaluate(
        """() => { const c = document.getElementById('connections');
                   const s = document.getElementById('sources');
                   return [...document.querySelectorAll('article a[href]')].filter(a =>
                     (c.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) &&
                     (!s || (s.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_PRECEDING)))
                     .filter(a => a.offsetParent !== null).map(a => a.href); }"""
    )
    shown = {path_of(h, site_url) for h in links}
    expected = {r.url for r in catalog.referrers(forum.id)}
    assert expected, "meg-sec should have referrers in the data"
    assert expected <= shown, f"backlinks missing on {forum.url}: {sorted(expected - shown)}"


def test_goal_cooperating_party_link_leads_to_the_party(desktop, site_url, catalog):
    from ctwg.data.derived import display_name

    page = desktop.page
    goals = [e for e in catalog.of_type("workplan") if getattr(e.model, "cooperating_parties", None)]
    assert goals
    # By keyboard on one goal...
    goal = catalog.get("goal-5")
    party = catalog.get(goal.model.cooperating_parties[-1])
    desktop.goto(site_url + goal.url)
    tab_to(page, site_url, lambda i: i.get("path") == party.url)
    press_enter_and_wait(page, site_url, party.url)
    assert h1_text(page) == display_name(party)
    # ... and on every goal, the cooperating-party links are exactly the parties, and the
    # first one leads to its page.
    for goal in goals:
        desktop.goto(site_url + goal.url)
        # the facts are a definition list: the value follows its label
        row = page.locator("xpath=//article//dl[contains(@class, 'ctwg-facts')]"
                           "/dt[normalize-space()='Cooperating parties']/following-sibling::dd[1]")
        hrefs = row.locator("a").evaluate_all("els => els.map(a => a.href)")
        public = [p for p in goal.model.cooperating_parties if p in catalog]
        assert sorted(path_of(h, site_url) for h in hrefs) == sorted(catalog.get(p).url for p in public), goal.id
        first = next(catalog.get(p) for p in public if catalog.get(p).url == path_of(hrefs[0], site_url))
        with page.expect_navigation():
            row.locator("a").first.click()
        assert path_of(page.url, site_url) == first.url
        assert h1_text(page) == display_name(first)
    assert not console_errors(desktop)


# --------------------------------------------------------------------------- phone


def page_types(site) -> list[str]:
    """One page of each kind that has wide content: home, an index table, a record page with
    the cooperation diagram, the work plan and a goal, the timeline, the map, and the 404 page.
    (test_accessibility checks every page at phone width too.)"""
    wanted = ["", "events/", "outcomes/", "fora/ctwg/", "work-plan/", "work-plan/goal-5/",
              "timeline/", "map/", "economies/japan/", "404.html"]
    pages = set(site_pages(site))
    return [p for p in wanted if p in pages]


def test_no_horizontal_scroll_on_a_phone(new_page, site_dir, site_url):
    rec = new_page(width=375, height=800)
    wide = {}
    for path in page_types(site_dir):
        rec.goto(site_url + path)
        offenders = horizontal_overflow(rec.page)
        if offenders:
            wide[path] = offenders
    assert not wide, "pages that scroll sideways at 375 px:\n" + "\n".join(f"{p}: {o}" for p, o in wide.items())


def test_phone_menu_opens_and_shows_the_navigation(new_page, site_url):
    rec = new_page(width=375, height=800)
    page = rec.page
    rec.goto(site_url)
    nav_link = page.locator(".md-nav--primary a.md-nav__link", has_text="APEC fora").first
    assert not in_view(page, nav_link), "the menu is open before it was asked for"
    page.locator("button.ctwg-menu-button:visible").first.click()
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    page.wait_for_function("(el) => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.width > 0; }",
                           arg=nav_link.element_handle())
    links = page.locator(".md-nav--primary a.md-nav__link")
    assert sum(in_view(page, links.nth(i)) for i in range(links.count())) >= 5
    # Following a link from the menu works.
    with page.expect_navigation():
        page.locator(".md-nav--primary a.md-nav__link:visible", has_text="APEC fora").first.click()
    assert path_of(page.url, site_url) == "fora/"
    assert not console_errors(rec)


def test_phone_menu_opens_with_the_keyboard(new_page, site_url):
    rec = new_page(width=375, height=800)
    page = rec.page
    rec.goto(site_url)
    info = tab_to(page, site_url, lambda i: i["tag"] == "button" and "md-header__button" in i["cls"], max_tabs=10)
    assert info["text"] == "Open the navigation menu", info
    button = page.locator("button.ctwg-menu-button")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert button.get_attribute("aria-expanded") == "true"
    nav_link = page.locator(".md-nav--primary a.md-nav__link", has_text="APEC fora").first
    page.wait_for_function("(el) => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.width > 0; }",
                           arg=nav_link.element_handle())
    # Tab then reaches the links of the open menu.
    info = tab_to(page, site_url, lambda i: i.get("path") == "fora/", max_tabs=60)
    press_enter_and_wait(page, site_url, "fora/")
