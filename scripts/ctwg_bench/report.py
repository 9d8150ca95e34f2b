"""The report: targets, the figures every run records, the checks against the targets, the printout.

In: the result of a benchmark run. Out: pass / fail lines per target and a table of figures.
"""

from __future__ import annotations

from typing import Any

TARGETS = {
    "build_ratio_to_floor_max": 1.15,  # at x10 and x100
    "x10_to_x100_growth_max": 11.0,
    "record_page_growth_max": 0.10,  # same record's page at x100 vs x1
    "record_page_max_bytes": 50_000,
    "search_payload_gz_max": 500_000,
    "search_first_result_ms_max": 300,
    "explorer_filter_ms_max": 100,
    "explorer_first_result_gz_max": 200_000,  # downloaded before its first filtered result, at x100
    "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "serve_rebuild_s_max": {"1": 2.0, "10": 2.0, "100": 5.0},  # a data edit to the served page (issue 16)
    "peak_mem_mb_max": 1536,  # of the x100 build
}

# Keys every scale's entry in bench.json has (None when skipped or not measurable).
FIGURE_KEYS = (
    "records", "html_pages", "site_bytes",
    "build_s", "build_runs_s", "floor_s", "floor_runs_s", "ratio_to_floor",
    "build_cpu_s", "floor_cpu_s", "cpu_ratio_to_floor",
    "peak_mem_mb", "floor_peak_mem_mb",
    "record_html_median_bytes", "record_html_max_bytes", "record_html_max_id",
    "ref_record_id", "ref_record_bytes", "hub_record_id", "hub_record_bytes",
    "search_bundle_bytes", "search_payload_gz", "search_first_result_ms", "search_warm_first_result_ms",
    "search_warm_payload_gz", "search_from_first_key_ms", "search_warm_from_first_key_ms",
    "floor_search_payload_gz", "floor_search_first_result_ms", "floor_search_from_first_key_ms",
    "explorer_html_bytes", "explorer_payload_gz", "explorer_filter_ms",
    "explorer_first_result_gz", "explorer_first_result_all_gz", "explorer_first_result_ms",
)
TOP_KEYS = ("meta", "targets", "scales", "scaling", "lighthouse", "serve", "checks", "notes")



def checks(result: dict[str, Any]) -> list[dict[str, Any]]:
    T, S = TARGETS, result["scales"]
    rows: list[dict[str, Any]] = []

    def add(name: str, value: Any, target: str, ok: bool | None) -> None:
        rows.append({"target": name, "value": value, "goal": target, "ok": ok})

    for sc in ("10", "100"):
        if sc in S and S[sc]["ratio_to_floor"] is not None:
            add(f"build time / floor at x{sc}", S[sc]["ratio_to_floor"], f"<= {T['build_ratio_to_floor_max']}",
                S[sc]["ratio_to_floor"] <= T["build_ratio_to_floor_max"])
    g = result["scaling"].get("x10_to_x100_build")
    if g is not None:
        add("build time growth x10 -> x100", g, f"<= {T['x10_to_x100_growth_max']}", g <= T["x10_to_x100_growth_max"])
    top = S.get("100") or (S[max(S, key=int)] if S else None)
    one = S.get("1")
    if top and one and top["ref_record_bytes"] and one["ref_record_bytes"]:
        growth = top["ref_record_bytes"] / one["ref_record_bytes"] - 1
        add(f"record page {top['ref_record_id']} growth x1 -> x{max(S, key=int)}", round(growth, 3),
            f"<= {T['record_page_growth_max']}", growth <= T["record_page_growth_max"])
    if top and top["record_html_max_bytes"]:
        add(f"largest record page at x{max(S, key=int)} ({top['record_html_max_id']})", top["record_html_max_bytes"],
            f"< {T['record_page_max_bytes']}", top["record_html_max_bytes"] < T["record_page_max_bytes"])
        add(f"median record page at x{max(S, key=int)}", top["record_html_median_bytes"],
            f"< {T['record_page_max_bytes']}", top["record_html_median_bytes"] < T["record_page_max_bytes"])
    if top:
        for key, goal in (("search_payload_gz", T["search_payload_gz_max"]),
                          ("explorer_first_result_gz", T["explorer_first_result_gz_max"])):
            if top.get(key) is not None:
                add(f"{key} at x{max(S, key=int)}", top[key], f"<= {goal}", top[key] <= goal)
        for key, goal in (("search_first_result_ms", T["search_first_result_ms_max"]),
                          ("search_warm_first_result_ms", T["search_first_result_ms_max"]),
                          ("explorer_filter_ms", T["explorer_filter_ms_max"])):
            if top.get(key) is not None:
                add(f"{key} at x{max(S, key=int)}", top[key], f"<= {goal}", top[key] <= goal)
        if top["peak_mem_mb"] is not None:
            add(f"peak memory of the x{max(S, key=int)} build (MB)", top["peak_mem_mb"], f"<= {T['peak_mem_mb_max']}",
                top["peak_mem_mb"] <= T["peak_mem_mb_max"])
    for page, scores in (result.get("lighthouse") or {}).items():
        for cat, goal in T["lighthouse"].items():
            v = scores.get(cat) if isinstance(scores, dict) else None
            if v is not None:
                add(f"Lighthouse {cat} ({page})", v, f">= {goal}", v >= goal)
    for sc, sv in sorted((result.get("serve") or {}).items(), key=lambda kv: int(kv[0])):
        goal = T["serve_rebuild_s_max"].get(sc)
        if isinstance(sv, dict) and sv.get("rebuild_s") is not None and goal is not None:
            add(f"serve rebuild at x{sc} (s, median)", sv["rebuild_s"], f"<= {goal}", sv["rebuild_s"] <= goal)
    return rows


def print_report(result: dict[str, Any]) -> None:
    S = result["scales"]
    rows = [
        ("records", "records"), ("HTML pages", "html_pages"), ("build (median s)", "build_s"),
        ("floor (median s)", "floor_s"), ("ratio to floor", "ratio_to_floor"),
        ("build CPU (median s)", "build_cpu_s"), ("floor CPU (median s)", "floor_cpu_s"),
        ("CPU ratio to floor", "cpu_ratio_to_floor"), ("peak memory (MB)", "peak_mem_mb"),
        ("floor peak memory (MB)", "floor_peak_mem_mb"),
        ("record page median (B)", "record_html_median_bytes"), ("record page largest (B)", "record_html_max_bytes"),
        ("  largest is", "record_html_max_id"), ("same record (B)", "ref_record_bytes"), ("  that record", "ref_record_id"),
        ("x1's largest record (B)", "hub_record_bytes"), ("  that record", "hub_record_id"),
        ("search download to 1st result gz (B)", "search_payload_gz"),
        ("  first result cold (ms)", "search_first_result_ms"),
        ("    from the first key (ms)", "search_from_first_key_ms"),
        ("  warm: download gz (B)", "search_warm_payload_gz"), ("  first result warm (ms)", "search_warm_first_result_ms"),
        ("    from the first key (ms)", "search_warm_from_first_key_ms"),
        ("  index on disk (B)", "search_bundle_bytes"),
        ("floor: Material search gz (B)", "floor_search_payload_gz"),
        ("  first result cold (ms)", "floor_search_first_result_ms"),
        ("    from the first key (ms)", "floor_search_from_first_key_ms"),
        ("explorer: every file gz (B)", "explorer_payload_gz"),
        ("  download to 1st result gz (B)", "explorer_first_result_gz"),
        ("  1st result from navigation (ms)", "explorer_first_result_ms"),
        ("  filter change (ms)", "explorer_filter_ms"),
    ]
    scales = sorted(S, key=int)
    print("\n" + f"{'figure':34}" + "".join(f"{'x' + s:>22}" for s in scales))
    for label, key in rows:
        vals = []
        for s in scales:
            v = S[s].get(key)
            vals.append("n/a" if v is None else (f"{v:.3g}" if isinstance(v, float) and key.endswith("ratio_to_floor") else str(v)))
        print(f"{label:34}" + "".join(f"{v:>22}" for v in vals))
    sc = result["scaling"]
    print(f"\nx10 -> x100 growth: build {sc.get('x10_to_x100_build', 'n/a')}, floor {sc.get('x10_to_x100_floor', 'n/a')}")
    for page, scores in (result.get("lighthouse") or {}).items():
        print(f"Lighthouse {page}: " + ", ".join(f"{k} {scores.get(k)}" for k in TARGETS["lighthouse"])
              + (f" (median of {len(scores['performance_runs'])}; performance runs "
                 f"{' / '.join(map(str, scores['performance_runs']))})" if scores.get("performance_runs") else ""))
    print_serve(result.get("serve") or {})
    print("\nTargets:")
    for row in result["checks"]:
        mark = "PASS" if row["ok"] else "MISS"
        print(f"  {mark}  {row['target']}: {row['value']} (goal {row['goal']})")
    for note in result["notes"]:
        print(f"note: {note}")
    for sc in scales:
        for note in S[sc].get("notes") or []:
            print(f"note (x{sc}): {note}")


def print_serve(serve: dict[str, Any]) -> None:
    """The `mkdocs serve` rebuild latencies: the site's after a data edit, the floor's after a Markdown edit."""
    if not serve:
        return
    print("\nmkdocs serve: from saving a file to the served page showing the edit (median s; runs)")
    for sc, sv in sorted(serve.items(), key=lambda kv: int(kv[0])):
        site, flo = (" / ".join(map(str, sv.get(p + "runs_s") or [])) or "-" for p in ("", "floor_"))
        print(f"  x{sc}: site {sv.get('rebuild_s', 'n/a')} ({site}), started in {sv.get('startup_s')} s; "
              f"floor {sv.get('floor_rebuild_s', 'n/a')} ({flo}), started in {sv.get('floor_startup_s')} s")
        for key in ("note", "floor_note"):
            if sv.get(key):
                print(f"    {key.replace('_', ' ')}: {sv[key]}")
