"""What the explorer downloads before its first filtered result stays small.

The explorer's page, its script and style, the data every filter needs (the page's data-src)
and the first file of result rows: gzipped as a static host serves them, at the real scale.
Before the data was split, the page's data-src was every record with its summary (about
60 KB gzipped at this scale, and 1.2 MB at x100); the benchmark measures the same thing in a
browser at x1, x10 and x100 (`python -m ctwg_bench --explorer-only`).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

INITIAL_MAX_GZ = 40_000  # bytes, at the real scale
DATA_PER_RECORD_MAX_GZ = 20  # bytes of data-src per record: the part that grows with the catalog


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def initial_payload(site: Path) -> dict[str, int]:
    """{site-relative file: gzipped bytes} of what the explorer needs before its first filtered result."""
    page = site / "explore" / "index.html"
    html = page.read_text(encoding="utf-8")
    src = re.search(r'class="ctwg-explorer"[^>]*data-src="([^"]+)"', html).group(1)
    files = [page, site / "explore" / src, site / "assets" / "js" / "explore.js"]
    rows = site / "explore" / "rows-0.json"
    if rows.is_file():
        files.append(rows)
    return {str(f.relative_to(site)): _gz(f) for f in files}


def test_the_explorer_needs_little_before_its_first_result(built_site):
    sizes = initial_payload(built_site)
    assert sum(sizes.values()) <= INITIAL_MAX_GZ, sizes
    html = (built_site / "explore" / "index.html").read_text(encoding="utf-8")
    total = int(re.search(r'data-total="(\d+)"', html).group(1))
    data = next(n for f, n in sizes.items() if f.endswith(".json") and "rows-" not in f)
    assert data / total <= DATA_PER_RECORD_MAX_GZ, (data, total)
