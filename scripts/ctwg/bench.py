"""Benchmark: the site build at x1, x10, x100 against plain MkDocs + Material.

`python -m ctwg bench [--scales 1,10,100] [--runs N] [--quick] [--out bench-out]
                      [--no-browser] [--no-lighthouse] [--no-serve] [--profile]`

For each scale it writes a synthetic catalog (`ctwg.synth`), then, alternating runs so
both see the same machine load (5 runs up to x10, 3 at x100; the median is reported):
- builds the site strictly (`python -m ctwg build`), timing each run and taking the peak
  memory of the build's process tree (MkDocs, Pagefind and the exports writer, summed);
- builds the FLOOR: plain MkDocs + Material with the same theme settings, Markdown
  extensions, search plugin and nav, no macros, no hook, no overrides, over the very same
  Markdown the hook generates (every generated and hand-written page, written to files).
Then it measures, on the built site: record-page HTML sizes (median, largest, and the same
records at every scale), the search index's size, the explorer's payload. In a browser
(Debian's Chromium through Playwright, everything served on 127.0.0.1 with gzip): the site
search (Pagefind, built into every build) from the last keystroke of a query typed into the
header box to the first result, cold (typed right after the page loads) and warm (typed once the search code
has loaded), with every byte it downloaded; the same for Material's built-in search on the
floor site, for comparison; the explorer's filter-change time. At x1: Lighthouse (npm,
pinned in bench/package-lock.json; median of 3 runs) on the home page, a record page and the explorer, and the
rebuild latency of `mkdocs serve --livereload` after a data edit.

Every figure goes to <out>/bench.json (keys in FIGURE_KEYS are always present; a figure
that was skipped or could not be measured is null with a note). Every step is bounded by
a timeout; the benchmark always stops by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from . import DATA_DIR, ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BENCH_NPM = ROOT / "bench"
SHARED_TYPES = ("fora", "partners", "economies", "issue_areas")  # as in ctwg.synth

BUILD_TIMEOUT = 3600  # seconds, per build
STEP_TIMEOUT = 600  # seconds, per other step (npm ci, one Lighthouse run...)

TARGETS = {
    "build_ratio_to_floor_max": 1.15,  # at x10 and x100
    "x10_to_x100_growth_max": 11.0,
    "record_page_growth_max": 0.10,  # same record's page at x100 vs x1
    "record_page_max_bytes": 50_000,
    "search_payload_gz_max": 500_000,
    "search_first_result_ms_max": 300,
    "explorer_filter_ms_max": 100,
    "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "serve_rebuild_s_max": 3.0,
    "peak_mem_mb_max": 1536,  # of the x100 build
}

# Keys every scale's entry in bench.json has (None when skipped or not measurable).
FIGURE_KEYS = (
    "records", "html_pages", "site_bytes",
    "build_s", "build_runs_s", "floor_s", "floor_runs_s", "ratio_to_floor",
    "build_cpu_s", "floor_cpu_s", "cpu_ratio_to_floor",
    "peak_mem_mb", "floor_peak_mem_mb",
    "record_html_median_bytes", "record_html_max_bytes", "record_html_max_id",
    "ref_record_id", "ref_record_bytes", "hub_record_id", "hub_record_bytes",
    "search_bundle_bytes", "search_payload_gz", "search_first_result_ms", "search_warm_first_result_ms",
    "search_warm_payload_gz", "search_from_first_key_ms", "search_warm_from_first_key_ms",
    "floor_search_payload_gz", "floor_search_first_result_ms", "floor_search_from_first_key_ms",
    "explorer_html_bytes", "explorer_payload_gz", "explorer_filter_ms",
)
TOP_KEYS = ("meta", "targets", "scales", "scaling", "lighthouse", "serve", "checks", "notes")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------
# Processes


class Timeout(Exception):
    pass


def run_measured(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None,
                 timeout: float = BUILD_TIMEOUT, log_path: Path | None = None) -> tuple[int, float, float, float]:
    """Run `cmd`; return (exit code, wall seconds, peak memory in MB, CPU seconds) of its whole process tree.

    CPU time comes from wait4's rusage, which covers the process and every descendant it
    waited for (the `ctwg build` wrapper waits for its `mkdocs build`, which waits for Pagefind
    and for the exports writer). CPU time (user + system) is much less sensitive than wall
    time to other jobs on a shared machine. Peak memory is the most the tree held at once: the
    sum of the resident sizes of its processes, sampled every 0.2 s (or wait4's largest single
    process, if that is more). The sum counts pages a forked child shares with its parent
    twice, so it errs high.
    """
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
        timer.start()
        sampler = _TreeMemory(proc.pid)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.stop()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log_path:
            out.close()
    if wall >= timeout:
        raise Timeout(f"{' '.join(cmd[:4])}... took more than {timeout} s")
    peak = max(sampler.peak_bytes, usage.ru_maxrss * 1024) / 2**20
    return proc.returncode, wall, peak, usage.ru_utime + usage.ru_stime


class _TreeMemory:
    """Samples the summed resident memory of every process in a session (its group leader's pid)."""

    INTERVAL = 0.2

    def __init__(self, sid: int) -> None:
        self.sid, self.peak_bytes = sid, 0
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(self.INTERVAL):
            self.peak_bytes = max(self.peak_bytes, self.sample())

    def sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                if int(fields[3]) != self.sid:  # session id (after state, ppid, pgrp)
                    continue
                with open(f"/proc/{entry.name}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * self.page
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
        return total

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gz(data: bytes) -> int:
    """Bytes on the wire with gzip (level 6, what static hosts typically use); never more than raw."""
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------
# Static server with gzip (127.0.0.1 only)

_COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|atom\+xml|manifest\+json)|image/svg)")


class _Handler(http.server.SimpleHTTPRequestHandler):
    cache: dict[tuple[str, float], bytes] = {}
    lock = threading.Lock()

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._serve(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        ctype = self.guess_type(str(path))
        if path.suffix == ".wasm":
            ctype = "application/wasm"
        data = path.read_bytes()
        encoding = None
        if "gzip" in self.headers.get("Accept-Encoding", "") and _COMPRESSIBLE.match(ctype):
            key = (str(path), path.stat().st_mtime)
            with self.lock:
                packed = self.cache.get(key)
            if packed is None:
                packed = gzip.compress(data, compresslevel=6, mtime=0)
                with self.lock:
                    self.cache[key] = packed
            data, encoding = packed, "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)


@contextlib.contextmanager
def serve_dir(directory: Path, handler_class: type = _Handler) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port); yield its base URL ending in '/'.
    The default handler compresses with gzip, as static hosts do (the browser tests pass a
    plain one)."""
    handler = partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        _Handler.cache.clear()


# ---------------------------------------------------------------------------
# Floor: the same Markdown, plain MkDocs + Material


FLOOR_SCRIPT = r"""
import json, os, sys
from pathlib import Path
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

config_file, out, manifest_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
cfg = load_config(config_file=config_file, strict=False)
cfg.plugins.on_startup(command="build", dirty=False)
cfg = cfg.plugins.on_config(cfg)
files = get_files(cfg)
files = cfg.plugins.on_files(files, config=cfg)
docs = out / "docs"
md_bytes = {}
for f in files.documentation_pages():
    text = f.content_string
    target = docs / f.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    md_bytes[f.src_uri] = len(text.encode("utf-8"))
theme = cfg.theme
search = next((p.config for name, p in cfg.plugins.items() if name.split("/")[-1] == "search"), None)
exts = []
for name in cfg.markdown_extensions:
    conf = cfg.mdx_configs.get(name)
    exts.append({name: conf} if conf else name)
floor = {
    "site_name": cfg.site_name,
    "site_url": cfg.site_url,
    "docs_dir": "docs",
    "use_directory_urls": cfg.use_directory_urls,
    "theme": {k: theme[k] for k in ("name", "language", "font", "features", "palette") if k in theme},
    "plugins": [{"search": {k: search[k] for k in ("separator", "lang") if search and search.get(k)}}],
    "markdown_extensions": exts,
    "nav": cfg.nav,
}
floor["theme"]["name"] = theme.name
(out / "mkdocs.yml").write_text(yaml.safe_dump(floor, sort_keys=False, allow_unicode=True), encoding="utf-8")
from ctwg.mkdocs_site import STATE
records = [{"id": e.id, "type": e.type, "url": e.url, "src": STATE.ctx.src(e)} for e in STATE.catalog.entries.values()]
manifest_path.write_text(json.dumps({"records": records, "md_bytes": md_bytes}), encoding="utf-8")
"""


def write_floor(data_dir: Path, floor_dir: Path, manifest: Path, env: dict) -> None:
    """The floor project: every page's Markdown as the hook makes it, and a plain config."""
    if floor_dir.exists():
        shutil.rmtree(floor_dir)
    floor_dir.mkdir(parents=True)
    e = dict(env, CTWG_DATA=str(data_dir))
    subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, str(ROOT / "mkdocs.yml"), str(floor_dir), str(manifest)],
                   env=e, cwd=ROOT, check=True, timeout=BUILD_TIMEOUT, stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------------------
# Static measurements


def record_sizes(site: Path, records: list[dict]) -> dict[str, int]:
    out = {}
    for r in records:
        p = site / r["url"] / "index.html"
        if p.is_file():
            out[r["id"]] = p.stat().st_size
    return out


def material_search_payload(site: Path) -> int | None:
    """What Material's built-in search makes a reader download (its index and worker, gzip)."""
    index = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not index.is_file() or not workers:
        return None
    return gz(index.read_bytes()) + gz(workers[0].read_bytes())


def search_bundle_bytes(site: Path) -> int | None:
    bundle = site / "pagefind"
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) if bundle.is_dir() else None


_REF = re.compile(r"""<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"'#?]+)""", re.I)


def _page_assets(site: Path, page: Path) -> set[Path]:
    html = page.read_text(encoding="utf-8", errors="replace")
    out = set()
    for ref in _REF.findall(html):
        if ref.startswith(("http:", "https:", "//", "data:")):
            continue
        p = (page.parent / ref).resolve()
        if p.is_file() and site.resolve() in p.parents:
            out.add(p)
    return out


def explorer_payload(site: Path) -> dict[str, int | None]:
    """The explorer's HTML and what it loads beyond the home page's assets (gzip)."""
    page = site / "explore" / "index.html"
    if not page.is_file():
        return {"explorer_html_bytes": None, "explorer_payload_gz": None}
    extra = _page_assets(site, page) - _page_assets(site, site / "index.html")
    data_files = [p for p in (site / "explore").rglob("*") if p.is_file() and p.name != "index.html"]
    total = gz(page.read_bytes()) + sum(gz(p.read_bytes()) for p in extra | set(data_files))
    return {"explorer_html_bytes": page.stat().st_size, "explorer_payload_gz": total}


def dir_bytes(path: Path) -> tuple[int, int]:
    total, pages = 0, 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            pages += p.name.endswith(".html")
    return total, pages


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
        out["explorer_filter_ms"] = explorer_filter_ms(b, base + "explore/")
    return out


_FILTER_JS = """async (i) => {
  const boxes = Array.from(document.querySelectorAll(
    "form[data-ctwg-facets] input[type=checkbox], .ctwg-explorer input[type=checkbox], main select"));
  if (!boxes.length) return null;
  const box = boxes[i % boxes.length];
  return await new Promise((resolve) => {
    const t0 = performance.now();
    if (box.tagName === "SELECT") { box.selectedIndex = (box.selectedIndex + 1) % box.options.length;
      box.dispatchEvent(new Event("change", {bubbles: true})); } else { box.click(); }
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  });
}"""


def explorer_filter_ms(b: Any, url: str) -> float | None:
    """Median time from a filter change to the next frame (handlers, style, layout, paint)."""
    s = Session(b)
    try:
        s.page.goto(url, wait_until="load", timeout=180_000)
        with contextlib.suppress(Exception):
            s.page.wait_for_selector(".ctwg-explorer--ready", timeout=30_000)
        times = []
        for i in (0, 0, 1, 1, 2, 2, 0, 0):  # check and uncheck: each change is one measurement
            t = s.page.evaluate(_FILTER_JS, i)
            if t is None:
                return None
            times.append(t)
        return round(statistics.median(times), 1)
    finally:
        s.close()


# ---------------------------------------------------------------------------
# Lighthouse


def npm_ci(log_path: Path) -> Path:
    lh = BENCH_NPM / "node_modules" / ".bin" / "lighthouse"
    cmd = ["npm", "ci", "--prefix", str(BENCH_NPM), "--no-audit", "--no-fund", "--ignore-scripts"]
    with open(log_path, "wb") as fh:
        subprocess.run(cmd, check=True, timeout=STEP_TIMEOUT, stdout=fh, stderr=subprocess.STDOUT)
    return lh


LH_RUNS = 3


def lighthouse(lh: Path, url: str, out_json: Path, log_path: Path) -> dict[str, float | None]:
    flags = " ".join(["--headless=new", *CHROME_FLAGS])
    cmd = [str(lh), url, "--quiet", "--output=json", f"--output-path={out_json}",
           f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo",
           "--max-wait-for-load=60000"]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with open(log_path, "ab") as fh:
        subprocess.run(cmd, env=env, timeout=STEP_TIMEOUT, stdout=fh, stderr=subprocess.STDOUT, check=False)
    if not out_json.is_file():
        return {k: None for k in ("performance", "accessibility", "best-practices", "seo")}
    report = json.loads(out_json.read_text(encoding="utf-8"))
    scores = {k: (round(v["score"] * 100) if v.get("score") is not None else None)
              for k, v in report.get("categories", {}).items()}
    failed = sorted(a["id"] for a in report.get("audits", {}).values()
                    if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "metricSavings"))
    scores["failed_audits"] = failed[:30]
    return scores


# ---------------------------------------------------------------------------
# mkdocs serve rebuild latency


def _get(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - 127.0.0.1 only
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def serve_latency(work: Path, edits: int = 3, timeout: float = 60) -> dict[str, Any]:
    """Start `mkdocs serve --livereload`, edit a data file, time until the page shows the edit.

    First with a temporary copy of data/ named by CTWG_DATA (the documented way to preview
    other data); if the server never rebuilds (the folder is not watched), again on a
    temporary copy of the project, where `watch: [data]` covers the edited file.
    """
    out: dict[str, Any] = {"rebuild_s": None, "runs_s": [], "startup_s": None, "ctwg_data_watched": None,
                           "method": None, "note": None}
    root_copy = work / "serve-project"
    if root_copy.exists():
        shutil.rmtree(root_copy)
    root_copy.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root_copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, root_copy / name)
    data_copy = work / "serve-data"
    if data_copy.exists():
        shutil.rmtree(data_copy)
    shutil.copytree(DATA_DIR, data_copy)

    def attempt(cwd: Path, data: Path, env: dict, extra: tuple[str, ...] = ()) -> tuple[list[float], float | None, str | None]:
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        log_path = work / f"serve-{cwd.name}.log"
        target = sorted((data / "events").glob("*.yml"))[0]
        page_url = url + "events/" + target.stem + "/"
        with open(log_path, "wb") as fh:
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr",
                                     f"127.0.0.1:{port}", *extra], cwd=cwd, env=env, stdout=fh,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        try:
            start = time.perf_counter()
            while time.perf_counter() - start < 300:
                if proc.poll() is not None:
                    return [], None, f"mkdocs serve exited with {proc.returncode} (see {log_path})"
                if _get(page_url) is not None:
                    break
                time.sleep(0.2)
            else:
                return [], None, "mkdocs serve did not come up within 300 s"
            startup = time.perf_counter() - start
            time.sleep(1.5)  # let the watcher settle
            runs = []
            original = target.read_text(encoding="utf-8")
            try:
                for i in range(edits):
                    token = f"benchtoken{i}x{int(time.time())}"
                    text = re.sub(r"(?m)^summary: >-\n", f"summary: >-\n  {token}\n", original, count=1)
                    if token not in text:
                        text = original.replace("\nsummary: ", f"\nsummary: {token} ", 1)
                    t0 = time.perf_counter()
                    target.write_text(text, encoding="utf-8")
                    while time.perf_counter() - t0 < timeout:
                        body = _get(page_url, timeout=timeout)
                        if body and token in body:
                            runs.append(round(time.perf_counter() - t0, 2))
                            break
                        time.sleep(0.05)
                    else:
                        return runs, startup, f"no rebuild within {timeout} s of editing {target.name}"
                    time.sleep(1.0)
            finally:
                target.write_text(original, encoding="utf-8")
            return runs, startup, None
        finally:
            _kill_group(proc.pid)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CTWG_DATA=str(data_copy))
    runs, startup, problem = attempt(ROOT, data_copy, env)
    out["method"] = "CTWG_DATA copy"
    if problem and "in strict mode" in (work / f"serve-{ROOT.name}.log").read_text(errors="replace"):
        out["strict_serve_ok"] = False
        runs, startup, problem2 = attempt(ROOT, data_copy, env, ("--no-strict",))
        out["method"] = "CTWG_DATA copy, --no-strict"
        out["note"] = f"mkdocs serve aborts in strict mode ({problem}); measured with --no-strict."
        problem = problem2
    out["ctwg_data_watched"] = problem is None
    if problem:
        out["note"] = (out["note"] or "") + f" With CTWG_DATA: {problem}."
        # Only the copy's ctwg package goes first on the path: all of scripts/ would shadow the
        # mkdocs_macros plugin package with the scripts/mkdocs_macros.py shim.
        lib = work / "serve-pylib"
        lib.mkdir(exist_ok=True)
        link = lib / "ctwg"
        if not link.is_symlink():
            link.symlink_to(root_copy / "scripts" / "ctwg", target_is_directory=True)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(lib))
        env.pop("CTWG_DATA", None)
        runs, startup, problem2 = attempt(root_copy, root_copy / "data", env)
        out["method"] = "project copy (data/ watched)"
        if problem2:
            out["note"] += f" Project copy: {problem2}."
    out["runs_s"] = runs
    out["rebuild_s"] = median(runs)
    out["startup_s"] = round(startup, 2) if startup else None
    return out


# ---------------------------------------------------------------------------
# The benchmark


def _commit() -> str | None:
    """The commit the measured code comes from (None for a copy without .git)."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip()[:12] + ("+changes" if dirty else "")) if out.returncode == 0 else None


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pagefind", "playwright"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    try:
        out["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                                         timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        out["chromium"] = None
    return out


def bench_scale(scale: int, args: argparse.Namespace, work: Path, env: dict,
                ref: dict[str, str | None]) -> dict[str, Any]:
    from .synth import synthesize

    fig: dict[str, Any] = {k: None for k in FIGURE_KEYS}
    data = work / f"data-x{scale}"
    site = work / f"site-x{scale}"
    floor = work / f"floor-x{scale}"
    manifest_path = work / f"manifest-x{scale}.json"
    log(f"x{scale}: writing the synthetic catalog")
    counts = synthesize(Path(args.data), data, scale, seed=args.seed)
    fig["records"] = sum(counts.values())
    log(f"x{scale}: {fig['records']} records; writing the floor project")
    write_floor(data, floor, manifest_path, env)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))

    build_cmd = [sys.executable, "-m", "ctwg", "build", "--site-dir", str(site), "--data", str(data), "--quiet"]
    floor_cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(floor / "mkdocs.yml"),
                 "--site-dir", str(floor / "site")]
    if scale == min(args.scale_list):  # `--quiet` hides warnings from --strict (MkDocs 1.6): check once without it
        check_cmd = [c for c in build_cmd if c != "--quiet"]
        check_cmd[check_cmd.index("--site-dir") + 1] = str(work / f"site-x{scale}-strict")
        code, _, _, _ = run_measured(check_cmd, env=env, cwd=ROOT, log_path=work / f"strict-x{scale}.log")
        fig["strict_build_ok"] = code == 0
        if code:
            warnings = [ln for ln in (work / f"strict-x{scale}.log").read_text(errors="replace").splitlines()
                        if ln.startswith(("WARNING", "ERROR"))]
            fig.setdefault("notes", []).append(
                f"the strict build fails ({len(warnings)} warnings, e.g. {warnings[:1]}); timings use --quiet, "
                "which MkDocs 1.6 lets through")
        shutil.rmtree(work / f"site-x{scale}-strict", ignore_errors=True)
    def measured(cmd: list[str], cwd: Path, name: str, run: int) -> tuple[float, float, float]:
        """One timed build: (wall s, peak MB, CPU s); a failed build stops the benchmark."""
        logfile = work / f"{name}-x{scale}-{run}.log"
        code, wall, mem, cpu = run_measured(cmd, env=env, cwd=cwd, log_path=logfile)
        if code != 0:
            raise RuntimeError(f"the x{scale} {name} failed; see {logfile}")
        return wall, mem, cpu

    builds, floors, mems, fmems, cpus, fcpus = [], [], [], [], [], []
    runs = args.runs or (5 if scale <= 10 else 3)  # small builds are cheap: more runs steady the median
    for run in range(runs):
        wall, mem, cpu = measured(build_cmd, ROOT, "build", run)
        fwall, fmem, fcpu = measured(floor_cmd, floor, "floor", run)
        builds.append(round(wall, 2))
        mems.append(mem)
        cpus.append(round(cpu, 2))
        floors.append(round(fwall, 2))
        fmems.append(fmem)
        fcpus.append(round(fcpu, 2))
        log(f"x{scale}: run {run + 1}/{runs}: build {wall:.1f} s ({cpu:.1f} s CPU, {mem:.0f} MB), "
            f"floor {fwall:.1f} s ({fcpu:.1f} s CPU, {fmem:.0f} MB)")
    fig.update(build_s=median(builds), build_runs_s=builds, floor_s=median(floors), floor_runs_s=floors,
               ratio_to_floor=round(median(builds) / median(floors), 3),
               peak_mem_mb=round(max(mems), 1), floor_peak_mem_mb=round(max(fmems), 1),
               build_cpu_s=median(cpus), floor_cpu_s=median(fcpus),
               cpu_ratio_to_floor=round(median(cpus) / median(fcpus), 3))

    # Page sizes
    total, pages = dir_bytes(site)
    fig["site_bytes"], fig["html_pages"] = total, pages
    sizes = record_sizes(site, manifest["records"])
    if sizes:
        fig["record_html_median_bytes"] = int(statistics.median(sizes.values()))
        big = max(sizes, key=sizes.get)
        fig["record_html_max_bytes"], fig["record_html_max_id"] = sizes[big], big
        types = {r["id"]: r["type"] for r in manifest["records"]}
        if ref.get("ref") is None:  # chosen at the first scale: the real records (copy 0)
            own = {i: n for i, n in sizes.items() if not re.search(r"-x\d+$", i)}
            plain = sorted((n, i) for i, n in own.items() if types[i] not in SHARED_TYPES)
            ref["ref"] = plain[len(plain) // 2][1] if plain else None
            ref["hub"] = max(own, key=own.get) if own else None
        fig["ref_record_id"], fig["ref_record_bytes"] = ref["ref"], sizes.get(ref["ref"])
        fig["hub_record_id"], fig["hub_record_bytes"] = ref["hub"], sizes.get(ref["hub"])
    fig["search_bundle_bytes"] = search_bundle_bytes(site)
    fig["floor_search_payload_gz"] = material_search_payload(floor / "site")
    fig.update(explorer_payload(site))
    md = manifest["md_bytes"]
    fig["markdown_bytes_total"] = sum(md.values())
    fig["largest_pages"] = _largest_pages(site, 5)

    if not args.no_browser:
        try:
            log(f"x{scale}: browser measurements")
            with serve_dir(site) as base, serve_dir(floor / "site") as floor_base, browser() as b:
                _prime(base, site)
                _prime(floor_base, floor / "site")
                fig.update(browser_figures(b, base, site, args.query, floor_base=floor_base, floor_site=floor / "site"))
        except Exception as exc:  # noqa: BLE001
            fig.setdefault("notes", []).append(f"browser: {type(exc).__name__}: {exc}")
    if args.profile and scale == max(args.scale_list):
        log(f"x{scale}: profiling one build")
        prof = work / f"profile-x{scale}.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--quiet",
               "--site-dir", str(work / f"site-x{scale}-profile")]
        run_measured(cmd, env=dict(env, CTWG_DATA=str(data)), cwd=ROOT, log_path=work / f"profile-x{scale}.log")
        fig["profile"] = str(prof)
        _profile_text(prof, work / f"profile-x{scale}.txt")
    return fig


def _prime(base: str, site: Path) -> None:
    """Fetch the big files once so the server's gzip cache is warm before anything is timed."""
    for rel in ("search/search_index.json", "explore/", "", "assets/js/search.js"):
        if (site / rel.rstrip("/")).exists():
            req = urllib.request.Request(base + rel, headers={"Accept-Encoding": "gzip"})
            with contextlib.suppress(Exception), urllib.request.urlopen(req, timeout=120) as r:  # noqa: S310
                r.read()


def _largest_pages(site: Path, n: int) -> list[tuple[str, int]]:
    pages = [(str(p.relative_to(site).parent), p.stat().st_size) for p in site.rglob("index.html")]
    return sorted(pages, key=lambda x: -x[1])[:n]


def _profile_text(prof: Path, out: Path) -> None:
    import io
    import pstats

    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    out.write_text(buf.getvalue(), encoding="utf-8")


def checks(result: dict[str, Any]) -> list[dict[str, Any]]:
    T, S = TARGETS, result["scales"]
    rows: list[dict[str, Any]] = []

    def add(name: str, value: Any, target: str, ok: bool | None) -> None:
        rows.append({"target": name, "value": value, "goal": target, "ok": ok})

    for sc in ("10", "100"):
        if sc in S and S[sc]["ratio_to_floor"] is not None:
            add(f"build time / floor at x{sc}", S[sc]["ratio_to_floor"], f"<= {T['build_ratio_to_floor_max']}",
                S[sc]["ratio_to_floor"] <= T["build_ratio_to_floor_max"])
    g = result["scaling"].get("x10_to_x100_build")
    if g is not None:
        add("build time growth x10 -> x100", g, f"<= {T['x10_to_x100_growth_max']}", g <= T["x10_to_x100_growth_max"])
    top = S.get("100") or (S[max(S, key=int)] if S else None)
    one = S.get("1")
    if top and one and top["ref_record_bytes"] and one["ref_record_bytes"]:
        growth = top["ref_record_bytes"] / one["ref_record_bytes"] - 1
        add(f"record page {top['ref_record_id']} growth x1 -> x{max(S, key=int)}", round(growth, 3),
            f"<= {T['record_page_growth_max']}", growth <= T["record_page_growth_max"])
    if top and top["record_html_max_bytes"]:
        add(f"largest record page at x{max(S, key=int)} ({top['record_html_max_id']})", top["record_html_max_bytes"],
            f"< {T['record_page_max_bytes']}", top["record_html_max_bytes"] < T["record_page_max_bytes"])
        add(f"median record page at x{max(S, key=int)}", top["record_html_median_bytes"],
            f"< {T['record_page_max_bytes']}", top["record_html_median_bytes"] < T["record_page_max_bytes"])
    if top:
        for key, goal in (("search_payload_gz", T["search_payload_gz_max"]),):
            if top.get(key) is not None:
                add(f"{key} at x{max(S, key=int)}", top[key], f"<= {goal}", top[key] <= goal)
        for key, goal in (("search_first_result_ms", T["search_first_result_ms_max"]),
                          ("search_warm_first_result_ms", T["search_first_result_ms_max"]),
                          ("explorer_filter_ms", T["explorer_filter_ms_max"])):
            if top.get(key) is not None:
                add(f"{key} at x{max(S, key=int)}", top[key], f"<= {goal}", top[key] <= goal)
        if top["peak_mem_mb"] is not None:
            add(f"peak memory of the x{max(S, key=int)} build (MB)", top["peak_mem_mb"], f"<= {T['peak_mem_mb_max']}",
                top["peak_mem_mb"] <= T["peak_mem_mb_max"])
    for page, scores in (result.get("lighthouse") or {}).items():
        for cat, goal in T["lighthouse"].items():
            v = scores.get(cat) if isinstance(scores, dict) else None
            if v is not None:
                add(f"Lighthouse {cat} ({page})", v, f">= {goal}", v >= goal)
    rb = (result.get("serve") or {}).get("rebuild_s")
    if rb is not None:
        add("serve rebuild at x1 (s)", rb, f"<= {T['serve_rebuild_s_max']}", rb <= T["serve_rebuild_s_max"])
    return rows


def print_report(result: dict[str, Any]) -> None:
    S = result["scales"]
    rows = [
        ("records", "records"), ("HTML pages", "html_pages"), ("build (median s)", "build_s"),
        ("floor (median s)", "floor_s"), ("ratio to floor", "ratio_to_floor"),
        ("build CPU (median s)", "build_cpu_s"), ("floor CPU (median s)", "floor_cpu_s"),
        ("CPU ratio to floor", "cpu_ratio_to_floor"), ("peak memory (MB)", "peak_mem_mb"),
        ("floor peak memory (MB)", "floor_peak_mem_mb"),
        ("record page median (B)", "record_html_median_bytes"), ("record page largest (B)", "record_html_max_bytes"),
        ("  largest is", "record_html_max_id"), ("same record (B)", "ref_record_bytes"), ("  that record", "ref_record_id"),
        ("x1's largest record (B)", "hub_record_bytes"), ("  that record", "hub_record_id"),
        ("search download to 1st result gz (B)", "search_payload_gz"),
        ("  first result cold (ms)", "search_first_result_ms"),
        ("    from the first key (ms)", "search_from_first_key_ms"),
        ("  warm: download gz (B)", "search_warm_payload_gz"), ("  first result warm (ms)", "search_warm_first_result_ms"),
        ("    from the first key (ms)", "search_warm_from_first_key_ms"),
        ("  index on disk (B)", "search_bundle_bytes"),
        ("floor: Material search gz (B)", "floor_search_payload_gz"),
        ("  first result cold (ms)", "floor_search_first_result_ms"),
        ("    from the first key (ms)", "floor_search_from_first_key_ms"),
        ("explorer payload gz (B)", "explorer_payload_gz"), ("explorer filter (ms)", "explorer_filter_ms"),
    ]
    scales = sorted(S, key=int)
    print("\n" + f"{'figure':34}" + "".join(f"{'x' + s:>22}" for s in scales))
    for label, key in rows:
        vals = []
        for s in scales:
            v = S[s].get(key)
            vals.append("n/a" if v is None else (f"{v:.3g}" if isinstance(v, float) and key.endswith("ratio_to_floor") else str(v)))
        print(f"{label:34}" + "".join(f"{v:>22}" for v in vals))
    sc = result["scaling"]
    print(f"\nx10 -> x100 growth: build {sc.get('x10_to_x100_build', 'n/a')}, floor {sc.get('x10_to_x100_floor', 'n/a')}")
    for page, scores in (result.get("lighthouse") or {}).items():
        print(f"Lighthouse {page}: " + ", ".join(f"{k} {scores.get(k)}" for k in TARGETS["lighthouse"])
              + (f" (median of {len(scores['performance_runs'])}; performance runs "
                 f"{' / '.join(map(str, scores['performance_runs']))})" if scores.get("performance_runs") else ""))
    sv = result.get("serve") or {}
    print(f"serve rebuild at x1: {sv.get('rebuild_s', 'n/a')} s ({sv.get('method')}); {sv.get('note') or ''}")
    print("\nTargets:")
    for row in result["checks"]:
        mark = "PASS" if row["ok"] else "MISS"
        print(f"  {mark}  {row['target']}: {row['value']} (goal {row['goal']})")
    for note in result["notes"]:
        print(f"note: {note}")
    for sc in scales:
        for note in S[sc].get("notes") or []:
            print(f"note (x{sc}): {note}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ctwg bench", description=__doc__.splitlines()[0])
    p.add_argument("--scales", help="comma-separated scales (default 1,10,100; with --quick 1,10)")
    p.add_argument("--runs", type=int, help="builds per scale, the median is reported (default 5 up to x10, 3 above; --quick 1)")
    p.add_argument("--quick", action="store_true", help="smoke test: 1 run, scales 1,10")
    p.add_argument("--out", default=str(ROOT / "bench-out"), help="results folder (default bench-out/)")
    p.add_argument("--data", default=str(DATA_DIR), help="source data folder (default data/)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--query", default="aviation", help="search query for the browser timings")
    p.add_argument("--no-browser", action="store_true", help="skip Playwright timings")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    p.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild timing")
    p.add_argument("--profile", action="store_true", help="also cProfile one build at the largest scale")
    p.add_argument("--keep-sites", action="store_true", help="keep the built sites and synthetic data")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:
        argv = argv[1:]
    args = p.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else None)
    args.scale_list = [int(s) for s in (args.scales or ("1,10" if args.quick else "1,10,100")).split(",") if s.strip()]
    if not args.scale_list or min(args.scale_list) < 1 or (args.runs is not None and args.runs < 1):
        print("scales and runs must be 1 or more", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CTWG_DATA", None)
    env.pop("CTWG_PREVIEW", None)

    result: dict[str, Any] = {k: None for k in TOP_KEYS}
    result.update(scales={}, scaling={}, lighthouse={}, serve={}, checks=[], notes=[], targets=TARGETS)
    result["meta"] = {
        "started": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "args": {k: v for k, v in vars(args).items()},
        "cpus": os.cpu_count(), "load_before": os.getloadavg(), "versions": versions(),
        "gzip_level": 6, "search_key_delay_ms": KEY_DELAY_MS,
        "code_root": str(ROOT), "commit": _commit(),
    }
    json_path = out / "bench.json"

    def save() -> None:
        json_path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")

    ref: dict[str, str | None] = {"ref": None, "hub": None}
    status = 0
    try:
        for scale in args.scale_list:
            try:
                result["scales"][str(scale)] = bench_scale(scale, args, work, env, ref)
            except (RuntimeError, Timeout, subprocess.SubprocessError, OSError) as exc:
                result["notes"].append(f"x{scale}: {exc}")
                log(f"x{scale} failed: {exc}")
                status = 1
            save()
        S = result["scales"]
        if "10" in S and "100" in S:
            result["scaling"]["x10_to_x100_build"] = round(S["100"]["build_s"] / S["10"]["build_s"], 2)
            result["scaling"]["x10_to_x100_floor"] = round(S["100"]["floor_s"] / S["10"]["floor_s"], 2)
        if not args.no_lighthouse:
            result["lighthouse"] = run_lighthouse(work, S, ref)
            save()
        if not args.no_serve:
            log("x1: mkdocs serve rebuild latency")
            try:
                result["serve"] = serve_latency(work)
            except (OSError, subprocess.SubprocessError) as exc:
                result["serve"] = {"rebuild_s": None, "note": str(exc)}
        result["checks"] = checks(result)
        result["meta"]["load_after"] = os.getloadavg()
        result["meta"]["finished"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        save()
        print_report(result)
        print(f"\nAll figures: {json_path}")
    finally:
        if not args.keep_sites:
            for scale in args.scale_list:
                for name in (f"site-x{scale}-profile", f"floor-x{scale}/site"):
                    shutil.rmtree(work / name, ignore_errors=True)
    return status


def run_lighthouse(work: Path, S: dict[str, Any], ref: dict[str, str | None]) -> dict[str, Any]:
    """Lighthouse at x1 (or the smallest scale built) on home, a record page and the explorer."""
    if not S:
        return {}
    scale = min(S, key=int)
    site = work / f"site-x{scale}"
    out: dict[str, Any] = {}
    log(f"x{scale}: Lighthouse (npm ci --prefix bench)")
    try:
        lh = npm_ci(work / "npm-ci.log")
    except (OSError, subprocess.SubprocessError) as exc:
        return {"error": f"npm ci failed: {exc}"}
    manifest = json.loads((work / f"manifest-x{scale}.json").read_text(encoding="utf-8"))
    urls = {r["id"]: r["url"] for r in manifest["records"]}
    pages = {"home": ""}
    if ref.get("ref") in urls:
        pages["record"] = urls[ref["ref"]]
    pages["explorer"] = "explore/" if (site / "explore" / "index.html").is_file() else None
    with serve_dir(site) as base:
        for name, rel in pages.items():
            if rel is None:
                out[name] = {k: None for k in TARGETS["lighthouse"]} | {"note": "n/a: no /explore/ page"}
                continue
            # Scores move with the machine's load from one run to the next (Lighthouse's own
            # advice on variability): each category's median of LH_RUNS runs is reported.
            runs = []
            for i in range(LH_RUNS):
                log(f"Lighthouse: {name} ({i + 1}/{LH_RUNS})")
                runs.append(lighthouse(lh, base + rel, work / f"lighthouse-{name}-{i}.json", work / "lighthouse.log"))
            out[name] = {k: median([r[k] for r in runs if r.get(k) is not None]) for k in TARGETS["lighthouse"]}
            out[name]["performance_runs"] = [r.get("performance") for r in runs]
            out[name]["failed_audits"] = sorted({a for r in runs for a in r.get("failed_audits", [])})
            out[name]["url_path"] = "/" + rel
    return out


if __name__ == "__main__":  # `python -m ctwg.bench ...`
    sys.exit(main())
