"""The serve rebuild's file cache (ctwg.data.filecache): a data file is read again only when it
may have changed, and then the answer is the loader's own; the catalog built through it is the
catalog built without it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from ctwg.data.catalog import build_catalog
from ctwg.data.filecache import FileCache
from ctwg.data.loader import load_file
from helpers import DATA

EVENT = "id: {id}\nname: {name}\n"


def _write(path, name, *, mtime_ns=None):
    path.write_text(EVENT.format(id=path.stem, name=name), encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_an_unchanged_file_is_not_read_again(tmp_path):
    path = tmp_path / "a.yml"
    old = time.time_ns() - 10 * 10**9
    _write(path, "First", mtime_ns=old)
    cache = FileCache()
    first, _ = cache.load(path, "events")
    again, _ = cache.load(path, "events")
    assert cache.reads == 1 and again is first
    assert first.data == load_file(path, "events")[0].data


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(tmp_path):
    path = tmp_path / "a.yml"
    old = time.time_ns() - 10 * 10**9
    _write(path, "First", mtime_ns=old)
    cache = FileCache()
    cache.load(path, "events")
    _write(path, "Other", mtime_ns=old)  # same size, same modification time: only the change time differs
    rec, _ = cache.load(path, "events")
    assert rec.data["name"] == "Other"


def test_a_file_changed_within_the_clock_tick_is_compared_byte_for_byte(tmp_path, monkeypatch):
    """Two saves within one tick of the file system's clock can leave every time and the size as
    they were: a file that recent is never trusted by its times."""
    path = tmp_path / "a.yml"
    _write(path, "First")
    cache = FileCache()
    cache.load(path, "events")
    first = os.stat(path)
    _write(path, "Other")
    real = Path.stat

    def frozen(self, *args, **kwargs):  # the second save changed no time
        st = real(self, *args, **kwargs)
        if self != path:
            return st
        fields = list(st)
        fields[1], fields[8], fields[9] = first.st_ino, first.st_mtime, first.st_ctime
        out = os.stat_result(fields, {"st_mtime_ns": first.st_mtime_ns, "st_ctime_ns": first.st_ctime_ns})
        return out

    monkeypatch.setattr(Path, "stat", frozen)
    assert path.stat().st_mtime_ns == first.st_mtime_ns and path.stat().st_ctime_ns == first.st_ctime_ns
    rec, _ = cache.load(path, "events")
    assert rec.data["name"] == "Other"


def test_the_catalog_through_the_cache_is_the_catalog_without_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cache = FileCache()
    build_catalog(data, public=False, cache=cache)
    record = data / "events" / "tokyo-soft-targets-workshop-2018.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    (data / "news" / "cted-attends-soft-targets-workshop.yml").unlink()
    reads = cache.reads
    kept = build_catalog(data, public=False, cache=cache)
    fresh = build_catalog(data, public=False)
    assert cache.reads - reads == 1
    assert kept.entries.keys() == fresh.entries.keys()
    assert all(kept.entries[i].model == fresh.entries[i].model for i in fresh.entries)
    assert kept.links == fresh.links
    assert kept.get("tokyo-soft-targets-workshop-2018").model.name.startswith("Renamed ")
