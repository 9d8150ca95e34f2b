"""Browser figures: search and explorer timings in Debian's Chromium, through Playwright.

In: a site served on 127.0.0.1 (ctwg.static_server, gzip as a static host). Out: the time
from the last key of a query typed into the header box to the first result, cold (typed
right after the page loads) and warm, with every byte downloaded; the same for Material's
search on the floor; the explorer's filter-change time and what it downloads before its
first result (a shared filtered view, explore/?type=events: every byte of the explorer's page,
script, style and data until the first filtered result is listed).
"""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .measure import CHROME_FLAGS, CHROMIUM, gz

# ---------------------------------------------------------------------------
# Browser measurements (Playwright + Debian's Chromium)


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"no Chromium at {CHROMIUM} (run `make chromium`)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS, headless=True, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


class Session:
    """A fresh browser context: cold cache, requests outside 127.0.0.1 aborted, bytes counted."""

    def __init__(self, b: Any, site: Path | None = None):
        self.site = site
        self.context = b.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.set_default_timeout(60_000)
        self.finished: list[Any] = []
        self.blocked: list[str] = []
        self.context.route("**/*", self._route)
        self.context.on("requestfinished", lambda req: self.finished.append(req))
        self.page = self.context.new_page()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def downloaded(self, contains: str = "") -> int:
        """Encoded (on-the-wire) body bytes of the finished requests so far."""
        return sum(n for _, n in self.requests(contains))

    def requests(self, contains: str = "") -> list[tuple[str, int]]:
        """(path, on-the-wire bytes) of the finished requests so far.

        Chromium reports no body size for a worker's script; that one is sized from the file.
        """
        out = []
        for req in list(self.finished):
            if contains and contains not in req.url:
                continue
            path = re.sub(r"^http://127\.0\.0\.1:\d+", "", req.url)
            size = 0
            with contextlib.suppress(Exception):
                size = max(0, req.sizes()["responseBodySize"])
            if size == 0 and self.site is not None:
                f = self.site / path.split("?")[0].lstrip("/")
                if f.is_file():
                    size = gz(f.read_bytes()) if f.suffix in (".js", ".json", ".css", ".html") else f.stat().st_size
            out.append((path, size))
        return out

    def close(self) -> None:
        self.context.close()


_WATCH_JS = """([input, item, statusSel, statusText]) => {
  window.__t0 = undefined; window.__t1 = undefined; window.__tl = undefined;
  const el = document.querySelector(input);
  el.addEventListener("keydown", (e) => {
    if (window.__t0 === undefined) window.__t0 = e.timeStamp;
    if (window.__t1 === undefined) window.__tl = e.timeStamp;
  }, true);
  const done = () => document.querySelector(item) &&
    (!statusSel || (document.querySelector(statusSel)?.textContent || "").includes(statusText));
  const check = () => { if (window.__t1 === undefined && done()) window.__t1 = performance.now(); };
  new MutationObserver(check).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def time_to_first_result(s: Session, url: str, input_sel: str, item_sel: str, query: str,
                         ready_js: str | None = None, status: tuple[str, str] | None = None,
                         key_delay_ms: float = 0, timeout_ms: int = 180_000) -> tuple[float, float]:
    """Load `url`, click the search box, (optionally wait until `ready_js` is true), type `query`
    (`key_delay_ms` between keys); return the ms from the LAST key, and from the first key, to
    the first result for the whole query (`status`: a selector and a text it must show, so a
    result for a prefix of the query does not count)."""
    s.page.goto(url, wait_until="load", timeout=timeout_ms)
    s.page.wait_for_selector(input_sel, state="attached", timeout=timeout_ms)
    s.page.evaluate(_WATCH_JS, [input_sel, item_sel, *(status or (None, None))])
    s.page.click(input_sel)
    if ready_js:
        s.page.wait_for_function(ready_js, timeout=timeout_ms)
    s.page.keyboard.type(query, delay=key_delay_ms)
    s.page.wait_for_function("() => window.__t1 !== undefined && window.__t0 !== undefined",
                             timeout=timeout_ms, polling=10)
    last, first = s.page.evaluate("() => [window.__t1 - window.__tl, window.__t1 - window.__t0]")
    return round(last, 1), round(first, 1)


MATERIAL_INPUT = "input.md-search__input"
MATERIAL_ITEM = "li.md-search-result__item"
MATERIAL_READY = ("() => { const m = document.querySelector('.md-search-result__meta');"
                  " return m && !/Initializing/i.test(m.textContent); }")
KEY_DELAY_MS = 80  # between keys in the cold case: a fast typist (about 150 words a minute)
SEARCH_INPUT = "#ctwg-search-q"
SEARCH_ITEM = ".ctwg-search__result"
SEARCH_STATUS = ".ctwg-search__status"
# Warm: the box was focused and the search has loaded (its code, WebAssembly and index table
# of contents: search.js marks the box data-loaded="1").
SEARCH_READY = "() => document.querySelector('[data-ctwg-search=header]')?.dataset.loaded === '1'"


def browser_figures(b: Any, base: str, site: Path, query: str, *, floor_base: str | None = None,
                    floor_site: Path | None = None, repeats: int = 3) -> dict[str, Any]:
    """Median over `repeats` fresh (cold-cache) contexts of each timing."""
    out: dict[str, Any] = {}

    def timed(url: str, where: Path, input_sel: str, item_sel: str, ready_js: str | None = None,
              status: tuple[str, str] | None = None, contains: tuple[str, ...] = ("",),
              key_delay_ms: float = 0) -> tuple[float, int, list, list[float], float]:
        """(median ms from the last key, bytes, requests, every run's ms, median ms from the first key)"""
        times, firsts, down, reqs = [], [], 0, []
        for _ in range(repeats):
            s = Session(b, where)
            try:
                last, first = time_to_first_result(s, url, input_sel, item_sel, query, ready_js=ready_js,
                                                   status=status, key_delay_ms=key_delay_ms)
                times.append(last)
                firsts.append(first)
                down = sum(s.downloaded(c) for c in contains)
                reqs = [r for c in contains for r in s.requests(c)]
            finally:
                s.close()
        return round(statistics.median(times), 1), down, reqs, times, round(statistics.median(firsts), 1)

    # Times run from the last key of the query (when the reader has typed it) to its first
    # result; the time from the first key is kept too. Every byte of the search (Pagefind's
    # files and search.js) until that result is counted.
    ours = ("/pagefind/", "/assets/js/search.js")
    status = (SEARCH_STATUS, f" for {query}")
    # Cold: the box is clicked right after the page loaded and the query typed at once at a
    # fast typist's pace (KEY_DELAY_MS between keys): loading the search overlaps the typing.
    ms, down, reqs, runs, first = timed(base, site, SEARCH_INPUT, SEARCH_ITEM, status=status, contains=ours,
                                        key_delay_ms=KEY_DELAY_MS)
    out.update(search_first_result_ms=ms, search_payload_gz=down, search_requests=reqs,
               search_first_result_runs_ms=runs, search_from_first_key_ms=first)
    # Warm: the box was focused and the search has loaded; the query then arrives as fast as
    # the browser takes keys.
    ms, down, _, runs, first = timed(base, site, SEARCH_INPUT, SEARCH_ITEM, ready_js=SEARCH_READY, status=status,
                                     contains=ours)
    out.update(search_warm_first_result_ms=ms, search_warm_payload_gz=down, search_warm_runs_ms=runs,
               search_warm_from_first_key_ms=first)
    if floor_base and floor_site and (floor_site / "search" / "search_index.json").is_file():
        # For comparison: Material's built-in search on the floor site (its index is built in
        # the page after it loads), typed as in the cold case.
        ms, down, _, runs, first = timed(floor_base, floor_site, MATERIAL_INPUT, MATERIAL_ITEM,
                                         contains=("/search/", "/workers/"), key_delay_ms=KEY_DELAY_MS)
        out.update(floor_search_first_result_ms=ms, floor_search_downloaded_gz=down, floor_search_runs_ms=runs,
                   floor_search_from_first_key_ms=first)
    if (site / "explore" / "index.html").is_file():
        out.update(explorer_figures(b, base, site))
    return out


_FILTER_JS = """async (i) => {
  const boxes = Array.from(document.querySelectorAll(
    "form[data-ctwg-facets] input[type=checkbox], .ctwg-explorer input[type=checkbox], main select"));
  if (!boxes.length) return null;
  const box = boxes[i % boxes.length];
  const busy = () => document.querySelector(".ctwg-explorer [aria-busy=true]");
  return await new Promise((resolve) => {
    const t0 = performance.now();
    if (box.tagName === "SELECT") { box.selectedIndex = (box.selectedIndex + 1) % box.options.length;
      box.dispatchEvent(new Event("change", {bubbles: true})); } else { box.click(); }
    // until the list is complete (rows the change needs may load first), then the next frame
    const done = () => busy() ? setTimeout(done, 1)
      : requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    done();
  });
}"""

EXPLORER_FILES = ("/explore/", "/assets/js/explore.js")
EXPLORER_VIEW = "explore/?type=events"  # a shared filtered view: its first result needs the explorer's data
_FIRST_RESULT_JS = """() => document.querySelector(".ctwg-explorer--ready")
  && !document.querySelector(".ctwg-explorer [aria-busy=true]")
  && /^Showing \\d+ of /.test(document.querySelector(".ctwg-result-count").textContent)
  && document.querySelector(".ctwg-results > li")"""


def explorer_filter_ms(b: Any, url: str) -> float | None:
    """Median time from a filter change to the next frame once the list is complete (handlers,
    any rows loaded, style, layout, paint)."""
    s = Session(b)
    try:
        s.page.goto(url, wait_until="load", timeout=180_000)
        with contextlib.suppress(Exception):
            s.page.wait_for_selector(".ctwg-explorer--ready", timeout=60_000)
        times = []
        for i in (0, 0, 1, 1, 2, 2, 0, 0):  # check and uncheck: each change is one measurement
            t = s.page.evaluate(_FILTER_JS, i)
            if t is None:
                return None
            times.append(t)
        return round(statistics.median(times), 1)
    finally:
        s.close()


def explorer_first_result(b: Any, base: str, site: Path, repeats: int = 3) -> dict[str, Any]:
    """Open EXPLORER_VIEW in a fresh context (cold cache); when its first filtered result is
    listed, the explorer's bytes on the wire (gzip as served: page, explore.js and the data
    files), every byte the page downloaded, and the ms from navigation."""
    sizes, everything, ms, reqs = [], [], [], []
    for _ in range(repeats):
        s = Session(b, site)
        try:
            s.page.goto(base + EXPLORER_VIEW, wait_until="commit", timeout=180_000)
            s.page.wait_for_function(_FIRST_RESULT_JS, timeout=180_000, polling=10)
            ms.append(round(s.page.evaluate("() => performance.now()"), 1))
            reqs = [r for c in EXPLORER_FILES for r in s.requests(c)]
            sizes.append(sum(n for _, n in reqs))
            everything.append(s.downloaded())
        finally:
            s.close()
    return {"explorer_first_result_gz": int(statistics.median(sizes)),
            "explorer_first_result_all_gz": int(statistics.median(everything)),
            "explorer_first_result_ms": round(statistics.median(ms), 1), "explorer_first_result_requests": reqs}


def explorer_figures(b: Any, base: str, site: Path) -> dict[str, Any]:
    return {"explorer_filter_ms": explorer_filter_ms(b, base + "explore/"), **explorer_first_result(b, base, site)}


def _prime(base: str, site: Path) -> None:
    """Fetch the big files once so the server's gzip cache is warm before anything is timed."""
    explorer = sorted(p.relative_to(site).as_posix() for p in (site / "explore").glob("*.json"))
    for rel in ("search/search_index.json", "explore/", "", "assets/js/search.js", *explorer):
        if (site / rel.rstrip("/")).exists():
            req = urllib.request.Request(base + rel, headers={"Accept-Encoding": "gzip"})
            with contextlib.suppress(Exception), urllib.request.urlopen(req, timeout=120) as r:  # noqa: S310
                r.read()
