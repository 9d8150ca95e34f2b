"""Benchmark: the site build at x1, x10, x100 against plain MkDocs + Material.

`python -m ctwg_bench [--scales 1,10,100] [--runs N] [--quick] [--out bench-out]
                      [--no-browser] [--no-lighthouse] [--no-serve] [--only serve] [--profile]
                      [--explorer-only [--sites DIR/site-x{scale}]]`

For each scale it writes a synthetic catalog (`ctwg.synth`), then, alternating runs so
both see the same machine load (5 runs up to x10, 3 at x100; the median is reported):
- builds the site strictly (`python -m ctwg build`), timing each run and taking the peak
  memory of the build's process tree (MkDocs, Pagefind and the exports writer, summed);
- builds the FLOOR: plain MkDocs + Material with the same theme settings, Markdown
  extensions, search plugin and nav, no macros, no hook, no overrides, over the very same
  Markdown the hook generates (every generated and hand-written page, written to files).
Then it measures, on the built site: record-page HTML sizes (median, largest, and the same
records at every scale), the search index's size, the explorer's payload. In a browser
(Debian's Chromium through Playwright, everything served on 127.0.0.1 with gzip): the site
search (Pagefind, built into every build) from the last keystroke of a query typed into the
header box to the first result, cold (typed right after the page loads) and warm (typed once the search code
has loaded), with every byte it downloaded; the same for Material's built-in search on the
floor site, for comparison; the explorer's filter-change time. At every scale: the rebuild
latency of `mkdocs serve --livereload` after a data edit, and the floor's own (plain `mkdocs
serve` of the floor project after one Markdown file is edited; ctwg_bench.serve_latency).
`--only serve` measures those alone (the catalog and the floor project are written, nothing is
built or browsed). At x1: Lighthouse (npm, pinned in bench/package-lock.json; median of 3 runs)
on the home page, a record page and the explorer.

Every figure goes to <out>/bench.json (keys in FIGURE_KEYS are always present; a figure
that was skipped or could not be measured is null with a note). Every step is bounded by
a timeout; the benchmark always stops by itself.

`--explorer-only` measures only the explorer: per scale one build (no floor, no timed runs;
`--sites` names sites already built, `{scale}` standing for the scale), then its files and,
in the browser, its filter time and what it downloads before its first result.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from ctwg.settings import DATA_DIR, ROOT
from ctwg.static_server import serve_dir

from .browser import KEY_DELAY_MS, _prime, browser, browser_figures, explorer_figures
from .floor import write_floor
from .lighthouse import run_lighthouse
from .measure import (
    CHROMIUM,
    Timeout,
    dir_bytes,
    explorer_payload,
    log,
    material_search_payload,
    median,
    record_sizes,
    run_measured,
    search_bundle_bytes,
)
from .report import FIGURE_KEYS, TARGETS, TOP_KEYS, checks, print_report
from .serve_latency import serve_figures
from .synth import SHARED_TYPES

# ---------------------------------------------------------------------------
# The benchmark


def _commit() -> str | None:
    """The commit the measured code comes from (None for a copy without .git)."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip()[:12] + ("+changes" if dirty else "")) if out.returncode == 0 else None


def versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pagefind", "playwright"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    try:
        out["chromium"] = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                                         timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        out["chromium"] = None
    return out


def bench_scale(scale: int, args: argparse.Namespace, work: Path, env: dict,
                ref: dict[str, str | None], serve: dict[str, Any]) -> dict[str, Any]:
    from .synth import synthesize

    fig: dict[str, Any] = {k: None for k in FIGURE_KEYS}
    data = work / f"data-x{scale}"
    site = work / f"site-x{scale}"
    floor = work / f"floor-x{scale}"
    manifest_path = work / f"manifest-x{scale}.json"
    log(f"x{scale}: writing the synthetic catalog")
    counts = synthesize(Path(args.data), data, scale, seed=args.seed)
    fig["records"] = sum(counts.values())
    log(f"x{scale}: {fig['records']} records; writing the floor project")
    write_floor(data, floor, manifest_path, env)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if not args.no_serve:
        log(f"x{scale}: mkdocs serve rebuild latency, the site's and the floor's")
        try:
            serve[str(scale)] = serve_figures(work, data, floor, scale)
        except (OSError, subprocess.SubprocessError) as exc:
            serve[str(scale)] = {"rebuild_s": None, "note": str(exc)}
        log(f"x{scale}: serve rebuild {serve[str(scale)].get('rebuild_s')} s, "
            f"floor {serve[str(scale)].get('floor_rebuild_s')} s")
    if args.only == "serve":
        return fig

    build_cmd = [sys.executable, "-m", "ctwg", "build", "--site-dir", str(site), "--data", str(data), "--quiet"]
    floor_cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(floor / "mkdocs.yml"),
                 "--site-dir", str(floor / "site")]
    if scale == min(args.scale_list):  # `--quiet` hides warnings from --strict (MkDocs 1.6): check once without it
        check_cmd = [c for c in build_cmd if c != "--quiet"]
        check_cmd[check_cmd.index("--site-dir") + 1] = str(work / f"site-x{scale}-strict")
        code, _, _, _ = run_measured(check_cmd, env=env, cwd=ROOT, log_path=work / f"strict-x{scale}.log")
        fig["strict_build_ok"] = code == 0
        if code:
            warnings = [ln for ln in (work / f"strict-x{scale}.log").read_text(errors="replace").splitlines()
                        if ln.startswith(("WARNING", "ERROR"))]
            fig.setdefault("notes", []).append(
                f"the strict build fails ({len(warnings)} warnings, e.g. {warnings[:1]}); timings use --quiet, "
                "which MkDocs 1.6 lets through")
        shutil.rmtree(work / f"site-x{scale}-strict", ignore_errors=True)
    def measured(cmd: list[str], cwd: Path, name: str, run: int) -> tuple[float, float, float]:
        """One timed build: (wall s, peak MB, CPU s); a failed build stops the benchmark."""
        logfile = work / f"{name}-x{scale}-{run}.log"
        code, wall, mem, cpu = run_measured(cmd, env=env, cwd=cwd, log_path=logfile)
        if code != 0:
            raise RuntimeError(f"the x{scale} {name} failed; see {logfile}")
        return wall, mem, cpu

    builds, floors, mems, fmems, cpus, fcpus = [], [], [], [], [], []
    runs = args.runs or (5 if scale <= 10 else 3)  # small builds are cheap: more runs steady the median
    for run in range(runs):
        wall, mem, cpu = measured(build_cmd, ROOT, "build", run)
        fwall, fmem, fcpu = measured(floor_cmd, floor, "floor", run)
        builds.append(round(wall, 2))
        mems.append(mem)
        cpus.append(round(cpu, 2))
        floors.append(round(fwall, 2))
        fmems.append(fmem)
        fcpus.append(round(fcpu, 2))
        log(f"x{scale}: run {run + 1}/{runs}: build {wall:.1f} s ({cpu:.1f} s CPU, {mem:.0f} MB), "
            f"floor {fwall:.1f} s ({fcpu:.1f} s CPU, {fmem:.0f} MB)")
    fig.update(build_s=median(builds), build_runs_s=builds, floor_s=median(floors), floor_runs_s=floors,
               ratio_to_floor=round(median(builds) / median(floors), 3),
               peak_mem_mb=round(max(mems), 1), floor_peak_mem_mb=round(max(fmems), 1),
               build_cpu_s=median(cpus), floor_cpu_s=median(fcpus),
               cpu_ratio_to_floor=round(median(cpus) / median(fcpus), 3))

    # Page sizes
    total, pages = dir_bytes(site)
    fig["site_bytes"], fig["html_pages"] = total, pages
    sizes = record_sizes(site, manifest["records"])
    if sizes:
        fig["record_html_median_bytes"] = int(statistics.median(sizes.values()))
        big = max(sizes, key=sizes.get)
        fig["record_html_max_bytes"], fig["record_html_max_id"] = sizes[big], big
        types = {r["id"]: r["type"] for r in manifest["records"]}
        if ref.get("ref") is None:  # chosen at the first scale: the real records (copy 0)
            own = {i: n for i, n in sizes.items() if not re.search(r"-x\d+$", i)}
            plain = sorted((n, i) for i, n in own.items() if types[i] not in SHARED_TYPES)
            ref["ref"] = plain[len(plain) // 2][1] if plain else None
            ref["hub"] = max(own, key=own.get) if own else None
        fig["ref_record_id"], fig["ref_record_bytes"] = ref["ref"], sizes.get(ref["ref"])
        fig["hub_record_id"], fig["hub_record_bytes"] = ref["hub"], sizes.get(ref["hub"])
    fig["search_bundle_bytes"] = search_bundle_bytes(site)
    fig["floor_search_payload_gz"] = material_search_payload(floor / "site")
    fig.update(explorer_payload(site))
    md = manifest["md_bytes"]
    fig["markdown_bytes_total"] = sum(md.values())
    fig["largest_pages"] = _largest_pages(site, 5)

    if not args.no_browser:
        try:
            log(f"x{scale}: browser measurements")
            with serve_dir(site) as base, serve_dir(floor / "site") as floor_base, browser() as b:
                _prime(base, site)
                _prime(floor_base, floor / "site")
                fig.update(browser_figures(b, base, site, args.query, floor_base=floor_base, floor_site=floor / "site"))
        except Exception as exc:  # noqa: BLE001
            fig.setdefault("notes", []).append(f"browser: {type(exc).__name__}: {exc}")
    if args.profile and scale == max(args.scale_list):
        log(f"x{scale}: profiling one build")
        prof = work / f"profile-x{scale}.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--quiet",
               "--site-dir", str(work / f"site-x{scale}-profile")]
        run_measured(cmd, env=dict(env, CTWG_DATA=str(data)), cwd=ROOT, log_path=work / f"profile-x{scale}.log")
        fig["profile"] = str(prof)
        _profile_text(prof, work / f"profile-x{scale}.txt")
    return fig



EXPLORER_KEYS = ("records", "explorer_html_bytes", "explorer_payload_gz", "explorer_first_result_gz",
                 "explorer_first_result_all_gz", "explorer_first_result_ms", "explorer_filter_ms")


def bench_explorer(scale: int, args: argparse.Namespace, work: Path, env: dict) -> dict[str, Any]:
    """The explorer's figures at one scale: one build (or the site named by --sites), its files, the browser."""
    fig: dict[str, Any] = {k: None for k in EXPLORER_KEYS}
    if args.sites:
        site = Path(args.sites.replace("{scale}", str(scale)))
        if not (site / "explore" / "index.html").is_file():
            raise RuntimeError(f"no built explorer in {site}")
    else:
        from .synth import synthesize

        data, site = work / f"data-x{scale}", work / f"site-x{scale}"
        log(f"x{scale}: writing the synthetic catalog")
        fig["records"] = sum(synthesize(Path(args.data), data, scale, seed=args.seed).values())
        log(f"x{scale}: one build")
        cmd = [sys.executable, "-m", "ctwg", "build", "--site-dir", str(site), "--data", str(data), "--quiet"]
        code, wall, _, _ = run_measured(cmd, env=env, cwd=ROOT, log_path=work / f"build-x{scale}.log")
        if code != 0:
            raise RuntimeError(f"the x{scale} build failed; see {work / f'build-x{scale}.log'}")
        fig["build_s"] = round(wall, 1)
    fig["site"] = str(site)
    fig.update(explorer_payload(site))
    if not args.no_browser:
        log(f"x{scale}: explorer in the browser")
        with serve_dir(site) as base, browser() as b:
            _prime(base, site)
            fig.update(explorer_figures(b, base, site))
    return fig


def explorer_main(args: argparse.Namespace, work: Path, env: dict) -> int:
    result: dict[str, Any] = {"meta": {"started": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                                       "commit": _commit(), "sites": args.sites, "gzip_level": 6},
                              "scales": {}, "notes": []}
    status = 0
    for scale in args.scale_list:
        try:
            result["scales"][str(scale)] = bench_explorer(scale, args, work, env)
        except (RuntimeError, Timeout, subprocess.SubprocessError, OSError) as exc:
            result["notes"].append(f"x{scale}: {exc}")
            status = 1
    (work.parent / "explorer.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    S = result["scales"]
    scales = sorted(S, key=int)
    print("\n" + f"{'explorer':40}" + "".join(f"{'x' + s:>14}" for s in scales))
    for label, key in (("records", "records"), ("page HTML (B)", "explorer_html_bytes"),
                       ("every explorer file gz (B)", "explorer_payload_gz"),
                       ("download before 1st result gz (B)", "explorer_first_result_gz"),
                       ("  all the page's bytes (B)", "explorer_first_result_all_gz"),
                       ("  1st result from navigation (ms)", "explorer_first_result_ms"),
                       ("filter change (ms)", "explorer_filter_ms")):
        print(f"{label:40}" + "".join(f"{'n/a' if S[s].get(key) is None else S[s][key]!s:>14}" for s in scales))
    for note in result["notes"]:
        print(f"note: {note}")
    print(f"\nAll figures: {work.parent / 'explorer.json'}")
    return status


def _largest_pages(site: Path, n: int) -> list[tuple[str, int]]:
    pages = [(str(p.relative_to(site).parent), p.stat().st_size) for p in site.rglob("index.html")]
    return sorted(pages, key=lambda x: -x[1])[:n]


def _profile_text(prof: Path, out: Path) -> None:
    import io
    import pstats

    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    out.write_text(buf.getvalue(), encoding="utf-8")



def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ctwg_bench", description=__doc__.splitlines()[0])
    p.add_argument("--scales", help="comma-separated scales (default 1,10,100; with --quick 1,10)")
    p.add_argument("--runs", type=int, help="builds per scale, the median is reported (default 5 up to x10, 3 above; --quick 1)")
    p.add_argument("--quick", action="store_true", help="smoke test: 1 run, scales 1,10")
    p.add_argument("--out", default=str(ROOT / "bench-out"), help="results folder (default bench-out/)")
    p.add_argument("--data", default=str(DATA_DIR), help="source data folder (default data/)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--query", default="aviation", help="search query for the browser timings")
    p.add_argument("--no-browser", action="store_true", help="skip Playwright timings")
    p.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    p.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild timings")
    p.add_argument("--only", choices=["serve"], help="measure only this part (serve: the serve rebuild latency, "
                                                      "the site's and the floor's, at each scale)")
    p.add_argument("--profile", action="store_true", help="also cProfile one build at the largest scale")
    p.add_argument("--keep-sites", action="store_true", help="keep the built sites and synthetic data")
    p.add_argument("--explorer-only", action="store_true",
                   help="only the explorer's figures (one build per scale, no floor, no Lighthouse or serve)")
    p.add_argument("--sites", help="with --explorer-only: measure these built sites, {scale} for the scale "
                                   "(e.g. bench-out/work/site-x{scale})")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:
        argv = argv[1:]
    args = p.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else None)
    args.scale_list = [int(s) for s in (args.scales or ("1,10" if args.quick else "1,10,100")).split(",") if s.strip()]
    if not args.scale_list or min(args.scale_list) < 1 or (args.runs is not None and args.runs < 1):
        print("scales and runs must be 1 or more", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CTWG_DATA", None)
    env.pop("CTWG_PREVIEW", None)
    if args.explorer_only:
        return explorer_main(args, work, env)

    result: dict[str, Any] = {k: None for k in TOP_KEYS}
    result.update(scales={}, scaling={}, lighthouse={}, serve={}, checks=[], notes=[], targets=TARGETS)
    result["meta"] = {
        "started": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "args": {k: v for k, v in vars(args).items()},
        "cpus": os.cpu_count(), "load_before": os.getloadavg(), "versions": versions(),
        "gzip_level": 6, "search_key_delay_ms": KEY_DELAY_MS,
        "code_root": str(ROOT), "commit": _commit(),
    }
    json_path = out / "bench.json"

    def save() -> None:
        json_path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")

    ref: dict[str, str | None] = {"ref": None, "hub": None}
    status = 0
    try:
        for scale in args.scale_list:
            try:
                result["scales"][str(scale)] = bench_scale(scale, args, work, env, ref, result["serve"])
            except (RuntimeError, Timeout, subprocess.SubprocessError, OSError) as exc:
                result["notes"].append(f"x{scale}: {exc}")
                log(f"x{scale} failed: {exc}")
                status = 1
            save()
        S = result["scales"]
        if "10" in S and "100" in S and S["10"]["build_s"] and S["100"]["build_s"]:
            result["scaling"]["x10_to_x100_build"] = round(S["100"]["build_s"] / S["10"]["build_s"], 2)
            result["scaling"]["x10_to_x100_floor"] = round(S["100"]["floor_s"] / S["10"]["floor_s"], 2)
        if not args.no_lighthouse and args.only is None:
            result["lighthouse"] = run_lighthouse(work, S, ref)
            save()
        result["checks"] = checks(result)
        result["meta"]["load_after"] = os.getloadavg()
        result["meta"]["finished"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        save()
        print_report(result)
        print(f"\nAll figures: {json_path}")
    finally:
        if not args.keep_sites:
            for scale in args.scale_list:
                for name in (f"site-x{scale}-profile", f"floor-x{scale}/site"):
                    shutil.rmtree(work / name, ignore_errors=True)
    return status
