"""Shared test helpers: the repository's paths, a strict build of a site, and test data.

Every test module imports what it needs from here (`from helpers import ...`; pytest puts
tests/ on the import path). Fixtures live in conftest.py.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"
BROKEN_SITE = FIXTURES / "broken_site"
VENDOR = TESTS / "vendor"
SOURCES = ROOT.parent / "shared" / "sources"  # the two seed documents, outside the repository


def build_site(out: Path, data: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(extra_env or {})}
    cmd = [sys.executable, "-m", "ctwg", "build", "--site-dir", str(out), "--quiet"]
    if data:
        cmd += ["--data", str(data)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


# ---------------------------------------------------------------------------
# A copy of data/ with a draft event, a news item scheduled for next year and a public news
# item that refers to both (tests/build/test_drafts.py, tests/unit/site/test_explorer_data.py).

TODAY = _dt.date.today()
NEXT_YEAR = TODAY.replace(year=TODAY.year + 1, day=min(TODAY.day, 28)).isoformat()

DRAFT_ID, DRAFT_NAME = "zebra-draft-workshop-2027", "Zebra Draft Workshop"
LATER_ID, LATER_NAME = "quokka-scheduled-story", "Quokka Scheduled Story"
PUBLIC_ID, PUBLIC_NAME = "public-story-with-references", "Public Story With References"
HIDDEN = (DRAFT_ID, DRAFT_NAME, LATER_ID, LATER_NAME)

DRAFT_EVENT = f"""\
# yaml-language-server: $schema=../schemas/events.schema.json
id: {DRAFT_ID}
name: {DRAFT_NAME}
kind: workshop
date: 2027-02-01
city: Tokyo
economy: japan
organisers:
  - ctwg
issue_areas:
  - soft-targets-protection
summary: A workshop still being planned.
sources:
  - document: medium-term-work-plan-2010-2015
    section: Work programme, goal 6
reviewed: 2026-11-22
draft: true
"""

SCHEDULED_NEWS = f"""\
---
# yaml-language-server: $schema=../schemas/news.schema.json
id: {LATER_ID}
name: {LATER_NAME}
date: {TODAY.isoformat()}
issue_areas:
  - soft-targets-protection
fora:
  - ctwg
summary: An announcement that waits for its day.
sources:
  - document: medium-term-work-plan-2010-2015
    section: Work programme, goal 6
reviewed: 2026-11-22
publish_date: {NEXT_YEAR}
---
The story, embargoed until next year.
"""

PUBLIC_NEWS = f"""\
# yaml-language-server: $schema=../schemas/news.schema.json
id: {PUBLIC_ID}
name: {PUBLIC_NAME}
date: 2026-11-01
body: A public story that mentions the draft event and the scheduled story.
issue_areas:
  - soft-targets-protection
fora:
  - ctwg
related:
  - {DRAFT_ID}
  - {LATER_ID}
  - tokyo-soft-targets-workshop-2018
summary: Public, with references to records that are not.
sources:
  - document: medium-term-work-plan-2010-2015
    section: Work programme, goal 6
reviewed: 2026-11-22
"""


def make_data(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "events" / f"{DRAFT_ID}.yml").write_text(DRAFT_EVENT, encoding="utf-8")
    (data / "news" / f"{LATER_ID}.md").write_text(SCHEDULED_NEWS, encoding="utf-8")
    (data / "news" / f"{PUBLIC_ID}.yml").write_text(PUBLIC_NEWS, encoding="utf-8")
    return data


# ---------------------------------------------------------------------------
# Comparing two built sites file for file


_FOOTER_STAMP = re.compile(rb"Version <code>[^<]*</code>, built \d{4}-\d\d-\d\d \d\d:\d\d UTC")
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# Pagefind names some index files by a hash that changes from run to run (its filter and meta
# files): those are compared by content, under their name without the hash.
_PAGEFIND_HASHED = re.compile(r"^(pagefind/(?:filter/)?[a-z.]*?)_?[0-9a-f]{7,}(\.pf_[a-z]+)$")


def _site_files(root: Path) -> dict[str, Path]:
    out = {}
    for p in root.rglob("*"):
        if p.is_file():
            rel = p.relative_to(root).as_posix()
            out[_PAGEFIND_HASHED.sub(r"\1\2", rel)] = p
    return out


def site_differences(a: Path, b: Path, *, ignore_generator: bool = False) -> list[str]:
    """What differs between two built sites, file by file: [] when they are the same.

    The build stamp in the footer (commit and time) is masked, and with ignore_generator the
    generator <meta> tag. Pagefind's meta file (it names the hashed filter files, whose hashes
    vary between identical builds) and entry file are left out; every other index file is
    compared, the filter files by their decompressed content."""
    fa, fb = _site_files(a), _site_files(b)
    out = [f"only in {a.name}: {k}" for k in sorted(fa.keys() - fb.keys())]
    out += [f"only in {b.name}: {k}" for k in sorted(fb.keys() - fa.keys())]
    for rel in sorted(fa.keys() & fb.keys()):
        if rel.endswith(".pf_meta") or rel == "pagefind/pagefind-entry.json":
            continue
        x, y = fa[rel].read_bytes(), fb[rel].read_bytes()
        if x == y:
            continue
        if rel.endswith(".pf_filter"):
            x, y = (repr(_unordered(_cbor(gzip.decompress(v).removeprefix(b"pagefind_dcd"))[0])).encode() for v in (x, y))
        else:
            x, y = _FOOTER_STAMP.sub(b"STAMP", x), _FOOTER_STAMP.sub(b"STAMP", y)
            if ignore_generator:
                x, y = _GENERATOR.sub(b"GENERATOR", x), _GENERATOR.sub(b"GENERATOR", y)
        if x != y:
            out.append(f"differs: {rel}")
    return out


def _cbor(data: bytes, i: int = 0):
    """Decode the CBOR subset Pagefind's filter files use (integers, strings, arrays, maps): (value, next index)."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        n = int.from_bytes(data[i:i + size], "big")
        i += size
    if major == 0:
        return n, i
    if major in (2, 3):
        raw = data[i:i + n]
        return (raw.decode("utf-8") if major == 3 else raw), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _cbor(data, i)
            items.append(item)
        return items, i
    if major == 5:
        out = {}
        for _ in range(n):
            k, i = _cbor(data, i)
            out[k], i = _cbor(data, i)
        return out, i
    raise ValueError(f"CBOR major type {major} is not expected in a Pagefind filter file")


def _unordered(value):
    """The same structure with every list sorted: Pagefind writes filter values in no fixed order."""
    if isinstance(value, list):
        return sorted((_unordered(v) for v in value), key=repr)
    if isinstance(value, dict):
        return sorted((repr(k), _unordered(v)) for k, v in value.items())
    return value


def explorer_records(read) -> tuple[dict, list[dict]]:
    """The explorer's (or the library's) records, decoded from its JSON files as explore.js reads
    them. `read(name)` returns a file beside the page ('filters.json', 'rows-0.json', ...) as
    text. Returns (filters.json, [{"i", "id", "n", "h", "m", "f": {facet key: [values]},
    "refers": {ids it refers to}, "date": rank or None} in the records' order]); "id" is the
    last part of the record's link."""
    import json

    data = json.loads(read("filters.json"))
    n = data["n"]
    recs = [{"i": i, "f": {f["key"]: [] for f in data["facets"]}, "refers": set(),
             "date": data["date"][i] if "date" in data and data["date"][i] >= 0 else None} for i in range(n)]
    for f in data["facets"]:
        assert len(f["p"]) == len(f["values"]), f["key"]
        for (value, _), deltas in zip(f["values"], f["p"], strict=True):
            at = 0
            for d in deltas:
                at += d
                recs[at]["f"][f["key"]].append(value)
    for c in range(0, n, data["rows"]):
        for j, row in enumerate(json.loads(read(f"rows-{c // data['rows']}.json"))):
            r = recs[c + j]
            r["n"], r["h"], r["m"] = row[:3]
            if len(row) > 3:
                r["d"], r["u"] = row[3:5]
            r["id"] = r["h"].rstrip("/").rsplit("/", 1)[-1]
    for b in range(data["buckets"]):
        for target, (_, deltas) in json.loads(read(f"links-{b}.json")).items():
            at = 0
            for d in deltas:
                at += d
                recs[at]["refers"].add(target)
    return data, recs

def fragments(site: Path, bundle: str = "pagefind") -> dict[str, dict]:
    """Every page Pagefind indexed: {url: fragment}; the pieces are gzipped JSON."""
    out = {}
    for f in (site / bundle / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), f
        frag = json.loads(raw[len(b"pagefind_dcd"):])
        out[frag["url"]] = frag
    return out
