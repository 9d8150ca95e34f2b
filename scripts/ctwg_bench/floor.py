"""The floor: the same Markdown built by plain MkDocs + Material, for comparison.

In: a data folder. Out: a folder with every page's Markdown exactly as the ctwg plugin makes
it (generated and hand-written) and an mkdocs.yml with the same theme settings, Markdown
extensions, Material's search and nav, but no macros, no hook and no overrides; and a
manifest of the records (id, type, URL, page source) the benchmark measures.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ctwg.settings import ROOT

from .measure import BUILD_TIMEOUT

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
from ctwg.mkdocs_plugin.plugin import plugin_of
ctx = plugin_of(cfg).ctx
records = [{"id": e.id, "type": e.type, "url": e.url, "src": ctx.src(e)} for e in ctx.catalog.entries.values()]
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
