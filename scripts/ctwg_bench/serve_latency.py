"""`mkdocs serve` rebuild latency: from saving a data file to the page showing the edit.

In: a working folder. Out: the median time over a few edits, with how it was measured.
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
from pathlib import Path
from typing import Any

from ctwg.settings import DATA_DIR, ROOT

from .measure import _kill_group, free_port, median

# ---------------------------------------------------------------------------
# mkdocs serve rebuild latency


def _get(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - 127.0.0.1 only
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def serve_latency(work: Path, edits: int = 3, timeout: float = 60) -> dict[str, Any]:
    """Start `mkdocs serve --livereload`, edit a data file, time until the page shows the edit.

    First with a temporary copy of data/ named by CTWG_DATA (the documented way to preview
    other data); if the server never rebuilds (the folder is not watched), again on a
    temporary copy of the project, where `watch: [data]` covers the edited file.
    """
    out: dict[str, Any] = {"rebuild_s": None, "runs_s": [], "startup_s": None, "ctwg_data_watched": None,
                           "method": None, "note": None}
    root_copy = work / "serve-project"
    if root_copy.exists():
        shutil.rmtree(root_copy)
    root_copy.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts", "data"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root_copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, root_copy / name)
    data_copy = work / "serve-data"
    if data_copy.exists():
        shutil.rmtree(data_copy)
    shutil.copytree(DATA_DIR, data_copy)

    def attempt(cwd: Path, data: Path, env: dict, extra: tuple[str, ...] = ()) -> tuple[list[float], float | None, str | None]:
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        log_path = work / f"serve-{cwd.name}.log"
        target = sorted((data / "events").glob("*.yml"))[0]
        page_url = url + "events/" + target.stem + "/"
        with open(log_path, "wb") as fh:
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr",
                                     f"127.0.0.1:{port}", *extra], cwd=cwd, env=env, stdout=fh,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        try:
            start = time.perf_counter()
            while time.perf_counter() - start < 300:
                if proc.poll() is not None:
                    return [], None, f"mkdocs serve exited with {proc.returncode} (see {log_path})"
                if _get(page_url) is not None:
                    break
                time.sleep(0.2)
            else:
                return [], None, "mkdocs serve did not come up within 300 s"
            startup = time.perf_counter() - start
            time.sleep(1.5)  # let the watcher settle
            runs = []
            original = target.read_text(encoding="utf-8")
            try:
                for i in range(edits):
                    token = f"benchtoken{i}x{int(time.time())}"
                    text = re.sub(r"(?m)^summary: >-\n", f"summary: >-\n  {token}\n", original, count=1)
                    if token not in text:
                        text = original.replace("\nsummary: ", f"\nsummary: {token} ", 1)
                    t0 = time.perf_counter()
                    target.write_text(text, encoding="utf-8")
                    while time.perf_counter() - t0 < timeout:
                        body = _get(page_url, timeout=timeout)
                        if body and token in body:
                            runs.append(round(time.perf_counter() - t0, 2))
                            break
                        time.sleep(0.05)
                    else:
                        return runs, startup, f"no rebuild within {timeout} s of editing {target.name}"
                    time.sleep(1.0)
            finally:
                target.write_text(original, encoding="utf-8")
            return runs, startup, None
        finally:
            _kill_group(proc.pid)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CTWG_DATA=str(data_copy))
    runs, startup, problem = attempt(ROOT, data_copy, env)
    out["method"] = "CTWG_DATA copy"
    if problem and "in strict mode" in (work / f"serve-{ROOT.name}.log").read_text(errors="replace"):
        out["strict_serve_ok"] = False
        runs, startup, problem2 = attempt(ROOT, data_copy, env, ("--no-strict",))
        out["method"] = "CTWG_DATA copy, --no-strict"
        out["note"] = f"mkdocs serve aborts in strict mode ({problem}); measured with --no-strict."
        problem = problem2
    out["ctwg_data_watched"] = problem is None
    if problem:
        out["note"] = (out["note"] or "") + f" With CTWG_DATA: {problem}."
        # Only the copy's ctwg package goes first on the path: all of scripts/ would shadow the
        # mkdocs_macros plugin package with the scripts/mkdocs_macros.py shim.
        lib = work / "serve-pylib"
        lib.mkdir(exist_ok=True)
        link = lib / "ctwg"
        if not link.is_symlink():
            link.symlink_to(root_copy / "scripts" / "ctwg", target_is_directory=True)
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(lib))
        env.pop("CTWG_DATA", None)
        runs, startup, problem2 = attempt(root_copy, root_copy / "data", env)
        out["method"] = "project copy (data/ watched)"
        if problem2:
            out["note"] += f" Project copy: {problem2}."
    out["runs_s"] = runs
    out["rebuild_s"] = median(runs)
    out["startup_s"] = round(startup, 2) if startup else None
    return out
