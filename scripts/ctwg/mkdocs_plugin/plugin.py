"""The MkDocs plugin: the Catalog becomes in-memory pages, exports and feeds.

MkDocs loads it through `hooks:` in mkdocs.yml (scripts/mkdocs_hook.py makes the one
`CtwgPlugin` and hands MkDocs its event methods), so no install step or entry point is
needed and ProperDocs loads it the same way. Its settings are a typed MkDocs config
(`CtwgConfig`), filled from ctwg.settings. State lives on the plugin object; the macros
module finds the plugin through MkDocs' config (`plugin_of`).

Lifecycle (MkDocs runs hooks after plugins, so `macros` is set up before we are):
- on_startup: `serve` is a preview (drafts and scheduled records shown, marked);
  `build` is the public site. CTWG_PREVIEW=1 forces a preview build. `serve` also keeps, between
  rebuilds, each unchanged data file's record (ctwg.data.filecache) and each page's HTML and
  written file while what they depend on is unchanged (ctwg.perf.servecache), and keeps the
  footer's build stamp while the commit is the same.
- on_config: build the Catalog once (any data problem stops the build with every problem
  listed, no traceback); record the commit and build date for the footer.
- on_files: add one generated page per record, index and overview, and the explorer's and
  library's JSON files (File.generated: never written into docs/); then start the work of
  the second core (ctwg.perf: the exports writer and Pagefind).
- on_page_content: feed the page's searchable part to Pagefind.
- on_env (every page's Markdown is HTML by now, the theme not yet rendered): Pagefind writes
  the search index into the site while MkDocs renders the theme around each page.
- on_post_page / on_post_template (404): mark each use of a glossary term with its meaning
  (site.outputs.abbreviations) and add the Content-Security-Policy with hashes of that page's
  inline scripts. Under `build` a child process does that and writes the page
  (ctwg.perf.pagewriter), on the other core; MkDocs gets an empty page and writes nothing.
- on_post_build: wait for the pages, the search index and the exports (any failure stops the build);
  `serve` removes the files of pages the build no longer has (the site folder is not emptied
  between rebuilds) and has the index and exports written in the background.
- on_nav / on_env (serve): the navigation and the Jinja environment are kept, and on_post_build
  hands them with the files to the quick rebuild (quick.py): a save of record files only
  remakes the pages that read what changed (ctwg.perf.pagememo), the edited page first.
- on_serve: saved files are noticed through inotify where there is one (watching.py); a failed rebuild (a data problem or any other) shows its problems on every page
  and in the terminal, once, and the pages reload when it is fixed (preview_errors). Data
  problems in the first build of `serve` (MkDocs runs it before on_serve) build an empty site
  instead of stopping, so that they are served the same way.
mkdocs-macros' set-up lines are not logged (quiet_macros), only its warnings.
Data folder: CTWG_DATA, or data/ beside mkdocs.yml.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .. import settings
from ..data.catalog import Catalog, build_catalog
from ..data.filecache import FileCache
from ..errors import DataErrors, ExportsError, PageWriteError, SearchIndexError
from ..perf import ParallelWork, servecache
from ..site.context import SiteContext, site_context, template_values
from ..site.outputs.abbreviations import Marker
from ..site.outputs.html_fixes import finished_page
from ..site.outputs.search import search_weight, searchable_part
from ..site.pages import all_pages
from .preview_errors import PreviewErrors
from .quick import QuickRebuild
from .watching import use_inotify

LOG = logging.getLogger("mkdocs.ctwg")


class CtwgConfig(base.Config):
    data_dir = c.Optional(c.Type(str))  # the data folder; None: data/ beside mkdocs.yml
    preview = c.Type(bool, default=False)  # show drafts and scheduled records (serve always does)


class CtwgPlugin(BasePlugin[CtwgConfig]):
    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve` (a preview kept up to date while files change)
        self.ctx: SiteContext | None = None
        self.work = ParallelWork()
        self.preview_errors = PreviewErrors()  # serve: what every page shows while a rebuild has failed
        self.terms: Marker | None = None  # marks the glossary's terms on every page
        self.files: Files | None = None  # serve: this build's files
        self.files_cache: FileCache | None = None  # serve: data files kept while unchanged
        self.stamp: dict[str, str] | None = None  # serve: the footer's build stamp, kept while the commit is the same
        self.quick = QuickRebuild()  # serve: a save of record files only is shown without a whole rebuild
        self.searchable: dict[str, str] = {}  # serve: every page's searchable part, indexed after the build
        self.data_dir: Path | None = None
        self.nav = None  # serve: this build's navigation and Jinja environment (for the quick rebuild)
        self.env = None

    @property
    def preview(self) -> bool:
        return self.serving or self.config.preview

    @property
    def catalog(self) -> Catalog:
        if self.ctx is None:
            raise RuntimeError("the catalog is built in on_config")
        return self.ctx.catalog

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        # MkDocs keeps one hook module per process: a second build in the same process (a script,
        # a test) starts here again while the last serve's index and exports may still be written.
        self.work.wait()
        self.work = ParallelWork(serving=self.serving)
        quiet_macros()
        if self.serving:
            self.files_cache = FileCache()
            servecache.install()  # unchanged pages keep their HTML between rebuilds

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        data_dir = Path(self.config.data_dir) if self.config.data_dir else settings.data_dir(root)
        self.data_dir = data_dir
        self.quick.build_started()
        if str(data_dir) not in map(str, config.watch):  # `serve` reloads on changes to the data in use
            config.watch.append(str(data_dir))
        try:
            catalog = build_catalog(data_dir, public=not self.preview, cache=self.files_cache)
        except DataErrors as exc:
            if not self.serving:
                raise Abort("\n" + exc.report()) from None
            self.preview_errors.data_problems(exc.errors)  # every page shows them
            if self.preview_errors.installed:
                raise Abort("\n" + exc.report()) from None  # a rebuild: the server's builder catches it
            # The first build, which MkDocs runs before on_serve: build nothing, and serve the problems.
            self.ctx = None
            self.preview_errors.first_build_failed()
            config.nav = None
            config.theme.static_templates.clear()
            return config
        self.ctx = site_context(catalog, data_dir, edit_base=config.extra.get("edit_base", ""),
                                site_url=config.site_url or "", site_name=config.site_name, preview=self.preview)
        values = template_values(self.ctx, root)
        if self.serving:
            # The stamp names the minute of the build: a preview keeps the first one while the
            # commit stays the same, so that a rebuild does not change every page's footer.
            if self.stamp is not None and self.stamp["commit"] == values["build"]["commit"]:
                values["build"] = self.stamp
            self.stamp = values["build"]
        config.extra.update(values)
        self.terms = Marker(self.ctx.terms)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if self.ctx is None:  # serve, first build, data problems: nothing to build (preview_errors)
            return Files([])
        pages = self.quick.memo.make_all(self.ctx) if self.serving else all_pages(self.ctx)
        for src, content in pages.items():
            if files.get_file_from_path(src) is not None:
                raise Abort(f"docs/{src} has the same path as a generated page; rename or remove it")
            files.append(File.generated(config, src, content=content))
        if self.serving:
            self.files = files
            self.searchable = {}
            servecache.building(files)
        # MkDocs has cleaned the site folder by now: the exports can be written into it.
        try:
            self.work.start(self.ctx, Path(config.site_dir))
        except (SearchIndexError, PageWriteError) as exc:
            raise Abort(str(exc)) from None
        return files

    def on_page_content(self, html: str, *, page, config, files: Files) -> str:
        """The page's Markdown is HTML now: index its searchable part (Pagefind parses it on the other core)."""
        if not page.meta.get("search_exclude"):
            title = page.meta.get("title") or page.title or config.site_name
            part = searchable_part(title, config.extra["record_labels"].get(page.meta.get("ctwg_type"), "Page"),
                                   html, search_weight(page.meta, page.is_homepage))
            if self.serving:  # indexed after the build, in the background (a quick rebuild renders only some pages)
                self.searchable[page.file.dest_path] = part
            else:
                try:
                    self.work.feed(page.file.dest_path, part)
                except SearchIndexError as exc:
                    raise Abort(str(exc)) from None
        if not self.serving:
            # `build` never reads a page's Markdown again: let the memory go (a sixth of the build's
            # at x100). `serve` keeps it: its cache compares it at the next rebuild.
            page.markdown = ""
            if page.file.generated_by is not None:
                page.file.content_string = ""
        return html

    def on_nav(self, nav, *, config, files: Files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files: Files):
        """Every page's content is indexed: Pagefind writes the index while MkDocs renders the theme."""
        self.env = env
        if self.ctx is None:
            return env
        try:
            self.work.pages_done(Path(config.site_dir))
        except SearchIndexError as exc:
            raise Abort(str(exc)) from None
        return env

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.work.writes_pages:  # `build`: finished and written on the other core (ctwg.perf.pagewriter)
            try:
                self.work.write_page(page.file.dest_path, output, page.url)
            except PageWriteError as exc:
                raise Abort(str(exc)) from None
            return ""  # MkDocs writes no file for an empty page
        return finished_page(output, self.preview, self.terms, page.url)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        # 404.html is rendered as a static template, not a page: give it the same policy.
        return finished_page(output_content, self.preview, self.terms) if template_name == "404.html" else output_content

    def on_post_build(self, *, config) -> None:
        if self.ctx is None:
            return
        if self.serving:  # the site folder is not emptied between rebuilds: remove what this build no longer has
            servecache.remove_stale(config.site_dir, self.files)
        start = time.perf_counter()
        try:
            summary = self.work.finish(self.ctx, Path(config.site_dir), refeed=self.searchable)
        except (SearchIndexError, ExportsError, PageWriteError) as exc:
            raise Abort(str(exc)) from None
        if summary is not None:
            LOG.info("Exports and search index (Pagefind, %s): waited %.1f s for them", summary or "done",
                     time.perf_counter() - start)
        if self.serving:
            self.quick.build_done(config, self.files, self.nav, self.env, self.data_dir)

    def on_serve(self, server, *, config, builder):
        """A save of record files only is a quick rebuild (quick.py); a failed rebuild shows its
        problems on every page, and the pages reload once it succeeds."""
        if use_inotify(server):
            LOG.debug("Watching for changes with inotify")
        self.quick.install(server, self)
        return self.preview_errors.install(server)

    def on_build_error(self, *, error) -> None:
        self.work.cancel()

    def on_shutdown(self) -> None:
        self.work.wait()
        if self.serving:
            servecache.uninstall()


EVENTS = ("on_startup", "on_config", "on_files", "on_page_content", "on_nav", "on_env", "on_post_page",
          "on_post_template", "on_post_build", "on_serve", "on_build_error", "on_shutdown")


def quiet_macros() -> None:
    """mkdocs-macros logs its set-up (modules, variables, macros) at every build: keep only its warnings.

    Not with `--verbose` (MkDocs then logs at DEBUG), where the set-up may be what is looked for.
    """
    if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


def hook_events(plugin: CtwgPlugin) -> dict[str, object]:
    """The plugin's event methods, for a hook module to expose (MkDocs calls hooks by name)."""
    return {name: getattr(plugin, name) for name in EVENTS}


def new_plugin() -> CtwgPlugin:
    """The plugin with its typed config filled from ctwg.settings (checked as MkDocs checks a plugin's)."""
    plugin = CtwgPlugin()
    errors, _warnings = plugin.load_config({"data_dir": None, "preview": settings.preview_forced()})
    if errors:  # pragma: no cover - the values above are always of the right type
        raise Abort("; ".join(f"{k}: {e}" for k, e in errors))
    return plugin


def plugin_of(config) -> CtwgPlugin:
    """The CtwgPlugin of a MkDocs config (it is the `plugin` of the hook module MkDocs loaded)."""
    for item in config["plugins"].values():
        found = getattr(item, "plugin", item)
        if isinstance(found, CtwgPlugin):
            return found
    raise LookupError("the ctwg plugin is not loaded (mkdocs.yml: hooks)")
