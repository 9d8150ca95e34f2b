"""Reusable browser checks: used by the real tests and, on tests/fixtures/broken_site, by
test_checks_catch_breakage.py (which proves that each check does fail on breakage).

Everything here is plain functions over a Playwright sync `Page` or a `Recorder` (see
conftest.py); nothing here talks to any host but 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from helpers import VENDOR  # noqa: E402

AXE_PATH = VENDOR / "axe.min.js"

# axe-core rule tags: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ALLOWED_HOSTS = {"127.0.0.1"}
# Every URL that is not on 127.0.0.1 (nor data:/blob:/about:, nor file:, a page opened from
# the disk, which never leaves the machine). The pattern is matched inside
# Playwright's driver, so local requests go on without a round trip through Python; every
# other request comes to the handler, which records and aborts it.
NOT_LOCAL = re.compile(r"^(?!(?:https?|wss?)://127\.0\.0\.1(?:[:/?#]|$))(?!(?:data|blob|about|file):)", re.I)

# Runs in every document before any page script: records CSP violations.
CSP_RECORDER = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push({
      directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
      line: e.lineNumber, sample: e.sample,
    });
  }, true);
})();
"""


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


# --------------------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def serve(directory: Path) -> contextlib.AbstractContextManager[str]:
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL ending in '/'.
    The benchmark's server, with a handler that logs nothing and forbids caching."""
    from ctwg.static_server import serve_dir

    return serve_dir(directory, handler_class=_QuietHandler)


def site_pages(site: Path) -> list[str]:
    """Every built HTML page as a URL path relative to the site root ('' for the home page)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    if (site / "404.html").exists():
        pages.append("404.html")
    return pages


def page_file(site: Path, path: str) -> Path:
    """The file behind a URL path from site_pages()."""
    return site / path if path.endswith(".html") else site / path / "index.html"


# --------------------------------------------------------------------------- recording


@dataclass
class Recorder:
    """A page plus what happened on it since the last `goto`."""

    page: object  # playwright.sync_api.Page
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    all_external_requests: list[str] = field(default_factory=list)  # never reset

    def reset(self) -> None:
        self.external_requests.clear()
        self.console_errors.clear()
        self.page_errors.clear()
        self.dialogs.clear()

    def goto(self, url: str, wait_until: str = "load"):
        self.reset()
        response = self.page.goto(url, wait_until=wait_until)
        return response


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return parts.hostname in ALLOWED_HOSTS


def attach(page, recorder: Recorder | None = None) -> Recorder:
    """Guard every request of `page`: local ones go on, any other is recorded and ABORTED.
    Also collect console errors, uncaught page errors and dialogs (dismissed)."""
    rec = recorder or Recorder(page)

    def on_route(route):
        url = route.request.url
        if is_local(url):  # only reached if NOT_LOCAL let a local URL through
            route.continue_()
        else:
            rec.external_requests.append(url)
            rec.all_external_requests.append(url)
            route.abort("blockedbyclient")

    def on_console(msg):
        if msg.type == "error":
            loc = msg.location or {}
            rec.console_errors.append(f"{msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def on_dialog(dialog):
        rec.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # On the context, so that popups and workers (the search's worker) are guarded too.
    page.context.route(NOT_LOCAL, on_route)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
    page.on("dialog", on_dialog)
    page.add_init_script(CSP_RECORDER)
    return rec


def open_page(browser, *, color_scheme: str = "light", width: int = 1280, height: int = 900) -> Recorder:
    """A new context and page with the request guard, console and CSP recorders attached."""
    context = browser.new_context(
        color_scheme=color_scheme,
        viewport={"width": width, "height": height},
        service_workers="block",
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    return attach(context.new_page())


# --------------------------------------------------------------------------- checks


@functools.cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def vendored_sha256_ok() -> tuple[str, str]:
    """(sha256 of tests/vendor/axe.min.js, sha256 recorded in tests/vendor/README.md)."""
    actual = hashlib.sha256(AXE_PATH.read_bytes()).hexdigest()
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| axe.min.js |"))
    recorded = re.search(r"\b[0-9a-f]{64}\b", row).group(0)
    return actual, recorded


def run_axe(page, tags: list[str] | None = None, disabled: dict[str, str] | None = None) -> list[dict]:
    """Run axe-core on the page; returns its violations as small dicts.

    axe is injected through the DevTools protocol (page.evaluate), which the page's own
    Content-Security-Policy does not govern, so the CSP check stays meaningful.
    `disabled` maps a rule id to the written reason it is off.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;void 0")
    options = {"runOnly": {"type": "tag", "values": tags or AXE_TAGS}, "resultTypes": ["violations"]}
    if disabled:
        for rule, reason in disabled.items():
            assert reason.strip(), f"axe rule {rule} is disabled without a reason"
        options["rules"] = {rule: {"enabled": False} for rule in disabled}
    # Only the violations come back, already cut down, to keep the protocol traffic small.
    return page.evaluate(
        """async (opts) => {
          const result = await window.axe.run(document, opts);
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target, html: (n.html || '').slice(0, 200),
                                      summary: n.failureSummary || ''})),
          }));
        }""",
        options,
    )


def format_violations(violations: list[dict], limit: int = 5) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for n in v["nodes"][:limit]:
            lines.append(f"      {n['target']}  {n['html']}")
            if n["summary"]:
                lines.append("        " + n["summary"].replace("\n", "\n        "))
    return "\n".join(lines)


def external_requests(rec: Recorder) -> list[str]:
    return list(rec.external_requests)


def console_errors(rec: Recorder) -> list[str]:
    return list(rec.console_errors) + [f"uncaught: {e}" for e in rec.page_errors]


def csp_violations(page) -> list[dict]:
    return page.evaluate("() => window.__cspViolations || []")


def horizontal_overflow(page, width: int = 375, height: int = 800) -> list[str]:
    """At the given viewport, [] if the page does not scroll sideways, else the widest
    offenders (elements whose right edge passes the viewport, outside any scroll box)."""
    if page.viewport_size != {"width": width, "height": height}:
        page.set_viewport_size({"width": width, "height": height})
    return page.evaluate(
        """() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return [];
          const limit = root.clientWidth;
          const inScroller = (el) => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const ox = getComputedStyle(p).overflowX;
              if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') return true;
            }
            return false;
          };
          const out = [`scrollWidth ${root.scrollWidth} > clientWidth ${limit}`];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > limit + 1 && r.width > 0 && !inScroller(el)) {
              const id = el.id ? '#' + el.id : '';
              const cls = el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\\s+/).join('.') : '';
              out.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
              if (out.length > 8) break;
            }
          }
          return out;
        }"""
    )


def small_text(page, selector: str, min_px: float) -> list[str]:
    """Text shown inside `selector` (elements with a text of their own, on screen, not the
    1 px boxes of visually hidden text) whose font is under `min_px` as rendered: its computed
    size, and the height of the text's own box; [] if none."""
    return page.evaluate(
        """([selector, min]) => {
          const out = [];
          for (const root of document.querySelectorAll(selector)) {
            for (const el of [root, ...root.querySelectorAll('*')]) {
              const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
              if (!own.length || !el.getClientRects().length) continue;
              const box = el.getBoundingClientRect();
              if (box.width <= 1 || box.height <= 1) continue;  // visually hidden, read by screen readers
              const size = parseFloat(getComputedStyle(el).fontSize);
              const range = document.createRange();
              range.selectNodeContents(own[0]);
              const h = Math.max(0, ...[...range.getClientRects()].map(r => r.height));
              if (size < min || h < min) {
                out.push(`${el.tagName.toLowerCase()}.${el.className} "${own[0].textContent.trim().slice(0, 40)}": ` +
                         `${size}px font, ${h.toFixed(1)}px high`);
              }
            }
          }
          return out;
        }""",
        [selector, min_px],
    )


def cut_off(page, selector: str) -> list[str]:
    """Elements matching `selector`, shown, whose content is wider than their box (cut off
    or spilling over); [] if none."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
             .filter(el => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1)
             .map(el => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}": ` +
                        `${el.scrollWidth}px of text in ${el.clientWidth}px`)""",
        selector,
    )
