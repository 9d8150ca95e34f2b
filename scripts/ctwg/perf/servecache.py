"""`mkdocs serve` only: reuse a page's HTML when its Markdown has not changed since the last build.

MkDocs rebuilds the whole site after every save, and turning Markdown into HTML is about half
of that time. A data edit changes the Markdown of a few pages (the record, the pages that list
or link to it); every other page would come out exactly as before. So while serving, each
page's rendering (its HTML, table of contents, title and anchors) is kept, keyed by the page's
path, its Markdown, the set of files on the site (links are resolved against it) and the
Markdown configuration; a page whose key is unchanged takes the kept rendering instead of being
converted again. Link warnings were given when the page was first converted (a build with one
fails in strict mode); a changed page is always converted afresh. `mkdocs build` never uses
this (install() is called only for the `serve` command).
"""

from __future__ import annotations

import hashlib
from typing import Any

from mkdocs.structure.pages import Page

_CACHE: dict[str, tuple[str, dict[str, Any]]] = {}
_ORIGINAL = Page.render
STATS = {"hits": 0, "misses": 0}


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


def install() -> None:
    Page.render = _render


def uninstall() -> None:
    Page.render = _ORIGINAL
    _CACHE.clear()
