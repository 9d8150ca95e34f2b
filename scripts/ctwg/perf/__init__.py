"""The build's second core: work MkDocs does not do itself, behind one small interface.

MkDocs renders on one core. `ParallelWork` puts the other to work, and the MkDocs plugin
(ctwg.mkdocs_plugin.plugin) only calls, in this order:

- `start(ctx, site_dir)` once the site folder is clean (on_files): a forked child starts
  writing the open-data exports and feeds (`exports_job`), and Pagefind starts as a service
  (`pagefind`), in that order, so the child has no copy of Pagefind's pipes;
- `feed(dest_path, searchable_html)` for every page as soon as its Markdown is HTML;
- `write_page(dest_path, html, page_url)` for every page the theme has rendered (`build` only, when
  `writes_pages`): a child process (`pagewriter`) finishes it and writes its file, and MkDocs
  is given an empty page, which it does not write;
- `pages_done(site_dir)` once every page is fed (on_env): Pagefind writes the index while
  MkDocs renders the theme around each page (above pagefind.OVERLAP_MAX_PAGES pages, under
  `ctwg build`, only after MkDocs has ended: see pagefind.HandedOver);
- `finish(ctx, site_dir)` after the build: waits for all three and returns a summary line, or
  raises PageWriteError / SearchIndexError / ExportsError; `cancel()` after a failed build.

`serve` (a preview) writes neither the exports nor the index while rendering: `finish` starts
a thread that writes both once the previous build's thread has ended, so the pages are served
at once and a rebuild never waits for the search index of the build before it (the site folder
is not emptied between rebuilds, see servecache); each build has its own Pagefind. The thread
waits QUIET_S after its build and gives way to a newer build's thread (saves in a row write the
index and exports once, for the newest data). The pages it indexes are handed to it (serve
feeds none while rendering: a quick rebuild renders only some). `wait()`
joins the last thread (at shutdown). Without this package the same outputs come from `site.outputs.exports.write_all`
and Pagefind's own command over the finished site (tests/build checks that they agree).
`servecache` keeps unchanged pages' HTML between `serve` rebuilds.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from ..errors import ExportsError, PageWriteError, SearchIndexError
from ..site.context import SiteContext
from .exports_job import ExportsJob
from .pagefind import SearchIndexer
from .pagewriter import PageWriter

LOG = logging.getLogger("mkdocs.ctwg")
QUIET_S = 1.5  # serve: the search index and exports wait this long after a build for the next save


class ParallelWork:
    def __init__(self, serving: bool = False) -> None:
        self.serving = serving
        self.search = SearchIndexer()
        self.exports: ExportsJob | None = None  # build: the exports being written by a child process
        self.job: threading.Thread | None = None  # serve: the search index and exports being written
        self.generation = 0  # serve: builds finished so far (the newest one's thread writes)
        self.finished_at = 0.0  # serve: when the last build finished
        self.pages: PageWriter | None = None  # build: the child that finishes and writes the pages

    @property
    def writes_pages(self) -> bool:
        return self.pages is not None

    def start(self, ctx: SiteContext, site_dir: Path) -> None:
        if not self.serving and hasattr(os, "fork"):
            self.exports = ExportsJob(ctx, site_dir)
        if not self.serving:  # after the fork: the exports child holds no copy of the writer's pipe
            try:
                self.pages = PageWriter(site_dir, ctx.terms, ctx.preview)
            except OSError as exc:
                raise PageWriteError(f"The pages could not be written: {exc}") from None
        if self.serving:  # the previous build's thread may still be writing with its own Pagefind
            self.search = SearchIndexer()
        self.search.reset()  # after the fork: the child gets no copy of Pagefind's pipes or threads

    def feed(self, dest_path: str, searchable_html: str) -> None:
        self.search.add(dest_path, searchable_html)

    def write_page(self, dest_path: str, html: str, page_url: str) -> None:
        self.pages.write(dest_path, html, page_url)

    def pages_done(self, site_dir: Path) -> None:
        if not self.serving:  # serve: written in the background, after the previous build's index
            self.search.start(site_dir)

    def finish(self, ctx: SiteContext, site_dir: Path, refeed: dict[str, str] | None = None) -> str | None:
        """`build`: wait for the index and the exports. `serve`: let a thread do both, from every
        page's searchable part in `refeed` (dest path -> HTML: serve feeds none while rendering); None."""
        if self.serving:
            # The pages are served (and the browser reloads) as soon as they are written; the
            # search index and the exports follow a moment later in the background. A thread
            # whose build is followed by another before it begins leaves the writing to that one.
            self.generation += 1
            self.finished_at = time.monotonic()
            self.job = threading.Thread(target=self._in_background, daemon=True, args=(
                ctx, site_dir, self.search, self.job, dict(refeed or {}), self.generation))
            self.job.start()
            return None
        if self.pages is not None:
            pages, self.pages = self.pages, None
            pages.finish()
        if self.exports is None:  # no fork on this system: write them here
            return self._exports_and_search_index(ctx, site_dir)
        job, self.exports = self.exports, None  # both were written while MkDocs rendered the pages
        job.finish()
        return self.search.finish()

    def _exports_and_search_index(self, ctx: SiteContext, site_dir: Path, search: SearchIndexer | None = None) -> str:
        """Write the open-data exports and feeds while Pagefind writes the search index on the other core."""
        from ..site.outputs.exports import write_all

        search = search or self.search
        try:
            if self.serving:
                search.start(site_dir)
                if hasattr(os, "fork"):
                    # A child process writes them, so the next rebuild (in this process) does not
                    # share Python's lock with them; write_all is imported above, before the fork.
                    job = ExportsJob(ctx, site_dir)
                    try:
                        summary = search.finish()
                    finally:
                        job.finish()
                    return summary
            write_all(ctx, site_dir)
            return search.finish()
        finally:
            search.cleanup()

    def _in_background(self, ctx: SiteContext, site_dir: Path, search: SearchIndexer,
                       previous: threading.Thread | None, pages: dict[str, str], generation: int) -> None:
        if previous is not None:
            previous.join()  # one writer at a time: the newest catalog's exports and index are written last
        # Wait for a quiet moment: while someone saves again and again, the next rebuild should
        # not share the machine with this work, which the next build's thread does anyway.
        while time.monotonic() < self.finished_at + QUIET_S and generation == self.generation:
            time.sleep(0.05)
        if generation != self.generation:  # a newer build's thread follows: it writes them
            search.cleanup()
            return
        try:
            for dest_path, html in pages.items():
                search.add(dest_path, html)
            search.indexed()
            self._exports_and_search_index(ctx, site_dir, search)
        except (SearchIndexError, ExportsError, OSError) as exc:
            LOG.error("Preview: the search index or the exports could not be written: %s", exc)

    def wait(self) -> None:
        """`serve`: wait for the last build's background writing (before the next build cleans the folder)."""
        if self.job is not None:
            self.job.join()
            self.job = None

    def cancel(self) -> None:
        self.wait()
        if self.pages is not None:
            self.pages.cancel()
            self.pages = None
        if self.exports is not None:
            self.exports.cancel()
            self.exports = None
        self.search.cleanup()
