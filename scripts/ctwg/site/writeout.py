"""The data-to-Markdown step on its own: a folder any MkDocs-like engine can build, no MkDocs needed.

`python -m ctwg write-pages OUT` writes
- OUT/docs/: the hand-written pages of docs/ with their macros already rendered
  (ctwg.site.page_macros, through Jinja as mkdocs-macros does), their assets, and every
  generated page (records, indexes, work plan, tracker, timeline, map, explorer, library,
  audience pages) with the explorer's and library's JSON;
- OUT/overrides/: the theme overrides;
- OUT/mkdocs.yml: the site's configuration without the hook and the macros plugin, its
  `extra` holding every value the templates need (feeds, build stamp, labels, preview).
`python -m ctwg post-build SITE` then does to any built site folder what the plugin does during
a build: the open-data exports and feeds, on every page the hrefs from the site's root made
relative (site.urls), valid HTML, the glossary's terms marked and the Content-Security-Policy, and the
search index (Pagefind's own command over the finished pages, with the same settings).
A test builds OUT with plain MkDocs, runs post-build and finds the same site as `make build`.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..data.catalog import build_catalog
from ..errors import SearchIndexError
from .context import SiteContext, site_context, template_values
from .outputs.abbreviations import Marker
from .outputs.exports import write_all
from .outputs.html_fixes import finished_page
from .outputs.search import BUNDLE, CONFIG, tidy_bundle
from .page_macros import page_macros
from .pages import all_pages


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for `!ENV [NAME, default]` (the only tag it uses)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *keys, default = names if len(names) > 1 else (names + [None])
    return next((os.environ[k] for k in keys if os.environ.get(k)), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader


def read_site_context(config: dict[str, Any], data_dir: Path, preview: bool) -> SiteContext:
    return site_context(build_catalog(data_dir, public=not preview), data_dir,
                        edit_base=(config.get("extra") or {}).get("edit_base", ""),
                        site_url=config.get("site_url") or "", site_name=config.get("site_name", ""), preview=preview)


_FRONT = re.compile(r"\A(---\n.*?\n---\n)(.*)\Z", re.S)


def page_url(src: str) -> str:
    """The URL MkDocs gives a page (use_directory_urls): 'about.md' -> 'about/', 'index.md' -> ''."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def render_macros(text: str, src: str, ctx: SiteContext) -> str:
    """A hand-written page with its macros rendered (its front matter kept as it is)."""
    m = _FRONT.match(text)
    front, body = (m.group(1), m.group(2)) if m else ("", text)
    if m and re.search(r"(?m)^render_macros:\s*false\s*$", front):
        return text
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    macros = page_macros(lambda: ctx, lambda: (src, page_url(src)))
    return front + env.from_string(body).render(**macros)


def write_pages(out: Path, root: Path, data_dir: Path, preview: bool = False) -> int:
    """Write the buildable folder; return the number of pages written."""
    config = read_config(root / "mkdocs.yml")
    ctx = read_site_context(config, data_dir, preview)
    if out.exists():
        shutil.rmtree(out)
    docs_src = root / config.get("docs_dir", "docs")
    docs = out / "docs"
    shutil.copytree(docs_src, docs)
    pages = 0
    for md in sorted(docs.rglob("*.md")):
        src = md.relative_to(docs).as_posix()
        md.write_text(render_macros(md.read_text(encoding="utf-8"), src, ctx), encoding="utf-8")
        pages += 1
    for src, content in all_pages(ctx).items():
        target = docs / src
        if target.exists():
            raise FileExistsError(f"docs/{src} has the same path as a generated page; rename or remove it")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        pages += src.endswith(".md")
    theme = dict(config["theme"])
    if theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    written = {k: v for k, v in config.items() if k not in ("hooks", "watch")}
    written.update(docs_dir="docs", theme=theme, plugins=[p for p in config.get("plugins", [])
                                                          if not (isinstance(p, dict) and "macros" in p) and p != "macros"])
    written["extra"] = {**(config.get("extra") or {}), **template_values(ctx, root)}
    (out / "mkdocs.yml").write_text("# Written by `python -m ctwg write-pages`: build it, then run "
                                    "`python -m ctwg post-build` on the site.\n"
                                    + yaml.safe_dump(written, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return pages


def run_pagefind(site_dir: Path) -> str:
    """The search index from the finished pages, with Pagefind's own command and the build's settings."""
    bundle = site_dir / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(bundle),
           "--force-language", CONFIG["force_language"], "--exclude-selectors", ", ".join(CONFIG["exclude_selectors"])]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SearchIndexError(f"the search index (Pagefind) failed: {result.stderr.strip()[-2000:]}")
    entry = bundle / "pagefind-entry.json"
    pages = json.loads(entry.read_text(encoding="utf-8"))["languages"]["en"]["page_count"] if entry.is_file() else 0
    return tidy_bundle(bundle, pages)


def post_build(site_dir: Path, root: Path, data_dir: Path, preview: bool = False) -> str:
    """Exports and feeds, the CSP and the search index, added to a built site folder."""
    config = read_config(root / "mkdocs.yml")
    ctx = read_site_context(config, data_dir, preview)
    write_all(ctx, site_dir)
    terms = Marker(ctx.terms)
    for page in site_dir.rglob("*.html"):
        if page.is_relative_to(site_dir / BUNDLE):
            continue
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(site_dir).as_posix()
        page_url = rel[:-len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else None
        finished = finished_page(html, preview, terms, page_url)
        if finished != html:
            page.write_text(finished, encoding="utf-8")
    return run_pagefind(site_dir)
