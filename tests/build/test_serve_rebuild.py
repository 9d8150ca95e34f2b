"""`mkdocs serve` rebuilds only what changed (ctwg.perf.servecache, ctwg.data.filecache), and what
it then serves is exactly what a fresh build of the same data makes, file for file: after a
record is renamed, after a record is added, and after records are deleted; and after the quick
rebuilds of record edits (ctwg.mkdocs_plugin.quick), which make only the pages that read them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import DATA, ROOT, site_differences

# One long-lived "server": builds the site as `mkdocs serve` does, each time it reads a line,
# keeping its caches between builds; prints what it kept.
SERVING = r"""
import json, logging, sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
from ctwg.mkdocs_plugin.plugin import plugin_of
from ctwg.perf import servecache
logging.getLogger("mkdocs").setLevel(logging.ERROR)
site, first = sys.argv[1], True
for line in sys.stdin:
    if line.strip() == "quick":  # what the server's builder does after a save (quick.py)
        before = dict(servecache.STATS)
        reads = plugin.files_cache.reads
        done = plugin.quick._quick(plugin)
        plugin.work.wait()
        stats = {k: servecache.STATS[k] - before[k] for k in before}
        stats.update(reads=plugin.files_cache.reads - reads, quick=done, **(plugin.quick.last if done else {}))
        print(json.dumps(stats), flush=True)
        continue
    cfg = load_config("mkdocs.yml", site_dir=site)
    plugin = plugin_of(cfg)
    if first:
        cfg.plugins.on_startup(command="serve", dirty=False)
        first = False
    before = dict(servecache.STATS)
    reads = plugin.files_cache.reads
    build(cfg)
    plugin.work.wait()  # the exports and the search index, written in the background
    stats = {k: servecache.STATS[k] - before[k] for k in before}
    stats["reads"] = plugin.files_cache.reads - reads
    print(json.dumps(stats), flush=True)
cfg.plugins.on_shutdown()
"""

# A fresh `serve` build: a new process, nothing kept.
FRESH = r"""
import logging, sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
from ctwg.mkdocs_plugin.plugin import plugin_of
logging.getLogger("mkdocs").setLevel(logging.ERROR)
cfg = load_config("mkdocs.yml", site_dir=sys.argv[1])
cfg.plugins.on_startup(command="serve", dirty=False)
build(cfg)
plugin_of(cfg).work.wait()
cfg.plugins.on_shutdown()
"""

RENAMED = "Renamed for the rebuild test"
ADDED = "added-for-the-rebuild-test"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve-rebuild")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    env = {**os.environ, "CTWG_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    log = open(tmp / "serving.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-c", SERVING, str(tmp / "served")], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)

    def rebuild(how: str = "build") -> dict:
        proc.stdin.write(how + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line, "the serving process stopped:\n" + (tmp / "serving.log").read_text()[-3000:]
        return json.loads(line)

    def fresh(name: str):
        out = subprocess.run([sys.executable, "-c", FRESH, str(tmp / name)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-3000:]
        return tmp / name

    first = rebuild()
    try:
        yield {"data": data, "served": tmp / "served", "rebuild": rebuild, "fresh": fresh, "first": first}
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _pages(site) -> int:
    return len(list(site.rglob("index.html")))


def test_1_rename(server):
    record = server["data"] / "events" / "tokyo-soft-targets-workshop-2018.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: ", f"name: {RENAMED} ", 1), encoding="utf-8")
    stats = server["rebuild"]()
    served = server["served"]
    assert site_differences(served, server["fresh"]("fresh-1")) == []
    for page in ("events/tokyo-soft-targets-workshop-2018/index.html", "events/index.html", "timeline/index.html"):
        assert RENAMED in (served / page).read_text(encoding="utf-8"), page
    # Only what changed was done again: one file read, most pages neither converted nor written.
    pages = _pages(served)
    assert stats["reads"] == 1, stats
    assert stats["hits"] > pages / 2 and stats["kept"] > pages / 2, stats
    assert 0 < stats["written"] < pages / 2, stats


def test_2_add_a_record(server):
    source = server["data"] / "events" / "air-cargo-security-workshop-2010.yml"
    text = source.read_text(encoding="utf-8").replace("id: air-cargo-security-workshop-2010", f"id: {ADDED}", 1)
    assert f"id: {ADDED}" in text
    (server["data"] / "events" / f"{ADDED}.yml").write_text(
        text.replace("name: ", "name: Added for the rebuild test ", 1), encoding="utf-8")
    stats = server["rebuild"]()
    served = server["served"]
    assert site_differences(served, server["fresh"]("fresh-2")) == []
    assert "Added for the rebuild test" in (served / "events" / ADDED / "index.html").read_text(encoding="utf-8")
    assert "Added for the rebuild test" in (served / "events" / "index.html").read_text(encoding="utf-8")
    assert stats["reads"] == 1, stats


def test_3_delete_records(server):
    (server["data"] / "events" / f"{ADDED}.yml").unlink()
    (server["data"] / "news" / "cted-attends-soft-targets-workshop.yml").unlink()
    stats = server["rebuild"]()
    served = server["served"]
    assert not (served / "events" / ADDED).exists()
    assert not (served / "news" / "cted-attends-soft-targets-workshop").exists()
    assert site_differences(served, server["fresh"]("fresh-3")) == []
    assert stats["removed"] == 2 and stats["reads"] == 0, stats


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_4_quick_rebuild_of_record_edits(server):
    data, served = server["data"], server["served"]
    # A summary, a name shown on many pages, a reference added (new links both ways), a date.
    _edit(data / "events" / "air-cargo-security-workshop-2010.yml", "summary: >-\n", "summary: >-\n  Quickly edited.\n")
    _edit(data / "fora" / "senior-officials.yml", "name: ", "name: Quickly renamed ")
    _edit(data / "events" / "air-cargo-security-workshop-2010.yml", "  - aeg-sec\n", "  - aeg-sec\n  - tptwg\n")
    _edit(data / "events" / "tokyo-soft-targets-workshop-2018.yml", "date: 2018", "date: 2017")
    stats = server["rebuild"]("quick")
    assert stats["quick"] is True, stats
    assert stats["reads"] == 3, stats
    pages = _pages(served)
    assert 0 < stats["made"] == stats["stale"] < pages / 2, stats
    assert stats["hits"] < pages / 4 and 0 < stats["written"] < pages / 4, stats
    assert site_differences(served, server["fresh"]("fresh-4")) == []
    assert "Quickly edited." in (served / "events/air-cargo-security-workshop-2010/index.html").read_text(encoding="utf-8")
    assert "Quickly renamed" in (served / "fora/senior-officials/index.html").read_text(encoding="utf-8")
    assert "Quickly renamed" in (served / "fora/index.html").read_text(encoding="utf-8")


def test_5_what_a_quick_rebuild_leaves_to_a_whole_one(server):
    data = server["data"]
    record = data / "events" / "air-cargo-security-workshop-2010.yml"
    good = record.read_text(encoding="utf-8")
    _edit(record, "  - tptwg\n", "  - no-such-forum\n")  # a data problem: the whole rebuild shows it
    assert server["rebuild"]("quick")["quick"] is False
    record.write_text(good, encoding="utf-8")
    _edit(data / "fora" / "ctwg.yml", "name: ", "name: Renamed ")  # a glossary term's meaning: every page
    assert server["rebuild"]("quick")["quick"] is False
    server["rebuild"]()
    assert site_differences(server["served"], server["fresh"]("fresh-5")) == []
    page = ROOT / "docs" / "about.md"  # a file of the site itself (docs/)
    os.utime(page)
    assert server["rebuild"]("quick")["quick"] is False
