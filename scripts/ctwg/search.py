"""Site search index: the built site -> site/pagefind/ (Pagefind's chunked index and its code).

In: the pages as MkDocs writes them. Out: `pagefind/` in the site. Pagefind (the `pagefind`
package from PyPI with its `pagefind_bin` binary, pinned in requirements.lock) reads every
page's `data-pagefind-body` (overrides/main.html: the article of every page but the search
and 404 pages) and writes an index split into small pieces, so that a reader downloads only
what a query needs. docs/assets/js/search.js is the search UI; Pagefind's own UI files are
removed.

Any failure stops the build: a site without its search is not published.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BUNDLE = "pagefind"
# Inside the article: not text anyone searches for (permalink signs), and lists of other
# records: a page is found for what it says about its subject, not for the names of the pages
# it links to, each of which is found itself. This also keeps the index small: Pagefind needs
# memory in proportion to the text it indexes (about 100 KB per record page with the lists,
# which would be 1.5 GB for a site of 15,000 pages).
EXCLUDE = ", ".join([
    ".headerlink",
    ".ctwg-connections",   # a record page's Connections (pages pointing to it)
    ".ctwg-sources",       # its Sources (the documents it cites)
    ".ctwg-cooperation",   # a forum's or partner's cooperation diagram and table
    ".ctwg-results",       # explorer and library lists: every record is indexed on its own page
    ".ctwg-facets",        # filter choices
    ".ctwg-index table",   # index pages' tables
    ".ctwg-figure svg",    # diagram labels
    ".ctwg-cite",          # citation block: repeats the title
])
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
TIMEOUT = 1800  # seconds; x100 (14,600 pages) takes well under a minute


BODY_START = "<div data-pagefind-body>"  # as overrides/main.html writes it
SLIM_HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body>'


class SearchIndexError(RuntimeError):
    pass


class SearchIndexer:
    """Builds site/pagefind/ for one build.

    While MkDocs writes the pages, `add` keeps a small copy of each page's searchable part
    (the article, not the theme around it) in a temporary folder that mirrors the site, so
    Pagefind parses a fifth of the HTML. `start` runs Pagefind over that folder in the
    background (it is multi-threaded; the hook meanwhile writes the open-data exports on the
    other core) and `finish` waits for it, checks it and tidies up.
    """

    def __init__(self) -> None:
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.bundle: Path | None = None
        self.pages = 0

    def reset(self) -> None:
        self.cleanup()
        self.tmp = Path(tempfile.mkdtemp(prefix="ctwg-search-"))
        self.pages = 0

    def add(self, dest_path: str, html: str) -> None:
        """Keep the searchable part of the page MkDocs writes to `dest_path` (if it has one)."""
        start = html.find(BODY_START)
        if start < 0 or self.tmp is None:
            return
        end = html.find("</article>", start)
        target = self.tmp / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(SLIM_HEAD + html[start:end if end > 0 else None] + "</body></html>", encoding="utf-8")
        self.pages += 1

    def start(self, site_dir: Path) -> None:
        if self.tmp is None:
            raise SearchIndexError("the search index has no pages (no build is running)")
        self.bundle = Path(site_dir) / BUNDLE
        if self.bundle.exists():
            shutil.rmtree(self.bundle)
        cmd = [sys.executable, "-m", "pagefind", "--site", str(self.tmp), "--output-path", str(self.bundle),
               "--force-language", "en", "--exclude-selectors", EXCLUDE]
        try:
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            raise SearchIndexError(f"the search index (Pagefind) could not run: {exc}") from None

    def finish(self) -> str:
        """Wait for Pagefind; return its summary line. Raises SearchIndexError."""
        if self.proc is None or self.bundle is None:
            raise SearchIndexError("the search index was not started")
        try:
            out, _ = self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise SearchIndexError(f"the search index (Pagefind) took more than {TIMEOUT} s") from None
        finally:
            code = self.proc.returncode
            self.proc = None
            self.cleanup()
        if code != 0 or not (self.bundle / "pagefind.js").is_file():
            raise SearchIndexError("the search index (Pagefind) failed:\n" + (out or "").strip())
        for name in UNUSED:
            (self.bundle / name).unlink(missing_ok=True)
        indexed = [ln.strip() for ln in (out or "").splitlines() if ln.strip().startswith("Indexed") and "pages" in ln]
        return indexed[0] if indexed else ""

    def cleanup(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.communicate()
            self.proc = None
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
