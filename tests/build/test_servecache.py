"""`mkdocs serve` keeps unchanged pages' HTML between rebuilds (ctwg.perf.servecache): the site it
serves after a data edit must be exactly the site a fresh build makes from the edited data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from helpers import DATA, ROOT

SCRIPT = r"""
import logging, os, sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
from ctwg.perf import servecache
logging.getLogger("mkdocs").setLevel(logging.ERROR)

def once(site, command):
    cfg = load_config("mkdocs.yml", site_dir=site)
    cfg.plugins.on_startup(command=command, dirty=False)
    build(cfg)
    if command == "build":
        cfg.plugins.on_shutdown()

data, served, fresh, record = sys.argv[1:5]
servecache.install()
once(served, "serve")                       # first build: everything converted
with open(record, encoding="utf-8") as fh:
    text = fh.read()
with open(record, "w", encoding="utf-8") as fh:
    fh.write(text.replace("name: ", "name: Renamed for the cache test ", 1))
once(served, "serve")                       # rebuild: unchanged pages come from the cache
print("hits", servecache.STATS["hits"], "misses", servecache.STATS["misses"])
servecache.uninstall()
servecache.install = lambda: None           # the next on_startup("serve") must not reinstall it
once(fresh, "serve")                        # the same data, nothing kept
"""

STAMP = re.compile(r'<div class="ctwg-build">.*?</div>', re.S)


def test_served_site_equals_a_fresh_build(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    served, fresh = tmp_path / "served", tmp_path / "fresh"
    record = data / "events" / "tokyo-soft-targets-workshop-2018.yml"
    env = {**os.environ, "CTWG_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(data), str(served), str(fresh), str(record)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    hits, misses = (int(n) for n in re.search(r"hits (\d+) misses (\d+)", out.stdout).groups())
    pages = len(list(fresh.rglob("index.html")))
    assert hits > pages / 2, out.stdout  # most pages were reused...
    assert misses > pages, out.stdout  # ...and the edited ones converted again (first build: all)
    served_pages = sorted(p.relative_to(served) for p in served.rglob("*.html"))
    assert served_pages == sorted(p.relative_to(fresh) for p in fresh.rglob("*.html"))
    differ = [str(rel) for rel in served_pages
              if STAMP.sub("", (served / rel).read_text(encoding="utf-8"))
              != STAMP.sub("", (fresh / rel).read_text(encoding="utf-8"))]
    assert not differ, differ[:10]
    # and the edit is there: on the record's page and on the pages that list it
    for page in ("events/tokyo-soft-targets-workshop-2018/index.html", "events/index.html", "timeline/index.html"):
        assert "Renamed for the cache test" in (served / page).read_text(encoding="utf-8"), page
