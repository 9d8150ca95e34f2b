"""The home page and a forum page as a reader sees them at 375 px (a phone) and 1280 px.

- Screenshots (full page) of both pages at both widths are written during the run into
  test-output/screenshots/ (git-ignored; README names it) for reviewers to look at.
- Neither page scrolls sideways; on the home page at 375 px the key figures are all on the
  first screen; every text in the key figures and the fora chart is at least 12 px as rendered,
  and none is cut off.
- The header: at 1280 px the menu button is hidden (the sidebar it opens is on screen) and the
  site's full name shows uncut; at 375 px the menu button shows and the short name shows uncut;
  nothing in the header is under 11 px.
- The checks themselves fail on a page made to break them.
"""

from __future__ import annotations

import pytest

from helpers import ROOT

from .checks import cut_off, horizontal_overflow, small_text

SCREENSHOTS = ROOT / "test-output" / "screenshots"
WIDTHS = {375: 800, 1280: 900}  # width -> height of the first screen
PAGES = {"home": "", "forum-ctwg": "fora/ctwg/"}
HOME_FIGURE = ".ctwg-figures, .ctwg-chart"


@pytest.fixture(params=sorted(WIDTHS), ids=lambda w: f"{w}px")
def width(request) -> int:
    return request.param


@pytest.mark.parametrize("name", sorted(PAGES))
def test_screenshot_and_no_sideways_scroll(new_page, site_url, width, name):
    height = WIDTHS[width]
    rec = new_page(width=width, height=height)
    rec.goto(site_url + PAGES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{width}.png"
    shot.unlink(missing_ok=True)
    rec.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000, f"{shot} is (nearly) empty"
    assert horizontal_overflow(rec.page, width, height) == []


def test_home_key_figures_are_on_the_first_screen_of_a_phone(new_page, site_url):
    rec = new_page(width=375, height=WIDTHS[375])
    rec.goto(site_url)
    boxes = rec.page.evaluate("""() => [...document.querySelectorAll('.ctwg-figures > li')].map(li => {
        const r = li.getBoundingClientRect(); return {text: li.innerText.replace(/\\s+/g, ' '), top: r.top,
        bottom: r.bottom, left: r.left, right: r.right}; })""")
    assert len(boxes) == 7, boxes  # fora, partners, economies, initiatives, events, documents, years
    off = [b for b in boxes if b["top"] < 0 or b["bottom"] > WIDTHS[375] or b["left"] < 0 or b["right"] > 375]
    assert not off, f"key figures not on the first screen at 375 x {WIDTHS[375]}: {off}"


def test_home_figures_and_chart_text_is_at_least_12px_and_not_cut_off(new_page, site_url, width):
    rec = new_page(width=width, height=WIDTHS[width])
    rec.goto(site_url)
    page = rec.page
    assert page.locator(".ctwg-chart a").count() >= 10, "the fora chart is missing"
    assert small_text(page, HOME_FIGURE, 12) == []
    assert cut_off(page, ".ctwg-figures a, .ctwg-chart__box") == []


def test_header_at_desktop_and_phone(new_page, site_url, width):
    rec = new_page(width=width, height=WIDTHS[width])
    rec.goto(site_url)
    page = rec.page
    menu = page.locator(".md-header button.ctwg-menu-button")
    full, short = page.locator(".md-header .ctwg-title--full"), page.locator(".md-header .ctwg-title--short")
    site_name = page.locator(".md-header .md-logo").get_attribute("aria-label")
    assert full.text_content().strip() == site_name
    if width >= 1220:  # Material's 76.25em: the sidebar is on the screen
        assert page.locator(".md-sidebar--primary .md-nav--primary").first.is_visible()
        assert menu.count() == 1 and not menu.is_visible(), "the menu button shows beside the sidebar it would open"
        assert full.is_visible() and not short.is_visible()
    else:
        assert menu.is_visible()
        assert short.is_visible() and not full.is_visible()
        assert len(short.text_content().strip()) < len(site_name)
    assert cut_off(page, ".md-header__topic:first-child .md-ellipsis") == [], "the site's name is cut off"
    assert small_text(page, ".md-header", 11) == []


BROKEN = """<!doctype html><html><head><style>
  .md-header__topic .md-ellipsis { display: block; width: 60px; overflow: hidden; white-space: nowrap; }
</style></head><body>
<div class="md-header"><div class="md-header__topic"><span class="md-ellipsis">A long site name</span></div>
  <span style="font-size: 10px">tiny</span></div>
<ul class="ctwg-figures"><li><a href="#">16 <span style="font-size: 11px">APEC fora</span></a></li></ul>
<div class="ctwg-chart"><span style="display: inline-block; transform: scale(0.5)">shrunk</span></div>
<div style="width: 2000px">wide</div>
</body></html>"""


def test_the_checks_fail_on_a_page_that_breaks_them(new_page):
    page = new_page(width=375, height=800).page
    page.set_content(BROKEN)
    small = small_text(page, HOME_FIGURE, 12)
    assert any('"APEC fora": 11px' in s for s in small) and any('"shrunk"' in s for s in small), small
    assert not any('"16"' in s for s in small), small
    assert any('"tiny": 10px' in s for s in small_text(page, ".md-header", 11))
    assert cut_off(page, ".md-header__topic:first-child .md-ellipsis")
    assert horizontal_overflow(page, 375, 800)
