"""Lighthouse (npm, pinned in bench/package-lock.json): scores of the home page, a record page and the explorer.

In: a built site served on 127.0.0.1. Out: the median of LH_RUNS runs per page and category,
with the audits that failed.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from ctwg.settings import ROOT
from ctwg.static_server import serve_dir

from .measure import CHROME_FLAGS, CHROMIUM, STEP_TIMEOUT, log, median
from .report import TARGETS

BENCH_NPM = ROOT / "bench"


# ---------------------------------------------------------------------------
# Lighthouse


def npm_ci(log_path: Path) -> Path:
    lh = BENCH_NPM / "node_modules" / ".bin" / "lighthouse"
    cmd = ["npm", "ci", "--prefix", str(BENCH_NPM), "--no-audit", "--no-fund", "--ignore-scripts"]
    with open(log_path, "wb") as fh:
        subprocess.run(cmd, check=True, timeout=STEP_TIMEOUT, stdout=fh, stderr=subprocess.STDOUT)
    return lh


LH_RUNS = 3


def lighthouse(lh: Path, url: str, out_json: Path, log_path: Path) -> dict[str, float | None]:
    flags = " ".join(["--headless=new", *CHROME_FLAGS])
    cmd = [str(lh), url, "--quiet", "--output=json", f"--output-path={out_json}",
           f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo",
           "--max-wait-for-load=60000"]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with open(log_path, "ab") as fh:
        subprocess.run(cmd, env=env, timeout=STEP_TIMEOUT, stdout=fh, stderr=subprocess.STDOUT, check=False)
    if not out_json.is_file():
        return {k: None for k in ("performance", "accessibility", "best-practices", "seo")}
    report = json.loads(out_json.read_text(encoding="utf-8"))
    scores = {k: (round(v["score"] * 100) if v.get("score") is not None else None)
              for k, v in report.get("categories", {}).items()}
    failed = sorted(a["id"] for a in report.get("audits", {}).values()
                    if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "metricSavings"))
    scores["failed_audits"] = failed[:30]
    return scores



def run_lighthouse(work: Path, S: dict[str, Any], ref: dict[str, str | None]) -> dict[str, Any]:
    """Lighthouse at x1 (or the smallest scale built) on home, a record page and the explorer."""
    if not S:
        return {}
    scale = min(S, key=int)
    site = work / f"site-x{scale}"
    out: dict[str, Any] = {}
    log(f"x{scale}: Lighthouse (npm ci --prefix bench)")
    try:
        lh = npm_ci(work / "npm-ci.log")
    except (OSError, subprocess.SubprocessError) as exc:
        return {"error": f"npm ci failed: {exc}"}
    manifest = json.loads((work / f"manifest-x{scale}.json").read_text(encoding="utf-8"))
    urls = {r["id"]: r["url"] for r in manifest["records"]}
    pages = {"home": ""}
    if ref.get("ref") in urls:
        pages["record"] = urls[ref["ref"]]
    pages["explorer"] = "explore/" if (site / "explore" / "index.html").is_file() else None
    with serve_dir(site) as base:
        for name, rel in pages.items():
            if rel is None:
                out[name] = {k: None for k in TARGETS["lighthouse"]} | {"note": "n/a: no /explore/ page"}
                continue
            # Scores move with the machine's load from one run to the next (Lighthouse's own
            # advice on variability): each category's median of LH_RUNS runs is reported.
            runs = []
            for i in range(LH_RUNS):
                log(f"Lighthouse: {name} ({i + 1}/{LH_RUNS})")
                runs.append(lighthouse(lh, base + rel, work / f"lighthouse-{name}-{i}.json", work / "lighthouse.log"))
            out[name] = {k: median([r[k] for r in runs if r.get(k) is not None]) for k in TARGETS["lighthouse"]}
            out[name]["performance_runs"] = [r.get("performance") for r in runs]
            out[name]["failed_audits"] = sorted({a for r in runs for a in r.get("failed_audits", [])})
            out[name]["url_path"] = "/" + rel
    return out
