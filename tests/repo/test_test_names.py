"""pytest imports test files by their base name (no __init__.py in most test folders), so two
files with one name make the whole run stop at collection. Each test file's name is unique."""

from __future__ import annotations

from collections import defaultdict

from helpers import ROOT


def test_every_test_file_name_is_unique():
    seen = defaultdict(list)
    for f in (ROOT / "tests").rglob("test_*.py"):
        if "node_modules" not in f.parts:
            seen[f.name].append(str(f.relative_to(ROOT)))
    assert not {n: p for n, p in seen.items() if len(p) > 1}
