"""`mkdocs serve` only: a rebuild does again only the work whose result can have changed.

MkDocs rebuilds the whole site after every save: it empties the site folder, turns every
page's Markdown into HTML, renders the theme around every page and writes every file. A data
edit changes the Markdown of a few pages (the record, the pages that list or link to it); every
other page would come out byte for byte as before. While serving, three things are kept:

- a page's *rendering* (its HTML, table of contents, title and anchors), keyed by the page's
  path, its Markdown, the set of files on the site (links are resolved against it) and the
  Markdown configuration (`render_key`); a page whose key is unchanged takes the kept
  rendering instead of being converted again. Link warnings were given when the page was
  first converted (a build with one fails in strict mode); a changed page is converted afresh;
- a page's *written file*: the theme's output depends on the page's rendering, its title,
  meta, address, edit link, previous and next pages and sections, on the navigation, the
  site's configuration (`extra` included) and the theme's templates (`output_key`). When that
  key is unchanged and the file in the site folder is still the one written for it (same size,
  time and inode), the template is not rendered and the file not written again;
- the site folder itself: it is not emptied before a rebuild (that is what lets the files
  above stay). Instead, after each successful build, every file an earlier build wrote for a
  page or a static file that this build no longer has is removed (`remove_stale`), so the
  folder holds exactly what a fresh build would write (tests/build/test_servecache.py compares
  the two, page for page).

What the theme reads must be in `output_key`: Material's templates read the page, the nav and
`config`; MkDocs' `build_date_utc` is read by no page template (only the sitemap, which is
rendered at every build). Plugins' `page_context` and `post_page` events must be functions of
the page (ctwg's `post_page` is `finished_page`; mkdocs-macros has neither).
`mkdocs build` never uses any of this (install() is called only for the `serve` command).
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import jinja2
from mkdocs import utils
from mkdocs.commands import build as _build
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

_CACHE: dict[str, tuple[str, dict[str, Any]]] = {}
_ORIGINAL = Page.render
_ORIGINAL_BUILD_PAGE = _build._build_page
_ORIGINAL_CLEAN = utils.clean_directory
_ORIGINAL_GET_ENV = Theme.get_env
STATS = {"hits": 0, "misses": 0, "kept": 0, "written": 0, "removed": 0}

# dest file -> (output key, the written file's (size, mtime_ns, inode))
_OUTPUTS: dict[str, tuple[str, tuple[int, int, int]]] = {}
# Every file a build since the last successful one may have written for a page or static file.
_WRITTEN: set[str] = set()
_STATE = {"cleaned": False}  # the site folder has been emptied once (the first build)


def _key(page: Page, config: Any, files: Any) -> str:
    h = hashlib.sha256()
    for part in (page.file.src_uri, page.markdown or "", repr(config["markdown_extensions"]),
                 repr(config["mdx_configs"]), repr(config.get("validation"))):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(_files_key(files).encode())
    return h.hexdigest()


_FILES_KEYS: dict[int, tuple[Any, str]] = {}


def _files_key(files: Any) -> str:
    cached = _FILES_KEYS.get(id(files))
    if cached is None or cached[0] is not files:
        digest = hashlib.sha256("\0".join(sorted(f.src_uri for f in files)).encode("utf-8", "surrogatepass"))
        _FILES_KEYS.clear()
        cached = _FILES_KEYS[id(files)] = (files, digest.hexdigest())
    return cached[1]


def _render(self: Page, config: Any, files: Any) -> None:
    key = _key(self, config, files)
    self._ctwg_render_key = key
    kept = _CACHE.get(self.file.src_uri)
    if kept is not None and kept[0] == key:
        STATS["hits"] += 1
        state = kept[1]
        self.content = state["content"]
        self.toc = state["toc"]
        self._title_from_render = state["title"]
        self.present_anchor_ids = set(state["anchors"]) if state["anchors"] is not None else None
        if state["links_to_anchors"] is not None:
            # Keyed by File: map the kept paths to this build's File objects.
            links = {}
            for src_uri, anchors in state["links_to_anchors"].items():
                target = files.get_file_from_path(src_uri)
                if target is not None:
                    links[target] = dict(anchors)
            self.links_to_anchors = links
        return
    STATS["misses"] += 1
    _ORIGINAL(self, config, files)
    links = getattr(self, "links_to_anchors", None)
    _CACHE[self.file.src_uri] = (key, {
        "content": self.content,
        "toc": self.toc,
        "title": getattr(self, "_title_from_render", None),
        "anchors": set(self.present_anchor_ids) if self.present_anchor_ids is not None else None,
        "links_to_anchors": {f.src_uri: dict(a) for f, a in links.items()} if links else None,
    })


# ---------------------------------------------------------------------------
# The written pages


_PER_BUILD: dict[str, tuple[Any, str]] = {}


def _once(name: str, obj: Any, make) -> str:
    """A digest computed once per build for `obj` (the build's nav or config)."""
    cached = _PER_BUILD.get(name)
    if cached is None or cached[0] is not obj:
        cached = _PER_BUILD[name] = (obj, make(obj))
    return cached[1]


def _nav_items(items: Any) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None), _nav_items(getattr(i, "children", None) or []))
            for i in items]


def _nav_key(nav: Any) -> str:
    return hashlib.sha256(repr(_nav_items(nav.items)).encode("utf-8", "surrogatepass")).hexdigest()


def _templates_signature(dirs: list[str]) -> list:
    """(path, size, mtime) of every template in the theme's folders (overrides/ first)."""
    out = []
    for top in dirs:
        for folder, subdirs, names in os.walk(top):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in ("assets", "__pycache__"))
            for name in sorted(names):
                if name.endswith((".html", ".xml", ".js", ".yml")):
                    st = os.stat(os.path.join(folder, name))
                    out.append((os.path.join(folder, name), st.st_size, st.st_mtime_ns))
    return out


def _config_key(config: Any) -> str:
    keep = {k: config.get(k) for k in (
        "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
        "edit_uri", "extra", "extra_css", "extra_javascript", "extra_templates", "use_directory_urls",
        "remote_name", "google_analytics")}
    theme = config["theme"]
    keep["theme"] = {k: theme[k] for k in theme} | {"name": theme.name, "dirs": list(theme.dirs)}
    keep["templates"] = _templates_signature(list(theme.dirs))
    text = json.dumps(keep, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _brief(page: Any) -> tuple | None:
    return None if page is None else (type(page).__name__, page.title, getattr(page, "url", None))


def output_key(page: Page, config: Any, nav: Any, excluded: bool) -> str | None:
    """Everything the theme reads to write this page, or None (the page was not rendered through the cache)."""
    render = getattr(page, "_ctwg_render_key", None)
    if render is None:
        return None
    parts = (
        render, _once("nav", nav, _nav_key), _once("config", config, _config_key), excluded,
        page.title, sorted(page.meta.items(), key=lambda kv: str(kv[0])), page.url, page.file.dest_uri,
        page.canonical_url, page.edit_url, page.is_homepage,
        _brief(page.previous_page), _brief(page.next_page), [_brief(a) for a in page.ancestors],
    )
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _signature(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _build_page(page: Page, config: Any, doc_files: Any, nav: Any, env: Any, dirty: bool = False,
                excluded: bool = False) -> None:
    dest = page.file.abs_dest_path
    key = output_key(page, config, nav, excluded)
    kept = _OUTPUTS.pop(dest, None)
    if key is not None and kept is not None and kept[0] == key and _signature(dest) == kept[1]:
        STATS["kept"] += 1
        _OUTPUTS[dest] = kept
        return
    _WRITTEN.add(dest)
    _ORIGINAL_BUILD_PAGE(page, config, doc_files, nav, env, dirty, excluded)
    STATS["written"] += 1
    signature = _signature(dest)
    if key is not None and signature is not None:
        _OUTPUTS[dest] = (key, signature)


def _clean_directory(directory: str) -> None:
    """Empty the site folder at the first build only; later builds remove stale files (remove_stale)."""
    if not _STATE["cleaned"]:
        _ORIGINAL_CLEAN(directory)
        _STATE["cleaned"] = True


def building(files: Any) -> None:
    """Note the files this build writes besides the pages (static files), in case it fails halfway."""
    _WRITTEN.update(f.abs_dest_path for f in files)


def remove_stale(site_dir: str, files: Any) -> int:
    """After a successful build: remove what earlier builds wrote for pages or files this one does not have."""
    site_dir = os.path.abspath(site_dir)
    current = {os.path.abspath(f.abs_dest_path) for f in files if f.inclusion.is_in_serve()}
    removed = 0
    for path in sorted({os.path.abspath(p) for p in _WRITTEN} - current):
        _OUTPUTS.pop(path, None)
        try:
            os.unlink(path)
            removed += 1
        except FileNotFoundError:
            continue
        folder = os.path.dirname(path)
        while folder.startswith(site_dir + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    _WRITTEN.clear()
    _WRITTEN.update(current)
    STATS["removed"] += removed
    return removed


class _Bytecode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory: every build makes a new Jinja environment,
    which would compile every template again. Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _Bytecode()


def _get_env(self: Theme) -> jinja2.Environment:
    env = _ORIGINAL_GET_ENV(self)
    env.bytecode_cache = _BYTECODE
    return env


def install() -> None:
    Theme.get_env = _get_env
    Page.render = _render
    _build._build_page = _build_page
    utils.clean_directory = _clean_directory
    _STATE["cleaned"] = False


def uninstall() -> None:
    Theme.get_env = _ORIGINAL_GET_ENV
    _BYTECODE.store.clear()
    Page.render = _ORIGINAL
    _build._build_page = _ORIGINAL_BUILD_PAGE
    utils.clean_directory = _ORIGINAL_CLEAN
    for store in (_CACHE, _OUTPUTS, _WRITTEN, _PER_BUILD, _FILES_KEYS):
        store.clear()
