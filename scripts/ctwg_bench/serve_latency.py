"""`mkdocs serve` rebuild latency: from saving a file to the served page showing the edit.

In: a working folder, a data folder (a synthetic catalog at some scale) and its floor project
(ctwg_bench.floor). Out, for the site and for the floor: the median time over a few edits, each
run, the time the server took to start, and how it was measured.

- The site: `python -m mkdocs serve --livereload` of this project, with CTWG_DATA naming a
  copy of the data folder (the documented way to preview other data; the plugin watches the
  data folder in use); each edit puts a new word at the start of the first event's summary
  and the time runs until that event's page, fetched from the server, holds the word.
- The floor: plain `mkdocs serve --livereload` of the floor project (the same Markdown, plain
  MkDocs + Material); each edit appends a new word to the Markdown file of the same event's
  page, and the time runs until the page holds it.
Between edits the benchmark waits a second after the page showed the edit, as a person would
before saving again; whatever a server still does in the background then counts.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ctwg.settings import ROOT

from .measure import _kill_group, free_port, median


def _get(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - 127.0.0.1 only
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _timeouts(scale: int) -> tuple[float, float]:
    """(seconds for the server to start, seconds for one edit to show) at this scale."""
    return 300 + 15 * scale, 60 + 5 * scale


def time_edits(cmd: list[str], cwd: Path, env: dict, page: str, target: Path, edit: Callable[[str, str], str],
               log_path: Path, edits: int = 3, scale: int = 1) -> dict[str, Any]:
    """Start a server (`cmd` plus --dev-addr), then save `edit(original, word)` into `target` `edits`
    times; the time of each run is from the save to `page` (URL path) holding the word."""
    out: dict[str, Any] = {"rebuild_s": None, "runs_s": [], "startup_s": None, "note": None}
    startup_timeout, timeout = _timeouts(scale)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    with open(log_path, "wb") as fh:
        proc = subprocess.Popen([*cmd, "--dev-addr", f"127.0.0.1:{port}"], cwd=cwd, env=env, stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True)
    original = target.read_text(encoding="utf-8")
    try:
        start = time.perf_counter()
        while time.perf_counter() - start < startup_timeout:
            if proc.poll() is not None:
                out["note"] = f"the server exited with {proc.returncode} (see {log_path})"
                return out
            if _get(url) is not None:
                break
            time.sleep(0.2)
        else:
            out["note"] = f"the server did not come up within {startup_timeout:.0f} s"
            return out
        out["startup_s"] = round(time.perf_counter() - start, 2)
        time.sleep(1.5)  # let the watcher settle
        for i in range(edits):
            word = f"benchtoken{i}x{int(time.time())}"
            t0 = time.perf_counter()
            target.write_text(edit(original, word), encoding="utf-8")
            while time.perf_counter() - t0 < timeout:
                body = _get(url, timeout=timeout)
                if body and word in body:
                    out["runs_s"].append(round(time.perf_counter() - t0, 2))
                    break
                time.sleep(0.05)
            else:
                out["note"] = f"no rebuild within {timeout:.0f} s of editing {target.name}"
                break
            time.sleep(1.0)
    finally:
        target.write_text(original, encoding="utf-8")
        _kill_group(proc.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=30)
    out["rebuild_s"] = median(out["runs_s"])
    return out


def _summary_edit(original: str, word: str) -> str:
    text = re.sub(r"(?m)^summary: >-\n", f"summary: >-\n  {word}\n", original, count=1)
    return text if word in text else original.replace("\nsummary: ", f"\nsummary: {word} ", 1)


def _markdown_edit(original: str, word: str) -> str:
    return original.rstrip("\n") + f"\n\n{word}\n"


def serve_latency(work: Path, data: Path, scale: int = 1, edits: int = 3) -> dict[str, Any]:
    """The site's `mkdocs serve` rebuild after a data edit, on a copy of `data`."""
    data_copy = work / f"serve-data-x{scale}"
    if data_copy.exists():
        shutil.rmtree(data_copy)
    shutil.copytree(data, data_copy)
    target = _first_event(data_copy / "events", ".yml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CTWG_DATA=str(data_copy))
    env.pop("CTWG_PREVIEW", None)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
    out = time_edits(cmd, ROOT, env, f"events/{target.stem}/", target, _summary_edit,
                     work / f"serve-x{scale}.log", edits, scale)
    out["method"] = "mkdocs serve --livereload, CTWG_DATA copy, summary edit"
    out["edited"] = f"events/{target.name}"
    shutil.rmtree(data_copy, ignore_errors=True)
    return out


def _first_event(events: Path, suffix: str) -> Path:
    """The event edited at every scale: the first real one (copy 0 of a synthetic catalog)."""
    return sorted(p for p in events.glob(f"*{suffix}") if p.stem != "index" and not re.search(r"-x\d+$", p.stem))[0]


def floor_serve_latency(work: Path, floor: Path, scale: int = 1, edits: int = 3) -> dict[str, Any]:
    """Plain `mkdocs serve` of the floor project after an edit of one page's Markdown."""
    target = _first_event(floor / "docs" / "events", ".md")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--config-file", str(floor / "mkdocs.yml")]
    out = time_edits(cmd, floor, env, f"events/{target.stem}/", target, _markdown_edit,
                     work / f"floor-serve-x{scale}.log", edits, scale)
    out["method"] = "plain mkdocs serve --livereload of the floor project, one Markdown file edited"
    out["edited"] = f"docs/events/{target.name}"
    return out


def serve_figures(work: Path, data: Path, floor: Path, scale: int) -> dict[str, Any]:
    """Both, one after the other: {rebuild_s, runs_s, startup_s, floor_rebuild_s, ...}."""
    site = serve_latency(work, data, scale)
    flo = floor_serve_latency(work, floor, scale)
    out = dict(site)
    for key in ("rebuild_s", "runs_s", "startup_s", "note", "method", "edited"):
        out[f"floor_{key}"] = flo[key]
    if site["rebuild_s"] and flo["rebuild_s"]:
        out["ratio_to_floor"] = round(site["rebuild_s"] / flo["rebuild_s"], 3)
    return out
