"""Site search index: the built site -> site/pagefind/ (Pagefind's chunked index and its code).

In: a fully built site folder. Out: `pagefind/` in it. Pagefind (the `pagefind` package from
PyPI with its `pagefind_bin` binary, pinned in requirements.lock) reads every page's
`data-pagefind-body` (overrides/main.html: the article of every page but the search and 404
pages) and writes an index split into small pieces, so that a reader downloads only what a
query needs. docs/assets/js/search.js is the search UI; Pagefind's own UI files are removed.

Any failure stops the build: a site without its search is not published.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"
# Inside the article: not text anyone searches for (permalink signs, long lists of other
# records, which would make every list page match every query, diagrams' labels).
EXCLUDE = ", ".join([
    ".headerlink",
    ".ctwg-results",       # explorer and library lists: every record is indexed on its own page
    ".ctwg-facets",        # filter choices
    ".ctwg-index table",   # index pages' tables
    ".ctwg-figure svg",    # diagram labels (the text alternatives beside them are indexed)
    ".ctwg-cite",          # citation block: repeats the title
])
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
TIMEOUT = 1800  # seconds; x100 (14,600 pages) takes well under a minute


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> str:
    """Build site_dir/pagefind/; return Pagefind's summary line. Raises SearchIndexError."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
           "--force-language", "en", "--exclude-selectors", EXCLUDE]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"the search index (Pagefind) could not run: {exc}") from None
    out = (proc.stdout or "") + (proc.stderr or "")
    if proc.returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise SearchIndexError("the search index (Pagefind) failed:\n" + out.strip())
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    indexed = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("Indexed") and "pages" in ln]
    return indexed[0] if indexed else ""
