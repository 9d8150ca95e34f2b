"""MkDocs integration: the Catalog becomes in-memory pages, exports and feeds.

Lifecycle (MkDocs runs hooks after plugins, so `macros` is set up before we are):
- on_startup: `serve` is a preview (drafts and scheduled records shown, marked);
  `build` is the public site. CTWG_PREVIEW=1 forces a preview build. `serve` also keeps each
  page's HTML between rebuilds while its Markdown is unchanged (ctwg.servecache).
- on_config: build the Catalog once (any data problem stops the build with every problem
  listed, no traceback); record the commit and build date for the footer.
- on_files: add one generated page per record, index and overview, and the explorer's and
  library's records.json (File.generated: never written into docs/). `build` then starts
  writing the open-data exports and feeds in a child process (ExportsJob), on the core MkDocs
  leaves idle. Both start Pagefind (ctwg.search).
- on_page_content: send the page's searchable part to Pagefind, which parses it on the other
  core while MkDocs turns the next page's Markdown into HTML.
- on_env (every page's Markdown is HTML by now, the theme not yet rendered): Pagefind writes
  the search index into the site while MkDocs renders the theme around each page.
- on_post_page / on_post_template (404): add the Content-Security-Policy with hashes of that
  page's inline scripts.
- on_post_build: `build` waits for the search index and the exports (any failure stops the
  build); `serve` writes the exports and waits for the index in the background.
Data folder: CTWG_DATA, or data/ beside mkdocs.yml.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from .catalog import Catalog, build_catalog
from .constants import RECORD_TYPES, SEARCH_TYPE_ORDER
from .errors import DataErrors
from .pages import SiteContext, all_pages
from .search import SearchIndexer, SearchIndexError, searchable_part


@dataclass
class State:
    preview: bool = False
    ctx: SiteContext | None = None
    serving: bool = False  # `mkdocs serve` (a preview kept up to date while files change)
    job: threading.Thread | None = None  # serve: the search index and exports being written
    exports: ExportsJob | None = None  # build: the exports being written by a child process

    @property
    def catalog(self) -> Catalog:
        if self.ctx is None:
            raise RuntimeError("the catalog is built in on_config")
        return self.ctx.catalog


class ExportsJob:
    """`build`: the open-data exports and feeds, written by a forked child process.

    They depend only on the catalog, so a copy of this process writes them into the (already
    cleaned) site folder while MkDocs renders the pages. The child reports a failure on a pipe
    and through its exit code; `finish` turns either into a stopped build.
    """

    def __init__(self, ctx: SiteContext, site_dir: Path) -> None:
        self.read_fd, write_fd = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: write, report, and leave without running the parent's exit code
            code = 1
            try:
                os.close(self.read_fd)
                from .exports import write_all

                write_all(ctx, site_dir)
                code = 0
            except BaseException as exc:  # noqa: BLE001 - every failure must reach the parent
                with contextlib.suppress(OSError):
                    os.write(write_fd, f"{type(exc).__name__}: {exc}".encode()[:4000])
            finally:
                os._exit(code)
        os.close(write_fd)

    def finish(self) -> None:
        with os.fdopen(self.read_fd, "rb") as pipe:
            message = pipe.read().decode(errors="replace")
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise Abort(f"The open-data exports and feeds could not be written: {message or 'the writer stopped'}")

    def cancel(self) -> None:
        with contextlib.suppress(OSError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.read_fd)


STATE = State()
LOG = logging.getLogger("mkdocs.ctwg")
SEARCH = SearchIndexer()


def _git(args: list[str], cwd: Path) -> str:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def git_dates(data_dir: Path) -> dict[str, str]:
    """Last commit date of every data file, from one `git log` pass: {display path: YYYY-MM-DD}."""
    top = _git(["rev-parse", "--show-toplevel"], data_dir).strip()
    if not top:
        return {}
    out: dict[str, str] = {}
    date = ""
    for line in _git(["log", "--format=@%cs", "--name-only", "--", "."], data_dir).splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and date:
            path = os.path.relpath(Path(top) / line)
            out.setdefault(path, date)
    return out


def build_info(root: Path) -> dict[str, str]:
    commit = os.environ.get("GITHUB_SHA") or _git(["rev-parse", "HEAD"], root).strip()
    dirty = bool(_git(["status", "--porcelain", "--untracked-files=no"], root).strip())
    return {
        "commit": (commit[:12] + ("+changes" if dirty else "")) if commit else "unknown",
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def on_startup(command: str, dirty: bool = False) -> None:
    STATE.serving = command == "serve"
    STATE.preview = STATE.serving or os.environ.get("CTWG_PREVIEW") == "1"
    if STATE.serving:
        from . import servecache

        servecache.install()  # unchanged pages keep their HTML between rebuilds


def on_config(config):
    root = Path(config.config_file_path).parent
    data_dir = Path(os.environ.get("CTWG_DATA") or root / "data")
    try:
        catalog = build_catalog(data_dir, public=not STATE.preview)
    except DataErrors as exc:
        raise Abort("\n" + exc.report()) from None
    if str(data_dir) not in map(str, config.watch):  # `serve` reloads on changes to the data in use
        config.watch.append(str(data_dir))
    extra = config.extra
    STATE.ctx = SiteContext(
        catalog,
        edit_base=extra.get("edit_base", ""),
        site_url=config.site_url or "",
        site_name=config.site_name,
        preview=STATE.preview,
        updated=git_dates(data_dir),
    )
    from .feeds import feed_paths

    extra["build"] = build_info(root)
    extra["feeds"] = feed_paths(STATE.ctx)
    extra["preview"] = STATE.preview
    extra["record_labels"] = {t: meta["label"] for t, meta in RECORD_TYPES.items()}
    extra["search_kind_order"] = [RECORD_TYPES[t]["label"] for t in SEARCH_TYPE_ORDER]
    return config


def on_files(files: Files, config) -> Files:
    from .views import all_views

    for src, content in {**all_pages(STATE.ctx), **all_views(STATE.ctx)}.items():
        if files.get_file_from_path(src) is not None:
            raise Abort(f"docs/{src} has the same path as a generated page; rename or remove it")
        files.append(File.generated(config, src, content=content))
    # MkDocs has cleaned the site folder by now: the exports can be written into it.
    if not STATE.serving and hasattr(os, "fork"):
        STATE.exports = ExportsJob(STATE.ctx, Path(config.site_dir))
    try:  # after the fork: the child gets no copy of Pagefind's pipes or threads
        SEARCH.reset()
    except SearchIndexError as exc:
        raise Abort(str(exc)) from None
    return files


def on_pre_build(config) -> None:
    _wait_for_preview_job()  # before MkDocs cleans the site folder


def on_page_content(html: str, page, config, files: Files) -> str:
    """The page's Markdown is HTML now: index its searchable part (Pagefind parses it on the other core)."""
    if not page.meta.get("search_exclude"):
        title = page.meta.get("title") or page.title or config.site_name
        try:
            SEARCH.add(page.file.dest_path, searchable_part(
                title, config.extra["record_labels"].get(page.meta.get("ctwg_type"), "Page"), html))
        except SearchIndexError as exc:
            raise Abort(str(exc)) from None
    if not STATE.serving:
        # `build` never reads a page's Markdown again: let the memory go (a sixth of the build's
        # at x100). `serve` keeps it: its cache compares it at the next rebuild.
        page.markdown = ""
        if page.file.generated_by is not None:
            page.file.content_string = ""
    return html


def on_env(env, config, files: Files):
    """Every page's content is indexed: Pagefind writes the index while MkDocs renders the theme."""
    try:
        SEARCH.start(Path(config.site_dir))
    except SearchIndexError as exc:
        raise Abort(str(exc)) from None
    return env


def on_post_page(output: str, page, config) -> str:
    from .csp import add_csp

    # The preview server injects its live-reload script after this point: no policy there.
    return output if STATE.preview else add_csp(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    from .csp import add_csp

    # 404.html is rendered as a static template, not a page: give it the same policy.
    if template_name == "404.html" and not STATE.preview:
        return add_csp(output_content)
    return output_content


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    if STATE.serving:
        # `mkdocs serve`: the pages are served (and the browser reloads) as soon as they are
        # written; the search index and the exports follow a moment later in the background.
        STATE.job = threading.Thread(target=_in_background, args=(STATE.ctx, site_dir), daemon=True)
        STATE.job.start()
        return
    start = time.perf_counter()
    try:
        if STATE.exports is None:  # no fork on this system: write them here
            summary = _exports_and_search_index(STATE.ctx, site_dir)
        else:  # both were written while MkDocs rendered the pages
            job, STATE.exports = STATE.exports, None
            job.finish()
            summary = SEARCH.finish()
    except SearchIndexError as exc:
        raise Abort(str(exc)) from None
    LOG.info("Exports and search index (Pagefind, %s): waited %.1f s for them", summary or "done",
             time.perf_counter() - start)


def _exports_and_search_index(ctx: SiteContext, site_dir: Path) -> str:
    """Write the open-data exports and feeds while Pagefind writes the search index on the other core."""
    from .exports import write_all

    try:
        write_all(ctx, site_dir)
        return SEARCH.finish()
    finally:
        SEARCH.cleanup()


def _in_background(ctx: SiteContext, site_dir: Path) -> None:
    try:
        _exports_and_search_index(ctx, site_dir)
    except (SearchIndexError, OSError) as exc:
        LOG.error("Preview: the search index or the exports could not be written: %s", exc)


def _wait_for_preview_job() -> None:
    if STATE.job is not None:
        STATE.job.join()
        STATE.job = None


def on_build_error(error) -> None:
    _wait_for_preview_job()
    if STATE.exports is not None:
        STATE.exports.cancel()
        STATE.exports = None
    SEARCH.cleanup()


def on_shutdown() -> None:
    _wait_for_preview_job()
    if STATE.serving:
        from . import servecache

        servecache.uninstall()
