"""The benchmark's smoke test: the real scale, one run, no browser, Lighthouse or serve; every figure key present."""

from __future__ import annotations

import json
import subprocess
import sys

from ctwg_bench.measure import gz, median, run_measured
from ctwg_bench.report import FIGURE_KEYS, TOP_KEYS
from helpers import ROOT


def test_bench_smoke(tmp_path):
    out = tmp_path / "bench-out"
    result = subprocess.run(
        [sys.executable, "-m", "ctwg_bench", "--scales", "1", "--runs", "1", "--no-browser", "--no-lighthouse",
         "--no-serve", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert set(TOP_KEYS) <= set(data)
    x1 = data["scales"]["1"]
    missing = [k for k in FIGURE_KEYS if k not in x1]
    assert not missing, missing
    for key in ("records", "html_pages", "build_s", "floor_s", "ratio_to_floor", "peak_mem_mb",
                "record_html_median_bytes", "record_html_max_bytes", "ref_record_bytes", "search_bundle_bytes",
                "floor_search_payload_gz"):
        assert isinstance(x1[key], (int, float)) and x1[key] > 0, key
    assert x1["records"] >= 100
    assert x1["build_runs_s"] and len(x1["build_runs_s"]) == 1
    assert "Targets:" in result.stdout
    assert data["checks"], "no target was checked"


def test_helpers():
    assert gz(b"a" * 10_000) < 100
    assert gz(b"") == 0
    assert median([3, 1, 2]) == 2 and median([]) is None


def test_peak_memory_adds_up_processes_running_at_once():
    """A build's memory is its whole process tree's (MkDocs, Pagefind and the exports writer run
    together): two processes holding 150 MB each at the same time must count as about 300 MB,
    which the largest single process (wait4's figure) would report as 150."""
    hold = "import time; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"
    parent = (f"import subprocess, sys; p = subprocess.Popen([sys.executable, '-c', {hold!r}]); "
              f"exec({hold!r}); p.wait()")
    code, _, peak_mb, _ = run_measured([sys.executable, "-c", parent])
    assert code == 0
    assert 290 <= peak_mb < 400, peak_mb


def test_serve_latency_is_checked_and_printed_at_every_scale(capsys):
    """The serve rebuild (site and floor) is a figure per scale, checked against issue 16's targets."""
    from ctwg_bench.report import TARGETS, checks, print_serve

    serve = {"1": {"rebuild_s": 1.5, "runs_s": [1.4, 1.5, 1.6], "floor_rebuild_s": 2.5, "floor_runs_s": [2.5]},
             "10": {"rebuild_s": 2.5, "runs_s": [2.5], "floor_rebuild_s": 19.0, "floor_runs_s": [19.0]},
             "100": {"rebuild_s": 4.0, "runs_s": [4.0], "floor_rebuild_s": None, "floor_note": "no rebuild"}}
    rows = {r["target"]: r for r in checks({"scales": {}, "scaling": {}, "serve": serve})}
    assert TARGETS["serve_rebuild_s_max"] == {"1": 2.0, "10": 2.0, "100": 5.0}
    assert [rows[f"serve rebuild at x{s} (s, median)"]["ok"] for s in ("1", "10", "100")] == [True, False, True]
    print_serve(serve)
    out = capsys.readouterr().out
    assert "x10: site 2.5 (2.5)" in out and "floor 19.0 (19.0)" in out and "floor note: no rebuild" in out
