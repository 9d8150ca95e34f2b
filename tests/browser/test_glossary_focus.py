"""The glossary's abbreviations in a browser: a term's meaning shows on hover and when the
keyboard reaches it (Material's tooltip, content.tooltips), and the focus is visible; the
glossary page's anchors lead to their terms."""

from __future__ import annotations

TOOLTIP = """text => {
  const t = [...document.querySelectorAll('.md-tooltip2--active')].find(e => e.textContent.includes(text));
  if (!t) return null;
  const r = t.getBoundingClientRect();
  return {text: t.textContent.trim(), shown: r.width > 0 && r.height > 0 && getComputedStyle(t).opacity !== '0'};
}"""


def _wait_tooltip(page, text):
    """The shown tooltip that says `text` (Material adds it to the page while it is shown)."""
    page.wait_for_function(TOOLTIP, arg=text)
    return page.evaluate(TOOLTIP, text)


def test_the_meaning_shows_on_focus_and_on_hover(new_page, site_url):
    rec = new_page()
    page = rec.page
    rec.goto(site_url + "fora/ctwg/")
    # Material moves an abbreviation's title into its tooltip while it is shown: read them first
    titles = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('article abbr')]"
                           ".map(a => [a.textContent, a.title]))")
    assert titles
    # Tab through the page until the first abbreviation has the focus (the keyboard reaches it)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "ABBR":
            break
    else:
        raise AssertionError("no abbreviation was reached with the Tab key")
    focused = page.evaluate("() => ({t: document.activeElement.textContent,"
                            " o: getComputedStyle(document.activeElement).outlineStyle})")
    assert focused["o"] != "none", "the focused abbreviation shows no outline"
    title = titles[focused["t"]]
    tip = _wait_tooltip(page, title)
    assert tip["shown"] and title in tip["text"]
    # tooltip is tied to the element for screen readers while shown
    assert page.evaluate("() => !!document.activeElement.getAttribute('aria-describedby')")
    page.keyboard.press("Tab")
    # hover: a later use of another term (no tab stop) shows its meaning too
    later = page.locator("article abbr:not([tabindex])").first
    later_title = later.get_attribute("title")
    later.scroll_into_view_if_needed()
    later.hover()
    tip = _wait_tooltip(page, later_title)
    assert tip["shown"]
    assert not rec.console_errors and not rec.page_errors


def test_the_glossary_anchors_lead_to_their_terms(new_page, site_url):
    rec = new_page()
    page = rec.page
    rec.goto(site_url + "glossary/#sccp")
    box = page.locator("dt#sccp").bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"]
    assert "Subcommittee on Customs Procedures" in page.locator("dt#sccp + dd").inner_text()
    page.locator(".ctwg-glossary-letters a[href='#letter-t']").click()
    assert page.evaluate("() => location.hash") == "#letter-t"
