"""The checks are not vacuous: each one FAILS on tests/fixtures/broken_site, a tiny static
site in which every page breaks one thing on purpose, and passes on its clean home page."""

from __future__ import annotations

import pytest

from helpers import BROKEN_SITE  # noqa: E402

from . import checks
from .checks import console_errors, csp_violations, external_requests, horizontal_overflow, run_axe, serve


@pytest.fixture(scope="module")
def broken_url():
    with serve(BROKEN_SITE) as url:
        yield url


def test_vendored_axe_matches_readme():
    actual, recorded = checks.vendored_sha256_ok()
    assert actual == recorded, "tests/vendor/axe.min.js does not match the sha256 in tests/vendor/README.md"


def test_clean_page_passes_every_check(new_page, broken_url):
    rec = new_page()
    rec.goto(broken_url)
    assert run_axe(rec.page) == []
    assert external_requests(rec) == []
    assert console_errors(rec) == []
    assert csp_violations(rec.page) == []
    assert horizontal_overflow(rec.page) == []


def test_axe_reports_missing_alt_text(new_page, broken_url):
    rec = new_page()
    rec.goto(broken_url + "missing-alt/")
    violations = run_axe(rec.page)
    ids = {v["id"] for v in violations}
    assert "image-alt" in ids, checks.format_violations(violations)
    node = next(v for v in violations if v["id"] == "image-alt")["nodes"][0]
    assert "pixel.svg" in node["html"]


def test_axe_disabling_a_rule_needs_a_reason(new_page, broken_url):
    rec = new_page()
    rec.goto(broken_url + "missing-alt/")
    with pytest.raises(AssertionError, match="without a reason"):
        run_axe(rec.page, disabled={"image-alt": " "})
    assert "image-alt" not in {v["id"] for v in run_axe(rec.page, disabled={"image-alt": "test of the switch"})}


def test_external_font_request_is_reported_and_aborted(new_page, broken_url):
    rec = new_page(allow_external=True)
    rec.goto(broken_url + "external-font/")
    requests = external_requests(rec)
    assert any(u.startswith("https://fonts.googleapis.com/") for u in requests), requests
    # The request never left the machine: it was aborted, which the console reports.
    assert any("ERR_BLOCKED_BY_CLIENT" in e or "Failed to load resource" in e for e in console_errors(rec))


def test_external_request_from_a_worker_is_caught(new_page, broken_url):
    """The search (Pagefind) runs in a web worker: its requests must be guarded too."""
    rec = new_page(allow_external=True)
    rec.goto(broken_url)
    rec.page.evaluate(
        """() => new Promise((resolve) => {
             const code = "fetch('https://example.org/from-worker').catch((e) => postMessage(String(e)))";
             const worker = new Worker(URL.createObjectURL(new Blob([code])));
             worker.onmessage = (e) => resolve(e.data);
           })"""
    )
    assert external_requests(rec) == ["https://example.org/from-worker"]


def test_external_request_fails_the_test_through_the_factory(browser, broken_url):
    """new_page's teardown fails a test whose page asked for another host."""
    from .checks import attach

    context = browser.new_context()
    rec = attach(context.new_page())
    rec.goto(broken_url + "external-font/")
    leaked = rec.all_external_requests
    context.close()
    assert leaked == ["https://fonts.googleapis.com/css2?family=Roboto&display=swap"]


def test_csp_violation_is_reported(new_page, broken_url):
    rec = new_page()
    rec.goto(broken_url + "csp-violation/")
    violations = csp_violations(rec.page)
    assert any(v["directive"].startswith("script-src") and v["blocked"] == "inline" for v in violations), violations
    assert rec.page.evaluate("() => document.body.dataset.ran") is None  # the script was blocked


def test_console_and_page_errors_are_reported(new_page, broken_url):
    rec = new_page()
    rec.goto(broken_url + "console-error/")
    errors = console_errors(rec)
    assert any("deliberate console error" in e for e in errors), errors
    assert any("deliberate page error" in e for e in errors), errors


def test_horizontal_overflow_is_reported(new_page, broken_url):
    rec = new_page(width=375, height=800)
    rec.goto(broken_url + "wide/")
    offenders = horizontal_overflow(rec.page)
    assert offenders and offenders[0].startswith("scrollWidth"), offenders
    assert any(o.startswith("div.too-wide") for o in offenders), offenders
