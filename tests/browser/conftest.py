"""Browser tests: Debian's Chromium driven by Playwright (sync API) against the built site,
served on 127.0.0.1 by an in-process threaded http.server.

Every test in tests/browser is marked `browser` (`make test-fast` leaves them out). Every
page made by `new_page` routes all its requests: any request to a host other than 127.0.0.1
is recorded and aborted, and the test fails if one happened (unless it asked for
allow_external=True to prove the check works).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .checks import LAUNCH_ARGS, Recorder, chromium_path, open_page, serve

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The built site under test: the session's strict build of the real site, or, to try a
    change quickly, an already built folder named by the CTWG_BROWSER_SITE variable."""
    other = os.environ.get("CTWG_BROWSER_SITE")
    if other:
        return Path(other).resolve()
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL (ending in '/') of the site under test, served on 127.0.0.1."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev lock file installs it
        pytest.fail("Playwright is not installed: run `make test` (it installs requirements-dev.lock)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    exe = chromium_path()
    if not os.path.exists(exe):
        pytest.fail(f"No Chromium at {exe}: run `make chromium` or set CHROMIUM_PATH")
    b = playwright_instance.chromium.launch(executable_path=exe, args=LAUNCH_ARGS, headless=True)
    yield b
    b.close()


@pytest.fixture
def new_page(browser):
    """Factory: new_page(color_scheme="light", width=1280, height=900, allow_external=False)."""
    made: list[tuple[Recorder, bool]] = []

    def make(*, allow_external: bool = False, **kwargs) -> Recorder:
        rec = open_page(browser, **kwargs)
        made.append((rec, allow_external))
        return rec

    yield make
    leaked = [url for rec, allowed in made if not allowed for url in rec.all_external_requests]
    for rec, _ in made:
        rec.page.context.close()
    assert not leaked, f"requests to hosts other than 127.0.0.1 (aborted): {leaked}"
