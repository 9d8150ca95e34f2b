"""Measuring: processes timed with the peak memory of their whole tree, and sizes of built files.

In: a command (or a built site). Out: wall and CPU seconds, peak memory summed over every
process of the command's session (sampled every 0.2 s), and byte counts (raw and gzip) of
record pages, the search bundle and the explorer's payload.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import signal
import socket
import statistics
import subprocess
import threading
import time
from pathlib import Path

from ctwg.settings import ROOT  # noqa: F401

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUILD_TIMEOUT = 3600  # seconds, per build
STEP_TIMEOUT = 600  # seconds, per other step (npm ci, one Lighthouse run...)

def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------
# Processes


class Timeout(Exception):
    pass


def run_measured(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None,
                 timeout: float = BUILD_TIMEOUT, log_path: Path | None = None) -> tuple[int, float, float, float]:
    """Run `cmd`; return (exit code, wall seconds, peak memory in MB, CPU seconds) of its whole process tree.

    CPU time comes from wait4's rusage, which covers the process and every descendant it
    waited for (the `ctwg build` wrapper waits for its `mkdocs build`, which waits for Pagefind
    and for the exports writer). CPU time (user + system) is much less sensitive than wall
    time to other jobs on a shared machine. Peak memory is the most the tree held at once: the
    sum of the resident sizes of its processes, sampled every 0.2 s (or wait4's largest single
    process, if that is more). The sum counts pages a forked child shares with its parent
    twice, so it errs high.
    """
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
        timer.start()
        sampler = _TreeMemory(proc.pid)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.stop()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log_path:
            out.close()
    if wall >= timeout:
        raise Timeout(f"{' '.join(cmd[:4])}... took more than {timeout} s")
    peak = max(sampler.peak_bytes, usage.ru_maxrss * 1024) / 2**20
    return proc.returncode, wall, peak, usage.ru_utime + usage.ru_stime


class _TreeMemory:
    """Samples the summed resident memory of every process in a session (its group leader's pid)."""

    INTERVAL = 0.2

    def __init__(self, sid: int) -> None:
        self.sid, self.peak_bytes = sid, 0
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(self.INTERVAL):
            self.peak_bytes = max(self.peak_bytes, self.sample())

    def sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                if int(fields[3]) != self.sid:  # session id (after state, ppid, pgrp)
                    continue
                with open(f"/proc/{entry.name}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * self.page
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
        return total

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gz(data: bytes) -> int:
    """Bytes on the wire with gzip (level 6, what static hosts typically use); never more than raw."""
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None



# ---------------------------------------------------------------------------
# Static measurements


def record_sizes(site: Path, records: list[dict]) -> dict[str, int]:
    out = {}
    for r in records:
        p = site / r["url"] / "index.html"
        if p.is_file():
            out[r["id"]] = p.stat().st_size
    return out


def material_search_payload(site: Path) -> int | None:
    """What Material's built-in search makes a reader download (its index and worker, gzip)."""
    index = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not index.is_file() or not workers:
        return None
    return gz(index.read_bytes()) + gz(workers[0].read_bytes())


def search_bundle_bytes(site: Path) -> int | None:
    bundle = site / "pagefind"
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) if bundle.is_dir() else None


_REF = re.compile(r"""<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"'#?]+)""", re.I)


def _page_assets(site: Path, page: Path) -> set[Path]:
    html = page.read_text(encoding="utf-8", errors="replace")
    out = set()
    for ref in _REF.findall(html):
        if ref.startswith(("http:", "https:", "//", "data:")):
            continue
        p = (page.parent / ref).resolve()
        if p.is_file() and site.resolve() in p.parents:
            out.add(p)
    return out


def explorer_payload(site: Path) -> dict[str, int | None]:
    """The explorer's HTML, and everything it can load beyond the home page's assets (gzip): its
    data files, most of which it loads only when a view needs them (browser.explorer_first_result
    measures what it downloads before its first result)."""
    page = site / "explore" / "index.html"
    if not page.is_file():
        return {"explorer_html_bytes": None, "explorer_payload_gz": None}
    extra = _page_assets(site, page) - _page_assets(site, site / "index.html")
    data_files = [p for p in (site / "explore").rglob("*") if p.is_file() and p.name != "index.html"]
    total = gz(page.read_bytes()) + sum(gz(p.read_bytes()) for p in extra | set(data_files))
    return {"explorer_html_bytes": page.stat().st_size, "explorer_payload_gz": total}


def dir_bytes(path: Path) -> tuple[int, int]:
    total, pages = 0, 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            pages += p.name.endswith(".html")
    return total, pages
