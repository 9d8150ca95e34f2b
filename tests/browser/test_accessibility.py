"""Every built page, in the light AND the dark palette: axe-core (WCAG 2.0/2.1/2.2 A and AA)
finds no violation, and the page makes no console error, no request to another host and no
Content-Security-Policy violation. In the light pass each page is also checked at phone width
(375 x 800) for sideways scrolling.

The two palettes are scanned at the same time, each in its own thread with its own
Playwright instance and browser (Playwright's sync API is per thread), so the ~170 pages x 2
take about half the time. Each test below then reads the findings of the one scan.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .checks import (
    LAUNCH_ARGS,
    attach,
    axe_source,
    chromium_path,
    console_errors,
    csp_violations,
    external_requests,
    format_violations,
    horizontal_overflow,
    page_file,
    run_axe,
    site_pages,
)

# axe rules switched off, each with the reason it is off. Keep this empty unless a rule is
# wrong for this site; run_axe refuses an entry without a reason.
DISABLED_RULES: dict[str, str] = {}

SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> Material's scheme
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class PageFindings:
    scheme_attr: str | None = None
    violations: list[dict] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    csp: list[dict] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    status: int | None = None


def _scan(site: Path, base_url: str, scheme: str, pages: list[str]) -> dict[str, PageFindings]:
    from playwright.sync_api import sync_playwright

    found: dict[str, PageFindings] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS, headless=True)
        try:
            context = browser.new_context(
                color_scheme=scheme, viewport=DESKTOP, service_workers="block"
            )
            context.set_default_timeout(20_000)
            # axe-core goes into every document once, through the DevTools protocol (outside the
            # page's CSP), instead of being sent over from Python for each page.
            context.add_init_script(script=axe_source())
            page = context.new_page()
            rec = attach(page)
            for path in pages:
                f = found[path] = PageFindings()
                response = rec.goto(base_url + path)
                f.status = response.status if response else None
                f.scheme_attr = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                f.violations = run_axe(page, disabled=DISABLED_RULES)
                if scheme == "light":  # the layout does not depend on the palette: check it once
                    f.overflow = horizontal_overflow(page, 375, 800)
                    page.set_viewport_size(DESKTOP)
                f.csp = csp_violations(page)
                f.console = console_errors(rec)
                f.external = external_requests(rec)
        finally:
            browser.close()
    return found


@pytest.fixture(scope="module")
def scan(site_dir, site_url) -> dict[str, dict[str, PageFindings]]:
    pages = site_pages(site_dir)
    assert len(pages) > 150, pages
    with ThreadPoolExecutor(max_workers=len(SCHEMES)) as pool:
        futures = {s: pool.submit(_scan, site_dir, site_url, s, pages) for s in SCHEMES}
        return {s: f.result() for s, f in futures.items()}


def _report(scan_one: dict[str, PageFindings], attr: str) -> dict[str, object]:
    return {path: getattr(f, attr) for path, f in scan_one.items() if getattr(f, attr)}


def test_every_page_was_scanned(scan, site_dir):
    for scheme, pages in scan.items():
        assert set(pages) == set(site_pages(site_dir)), scheme
        bad = {p: f.status for p, f in pages.items() if f.status != (404 if p == "404.html" else 200)}
        # http.server sends 404.html itself with status 200 when asked for it by name.
        bad.pop("404.html", None)
        assert not bad, bad


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_palette_really_switched(scan, scheme):
    wrong = {p: f.scheme_attr for p, f in scan[scheme].items() if f.scheme_attr != SCHEMES[scheme]}
    assert not wrong, f"body[data-md-color-scheme] is not {SCHEMES[scheme]!r} on: {wrong}"


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_violation(scan, scheme):
    bad = _report(scan[scheme], "violations")
    message = "\n".join(f"{path or '(home)'}:\n{format_violations(v)}" for path, v in sorted(bad.items()))
    assert not bad, f"axe violations ({scheme} palette) on {len(bad)} pages:\n{message}"


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_console_error(scan, scheme):
    bad = _report(scan[scheme], "console")
    assert not bad, json.dumps(bad, indent=1)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_request_to_another_host(scan, scheme):
    bad = _report(scan[scheme], "external")
    assert not bad, json.dumps(bad, indent=1)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_csp_violation(scan, scheme):
    bad = _report(scan[scheme], "csp")
    assert not bad, json.dumps(bad, indent=1)


def test_no_page_scrolls_sideways_on_a_phone(scan):
    """Every page at 375 x 800: wide tables and diagrams scroll inside their own box."""
    bad = _report(scan["light"], "overflow")
    assert not bad, "\n".join(f"{p or '(home)'}: {o}" for p, o in bad.items())


def test_pages_carry_a_csp(site_dir):
    for path in site_pages(site_dir):
        html = page_file(site_dir, path).read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, path
