"""`mkdocs serve` only: a save that changes only data records is shown without a whole rebuild.

MkDocs' preview rebuilds the whole site after every save (ctwg.perf.servecache makes that
cheaper, but every page still goes through MkDocs). When the files saved since the last build
are only record files of the data folder, with the same records (the same ids, types and files)
and the same glossary terms, `QuickRebuild` does this instead:

1. builds the catalog again (unchanged files are kept: ctwg.data.filecache) and checks it as a
   build would: any data problem goes to the whole rebuild, which shows it on every page;
2. asks the page memo (ctwg.perf.pagememo) which generated pages read something that changed;
3. makes the pages of the edited records first, has MkDocs render and write them (its own
   page functions, with the site's navigation, files and templates of the last build), and
   tells the open browsers to reload: the edited page is shown;
4. makes the other pages that read the edit (lists, the explorer, the timeline, the pages
   that link to the record) and the site's own pages (docs/, whose macros read the data),
   writing only those whose output changed, and has the browsers reload once more. A save
   during this step stops it; the next rebuild finishes it with the newer data;
5. has the search index and the exports written again in the background, as after a build.

Anything else (a file in docs/, overrides/, mkdocs.yml or the code; a record added, removed
or renamed; a glossary term changed; a page of the navigation changing its title; the last
build failed; a new day) is a whole rebuild. tests/build/test_serve_rebuild.py checks that the
site served after edits is, file for file, the site a fresh build of the same data writes.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkbuild

from ..data import constants
from ..data.catalog import build_catalog
from ..errors import DataErrors
from ..perf import servecache
from ..perf.pagememo import PageMemo
from ..site.context import site_context

LOG = logging.getLogger("mkdocs.ctwg")


class QuickRebuild:
    def __init__(self) -> None:
        self.memo = PageMemo()
        self.state: dict[str, Any] | None = None  # the last whole build's config, files, nav, env
        self.watched: dict[str, tuple] = {}  # the files other than records a rebuild depends on
        self.server: Any = None
        self.last: dict[str, Any] = {}  # figures of the last quick rebuild (log and tests)

    # -- what the plugin tells it ------------------------------------------------

    def build_started(self) -> None:
        self.state = None

    def build_done(self, config: Any, files: Any, nav: Any, env: Any, data_dir: Path) -> None:
        self.state = {"config": config, "files": files, "nav": nav, "env": env, "data_dir": data_dir}
        self.watched = watched_files(config, data_dir)

    def install(self, server: Any, plugin: Any) -> None:
        self.server = server
        full = server.builder

        def builder() -> None:
            if not self._quick(plugin):
                full()

        server.builder = builder

    # -- the quick rebuild ---------------------------------------------------------

    def _quick(self, plugin: Any) -> bool:
        # No garbage collection meanwhile: with the whole site in memory, one full collection
        # takes longer than the rest of the rebuild at x100 (the cycles it leaves are collected later).
        gc.disable()
        try:
            return self._rebuild(plugin)
        except Exception as exc:  # a fault here must not stop the preview: the whole rebuild does it all
            LOG.warning("Quick rebuild not possible (%s: %s); rebuilding the whole site", type(exc).__name__, exc)
            self.state = None
            return False
        finally:
            gc.enable()

    def _rebuild(self, plugin: Any) -> bool:
        state = self.state
        if state is None or watched_files(state["config"], state["data_dir"]) != self.watched:
            return False
        start = time.perf_counter()
        config = state["config"]
        try:
            catalog = build_catalog(state["data_dir"], public=not plugin.preview, cache=plugin.files_cache)
        except DataErrors:
            return False  # the whole rebuild reports them, on every page
        catalog_s = time.perf_counter() - start
        old = plugin.ctx
        ctx = site_context(catalog, state["data_dir"], edit_base=old.edit_base, site_url=old.site_url,
                           site_name=old.site_name, preview=old.preview)
        stale = self.memo.stale(ctx)
        if stale is None:
            return False
        plugin.ctx = ctx
        self.state = None  # until this rebuild has ended: a fault in it leaves a whole rebuild to do
        plugin.work.start(ctx, Path(config.site_dir))
        first = {key: None for key in stale if key[0] == "record" and key[1] in self.memo.changed}  # in order
        try:
            written = self._write(self.memo.remake(ctx, first), state)
            shown = time.perf_counter() - start
            self._reload()  # the edited page is shown; the rest follows
            rest = [key for key in stale if key not in first]
            done, interrupted, more = 0, False, 0
            for key in rest:
                if self._saved_again():
                    interrupted = True
                    break
                more += self._write(self.memo.remake(ctx, [key]), state)
                done += 1
            more += self._write_docs(state)
        except BaseException as exc:
            plugin.work.search.cleanup()  # the whole rebuild starts its own Pagefind
            if isinstance(exc, _NavChanged):
                return False
            raise
        if more:
            self._reload()
        written += more
        plugin.work.finish(ctx, Path(config.site_dir), refeed=plugin.searchable)
        self.state = state
        self.last = {"shown_s": shown, "catalog_s": catalog_s, "total_s": time.perf_counter() - start, "stale": len(stale),
                     "first": len(first), "made": len(first) + done, "written": written, "interrupted": interrupted}
        LOG.info("Quick rebuild: the edited page in %.2f s (the data checked in %.2f s); %d of %d pages that read "
                 "the edit made again, %d files written, in %.2f s%s", shown, catalog_s, len(first) + done, len(stale), written,
                 self.last["total_s"], " (stopped: another save; the next rebuild goes on)" if interrupted else "")
        return True

    def _write(self, outputs: dict[str, str], state: dict[str, Any]) -> int:
        """Have MkDocs render and write these generated files (pages or JSON)."""
        files = state["files"]
        for src, content in outputs.items():
            file = files.get_file_from_path(src)
            if file is None:
                raise LookupError(f"{src}: not a file of the last build")
            file.content_string = content
            if file.is_documentation_page():
                self._render(file.page, state)
            else:
                file.copy_file()
        return len(outputs)

    def _render(self, page: Any, state: dict[str, Any]) -> None:
        config, files, nav = state["config"], state["files"], state["nav"]
        title = page.title
        mkbuild._populate_page(page, config, files)
        if page.title != title and page in nav.pages:
            raise _NavChanged(page.file.src_uri)
        mkbuild._build_page(page, config, files, nav, state["env"])

    def _write_docs(self, state: dict[str, Any]) -> int:
        """The site's own pages (docs/): their macros read the data. A page whose Markdown is the
        same is neither converted nor written again (ctwg.perf.servecache); how many were."""
        written = servecache.STATS["written"]
        for file in state["files"].documentation_pages():
            if file.generated_by is None:
                self._render(file.page, state)
        return servecache.STATS["written"] - written

    def _saved_again(self) -> bool:
        server = self.server
        cond = getattr(server, "_rebuild_cond", None)
        if cond is None:
            return False
        with cond:
            return bool(server._want_rebuild)

    def _reload(self) -> None:
        """Serve the pages written so far and have the open pages reload, before the builder
        returns (MkDocs' server holds every request while a build is under way, then reloads)."""
        server = self.server
        cond = getattr(server, "_epoch_cond", None)
        if cond is None:  # pragma: no cover - another server than MkDocs 1.6's (or ProperDocs')
            return
        with cond:
            epoch = max(round(time.monotonic() * 1000), server._visible_epoch + 1)
            server._visible_epoch = server._wanted_epoch = epoch
            cond.notify_all()


class _NavChanged(Exception):
    pass


def watched_files(config: Any, data_dir: Path) -> dict[str, tuple]:
    """(size, mtime, inode) of every file a rebuild reads other than the record files: docs/,
    the theme's overrides, mkdocs.yml, the watched folders, and the data folder's own files
    (the glossary, templates). Installed packages are left out: they do not change while serving."""
    data_dir = Path(data_dir).resolve()
    record_dirs = {str(data_dir / t) for t in constants.RECORD_TYPES}
    roots = [config.docs_dir, config.config_file_path, *config.watch]
    roots += [d for d in config.theme.dirs if "site-packages" not in Path(d).parts]
    out: dict[str, tuple] = {}
    for root in roots:
        root = os.path.abspath(root)
        if os.path.isfile(root):
            _note(out, root)
            continue
        for folder, subdirs, names in os.walk(root):
            subdirs[:] = [d for d in subdirs if d != "__pycache__" and os.path.join(folder, d) not in record_dirs]
            for name in names:
                _note(out, os.path.join(folder, name))
    return out


def _note(out: dict[str, tuple], path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return
    out[path] = (st.st_size, st.st_mtime_ns, st.st_ino)

