"""Synthetic catalogs for benchmarks: the real data, multiplied N times.

`python -m ctwg_bench synth --scale N --out DIR [--seed S] [--data DATA] [--share P]`

In: a data folder (default: the real data/). Out: DIR laid out like data/, holding N
copies of every record. Copy 0 is the real catalog unchanged; copy k (k >= 1) of a
record gets the id `<id>-x<k>`, a numbered name and short name, and its dates moved back
by a few years (so dates spread over several decades). Every reference is rewritten
consistently:

- references to records of the *shared* types (fora, partners, economies, issue areas)
  go, with probability P (default 0.3), to the original record of copy 0, and otherwise
  to the same copy: the real hubs (the group itself, the main issue areas) collect
  references from all over the catalog, as they would in a grown catalog;
- every other reference (events, initiatives, documents, goals, outcomes, news...) stays
  within its copy, so those records' pages keep their real size and shape.

Summaries, news bodies, action items and commitments are kept word for word, so pages
have realistic sizes. The output is deterministic for a given seed, and every file
validates (`python -m ctwg validate DIR`).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from ctwg.data import constants
from ctwg.data.datafiles import iter_data_files
from ctwg.data.dates import shift_years as shift_date
from ctwg.data.fields import iter_raw_refs
from ctwg.data.loader import load_file
from ctwg.data.models import model_for
from ctwg.settings import DATA_DIR

SHARED_TYPES = ("fora", "partners", "economies", "issue_areas")

# Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) moved with the copy, wherever they appear.
DATE_FIELDS = {"date", "end", "start", "established", "timeframe_start", "timeframe_end"}
YEAR_FIELDS = {"period_start", "period_end"}
DATE_IN = {"former_names"}  # lists of nested models that hold start/end dates


def year_offset(k: int) -> int:
    """How many years copy k is moved back: 0 for the real data, then 1..24 in a spread order."""
    return 0 if k == 0 else 1 + (k * 7) % 24


def copy_id(rid: str, k: int) -> str:
    return rid if k == 0 else f"{rid}-x{k}"


def _set(data: Any, loc: tuple, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when available
    def ignore_aliases(self, data: Any) -> bool:  # the loader refuses anchors and aliases
        return True


def _str(dumper: Any, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_record(rtype: str, data: dict[str, Any]) -> str:
    head = constants.SCHEMA_COMMENT.format(rel=f"../schemas/{rtype}.schema.json")
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return f"{head}\n{body}"


def load_source(data_dir: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(type, path, raw data) of every record file, or SystemExit naming the first problem."""
    files, errors = iter_data_files(data_dir)
    out = []
    for path, rtype in files:
        raw, errs = load_file(path, rtype)
        errors += errs
        if raw is not None:
            out.append((rtype, path, raw))
    if errors:
        raise SystemExit("the source data has problems; run `python -m ctwg validate` first:\n"
                         + "\n".join(map(str, errors[:20])))
    return [(rtype, path, raw) for rtype, path, raw in out]


def synthesize(data_dir: Path, out: Path, scale: int, seed: int = 0, share: float = 0.3) -> dict[str, int]:
    """Write `scale` copies of the catalog in `data_dir` into `out`; return {type: files written}."""
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    records = load_source(Path(data_dir))
    type_of = {raw.data["id"]: rtype for rtype, _, raw in records}
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for rtype in constants.RECORD_TYPES:
        (out / rtype).mkdir(parents=True)
    schemas = Path(data_dir) / "schemas"
    if schemas.is_dir():
        shutil.copytree(schemas, out / "schemas")
    counts = {t: 0 for t in constants.RECORD_TYPES}
    seen: set[str] = set()
    for k in range(scale):
        years = year_offset(k)
        for rtype, path, raw in records:
            data = _deep_copy(raw.data)
            rid = data["id"]
            new_id = copy_id(rid, k)
            if new_id in seen:
                raise ValueError(f"synthetic id {new_id!r} is not unique")
            seen.add(new_id)
            if k:
                data["id"] = new_id
                data["name"] = f"{data['name']} ({k + 1})"
                if data.get("short_name"):
                    data["short_name"] = f"{data['short_name']}-{k + 1}"
                for name in DATE_FIELDS:
                    if isinstance(data.get(name), str):
                        data[name] = shift_date(data[name], years)
                for name in YEAR_FIELDS:
                    if isinstance(data.get(name), str) and data[name].isdigit():
                        data[name] = str(int(data[name]) - years)
                for name in DATE_IN:
                    for item in data.get(name) or []:
                        for f in ("start", "end"):
                            if isinstance(item, dict) and isinstance(item.get(f), str):
                                item[f] = shift_date(item[f], years)
                if rtype == "news" and isinstance(data.get("date"), str):
                    data["date"] = shift_date(data["date"], years)
                cls = model_for(raw.type, raw.data.get("kind"))
                if cls is not None:
                    for loc, target, _ref in list(iter_raw_refs(cls, raw.data)):
                        ttype = type_of.get(target)
                        hub = ttype in SHARED_TYPES and rng.random() < share
                        _set(data, loc, target if hub else copy_id(target, k))
            suffix = path.suffix if rtype == "news" else ".yml"
            target_path = out / rtype / f"{new_id}{suffix}"
            if suffix == ".md":  # Markdown news: front matter plus body
                body = data.pop("body", "") or ""
                fm = dump_record(rtype, data)
                target_path.write_text(f"---\n{fm}---\n\n{body}\n", encoding="utf-8")
            else:
                target_path.write_text(dump_record(rtype, data), encoding="utf-8")
            counts[rtype] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ctwg_bench synth", description=__doc__.splitlines()[0])
    p.add_argument("--scale", type=int, required=True, help="how many copies of the catalog (1 = the real one)")
    p.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    p.add_argument("--seed", type=int, default=0, help="random seed for the shared references (default 0)")
    p.add_argument("--data", default=str(DATA_DIR), help="source data folder (default: data/)")
    p.add_argument("--share", type=float, default=0.3,
                   help="probability that a reference to a forum, partner, economy or issue area "
                        "goes to the original hub record (default 0.3)")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `python -m ctwg_bench synth -- --scale 10 ...`
        argv = argv[1:]
    args = p.parse_args(argv)
    out = Path(args.out).resolve()
    if out == Path(args.data).resolve() or out in Path(args.data).resolve().parents:
        print("--out must not be the source data folder or one of its parents", file=sys.stderr)
        return 2
    if not 0 <= args.share <= 1:
        print("--share must be between 0 and 1", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        counts = synthesize(Path(args.data), out, args.scale, args.seed, args.share)
    except (ValueError, SystemExit) as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 1
    total = sum(counts.values())
    detail = ", ".join(f"{n} {t}" for t, n in counts.items())
    print(f"Wrote {total} records to {out} in {time.perf_counter() - start:.1f} s ({detail})")
    return 0


if __name__ == "__main__":  # `python -m ctwg.synth ...`
    sys.exit(main())
